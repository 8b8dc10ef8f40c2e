package features

import (
	"unicode"
	"unicode/utf8"

	"github.com/slantwire/slant/models/wordpiece"
)

// Lexeme is what the features take from one pre-tokenized word's text
// alone: its identity and word classes, its shape, and the hashes its
// identity seeds. A sentence's words point to their lexemes, so a caller
// that keeps lexemes per word (package models) derives none of it again
// for a repeated word, and the features of a word's neighbours cost one
// hash step instead of two. A Lexeme holds no pointer: a cache of many
// costs the garbage collector no scanning.
type Lexeme struct {
	Hash    uint64 // identity: hash of its WordPiece ids
	Letters bool   // has a letter (candidates for loaded terms)
	Upper   bool   // starts with an upper-case letter
	Punct   rune   // the mark, for a one-rune punctuation word

	pieces     int32 // how many WordPiece pieces
	start, end int32 // the span the pieces cover, in the word
	class      wordClass
	ly, eval   bool // ends in -ly; has an evaluative suffix (Sentence counts both)
	iWe        bool // is "I" or "we" (for "I think")

	// hashes of the features this word seeds: Sentence's bigram with the
	// next word, and WordContext's features of its neighbours (as the
	// previous word, as the next, and the bigrams) and its own shape (not
	// first, first)
	bigram         uint64
	asPrev, asNext uint32
	prevWord       uint64
	wordNext       uint64
	shape          [2]uint32
}

// LexemeOwn returns the lexeme of word, one word of wordpiece.Words, and
// WordOwn's features of the word (appended to dst): all a caller keeping
// lexemes needs of a word it has not seen.
func (f *Featurizer) LexemeOwn(dst []Feature, word string) (Lexeme, []Feature, error) {
	lx, ps, err := f.lexeme(word)
	if err != nil || lx.pieces == 0 {
		return lx, dst, err
	}
	return lx, lx.own(dst, ps, word[lx.start:lx.end]), nil
}

// lexeme is Lexeme, and the word's pieces (the tokenizer's: read-only).
func (f *Featurizer) lexeme(word string) (Lexeme, []wordpiece.Piece, error) {
	ps, err := f.tok.Pieces(word)
	if err != nil || len(ps) == 0 {
		return Lexeme{}, nil, err
	}
	lx := Lexeme{pieces: int32(len(ps)), start: ps[0].Start, end: ps[len(ps)-1].End}
	lx.Hash = nsWord
	for _, p := range ps {
		lx.Hash = mix(lx.Hash, uint64(p.ID))
	}
	lx.class = f.class[lx.Hash]
	text := word[lx.start:lx.end]
	r, size := utf8.DecodeRuneInString(text)
	lx.Upper = unicode.IsUpper(r)
	if size == len(text) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		lx.Punct = r
	}
	for _, r := range text {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r) {
			lx.Letters = true
			break
		}
	}
	lx.ly = len(text) > 4 && text[len(text)-2:] == "ly"
	lx.eval = len(text) > 5 && evaluativeSuffix(text)
	lx.iWe = isIWe(text)
	lx.seed()
	return lx, ps, nil
}

// seed sets the hashes the lexeme seeds, from its hash, pieces and case.
func (lx *Lexeme) seed() {
	lx.bigram = mix(nsBigram, lx.Hash)
	lx.asPrev = index(mix(nsLPrev, lx.Hash))
	lx.asNext = index(mix(nsLNext, lx.Hash))
	lx.prevWord = mix(nsLPrevWord, lx.Hash)
	lx.wordNext = mix(nsLWordNext, lx.Hash)
	for first := range lx.shape {
		lx.shape[first] = index(mix(nsLShape, uint64(b2i(lx.Upper))<<8|bucket(int(lx.pieces), 2, 3, 4)<<4|uint64(first)))
	}
}

// ContextIndices are the indices of the WordContext features the lexeme
// gives by itself: as the previous word of another, as the next, and its
// shape (not first, first). Package models keeps their weights with the
// lexeme.
func (lx *Lexeme) ContextIndices() (asPrev, asNext uint32, shape [2]uint32) {
	return lx.asPrev, lx.asNext, lx.shape
}

// Edge is the lexeme WordContext takes for the missing neighbour of a
// sentence's first and last words.
func (f *Featurizer) Edge() *Lexeme { return &f.edge }

// ContextBigrams are the indices of word i's bigram features with its
// neighbours in WordContext (the third and fourth).
func (f *Featurizer) ContextBigrams(e *Encoded, i int) (prevWord, wordNext uint32) {
	prev, next := &f.edge, &f.edge
	if i > 0 {
		prev = e.Words[i-1].Lexeme
	}
	if i+1 < len(e.Words) {
		next = e.Words[i+1].Lexeme
	}
	w := e.Words[i]
	return index(mix(prev.prevWord, w.Hash)), index(mix(w.wordNext, next.Hash))
}
