// Ported from golang.org/x/net/html (token.go): Copyright 2010 The Go
// Authors. All rights reserved. Use of this source code is governed by a
// BSD-style licence that can be found in LICENSE.golang-x-net.

package classify

import (
	"io"
	"strings"

	"golang.org/x/net/html"
)

// The extractor's tokenizer: golang.org/x/net/html's Tokenizer (token.go,
// BSD licence, the Go Authors) ported to a page held whole in memory. The
// library reads through an io.Reader one byte at a time — a call, a buffer
// check and a size check per byte — and copies every tag name and attribute
// it hands out; extraction spent more time there than in all its own work.
// Here the page is one string: the state machine is the library's, step
// for step, but text, quoted values and script bodies are scanned with
// strings.IndexByte, and names, values and text are substrings of the page,
// copied only when a NUL, a carriage return or a character reference must
// be rewritten. TestHTMLTokenizerMatchesLibrary holds the two token for token on
// the test pages and under fuzzing.
//
// What the extractor does not read is not ported: comment and doctype text
// (only where those tokens end), CDATA sections (the library reads them
// only when told to, and the extractor never tells it) and fragment
// contexts.

// span is a range of htmlTokenizer.buf.
type span struct{ start, end int }

// htmlTokenizer splits a page into tokens as html.Tokenizer does.
type htmlTokenizer struct {
	buf string // the page
	pos int    // next byte to read: the end of the current token
	// rawStart is where the current token starts: its bytes are
	// buf[rawStart:pos].
	rawStart int
	// data is the current token's content: the text of a text token, the
	// name of a tag.
	data span
	tt   html.TokenType
	err  error // io.EOF once the page is read
	// rawTag is the raw-text element whose content the next token is
	// ("script", "title"…), "" in the data state.
	rawTag string
	// textIsRaw: the text token is not unescaped; convertNUL: its NULs
	// become U+FFFD.
	textIsRaw, convertNUL bool
	// attr are the current start tag's attributes, key and value, in
	// order and with duplicate keys (html.Tokenizer drops them; the
	// extractor reads the first of each key it wants).
	attr    [][2]attrSpan
	pending [2]attrSpan
}

// attrSpan is an attribute's key or value; quote is the quote its value
// was written in (0 for none).
type attrSpan struct {
	span
	quote byte
}

func newHTMLTokenizer(buf string) *htmlTokenizer {
	return &htmlTokenizer{buf: buf, attr: make([][2]attrSpan, 0, 8)}
}

// readByte is html.Tokenizer.readByte on a buffer that holds the whole
// page: io.EOF at its end.
func (z *htmlTokenizer) readByte() byte {
	if z.pos >= len(z.buf) {
		z.err = io.EOF
		return 0
	}
	c := z.buf[z.pos]
	z.pos++
	return c
}

// skipTo moves pos to the next c at or after pos and reads it; at the end
// of the page it sets io.EOF and reports false. It is the library's loop of
// readByte calls until c, in one scan.
func (z *htmlTokenizer) skipTo(c byte) bool {
	i := strings.IndexByte(z.buf[z.pos:], c)
	if i < 0 {
		z.pos = len(z.buf)
		z.err = io.EOF
		return false
	}
	z.pos += i + 1
	return true
}

// Err is the error of the last ErrorToken: io.EOF.
func (z *htmlTokenizer) Err() error {
	if z.tt != html.ErrorToken {
		return nil
	}
	return z.err
}

// Raw is the current token's bytes as written.
func (z *htmlTokenizer) Raw() string { return z.buf[z.rawStart:z.pos] }

func (z *htmlTokenizer) skipWhiteSpace() {
	if z.err != nil {
		return
	}
	for {
		c := z.readByte()
		if z.err != nil {
			return
		}
		if !isHTMLSpace(c) {
			z.pos--
			return
		}
	}
}

// Next scans the next token and returns its type.
func (z *htmlTokenizer) Next() html.TokenType {
	z.rawStart = z.pos
	z.data = span{z.pos, z.pos}
	if z.err != nil {
		z.tt = html.ErrorToken
		return z.tt
	}
	if z.rawTag != "" {
		if z.rawTag == "plaintext" {
			z.pos = len(z.buf)
			z.err = io.EOF
			z.data.end = z.pos
			z.textIsRaw = true
		} else {
			z.readRawOrRCDATA()
		}
		if z.data.end > z.data.start {
			z.tt = html.TextToken
			z.convertNUL = true
			return z.tt
		}
	}
	z.textIsRaw = false
	z.convertNUL = false
	for {
		if !z.skipTo('<') {
			break
		}
		c := z.readByte()
		if z.err != nil {
			break
		}
		var tt html.TokenType
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			tt = html.StartTagToken
		case c == '/':
			tt = html.EndTagToken
		case c == '!' || c == '?':
			tt = html.CommentToken
		default:
			z.pos-- // reconsume c
			continue
		}
		// Text before the tag is a token of its own.
		if x := z.pos - len("<a"); z.rawStart < x {
			z.pos = x
			z.data.end = x
			z.tt = html.TextToken
			return z.tt
		}
		switch tt {
		case html.StartTagToken:
			z.tt = z.readStartTag()
			return z.tt
		case html.EndTagToken:
			c = z.readByte()
			if z.err != nil {
				return z.finishText() // "</" at the end is text
			}
			if c == '>' {
				// "</>" is no token: an empty comment.
				z.tt = html.CommentToken
				return z.tt
			}
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				z.readTag(false)
				if z.err != nil {
					z.tt = html.ErrorToken
				} else {
					z.tt = html.EndTagToken
				}
				return z.tt
			}
			z.pos--
			z.readUntilCloseAngle()
			z.tt = html.CommentToken
			return z.tt
		default:
			if c == '!' {
				z.tt = z.readMarkupDeclaration()
				return z.tt
			}
			z.pos--
			z.readUntilCloseAngle()
			z.tt = html.CommentToken
			return z.tt
		}
	}
	return z.finishText()
}

