package tagging

// The tagger's words: BERT pre-tokenization, with the hashes and context
// the features read.

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slantwire/slant/internal/wordlists"
	"github.com/slantwire/slant/models/wordpiece"
)

// Word is a word with the context the tagger's features need, hashed
// once per word so that the per-role passes only mix integers.
type Word struct {
	Start, End int
	word, suf  uint64 // hashes of the lower-cased word and its last 3 bytes
	pre        uint64 // hash of its first 4 bytes
	shape      uint8  // 0 other, 1 capitalised, 2 digit, 3 punctuation
	class      uint8  // cue-word class (Splitter)
	toEnd      uint8  // words to the end of the sentence, bucketed
	inQuote    bool
	quote      bool // the word is a double quotation mark
	comma      bool
	bos        bool // first word of a sentence
	para       bool // a line break precedes the word
}

// SentenceStart reports whether w begins a sentence (or follows a line
// break).
func (w Word) SentenceStart() bool { return w.bos }

// Splitter splits text into the tagger's words. It holds the cue-word
// classes, indexed once by NewSplitter and read-only after, so it is safe
// for concurrent use.
type Splitter struct {
	cue classTable // cue-word class by lowerHash of the word
	// shape of each ASCII first letter, from the unicode tests
	// WordsInto applies to the others: a table read instead of three calls.
	shape [utf8.RuneSelf]uint8
}

// NewSplitter indexes the cue-word classes: the words PolNeAR's cues are
// mostly made of (internal/wordlists), one class per list; the class is a
// feature, so its number must not change.
func NewSplitter() *Splitter {
	classes := map[uint64]uint8{}
	for c, ws := range [...]string{
		1: wordlists.TaggerSpeechVerbs,
		2: wordlists.ThoughtVerbs,
		3: wordlists.CueAccording,
		4: wordlists.CueNouns,
		5: wordlists.Complementizers,
		6: wordlists.CueTo,
		7: wordlists.TaggerActionVerbs,
		8: wordlists.EvidenceVerbs,
		9: wordlists.SeemVerbs,
	} {
		for _, w := range strings.Fields(ws) {
			classes[lowerHash(w)] = uint8(c) // a word in two lists: the later
		}
	}
	sp := &Splitter{cue: newClassTable(classes)}
	for r := range rune(utf8.RuneSelf) {
		sp.shape[r] = runeShape(r)
	}
	return sp
}

// runeShape is a word's shape by its first rune: 1 capitalised, 2 digit,
// 3 punctuation, 0 other.
func runeShape(r rune) uint8 {
	switch {
	case unicode.IsUpper(r):
		return 1
	case unicode.IsDigit(r):
		return 2
	case unicode.IsPunct(r):
		return 3
	}
	return 0
}

// classTable maps word hashes to cue-word classes: open addressing over a
// power-of-two table a quarter full, a probe or two where a Go map costs
// a hundred instructions a word. Read-only after newClassTable.
type classTable struct {
	keys  []uint64
	class []uint8
	shift uint
}

func newClassTable(m map[uint64]uint8) classTable {
	bits := uint(4)
	for 1<<bits < 4*len(m) {
		bits++
	}
	t := classTable{keys: make([]uint64, 1<<bits), class: make([]uint8, 1<<bits), shift: 64 - bits}
	for h, c := range m {
		if c == 0 {
			continue
		}
		i := t.slot(h)
		for t.class[i] != 0 {
			i = (i + 1) & (len(t.keys) - 1)
		}
		t.keys[i], t.class[i] = h, c
	}
	return t
}

// slot is where the probe for h starts: the top bits of a multiplicative
// hash (lowerHash's low bits alone are poorly mixed for short words).
func (t *classTable) slot(h uint64) int { return int((h * 0x9e3779b97f4a7c15) >> t.shift) }

// get returns the class of the word with hash h, 0 for none.
func (t *classTable) get(h uint64) uint8 {
	mask := len(t.keys) - 1
	for i := t.slot(h); ; i = (i + 1) & mask {
		if t.class[i] == 0 || t.keys[i] == h {
			return t.class[i]
		}
	}
}

// Words splits text into words (BERT pre-tokenization) and marks which
// lie inside double quotation marks.
func (sp *Splitter) Words(text string) []Word {
	ws, _ := sp.WordsInto(nil, nil, text)
	return ws
}

// WordsInto is Words into caller-owned buffers: dst for the words, wbuf
// for the pre-tokenization; it returns both, grown, for the next call.
func (sp *Splitter) WordsInto(dst []Word, wbuf []wordpiece.Word, text string) ([]Word, []wordpiece.Word) {
	ws := wordpiece.Words(wbuf[:0], text)
	out := slices.Grow(dst[:0], len(ws))[:len(ws)]
	in, ended := false, false
	for i, w := range ws {
		s := text[w.Start:w.End]
		r, _ := utf8.DecodeRuneInString(s)
		isQuote := s == "\"" || s == "“" || s == "”"
		closing := isQuote && (s == "”" || s == "\"" && in)
		if isQuote {
			switch s {
			case "“":
				in = true
			case "”":
				in = false
			default:
				in = !in
			}
		}
		var shape uint8
		if r < utf8.RuneSelf {
			shape = sp.shape[r]
		} else {
			shape = runeShape(r)
		}
		para := false
		if i > 0 {
			for k := ws[i-1].End; k < w.Start; k++ { // mostly one space: no call
				if text[k] == '\n' {
					para = true
					break
				}
			}
		}
		bos := i == 0 || para
		if ended && !(closing || s == ")") {
			bos = bos || !unicode.IsLower(r)
			ended = false
		}
		if s == "." || s == "!" || s == "?" {
			ended = true
		}
		word, pre := lowerHashPrefix(s)
		suf := word // a word of 3 bytes or fewer is its own suffix
		if len(s) > 3 {
			suf = lowerHash(s[len(s)-3:])
		}
		out[i] = Word{Start: w.Start, End: w.End, word: word, suf: suf,
			pre: pre, shape: shape, inQuote: in && !isQuote, quote: isQuote,
			comma: s == ",", bos: bos, para: para, class: sp.cue.get(word)}
	}
	next := len(out)
	for i := len(out) - 1; i >= 0; i-- {
		out[i].toEnd = distBucket(next - i)
		if out[i].bos {
			next = i
		}
	}
	return out, ws
}

// lowerHash is FNV-1a of s with ASCII letters lower-cased, without
// allocating.
func lowerHash(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return h
}

// lowerHashPrefix is lowerHash of s and of its first 4 bytes, in one pass.
func lowerHashPrefix(s string) (all, pre uint64) {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		if i == 4 {
			pre = h
		}
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	if len(s) <= 4 {
		pre = h
	}
	return h, pre
}

// distBucket buckets a distance in words (1 and up; 0 is "none").
func distBucket(d int) uint8 {
	switch {
	case d <= 0:
		return 0
	case d <= 4:
		return uint8(d)
	case d <= 6:
		return 5
	case d <= 10:
		return 6
	case d <= 20:
		return 7
	case d <= 40:
		return 8
	}
	return 9
}
