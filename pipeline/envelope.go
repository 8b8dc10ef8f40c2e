package pipeline

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/slantwire/slant/classify"
)

// decodeEnvelope reads a page envelope as classify.ParseEnvelope does, with
// a fast path for the envelopes publishers send: one flat JSON object of
// string members with exact lower-case names. It is a latency and CPU
// matter only: whatever the fast path is not sure of (invalid UTF-8 or
// JSON, a null, a number or an object as a member, a name that
// encoding/json would match case-insensitively, an escaped name, a lone
// surrogate) goes to classify.ParseEnvelope, so the envelope and the error
// are always that function's. TestDecodeEnvelopeMatchesParseEnvelope and
// FuzzDecodeEnvelope hold the two equal.
func decodeEnvelope(data []byte) (classify.Envelope, error) {
	if env, ok := fastEnvelope(data); ok {
		return env, nil
	}
	return classify.ParseEnvelope(data)
}

// fastEnvelope decodes data as json.Unmarshal into a classify.Envelope
// would, or reports !ok when it cannot be sure it would.
func fastEnvelope(data []byte) (env classify.Envelope, ok bool) {
	if !utf8.Valid(data) {
		return env, false
	}
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return env, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return env, skipSpace(data, i+1) == len(data)
	}
	for {
		// A member: "name" : "value".
		if i >= len(data) || data[i] != '"' {
			return env, false
		}
		nameEnd := i + 1
		for nameEnd < len(data) && data[nameEnd] != '"' {
			if c := data[nameEnd]; c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
				return env, false // escaped or not plain ASCII: may fold to a field
			}
			nameEnd++
		}
		if nameEnd >= len(data) {
			return env, false
		}
		field, known := envelopeField(&env, data[i+1:nameEnd])
		if !known {
			return env, false
		}
		i = skipSpace(data, nameEnd+1)
		if i >= len(data) || data[i] != ':' {
			return env, false
		}
		i = skipSpace(data, i+1)
		if i >= len(data) || data[i] != '"' {
			return env, false // null, number, bool, object, array: leave it to encoding/json
		}
		s, next, ok := jsonString(data, i+1, field != nil)
		if !ok {
			return env, false
		}
		if field != nil {
			*field = s // a repeated name: the last one wins, as in encoding/json
		}
		i = skipSpace(data, next)
		if i >= len(data) {
			return env, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return env, skipSpace(data, i+1) == len(data)
		default:
			return env, false
		}
	}
}

// envelopeField is the field of env a member name sets: nil for a name
// encoding/json ignores, known false for one it might match
// case-insensitively to a field.
func envelopeField(env *classify.Envelope, name []byte) (field *string, known bool) {
	switch string(name) {
	case "id":
		return &env.ID, true
	case "url":
		return &env.URL, true
	case "site":
		return &env.Site, true
	case "text":
		return &env.Text, true
	case "html":
		return &env.HTML, true
	}
	for _, f := range [...]string{"id", "url", "site", "text", "html"} {
		if strings.EqualFold(string(name), f) {
			return nil, false
		}
	}
	return nil, true
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// jsonString decodes the JSON string whose body starts at data[i] (after
// its opening quote), as encoding/json does for valid UTF-8 input, and
// returns the index after its closing quote. keep false only checks it.
// !ok: invalid, or a lone surrogate escape (which encoding/json replaces;
// left to it).
func jsonString(data []byte, i int, keep bool) (s string, next int, ok bool) {
	start := i
	for i < len(data) && !stringSpecial[data[i]] {
		i++
	}
	if i >= len(data) || data[i] < 0x20 {
		return "", 0, false
	}
	if data[i] == '"' {
		if keep {
			s = string(data[start:i])
		}
		return s, i + 1, true
	}
	// Escapes: decode into a builder sized for the undecoded string, which
	// is never shorter.
	var b strings.Builder
	if keep {
		b.Grow(closingQuote(data, i) - start)
		b.Write(data[start:i])
	}
	for i < len(data) {
		c := data[i]
		if !stringSpecial[c] {
			// Copy the run up to the next quote, escape or control byte.
			j := i + 1
			for j < len(data) && !stringSpecial[data[j]] {
				j++
			}
			if keep {
				b.Write(data[i:j])
			}
			i = j
			continue
		}
		if c == '"' {
			if keep {
				s = b.String()
			}
			return s, i + 1, true
		}
		if c < 0x20 || i+1 >= len(data) {
			return "", 0, false
		}
		var r rune
		n := 2
		switch data[i+1] {
		case '"', '\\', '/':
			r = rune(data[i+1])
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'n':
			r = '\n'
		case 'r':
			r = '\r'
		case 't':
			r = '\t'
		case 'u':
			r = hex4(data, i+2)
			if r < 0 {
				return "", 0, false
			}
			n = 6
			if utf16.IsSurrogate(r) {
				// Only a valid pair; encoding/json's handling of the
				// rest is its own.
				var r2 rune = -1
				if i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
					r2 = hex4(data, i+8)
				}
				if r2 < 0 {
					return "", 0, false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return "", 0, false
				}
				n = 12
			}
		default:
			return "", 0, false
		}
		if keep {
			b.WriteRune(r)
		}
		i += n
	}
	return "", 0, false
}

// stringSpecial are the bytes that end a run of plain bytes in a JSON
// string: the quote, the backslash and the control bytes (invalid).
var stringSpecial = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// closingQuote is the index of the quote that ends the JSON string whose
// body goes on at data[i:], i at an escape or a plain byte (not inside an
// escape); len(data) if there is none.
func closingQuote(data []byte, i int) int {
	for {
		k := bytes.IndexByte(data[i:], '"')
		if k < 0 {
			return len(data)
		}
		q := i + k
		n := 0 // backslashes right before the quote
		for q-1-n >= i && data[q-1-n] == '\\' {
			n++
		}
		if n%2 == 0 {
			return q
		}
		i = q + 1
	}
}

// hex4 is the value of the four hex digits at data[i:], or -1.
func hex4(data []byte, i int) rune {
	if i+4 > len(data) {
		return -1
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
