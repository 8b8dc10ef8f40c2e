package classify

// Quotation marks: pairing them, and what a quotation makes of a span.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteWithin reports an opening quotation mark within n tokens from i.
func quoteWithin(toks []token, i, n int) bool {
	for k := i; k < len(toks) && k < i+n; k++ {
		if toks[k].kind == tokQuote {
			return true
		}
		if toks[k].kind == tokPunct {
			return false
		}
	}
	return false
}

// quoteKind says whether content is a quotation, has one inside, or has none.
func (sc *sentenceCtx) quoteKind(content Span) QuoteKind {
	s := strings.TrimSpace(content.Text)
	if s == "" {
		return QuoteIndirect
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, ".,"))
	switch quotes := countQuotes(s); {
	case quotes == 0:
		return QuoteIndirect
	case quotes == 2 && isQuoteRune(first) && isQuoteRune(last):
		return QuoteDirect
	}
	return QuoteMixed
}

// countQuotes counts the quotation marks of s (isQuoteRune) byte by byte:
// the marks are '"' or start with the lead byte 0xe2 or 0xc2, and a lead
// byte is never inside another rune, so each match is a whole rune, as
// ranging over s's runes would find it.
func countQuotes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			n++
		case 0xe2:
			if strings.HasPrefix(s[i:], "“") || strings.HasPrefix(s[i:], "”") || strings.HasPrefix(s[i:], "„") {
				n++
			}
		case 0xc2:
			if strings.HasPrefix(s[i:], "«") || strings.HasPrefix(s[i:], "»") {
				n++
			}
		}
	}
	return n
}

func isQuoteRune(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»'
}

// isQuoteOpen reports whether the quotation mark at text[i] opens a quotation:
// curly and guillemet marks say so; a straight mark opens when it is not
// preceded by a letter, digit or closing punctuation.
func isQuoteOpen(text string, start int) bool {
	r, _ := utf8.DecodeRuneInString(text[start:])
	switch r {
	case '“', '„', '«':
		return true
	case '”', '»':
		return false
	}
	if start == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:start])
	return !(unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune(".,!?;:)]…'’", prev))
}

// markQuotes sets inQuote on the tokens between paired quotation marks.
// Pairing is greedy and linear: an
// opening mark pairs with the next closing mark within maxQuoteSpan bytes;
// marks that find no partner stay unpaired and mark nothing.
func markQuotes(text string, toks []token) {
	open := -1
	for i := range toks {
		t := toks[i]
		if t.kind != tokQuote {
			continue
		}
		isOpen := isQuoteOpen(text, t.start)
		if open >= 0 && !isOpen {
			if t.start-toks[open].end <= maxQuoteSpan {
				for k := open + 1; k < i; k++ {
					toks[k].inQuote = true
				}
			}
			open = -1
			continue
		}
		if isOpen {
			open = i
		}
	}
}

// maxQuoteSpan is how far a quotation may run and still hold its sentences
// together; a longer or unclosed quotation is split like any other text.
const maxQuoteSpan = 1200
