package classify

// Sentence stage: tokens, quotations and sentence boundaries of every block
// that is not boilerplate; sentenceCtx is a sentence as the later stages read.

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slantwire/slant/models"
)

// sentences is the sentence stage: it tokenizes block bi, unless it is
// boilerplate, marks its quotations and splits it into sentences.
func (c *Classifier) sentences(ctx context.Context, a *analysis, bi int) error {
	b := &a.blocks[bi]
	a.toks = a.toks[:0]
	if b.kind == KindBoilerplate {
		return nil
	}
	// A long block is tokenized in parts that end at a space, checking the
	// context between them: a 20 MB line takes seconds.
	for start := b.start; start < b.end; {
		end := min(start+tokenizePart, b.end)
		if k := strings.IndexAny(a.text[end:b.end], " \n"); k >= 0 && end < b.end {
			end += k + 1
		} else {
			end = b.end
		}
		a.toks = a.tokenizer.tokenize(a.toks, a.text[start:end], start)
		if err := ctx.Err(); err != nil {
			return err
		}
		start = end
	}
	if len(a.toks) == 0 {
		return nil
	}
	markQuotes(a.text, a.toks)
	a.spans = c.splitSentences(a.spans[:0], a.text, b.start, b.end, a.toks)
	ti := 0
	for si, sp := range a.spans {
		if err := ctxErr(ctx, si+1); err != nil {
			return err
		}
		t0 := ti
		for ti < len(a.toks) && a.toks[ti].start < sp[1] {
			ti++
		}
		b.sentences = append(b.sentences, len(a.sents))
		a.sents = append(a.sents, sentence{block: bi, start: sp[0], end: sp[1], t0: t0, t1: ti})
	}
	return nil
}

// tokenizePart is the most text tokenized between two context checks.
const tokenizePart = 1 << 20

// splitSentences returns the sentence spans of the block text[start:end].
// toks are the block's tokens, with inQuote already set.
//
// A sentence ends at . ! ? or an ellipsis followed by space and a capital,
// a digit or an opening quote, except after titles (Mr.), initials (F.),
// numbered abbreviations before digits (No. 2, Jan. 5), and, unless the next
// word commonly opens a sentence, other abbreviations (U.S., Inc.). A
// quotation that closes within the block is not split.
func (c *Classifier) splitSentences(dst [][2]int, text string, start, end int, toks []token) [][2]int {
	sentStart := -1
	for ti := 0; ti < len(toks); ti++ {
		t := &toks[ti]
		if sentStart < 0 {
			sentStart = t.start
		}
		if t.kind != tokPunct && !(t.kind == tokWord && endsWithPeriod(text, t)) {
			continue
		}
		// Inside a quotation only a mark right before the closing quote counts.
		if t.inQuote && !(ti+1 < len(toks) && toks[ti+1].kind == tokQuote && toks[ti+1].start == t.end) {
			continue
		}
		mark, _ := utf8.DecodeRuneInString(text[t.start:])
		if t.kind == tokWord {
			mark = '.' // the last period of a dotted word (U.S.)
		}
		if !(mark == '.' || mark == '!' || mark == '?' || mark == '…') {
			continue
		}
		// Take the run of terminal marks and closing quotes/brackets.
		last := ti
		for last+1 < len(toks) && toks[last+1].start == toks[last].end && isCloser(text, toks[last+1]) {
			last++
		}
		boundary := last + 1
		if boundary >= len(toks) {
			break // the block's end closes the sentence
		}
		next := toks[boundary]
		if next.start == toks[last].end { // no space after the mark
			continue
		}
		if !c.opensSentence(text, toks, boundary) {
			continue
		}
		if mark == '.' && t.end-t.start == 1 && c.abbreviationBefore(text, toks, ti, boundary) {
			continue
		}
		if t.kind == tokWord && c.abbreviationWord(text, toks, ti, boundary) {
			continue
		}
		dst = append(dst, [2]int{sentStart, toks[last].end})
		sentStart = -1
		ti = last
	}
	if sentStart >= 0 {
		dst = append(dst, [2]int{sentStart, toks[len(toks)-1].end})
	}
	return dst
}