// finishText ends Next at the end of the page: the text read since the
// token's start, if any, is a text token.
func (z *htmlTokenizer) finishText() html.TokenType {
	if z.rawStart < z.pos {
		z.data.end = z.pos
		z.tt = html.TextToken
		return z.tt
	}
	z.tt = html.ErrorToken
	return z.tt
}

// readRawOrRCDATA reads until the "</" of the end tag of z.rawTag.
func (z *htmlTokenizer) readRawOrRCDATA() {
	if z.rawTag == "script" {
		z.readScript()
		z.data.end = z.pos
		z.textIsRaw = true
		z.rawTag = ""
		return
	}
	for z.skipTo('<') {
		c := z.readByte()
		if z.err != nil {
			break
		}
		if c != '/' {
			z.pos--
			continue
		}
		if z.readRawEndTag() || z.err != nil {
			break
		}
	}
	z.data.end = z.pos
	// A textarea's or title's RCDATA can contain escaped entities.
	z.textIsRaw = z.rawTag != "textarea" && z.rawTag != "title"
	z.rawTag = ""
}

// readRawEndTag tries to read the rest of "</" + z.rawTag and a byte that
// ends a tag name. On success it backs up to the "</" and reports true.
func (z *htmlTokenizer) readRawEndTag() bool {
	for i := 0; i < len(z.rawTag); i++ {
		c := z.readByte()
		if z.err != nil {
			return false
		}
		if c != z.rawTag[i] && c != z.rawTag[i]-('a'-'A') {
			z.pos--
			return false
		}
	}
	c := z.readByte()
	if z.err != nil {
		return false
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		z.pos -= 3 + len(z.rawTag)
		return true
	}
	z.pos--
	return false
}

// readUntilCloseAngle reads until the next ">".
func (z *htmlTokenizer) readUntilCloseAngle() {
	z.data.start = z.pos
	if z.skipTo('>') {
		z.data.end = z.pos - 1
	} else {
		z.data.end = z.pos
	}
}

// readMarkupDeclaration reads a token that starts "<!": a comment, a
// doctype or a bogus comment.
func (z *htmlTokenizer) readMarkupDeclaration() html.TokenType {
	z.data.start = z.pos
	var c [2]byte
	for i := range 2 {
		c[i] = z.readByte()
		if z.err != nil {
			z.data.end = z.pos
			if i == 1 && c[0] == '>' {
				z.data.end--
			}
			return html.CommentToken
		}
	}
	if c[0] == '-' && c[1] == '-' {
		z.readComment()
		return html.CommentToken
	}
	z.pos -= 2
	if z.readDoctype() {
		return html.DoctypeToken
	}
	z.readUntilCloseAngle()
	return html.CommentToken
}

// readComment reads a comment after its "<!--". Only where it ends
// matters: its text is never read.
func (z *htmlTokenizer) readComment() {
	dashCount, beginning := 0, true
	for {
		c := z.readByte()
		if z.err != nil {
			return
		}
		switch c {
		case '-':
			dashCount++
			continue
		case '>':
			if dashCount >= 2 || beginning {
				return
			}
		case '!':
			if dashCount >= 2 {
				c = z.readByte()
				if z.err != nil {
					return
				} else if c == '>' {
					return
				} else if c == '-' {
					dashCount, beginning = 1, false
					continue
				}
			}
		}
		dashCount, beginning = 0, false
	}
}

// readDoctype tries to read a doctype after its "<!".
func (z *htmlTokenizer) readDoctype() bool {
	const s = "DOCTYPE"
	for i := 0; i < len(s); i++ {
		c := z.readByte()
		if z.err != nil {
			// The page ends inside "DOCTYPE": read it again as a bogus
			// comment.
			z.pos = z.data.start
			z.err = nil
			return false
		}
		if c != s[i] && c != s[i]+('a'-'A') {
			z.pos = z.data.start
			return false
		}
	}
	if z.skipWhiteSpace(); z.err != nil {
		return true
	}
	z.readUntilCloseAngle()
	return true
}
