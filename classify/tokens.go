package classify

// Sentence stage, step 1: the tokenizer, with one lexicon look-up per word.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind says what a token is.
type tokKind uint8

const (
	tokWord tokKind = iota + 1
	tokNumber
	tokPunct
	tokQuote // a double quotation mark, straight or curly
)

// token is a word, number, punctuation mark or quotation mark of the page.
// start and end are byte offsets into the page text.
type token struct {
	start, end int
	class      wordClass // lexicon classes of the lower-cased word
	lower      string    // lower-cased word; "" for non-words
	kind       tokKind
	upper      bool // first letter upper case
	inQuote    bool // inside a quotation
}

// tokenizer splits text into tokens.
type tokenizer struct {
	lx *lexicon
}

// tokenize appends the tokens of text[from:to] to dst. Offsets are relative
// to text's start plus base.
func (tz *tokenizer) tokenize(dst []token, text string, base int) []token {
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				i++
			case isASCIIAlnum(c):
				j := wordEnd(text, i)
				dst = appendToken(dst, base+i, base+j, tokWord)
				tz.word(&dst[len(dst)-1], text, i, j)
				i = j
			case c == '"':
				dst = appendToken(dst, base+i, base+i+1, tokQuote)
				i++
			default:
				dst = appendToken(dst, base+i, base+i+1, tokPunct)
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '“' || r == '”' || r == '„' || r == '«' || r == '»':
			dst = appendToken(dst, base+i, base+i+size, tokQuote)
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := wordEnd(text, i)
			dst = appendToken(dst, base+i, base+j, tokWord)
			tz.word(&dst[len(dst)-1], text, i, j)
			i = j
		case unicode.IsSpace(r):
			i += size
		default:
			dst = appendToken(dst, base+i, base+i+size, tokPunct)
			i += size
		}
	}
	return dst
}

// appendToken appends a token of kind over text[start:end] to dst. It
// writes the token's fields in place: appending a token literal builds it
// on the stack and copies it, and the copy reads the fields back before
// their stores have landed, which stalls.
func appendToken(dst []token, start, end int, kind tokKind) []token {
	if len(dst) == cap(dst) {
		dst = append(dst[:cap(dst)], token{})[:len(dst)]
	}
	dst = dst[:len(dst)+1]
	t := &dst[len(dst)-1]
	t.start, t.end, t.kind = start, end, kind
	t.class, t.lower, t.upper, t.inQuote = 0, "", false, false
	return dst
}

// isASCIIAlnum reports an ASCII letter or digit: c|0x20 lower-cases A–Z,
// and only them, into a–z; byte arithmetic wraps, so one comparison tests
// each range.
func isASCIIAlnum(c byte) bool {
	return (c|0x20)-'a' < 26 || c-'0' < 10
}

// wordEnd returns the end of the word starting at i. A word runs over letters
// and digits, joined by single inner apostrophes, hyphens, periods between
// letters (U.S., a.m.), commas and periods between digits (2,500 and 3.5).
// A trailing period after a dotted abbreviation (U.S.) stays with the word.
func wordEnd(s string, i int) int {
	j := i
	dotted := false
	for j < len(s) {
		c := s[j]
		if isASCIIAlnum(c) {
			j++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[j:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
				j += size
				continue
			}
		}
		// "Teachers' union": a plural possessive keeps its apostrophe.
		if (r == '\'' || r == '’') && j > i && s[j-1] == 's' && (j+size == len(s) || s[j+size] == ' ') && j+size < len(s) {
			j += size
			break
		}
		if j > i && j+size < len(s) && isJoiner(r) {
			ok, dot := joinsWord(s, i, j, size, r)
			if ok {
				dotted = dotted || dot
				j += size
				continue
			}
		}
		break
	}
	if dotted && j < len(s) && s[j] == '.' {
		j++ // U.S. keeps its last period
	}
	return j
}

func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '.' || r == ','
}

