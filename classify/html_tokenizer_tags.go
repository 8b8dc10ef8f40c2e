// Ported from golang.org/x/net/html (token.go): Copyright 2010 The Go
// Authors. All rights reserved. Use of this source code is governed by a
// BSD-style licence that can be found in LICENSE.golang-x-net.

package classify

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// The extractor's tokenizer (html_tokenizer.go): tags and their
// attributes, what a token gives the extractor, and script bodies.

// readStartTag reads a start tag after its "<" and first letter.
func (z *htmlTokenizer) readStartTag() html.TokenType {
	z.readTag(true)
	if z.err != nil {
		return html.ErrorToken
	}
	// Several tags make the next token raw text.
	z.rawTag = rawTextTag(z.buf[z.data.start:z.data.end])
	// "/>" closes the tag unless the '/' is the end of the last attribute's
	// unquoted value (<p a=/>). As in the library, the last attribute is the
	// last it keeps: a repeated key is dropped.
	if z.buf[z.pos-2] == '/' {
		if k := z.lastKept(); k < 0 || z.pos-2 != z.attr[k][1].end-1 {
			return html.SelfClosingTagToken
		}
	}
	return html.StartTagToken
}

// rawTextTag is the name, lowered, of the elements whose content the
// tokenizer reads as one text token, and "" for other names.
func rawTextTag(name string) string {
	var low [len("plaintext")]byte
	if len(name) < 3 || len(name) > len(low) {
		return ""
	}
	switch string(lowerInto(low[:], name)) {
	case "iframe":
		return "iframe"
	case "noembed":
		return "noembed"
	case "noframes":
		return "noframes"
	case "noscript":
		return "noscript"
	case "plaintext":
		return "plaintext"
	case "script":
		return "script"
	case "style":
		return "style"
	case "textarea":
		return "textarea"
	case "title":
		return "title"
	case "xmp":
		return "xmp"
	}
	return ""
}

// lastKept is the index in z.attr of the last attribute html.Tokenizer
// keeps — the last whose key, ignoring ASCII case, no earlier attribute
// has — or -1.
func (z *htmlTokenizer) lastKept() int {
	const quadraticMax = 32 // past this, a map keeps hostile tags linear
	if len(z.attr) > quadraticMax {
		seen, last := make(map[string]bool, len(z.attr)), -1
		for i, a := range z.attr {
			k := string(lowerBytesInPlace([]byte(z.buf[a[0].start:a[0].end])))
			if !seen[k] {
				seen[k], last = true, i
			}
		}
		return last
	}
	for i := len(z.attr) - 1; i >= 0; i-- {
		ki := z.buf[z.attr[i][0].start:z.attr[i][0].end]
		dup := false
		for j := 0; j < i && !dup; j++ {
			dup = asciiEqualFold(ki, z.buf[z.attr[j][0].start:z.attr[j][0].end])
		}
		if !dup {
			return i
		}
	}
	return -1
}

// asciiEqualFold is a == b with ASCII letters of either case equal (the
// library lowers only those).
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// readTag reads a tag's name and attributes; the attributes are kept in
// z.attr if saveAttr. The "<a" or "</a" is read.
func (z *htmlTokenizer) readTag(saveAttr bool) {
	z.attr = z.attr[:0]
	z.readTagName()
	if z.skipWhiteSpace(); z.err != nil {
		return
	}
	for {
		c := z.readByte()
		if z.err != nil || c == '>' {
			break
		}
		z.pos--
		z.readTagAttrKey()
		z.readTagAttrVal()
		if saveAttr && z.pending[0].start != z.pending[0].end {
			z.attr = append(z.attr, z.pending)
		}
		if z.skipWhiteSpace(); z.err != nil {
			break
		}
	}
}

// readTagName sets z.data to the tag's name; its first byte is read.
func (z *htmlTokenizer) readTagName() {
	z.data.start = z.pos - 1
	for {
		c := z.readByte()
		if z.err != nil {
			z.data.end = z.pos
			return
		}
		switch c {
		case ' ', '\n', '\r', '\t', '\f':
			z.data.end = z.pos - 1
			return
		case '/', '>':
			z.pos--
			z.data.end = z.pos
			return
		}
	}
}

