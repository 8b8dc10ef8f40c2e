package models

import (
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/slantwire/slant/models/wordpiece"
)

// Feature namespaces: each kind of feature hashes with its own seed so that
// a word and a piece with the same id do not collide by construction.
const (
	nsPiece uint64 = iota + 1
	nsWord
	nsBigram
	nsStyle
	nsLWord
	nsLPiece
	nsLPrev
	nsLNext
	nsLPrevWord
	nsLWordNext
	nsLShape
)

// word classes the stylistic features count, looked up by vocabulary id
type wordClass uint8

const (
	clFirst wordClass = 1 << iota
	clSecond
	clModal
	clSuperlative
	clSay
)

var classWords = map[wordClass][]string{
	clFirst:       {"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"},
	clSecond:      {"you", "your", "yours", "yourself"},
	clModal:       {"should", "must", "ought", "need", "needs", "shouldn", "cannot"},
	clSuperlative: {"most", "best", "worst", "least", "greatest", "biggest"},
	clSay:         {"said", "says", "say", "told", "according", "stated", "reported", "announced"},
}

// Featurizer turns sentences into hashed features. It is safe for
// concurrent use.
type Featurizer struct {
	tok   *wordpiece.Tokenizer
	class map[int]wordClass
}

// NewFeaturizer builds a Featurizer on a tokenizer.
func NewFeaturizer(tok *wordpiece.Tokenizer) (*Featurizer, error) {
	class := map[int]wordClass{}
	ids := map[string]int{}
	for id := range tok.VocabSize() {
		ids[tok.Token(id)] = id
	}
	for cl, ws := range classWords {
		for _, w := range ws {
			id, ok := ids[w]
			if !ok {
				return nil, fmt.Errorf("featurizer: %q is not one vocabulary token", w)
			}
			class[id] |= cl
		}
	}
	return &Featurizer{tok: tok, class: class}, nil
}

// Tokenizer is the WordPiece tokenizer features are built on.
func (f *Featurizer) Tokenizer() *wordpiece.Tokenizer { return f.tok }

// Word is one pre-tokenized word of an encoded sentence.
type Word struct {
	Start, End int    // bytes in the text
	Hash       uint64 // identity: hash of its WordPiece ids
	P0, P1     int    // its pieces are Tokens[P0:P1]
	Letters    bool   // has a letter (candidates for loaded terms)
	Upper      bool   // starts with an upper-case letter
	Punct      rune   // the mark, for a one-rune punctuation word
}

// Encoded is a tokenized sentence.
type Encoded struct {
	Text   string
	Tokens []wordpiece.Token
	Words  []Word
}

// Encode tokenizes text; offsets are bytes into text.
func (f *Featurizer) Encode(text string) (*Encoded, error) {
	e := &Encoded{}
	return e, f.encode(e, nil, text)
}

// encode tokenizes text into e, reusing e's slices and wbuf.
func (f *Featurizer) encode(e *Encoded, wbuf []wordpiece.Word, text string) error {
	toks, err := f.tok.TokenizeWords(e.Tokens[:0], wbuf, text, 0)
	if err != nil {
		return err
	}
	e.Text, e.Tokens, e.Words = text, toks, e.Words[:0]
	for i := 0; i < len(toks); {
		j := i
		h := uint64(nsWord)
		for j < len(toks) && toks[j].Word == toks[i].Word {
			h = mix(h, uint64(toks[j].ID))
			j++
		}
		w := Word{Start: toks[i].Start, End: toks[j-1].End, Hash: h, P0: i, P1: j}
		r, size := utf8.DecodeRuneInString(text[w.Start:])
		w.Upper = unicode.IsUpper(r)
		if size == w.End-w.Start && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			w.Punct = r
		}
		for _, r := range text[w.Start:w.End] {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r) {
				w.Letters = true
				break
			}
		}
		e.Words = append(e.Words, w)
		i = j
	}
	return nil
}

// mix folds x into the hash h (a 64-bit multiply-xorshift step).
func mix(h, x uint64) uint64 {
	h ^= x + 0x9e3779b97f4a7c15 + h<<6 + h>>2
	h *= 0xff51afd7ed558ccd
	return h ^ h>>33
}

func feat(h uint64) Feature { return Feature{Index: uint32(h ^ h>>32), Value: 1} }

