package classify

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// The HTML front end's first step: the page's character encoding. Crawlers
// hand over the bytes as served, and much of the web is still windows-1252,
// ISO-8859-x, GBK, Shift_JIS or EUC-KR; read as UTF-8 their letters would
// become U+FFFD. The encoding is taken, in order, from a byte-order mark,
// from the page's own <meta charset> or <meta http-equiv="Content-Type">,
// and otherwise from the bytes: UTF-8 with at most a few stray bytes is
// UTF-8 (the strays become U+FFFD), anything else windows-1252 (what browsers assume for an undeclared Western page). A
// page that declares a legacy encoding but is valid UTF-8 is UTF-8: the
// declaration is a template's leftover or the page was re-saved, since
// legacy text with letters beyond ASCII is almost never valid UTF-8 by
// chance (and pure ASCII reads the same either way). Everything after
// this step works on UTF-8, and offsets index the decoded text.

// charsetScanBytes is how much of the page's start is searched for a
// <meta> declaration. The standard's prescan reads 1,024 bytes; real heads
// put long scripts and styles first, so the search goes further.
const charsetScanBytes = 32 << 10

// decodeHTML returns src as UTF-8 and the name of the encoding it was read
// in ("utf-8" when it is returned as it was). valid says the returned text
// was found valid UTF-8, so that the extractor need not check its words.
func decodeHTML(src string) (out, name string, valid bool) {
	enc, name, bom := declaredCharset(src)
	if enc == nil || isUTF8Name(name) {
		if bom {
			return src[3:], "utf-8", false
		}
		if valid := utf8.ValidString(src); valid || !mostlyInvalidUTF8(src) {
			return src, "utf-8", valid
		}
		// Undeclared, or declared UTF-8 by a template, and not UTF-8: a
		// Western legacy page.
		enc, name = charset.Lookup("windows-1252")
	} else if !bom && utf8.ValidString(src) {
		return src, "utf-8", true
	}
	if bom {
		src = src[2:] // a UTF-16 byte-order mark
	}
	out, err := enc.NewDecoder().String(src)
	if err != nil {
		return src, "utf-8", false
	}
	return out, name, false
}

// declaredCharset is the encoding the page declares: a byte-order mark
// (bom true), else a <meta> charset in the page's first charsetScanBytes;
// nil when there is none or it names no known encoding.
func declaredCharset(src string) (enc encoding.Encoding, name string, bom bool) {
	switch {
	case len(src) >= 3 && src[:3] == "\xef\xbb\xbf":
		return unicode.UTF8, "utf-8", true
	case len(src) >= 2 && src[:2] == "\xfe\xff":
		e, n := charset.Lookup("utf-16be")
		return e, n, true
	case len(src) >= 2 && src[:2] == "\xff\xfe":
		e, n := charset.Lookup("utf-16le")
		return e, n, true
	}
	head := src[:min(len(src), charsetScanBytes)]
	for i := 0; ; {
		k := indexFold(head[i:], "<meta")
		if k < 0 {
			return nil, "", false
		}
		i += k + 5
		end := strings.IndexByte(head[i:], '>')
		if end < 0 {
			return nil, "", false
		}
		tag := head[i : i+end]
		i += end
		if cs := metaCharset(tag); cs != "" {
			if e, n := charset.Lookup(cs); e != nil {
				return e, n, false
			}
		}
	}
}

// metaCharset is the charset a <meta> tag's attributes (the bytes between
// "<meta" and ">") name: charset="…", or charset=… inside the content of
// an http-equiv Content-Type.
func metaCharset(tag string) string {
	k := indexFold(tag, "charset")
	if k < 0 {
		return ""
	}
	v := strings.TrimLeft(tag[k+len("charset"):], " \t\r\n")
	if len(v) == 0 || v[0] != '=' {
		return ""
	}
	v = strings.TrimLeft(v[1:], " \t\r\n\"'")
	end := strings.IndexAny(v, " \t\r\n\"';/>")
	if end < 0 {
		end = len(v)
	}
	return v[:end]
}

// indexFold is the index of the ASCII-lower-case needle in b, ignoring
// ASCII case, or -1.
func indexFold(b, needle string) int {
	for i := 0; i+len(needle) <= len(b); i++ {
		j := 0
		for j < len(needle) && b[i+j]|0x20 == needle[j] {
			j++
		}
		if j == len(needle) {
			return i
		}
	}
	return -1
}

func isUTF8Name(name string) bool { return name == "utf-8" }

// mostlyInvalidUTF8 reports whether most non-ASCII sequences of an
// undeclared page are invalid UTF-8: a legacy page, not a UTF-8 page with a
// few stray bytes.
func mostlyInvalidUTF8(s string) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	return invalid > valid
}