// joinsWord reports whether the joiner r at s[j:j+size] joins the word
// s[i:j] to what follows: a comma or period between digits, a period between
// single letters (U.S.), which makes the word dotted, and an apostrophe or
// hyphen before a letter or digit.
func joinsWord(s string, i, j, size int, r rune) (joins, dotted bool) {
	next, _ := utf8.DecodeRuneInString(s[j+size:])
	prev, _ := utf8.DecodeLastRuneInString(s[i:j])
	switch r {
	case ',':
		return isDigit(prev) && isDigit(next), false
	case '.':
		if isDigit(prev) && isDigit(next) {
			return true, false
		}
		if unicode.IsLetter(prev) && unicode.IsLetter(next) && singleLetterBefore(s, i, j) {
			return true, true
		}
		return false, false
	}
	return unicode.IsLetter(next) || unicode.IsDigit(next), false
}

// singleLetterBefore reports whether the word part just before position j is
// a single letter, as in the U of "U.S".
func singleLetterBefore(s string, start, j int) bool {
	k := j
	_, size := utf8.DecodeLastRuneInString(s[start:k])
	k -= size
	if k == start {
		return true
	}
	return s[k-1] == '.'
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// word fills in the word token t, whose text is text[i:j]: a number, or a
// word with its case and lexicon classes. It writes into the token slice
// rather than returning a token, which would be copied twice.
func (tz *tokenizer) word(t *token, text string, i, j int) {
	w := text[i:j]
	first, _ := utf8.DecodeRuneInString(w)
	if isDigit(first) {
		t.kind = tokNumber
		return
	}
	t.upper = unicode.IsUpper(first)
	t.lower, t.class = tz.lookupIn(text, i, j)
	if t.upper && len(w) > 1 && isAcronym(w) {
		t.class &^= wFirstPerson | wSecondPerson | wPronoun // "US" is not "us", "IT" not "it"
	}
	if t.class&^phraseStarts == 0 && t.lower != "" {
		// A possessive is a noun: it keeps its base word's noun classes only.
		base, ok := strings.CutSuffix(t.lower, "'s")
		if !ok {
			base, ok = strings.CutSuffix(t.lower, "’s")
		}
		if ok {
			_, cl := tz.lookup(base)
			t.class = t.class | cl&^(wCue|wVerb|wAux|wBoundary|wSubordinator|wSkipAdverb|wNPPrep|wModal|wOpinionVerb|phraseStarts)
		}
	}
}

// lookup returns w lower-cased with its lexicon classes. Words that are
// already lower case come back as they are; a capitalised ASCII word is
// looked up as written (the word table lowers it as it reads it) and comes
// back as the table's key, so lookups do not allocate. An unknown word with
// upper-case letters comes back as "": callers that need its lower-case
// form use lowerOf.
func (tz *tokenizer) lookup(w string) (string, wordClass) { return tz.lookupIn(w, 0, len(w)) }

// lookupIn is lookup of the word text[i:j]; the table may read the bytes
// after it.
func (tz *tokenizer) lookupIn(text string, i, j int) (string, wordClass) {
	w := text[i:j]
	ix := &tz.lx.wordIndex
	wk := readWordKey(text, i, j)
	if !wk.ascii {
		l := strings.ToLower(w)
		return l, tz.lx.class(l)
	}
	e := ix.find(w, wk)
	switch {
	case e != nil && wk.upper:
		return e.key, e.val
	case e != nil:
		return w, e.val
	case wk.upper:
		return "", 0
	}
	return w, 0
}

// lowerOf returns the lower-case form of a word token of text.
func lowerOf(text string, t token) string {
	if t.lower != "" {
		return t.lower
	}
	return strings.ToLower(text[t.start:t.end])
}

// lowerIs reports whether lowerOf(text, t) is w without lowering the
// token: a word the tokenizer kept no lower-case form of is ASCII (it
// keeps every other word's), so it is compared byte by byte.
func lowerIs(text string, t token, w string) bool {
	if t.lower != "" {
		return t.lower == w
	}
	if s := text[t.start:t.end]; isASCIIText(s) {
		return equalLowerASCII(s, w)
	}
	return lowerOf(text, t) == w
}

func isASCIIText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isAcronym reports all-capital words of two or more letters (NATO, FBI, U.S.).
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}