// normalize scales the values to unit length: long and short sentences then
// weigh alike.
func normalize(x []Feature) []Feature {
	var ss float64
	for _, f := range x {
		ss += float64(f.Value) * float64(f.Value)
	}
	if ss == 0 {
		return x
	}
	inv := float32(1 / math.Sqrt(ss))
	for i := range x {
		x[i].Value *= inv
	}
	return x
}

func bucket(n int, edges ...int) uint64 {
	for i, e := range edges {
		if n < e {
			return uint64(i)
		}
	}
	return uint64(len(edges))
}

// Sentence returns the sentence-level features: WordPiece unigrams, word
// unigrams and bigrams, and stylistic counts (first and second person,
// modals, superlatives, speech verbs, ! and ?, quotation marks, digits,
// adverbs in -ly, capitalised words, length).
func (f *Featurizer) Sentence(dst []Feature, e *Encoded) []Feature {
	for _, t := range e.Tokens {
		dst = append(dst, feat(mix(nsPiece, uint64(t.ID))))
	}
	var first, second, modal, super, say, excl, quest, quotes, digits, ly, caps, words int
	for i, w := range e.Words {
		dst = append(dst, feat(w.Hash))
		if i+1 < len(e.Words) {
			dst = append(dst, feat(mix(mix(nsBigram, w.Hash), e.Words[i+1].Hash)))
		}
		switch w.Punct {
		case '!':
			excl++
		case '?':
			quest++
		case '"', '“', '”', '\'', '‘', '’':
			quotes++
		}
		if !w.Letters {
			if w.Punct == 0 {
				digits++
			}
			continue
		}
		words++
		if w.Upper && i > 0 {
			caps++
		}
		if w.P1-w.P0 == 1 {
			cl := f.class[e.Tokens[w.P0].ID]
			first += b2i(cl&clFirst != 0)
			second += b2i(cl&clSecond != 0)
			modal += b2i(cl&clModal != 0)
			super += b2i(cl&clSuperlative != 0)
			say += b2i(cl&clSay != 0)
		}
		if end := e.Text[w.Start:w.End]; len(end) > 4 && (end[len(end)-2:] == "ly") {
			ly++
		}
	}
	style := func(name uint64, v uint64) { dst = append(dst, feat(mix(mix(nsStyle, name), v))) }
	style(1, bucket(first, 1, 2, 3))
	style(2, bucket(second, 1, 2))
	style(3, bucket(modal, 1, 2))
	style(4, bucket(super, 1, 2))
	style(5, bucket(say, 1, 2))
	style(6, bucket(excl, 1))
	style(7, bucket(quest, 1))
	style(8, bucket(quotes, 1, 2, 4))
	style(9, bucket(digits, 1, 2, 4))
	style(10, bucket(ly, 1, 2, 3))
	style(11, bucket(words, 8, 15, 25, 40))
	if words > 0 {
		style(12, bucket(10*caps/words, 1, 2, 3, 5))
	}
	return normalize(dst)
}

// Candidate reports whether word i may be a loaded term: a word with letters.
func (e *Encoded) Candidate(i int) bool { return e.Words[i].Letters }

// Word returns the features of word i for the loaded-term model: the word,
// its pieces, its neighbours and its shape.
func (f *Featurizer) Word(dst []Feature, e *Encoded, i int) []Feature {
	w := e.Words[i]
	dst = append(dst, feat(mix(nsLWord, w.Hash)))
	for _, t := range e.Tokens[w.P0:w.P1] {
		dst = append(dst, feat(mix(nsLPiece, uint64(t.ID))))
	}
	prev, next := uint64(0), uint64(0)
	if i > 0 {
		prev = e.Words[i-1].Hash
	}
	if i+1 < len(e.Words) {
		next = e.Words[i+1].Hash
	}
	dst = append(dst,
		feat(mix(nsLPrev, prev)),
		feat(mix(nsLNext, next)),
		feat(mix(mix(nsLPrevWord, prev), w.Hash)),
		feat(mix(mix(nsLWordNext, w.Hash), next)),
		feat(mix(nsLShape, uint64(b2i(w.Upper))<<8|bucket(w.P1-w.P0, 2, 3, 4)<<4|uint64(b2i(i == 0)))),
	)
	return normalize(dst)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
