package classify

// Plain-text front end, step 1: segment splits the text into blocks by its
// lines (joining hard-wrapped paragraphs); describe gives each block its
// shape and label, then the roles its own text decides (roles.go).

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// shape is what a block looks like on its own, before its neighbours are
// considered.
type shape uint8

const (
	shapeParagraph shape = iota + 1 // ends like a sentence
	shapeTitle                      // four or more words, no closing punctuation: a headline
	shapeLabel                      // one to three words, no closing punctuation
	shapeDek                        // a line ending in an ellipsis: a teaser's dek
	shapeSymbols                    // no words at all
)

// block is a block under construction. (Its small fields sit together:
// a page has one block per line, allocated at once, and padding between
// them made each block 16 bytes larger.)
type block struct {
	start, end int
	words      int
	shape      shape
	fixed      bool // role decided by the block's own text
	article    bool
	// lastText marks the last block of a plain-text page (segment): a
	// page's last text is a sentence, punctuated or not.
	lastText  bool
	label     string // normalised text of a short block, for table look-ups
	role      Role
	kind      Kind
	opener    Kind   // section this block opens, if it is a section header
	opinion   string // evidence that the page is an opinion piece ("byline:columnist")
	sentences []int
}

// prose reports a block the learned models read: the main article, and any
// paragraph. Furniture (teasers, captions, rails, navigation, ads) is left
// to the rules: the models were trained on article prose, the verdict and
// sourcing read only the article, and on a page with furniture this saves
// about a third of the models' time.
func (b *block) prose() bool { return b.article || b.role == RoleParagraph }

// maxLabelWords bounds the blocks whose text is looked up in label tables.
const maxLabelWords = 12

// segment splits text into blocks: each non-blank line is a block, except
// that runs of hard-wrapped lines are joined into one paragraph.
func segment(text string) []block {
	// The blocks' spans first, then the blocks in one allocation of the
	// right size: growing a slice of these large structs, or sizing it
	// by lines (blank ones too), was a fifth of the read stage. A span
	// is at most a line.
	spans := make([][2]int, 0, strings.Count(text, "\n")+1)
	group := 0 // spans[group:] are the lines of the current run of non-blank lines
	flush := func() {
		if len(spans) > group && wrapped(text, spans[group:]) {
			spans[group][1] = spans[len(spans)-1][1]
			spans = spans[:group+1]
		}
		group = len(spans)
	}
	for pos := 0; pos <= len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = pos + nl
		}
		s, e := trimSpan(text, pos, lineEnd)
		if s < e {
			spans = append(spans, [2]int{s, e})
		} else {
			flush()
		}
		if nl < 0 {
			break
		}
		pos = lineEnd + 1
	}
	flush()
	var blocks []block
	if len(spans) > 0 {
		blocks = make([]block, len(spans))
	}
	for i, sp := range spans {
		blocks[i].start, blocks[i].end = sp[0], sp[1]
	}
	for i := len(blocks) - 1; i >= 0; i-- {
		if countWords(text[blocks[i].start:blocks[i].end], 1) > 0 {
			blocks[i].lastText = true
			break
		}
	}
	return blocks
}

// trimSpan narrows [s, e) past surrounding white space.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// wrapped reports whether a run of lines is one hard-wrapped paragraph:
// every line but the last is long, and most of them stop mid-sentence.
func wrapped(text string, lines [][2]int) bool {
	if len(lines) < 2 {
		return false
	}
	midSentence := 0
	for _, l := range lines[:len(lines)-1] {
		if n := utf8.RuneCountInString(text[l[0]:l[1]]); n < 40 || n > 120 {
			return false
		}
		if !endsSentence(text[l[0]:l[1]]) {
			midSentence++
		}
	}
	return midSentence*2 >= len(lines)-1
}

// endsSentence reports text ending in closing punctuation, possibly followed
// by closing quotes or brackets.
func endsSentence(s string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '"', '”', '’', '\'', ')', ']', '»':
			s = s[:len(s)-size]
			continue
		case '.', '!', '?', '…':
			return true
		}
		return false
	}
	return false
}

func endsEllipsis(s string) bool {
	s = strings.TrimRight(s, "\"”’')] ")
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}

// normaliseLabel lower-cases a short text, folds white space and strips the
// symbols that decorate links and headers ("View All »", "— RELATED —").
func normaliseLabel(s string) string {
	// Built in a buffer on the stack, then copied once into a string of
	// its size (most labels are short).
	var stack [128]byte
	b := stack[:0]
	space := false
	for i := 0; i < len(s); {
		// ASCII without the unicode tables; the rest as range would
		// decode it (an invalid byte is U+FFFD, which is dropped).
		r, size := rune(s[i]), 1
		var keep bool
		if r < utf8.RuneSelf {
			keep = isASCIIAlnum(byte(r)) || r == '\'' || r == '&' || r == '-' && len(b) > 0
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			keep = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
		}
		i += size
		if !keep {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		switch {
		case r == '’':
			b = append(b, '\'')
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		default:
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	for len(b) > 0 && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// countWords counts words in s, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var word, joiner bool
		if c := s[i]; c < utf8.RuneSelf {
			word, joiner = isASCIIAlnum(c), c == '\'' || c == '-' || c == '.'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			word, joiner = unicode.IsLetter(r) || unicode.IsDigit(r), r == '’'
			i += size
		}
		if word && !in {
			n++
			if n >= limit {
				return n
			}
		}
		in = word || (in && joiner)
	}
	return n
}

// describe sets each block's shape, label and the roles its own text decides.
//
// The last text of a plain-text page is a sentence, punctuated or not: if
// longer than any label (a one-line page, a last paragraph whose full stop
// was lost) it is prose, not a title.
func (c *Classifier) describe(text string, blocks []block) {
	var buf []byte // lower-cased block text, for localRole
	for i := range blocks {
		b := &blocks[i]
		s := text[b.start:b.end]
		t := c.lex.readBlockText(s, &buf)
		b.words = t.words
		switch {
		case b.words == 0:
			b.shape = shapeSymbols
		case endsEllipsis(s):
			b.shape = shapeDek
		case endsSentence(s), b.lastText && b.words > maxLabelWords:
			b.shape = shapeParagraph
		case b.words <= 3:
			b.shape = shapeLabel
		default:
			b.shape = shapeTitle
		}
		if b.words <= maxLabelWords {
			b.label = normaliseLabel(s)
		}
		c.localRole(s, b, &t)
	}
}