// readTagAttrKey sets z.pending[0] to the "k" of k=v.
func (z *htmlTokenizer) readTagAttrKey() {
	z.pending[0] = attrSpan{span: span{z.pos, z.pos}}
	for {
		c := z.readByte()
		if z.err != nil {
			z.pending[0].end = z.pos
			return
		}
		switch c {
		case '=':
			if z.pending[0].start+1 == z.pos {
				// An '=' before the name starts is part of the name.
				continue
			}
			fallthrough
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			z.pos--
			z.pending[0].end = z.pos
			return
		}
	}
}

// readTagAttrVal sets z.pending[1] to the "v" of k=v.
func (z *htmlTokenizer) readTagAttrVal() {
	z.pending[1] = attrSpan{span: span{z.pos, z.pos}}
	if z.skipWhiteSpace(); z.err != nil {
		return
	}
	c := z.readByte()
	if z.err != nil || c == '/' {
		return
	}
	if c != '=' {
		z.pos--
		return
	}
	if z.skipWhiteSpace(); z.err != nil {
		return
	}
	quote := z.readByte()
	if z.err != nil {
		return
	}
	switch quote {
	case '>':
		z.pos--
	case '\'', '"':
		z.pending[1] = attrSpan{span: span{z.pos, z.pos}, quote: quote}
		if z.skipTo(quote) {
			z.pending[1].end = z.pos - 1
		} else {
			z.pending[1].end = z.pos
		}
	default:
		z.pending[1].start = z.pos - 1
		for {
			c := z.readByte()
			if z.err != nil {
				z.pending[1].end = z.pos
				return
			}
			switch c {
			case ' ', '\n', '\r', '\t', '\f':
				z.pending[1].end = z.pos - 1
				return
			case '>':
				z.pos--
				z.pending[1].end = z.pos
				return
			}
		}
	}
}

// Text is the text of a text token as html.Tokenizer.Text gives it:
// newlines normalized, NULs of raw text replaced, character references
// unescaped unless the text is raw.
func (z *htmlTokenizer) Text() string {
	if z.tt != html.TextToken {
		return ""
	}
	s := z.buf[z.data.start:z.data.end]
	z.data = span{z.pos, z.pos}
	if strings.IndexByte(s, '\r') >= 0 {
		s = string(convertNewlines([]byte(s)))
	}
	if z.convertNUL && strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	}
	if !z.textIsRaw && strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// TagName is the name of a tag token as written, NULs replaced; the
// library lowers it too (tagString does).
func (z *htmlTokenizer) TagName() string {
	s := z.buf[z.data.start:z.data.end]
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	}
	return s
}

// attrKey is the key of attribute i as written; the library lowers it.
func (z *htmlTokenizer) attrKey(i int) string {
	k := z.attr[i][0]
	return z.buf[k.start:k.end]
}

// attrValue is the value of attribute i as html.Tokenizer.TagAttr gives
// it: NULs replaced, newlines normalized, character references unescaped
// as in an attribute. Most values need none of it and are substrings of
// the page.
func (z *htmlTokenizer) attrValue(i int) string {
	v := z.attr[i][1]
	s := z.buf[v.start:v.end]
	for j := 0; j < len(s); j++ {
		if c := s[j]; c == 0 || c == '\r' || c == '&' {
			return decodeAttrValue(s, v.quote)
		}
	}
	return s
}

// decodeAttrValue is libraryAttrValue, done here for the values whose
// references an attribute and text read alike: numeric ones, and the
// names isCommonAttrRef knows. Other names can differ ("&copy=" is text's ©
// but an attribute's "&copy="; "&ampx;" is text's "&x;"), and go to the
// library.
func decodeAttrValue(v string, quote byte) string {
	s := strings.ReplaceAll(v, "\x00", "\uFFFD")
	if strings.IndexByte(s, '\r') >= 0 {
		s = string(convertNewlines([]byte(s)))
	}
	for rest := s; ; {
		i := strings.IndexByte(rest, '&')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		if rest == "" || rest[0] == '#' || !isASCIIAlnum(rest[0]) {
			continue
		}
		j := 0
		for j < len(rest) && isASCIIAlnum(rest[j]) {
			j++
		}
		if j == len(rest) || rest[j] != ';' || !isCommonAttrRef(rest[:j]) {
			return libraryAttrValue(v, quote)
		}
	}
	return html.UnescapeString(s)
}

