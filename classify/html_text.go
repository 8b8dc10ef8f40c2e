package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// HTML front end, the extractor's text: what it writes of a text token
// (white space collapsed, invalid UTF-8 replaced, NULs dropped) and where a
// <br> ends a line, so that offsets into Result.Text stay byte offsets.

// write appends text to the page: runs of white space become one space,
// NULs are dropped, invalid UTF-8 becomes U+FFFD, and the first word opens
// a block. inLink counts the text as link text.
func (e *extractor) write(t string, inLink bool) {
	for i := 0; i < len(t); {
		switch c := t[i]; {
		case isHTMLSpace(c):
			e.space = true
			i++
			continue
		case c == 0:
			i++
			continue
		}
		if !e.blockOpen {
			if len(e.out) > 0 {
				e.out = append(e.out, '\n', '\n')
			}
			e.blockStart, e.blockOpen, e.space = len(e.out), true, false
		} else if e.space {
			e.out = append(e.out, ' ')
			if inLink {
				e.link++
			}
		}
		e.space, e.lineBreak = false, false
		j := i
		for j < len(t) && !isHTMLSpace(t[j]) && t[j] != 0 {
			j++
		}
		n0 := len(e.out)
		if e.validText {
			e.out = append(e.out, t[i:j]...)
		} else {
			e.out = appendValidUTF8(e.out, t[i:j])
		}
		if inLink {
			e.link += len(e.out) - n0
		}
		i = j
	}
}

// isHTMLSpace: HTML's white space characters.
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// onlySpaces reports whether b holds nothing but Unicode white space and
// zero-width characters.
func onlySpaces(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\u200c' && r != '\u200d' && r != '\u2060' && r != '\ufeff' {
			return false
		}
		b = b[n:]
	}
	return true
}

// appendValidUTF8 appends w with each invalid UTF-8 sequence replaced by
// U+FFFD.
func appendValidUTF8(out []byte, w string) []byte {
	if utf8.ValidString(w) {
		return append(out, w...)
	}
	return append(out, strings.ToValidUTF8(w, "\uFFFD")...)
}

// br handles a line break. Paragraphs built from <br><br> are common, and
// a block per short line keeps datelines, captions and addresses apart from
// the body, so a <br> ends the block — unless it breaks a long line that
// has not ended its sentence: prose wrapped by hand (a <p> of lines cut at
// 70 columns) stays one paragraph, its lines joined by a space.
func (e *extractor) br() {
	if !e.blockOpen || e.lineBreak || len(e.out)-e.blockStart < brJoinMin || endsLine(e.out[e.blockStart:]) {
		e.endBlock()
		return
	}
	e.lineBreak, e.space = true, true
}

// brJoinMin is the length, in bytes, of the open block under which a <br>
// always ends it.
const brJoinMin = 40

// endsLine reports whether text so far ends as a sentence, a list entry or
// a label does (".", "!", "?", ":", ";" and their closing quotes), so that
// a line break after it ends the block.
func endsLine(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeLastRune(b)
		switch r {
		case ' ', '"', '\'', ')', ']', '”', '’', '»':
			b = b[:len(b)-n]
			continue
		case '.', '!', '?', ':', ';', '。', '！', '？', '…':
			return true
		}
		return false
	}
	return true
}