// endsWithPeriod reports a dotted word such as U.S. whose last period may end
// the sentence.
func endsWithPeriod(text string, t *token) bool {
	return t.end-t.start > 1 && text[t.end-1] == '.'
}

func isCloser(text string, t token) bool {
	if t.kind == tokQuote {
		return !isQuoteOpen(text, t.start)
	}
	if t.kind != tokPunct {
		return false
	}
	switch text[t.start] {
	case ')', ']', '\'', '.', '!', '?':
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[t.start:])
	return r == '’' || r == '…'
}

// opensSentence reports whether toks[i] can start a sentence: a capital, a
// digit, or an opening quote or bracket before one.
func (c *Classifier) opensSentence(text string, toks []token, i int) bool {
	for k := i; k < len(toks) && k < i+3; k++ {
		t := &toks[k]
		switch t.kind {
		case tokNumber:
			return true
		case tokWord:
			r, _ := utf8.DecodeRuneInString(text[t.start:])
			return unicode.IsUpper(r)
		case tokQuote:
			continue
		case tokPunct:
			if text[t.start] == '(' || text[t.start] == '[' || text[t.start] == '\'' {
				continue
			}
			r, _ := utf8.DecodeRuneInString(text[t.start:])
			if r == '‘' || r == '—' || r == '–' {
				continue
			}
			return false
		}
	}
	return false
}

// abbreviationBefore decides whether the period toks[dot] ends an abbreviation
// rather than the sentence.
func (c *Classifier) abbreviationBefore(text string, toks []token, dot, next int) bool {
	if dot == 0 {
		return false
	}
	w := toks[dot-1]
	if w.end != toks[dot].start || w.kind != tokWord {
		return false
	}
	word := text[w.start:w.end]
	if utf8.RuneCountInString(word) == 1 && w.upper {
		// An initial (John F. Kennedy) unless a sentence plainly follows.
		return !c.commonOpener(toks[next])
	}
	kind, _ := c.lex.abbrev(text[w.start:w.end])
	switch kind {
	case abbrevTitle:
		return true
	case abbrevNumber:
		return toks[next].kind == tokNumber || !c.commonOpener(toks[next])
	case abbrevGeneral:
		return !c.commonOpener(toks[next])
	}
	return false
}

// abbreviationWord handles dotted words (U.S., a.m.) whose last period may or
// may not end the sentence.
func (c *Classifier) abbreviationWord(text string, toks []token, w, next int) bool {
	word := text[toks[w].start : toks[w].end-1]
	if _, ok := c.lex.abbrevASCII(word); ok || len(word) <= 5 {
		return !c.commonOpener(toks[next])
	}
	return false
}

// commonOpener reports words that usually begin a sentence (The, He, But),
// which is what tells "in the U.S. The" from "U.S. officials".
func (c *Classifier) commonOpener(t token) bool {
	return t.kind == tokWord && t.class&wStarter != 0 || t.kind == tokQuote
}

// abbrev returns the abbreviation kind of the word w, whatever its case.
// The word is lowered on the stack: most words before a period are
// capitalised names the lexicon does not list, which would otherwise cost
// an allocation each.
func (lx *lexicon) abbrev(w string) (abbrevKind, bool) {
	var buf [32]byte
	k, ok := lx.abbrevs[string(appendLower(buf[:0], w))]
	return k, ok
}

// abbrevASCII is abbrev with only the ASCII letters of w lowered.
func (lx *lexicon) abbrevASCII(w string) (abbrevKind, bool) {
	var buf [32]byte
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		b = append(b, toLowerASCII(w[i]))
	}
	k, ok := lx.abbrevs[string(b)]
	return k, ok
}

// sentenceCtx is one sentence being read for attributions.
type sentenceCtx struct {
	text    string
	toks    []token
	index   int             // sentence index in the result
	scratch *models.Scratch // the page's model buffers; nil: allocate
}

// modelScratch returns the buffers for the learned models.
func (sc *sentenceCtx) modelScratch() *models.Scratch {
	if sc.scratch == nil {
		sc.scratch = new(models.Scratch)
	}
	return sc.scratch
}

// span turns token indexes into a byte span of the page.
func (sc *sentenceCtx) span(from, to int) Span {
	s, e := sc.toks[from].start, sc.toks[to].end
	return Span{Start: s, End: e, Text: sc.text[s:e]}
}