// isCommonAttrRef: the named references, all in the library's table,
// that URLs and descriptions write in attribute values.
func isCommonAttrRef(name string) bool {
	switch name {
	case "amp", "lt", "gt", "quot", "apos", "nbsp":
		return true
	}
	return false
}

// libraryAttrValue reads value v, written in quote (0 for none), with the
// library's tokenizer: the references it unescapes in an attribute
// differ from those in text (html.UnescapeString), and only the library
// knows its table of them. The value is read the same way in a tag of
// its own, as its bytes alone decide how.
func libraryAttrValue(v string, quote byte) string {
	tag := make([]byte, 0, len(v)+8)
	tag = append(tag, "<a v="...)
	if quote != 0 {
		tag = append(tag, quote)
	}
	tag = append(tag, v...)
	if quote != 0 {
		tag = append(tag, quote)
	}
	tag = append(tag, '>')
	lz := html.NewTokenizer(bytes.NewReader(tag))
	lz.Next()
	_, val, _ := lz.TagAttr()
	return string(val)
}

// convertNewlines converts "\r" and "\r\n" in s to "\n", in place.
func convertNewlines(s []byte) []byte {
	i := bytes.IndexByte(s, '\r')
	if i < 0 {
		return s
	}
	dst := i
	for src := i; src < len(s); src++ {
		c := s[src]
		if c == '\r' {
			if src+1 < len(s) && s[src+1] == '\n' {
				src++
			}
			c = '\n'
		}
		s[dst] = c
		dst++
	}
	return s[:dst]
}

// readScript reads a script's body up to its "</script", following the
// standard's rules for a "</script" inside "<!--" … "-->" (the library's
// state machine, state for state).
func (z *htmlTokenizer) readScript() {
	var c byte

scriptData:
	if !z.skipTo('<') {
		return
	}

	// scriptDataLessThanSign:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '/':
		goto scriptDataEndTagOpen
	case '!':
		goto scriptDataEscapeStart
	}
	z.pos--
	goto scriptData

scriptDataEndTagOpen:
	if z.readRawEndTag() || z.err != nil {
		return
	}
	goto scriptData

scriptDataEscapeStart:
	c = z.readByte()
	if z.err != nil {
		return
	}
	if c == '-' {
		goto scriptDataEscapeStartDash
	}
	z.pos--
	goto scriptData

scriptDataEscapeStartDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	if c == '-' {
		goto scriptDataEscapedDashDash
	}
	z.pos--
	goto scriptData

scriptDataEscaped:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	c = z.readByte()
	if z.err != nil {
		return
	}
	if c == '/' {
		goto scriptDataEscapedEndTagOpen
	}
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		goto scriptDataDoubleEscapeStart
	}
	z.pos--
	goto scriptData

scriptDataEscapedEndTagOpen:
	if z.readRawEndTag() || z.err != nil {
		return
	}
	goto scriptDataEscaped

scriptDataDoubleEscapeStart:
	z.pos--
	for i := 0; i < len("script"); i++ {
		c = z.readByte()
		if z.err != nil {
			return
		}
		if c != "script"[i] && c != "SCRIPT"[i] {
			z.pos--
			goto scriptDataEscaped
		}
	}
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		goto scriptDataDoubleEscaped
	}
	z.pos--
	goto scriptDataEscaped

scriptDataDoubleEscaped:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	c = z.readByte()
	if z.err != nil {
		return
	}
	if c == '/' {
		goto scriptDataDoubleEscapeEnd
	}
	z.pos--
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapeEnd:
	if z.readRawEndTag() {
		z.pos += len("</script>")
		goto scriptDataEscaped
	}
	if z.err != nil {
		return
	}
	goto scriptDataDoubleEscaped
}
