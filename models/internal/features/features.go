// Package features turns sentences and words into the hashed sparse
// features the linear models of package models read: a sentence's
// WordPiece ids, words, bigrams, stylistic and lexicon classes for the
// sentence models (subjectivity, bias), and a word's pieces, character
// n-grams and neighbours for the loaded-term model.
//
// Training (models/train) and inference (models) build features here, so
// both see the same features by construction.
package features

import (
	"fmt"
	"math"
	"strings"

	"github.com/slantwire/slant/internal/wordlists"
	"github.com/slantwire/slant/models/internal/featurehash"
	"github.com/slantwire/slant/models/wordpiece"
)

// Feature is one hashed feature and its value.
type Feature struct {
	Index uint32
	Value float32
}

// Feature namespaces: each kind of feature hashes with its own seed so that
// a word and a piece with the same id do not collide by construction.
const (
	nsPiece uint64 = iota + 1 // sentence WordPiece ids, no longer used; kept so the others keep their seeds
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
	nsStyle2
	nsLex
	nsLexCount
	nsLChar
	nsLLex
	nsStack
)

// word classes the stylistic and lexicon features count, looked up by the
// word's identity (the hash of its WordPiece ids)
type wordClass uint32

const (
	clFirst wordClass = 1 << iota
	clSecond
	clModal
	clSuperlative
	clSay
	clHedge
	clIntens
	clNeg
	clComp
	clCogn
	clReport
	clImper // opens an imperative when it opens the sentence
	// the lexicon baseline's classes (internal/wordlists); the order is their
	// feature id
	clLexStrong
	clLexWeak
	clLexIntens
	clLexOpinion
	clLexStance
	clLexLoaded
)

const (
	clLexFirst = clLexStrong
	lexClasses = clLexFirst<<6 - clLexFirst // the six lexicon classes
)

// classList is a word class and its words.
type classList struct {
	class wordClass
	words string // space-separated
}

// classLists are the word classes and their words, which New indexes by
// word (a function, not a table, so that nothing at package level can
// change them).
func classLists() []classList {
	return []classList{
		{clFirst, wordlists.FirstPerson},
		{clSecond, wordlists.SecondPerson},
		{clModal, wordlists.Modals},
		{clSuperlative, wordlists.Superlatives},
		{clSay, wordlists.SayVerbs},
		{clHedge, wordlists.Hedges},
		{clIntens, wordlists.ModelIntensifiers},
		{clNeg, wordlists.Negations},
		{clComp, wordlists.Comparatives},
		{clCogn, wordlists.OpinionVerbs},
		{clReport, wordlists.ReportVerbs},
		{clImper, wordlists.ImperativeOpeners},
		{clLexStrong, wordlists.SubjectiveStrong},
		{clLexWeak, wordlists.SubjectiveWeak},
		{clLexIntens, wordlists.Intensifiers},
		{clLexOpinion, wordlists.OpinionVerbs},
		{clLexStance, wordlists.StanceAdverbs},
		{clLexLoaded, wordlists.LoadedWords},
	}
}

// Featurizer turns sentences into hashed features. It is safe for
// concurrent use.
type Featurizer struct {
	tok   *wordpiece.Tokenizer
	class map[uint64]wordClass // by Word.Hash; built by New, read-only after
	// edge stands for the missing neighbour of a sentence's first and last
	// words: a lexeme of hash 0.
	edge Lexeme
}

// New builds a Featurizer on a tokenizer.
func New(tok *wordpiece.Tokenizer) (*Featurizer, error) {
	f := &Featurizer{tok: tok, class: map[uint64]wordClass{}}
	f.edge.seed()
	for _, c := range classLists() {
		for _, w := range strings.Fields(c.words) {
			// pre-tokenization splits "shouldn't" into "shouldn", "'", "t":
			// the entry names its first word
			w, _ = strings.CutSuffix(w, "'t")
			e, err := f.Encode(w)
			if err != nil {
				return nil, fmt.Errorf("featurizer: %q: %w", w, err)
			}
			// hyphenated entries ("far-left") are several words; the
			// classes are of single words
			if len(e.Words) == 1 {
				f.class[e.Words[0].Hash] |= c.class
			}
		}
	}
	return f, nil
}

// Tokenizer is the WordPiece tokenizer features are built on.
func (f *Featurizer) Tokenizer() *wordpiece.Tokenizer { return f.tok }

// Word is one pre-tokenized word of an encoded sentence: its place and its
// lexeme (what the features take from its text alone).
type Word struct {
	Start, End int // bytes in the text: the span its pieces cover
	*Lexeme
}

// Encoded is a tokenized sentence.
type Encoded struct {
	Text  string
	Words []Word
	// the words' lexemes and pieces, when Encode derived them (WordOwn
	// reads the pieces)
	lex    []Lexeme
	pieces [][]wordpiece.Piece
}

// Encode tokenizes text; offsets are bytes into text. Package models does
// the same with lexemes it caches per word (LexemeOwn, Reset, Add).
func (f *Featurizer) Encode(text string) (*Encoded, error) {
	e := &Encoded{}
	ws := wordpiece.Words(nil, text)
	for _, w := range ws {
		lx, ps, err := f.lexeme(text[w.Start:w.End])
		if err != nil {
			return nil, err
		}
		e.lex = append(e.lex, lx)
		e.pieces = append(e.pieces, ps)
	}
	// e.lex is complete: pointers into it stay valid. e.pieces shrinks to
	// the words kept.
	e.Reset(text)
	n := 0
	for k, w := range ws {
		if e.Add(w.Start, &e.lex[k]) {
			e.pieces[n] = e.pieces[k]
			n++
		}
	}
	e.pieces = e.pieces[:n]
	return e, nil
}

// Reset empties e for the words of text.
func (e *Encoded) Reset(text string) { e.Text, e.Words = text, e.Words[:0] }

// Add appends the word of e.Text at byte start whose lexeme is lx (kept:
// lx must not change), and reports whether it did: a word without pieces
// (one that normalizes to nothing) is left out.
func (e *Encoded) Add(start int, lx *Lexeme) bool {
	if lx.pieces == 0 {
		return false
	}
	e.Words = append(e.Words, Word{Start: start + int(lx.start), End: start + int(lx.end), Lexeme: lx})
	return true
}

func mix(h, x uint64) uint64 { return featurehash.Mix(h, x) }

func feat(h uint64) Feature { return Feature{Index: index(h), Value: 1} }

func index(h uint64) uint32 { return featurehash.Fold(h) }

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

// Sentence returns the sentence-level features: word unigrams and bigrams
// (the bigrams at bigramValue), stylistic counts (first and second person, modals,
// superlatives, speech verbs, ! and ?, quotation marks, digits, adverbs in
// -ly, capitalised words, length), further stylistic classes (hedges,
// intensifiers, negation, comparatives, cognition verbs and "I think",
// reporting verbs, evaluative suffixes, the share of words inside quotation
// marks, a closing question mark, an imperative opener) and the lexicon
// baseline's classes, each occurrence marked inside or outside quotes.
func (f *Featurizer) Sentence(dst []Feature, e *Encoded) []Feature {
	var first, second, modal, super, say, excl, quest, quotes, digits, ly, caps, words int
	var hedge, inten, neg, comp, cogn, report, eval, quoted int
	var lex [6]int
	firstCogn, inQuote := false, false
	for i, w := range e.Words {
		dst = append(dst, feat(w.Hash))
		if i+1 < len(e.Words) {
			dst = append(dst, Feature{Index: index(mix(w.bigram, e.Words[i+1].Hash)), Value: bigramValue})
		}
		switch w.Punct {
		case '!':
			excl++
		case '?':
			quest++
		case '"', '“', '”', '\'', '‘', '’':
			quotes++
		}
		switch w.Punct {
		case '"':
			inQuote = !inQuote
		case '“':
			inQuote = true
		case '”':
			inQuote = false
		}
		if !w.Letters {
			if w.Punct == 0 {
				digits++
			}
			continue
		}
		words++
		if inQuote {
			quoted++
		}
		if w.Upper && i > 0 {
			caps++
		}
		if cl := w.class; cl != 0 { // most words are in no class
			if w.pieces == 1 {
				first += b2i(cl&clFirst != 0)
				second += b2i(cl&clSecond != 0)
				modal += b2i(cl&clModal != 0)
				super += b2i(cl&clSuperlative != 0)
				say += b2i(cl&clSay != 0)
			}
			hedge += b2i(cl&clHedge != 0)
			inten += b2i(cl&clIntens != 0)
			neg += b2i(cl&clNeg != 0)
			comp += b2i(cl&clComp != 0)
			report += b2i(cl&clReport != 0)
			if cl&clCogn != 0 {
				cogn++
				if i > 0 && e.Words[i-1].class&clFirst != 0 && e.Words[i-1].pieces == 1 {
					firstCogn = firstCogn || e.Words[i-1].iWe
				}
			}
			for k := range lex {
				if cl&(clLexFirst<<k) != 0 {
					lex[k]++
					dst = append(dst, feat(mix(mix(nsLex, uint64(k)), uint64(b2i(inQuote)))))
				}
			}
		}
		ly += b2i(w.ly)
		eval += b2i(w.eval)
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
	style2 := func(name uint64, v uint64) { dst = append(dst, feat(mix(mix(nsStyle2, name), v))) }
	style2(1, bucket(hedge, 1, 2))
	style2(2, bucket(inten, 1, 2, 3))
	style2(3, bucket(neg, 1, 2))
	style2(4, bucket(comp, 1, 2))
	style2(5, bucket(cogn, 1, 2))
	style2(6, bucket(report, 1, 2))
	style2(7, bucket(eval, 1, 2, 3))
	style2(8, uint64(b2i(firstCogn)))
	if words > 0 {
		style2(9, bucket(10*quoted/words, 1, 3, 7, 10))
	}
	endQ := 0
	for i := len(e.Words) - 1; i >= 0 && !e.Words[i].Letters; i-- {
		if e.Words[i].Punct == '?' {
			endQ = 1
		}
	}
	style2(10, uint64(endQ))
	if len(e.Words) > 0 {
		style2(11, uint64(b2i(e.Words[0].class&clImper != 0)))
	}
	for k, n := range lex {
		dst = append(dst, feat(mix(mix(nsLexCount, uint64(k)), bucket(n, 1, 2, 3))))
	}
	return normalize(dst)
}

// bigramValue is the value of a word bigram, below a word's 1. Raw
// n-grams are what memorises the training sources' topics and outlets:
// chosen on the cross-domain figures (slant eval, "selection" rows),
// WordPiece ids are left out of the sentence features altogether and
// bigrams count half (models/README.md, "Features and models").
const bigramValue = 0.5

// isIWe reports whether a first-person word is "I" or "we", the subjects
// of "I think", "we believe".
func isIWe(w string) bool { return strings.EqualFold(w, "i") || strings.EqualFold(w, "we") }

// evaluativeSuffix reports an adjective-forming suffix typical of
// evaluation: -ous, -ive, -ful, -less, -able, -ible (ASCII, any case).
func evaluativeSuffix(w string) bool {
	// Every suffix ends in s, e or l, and EqualFold with an ASCII suffix
	// holds only for ASCII bytes: most words are out at their last byte.
	if len(w) == 0 {
		return false
	}
	switch w[len(w)-1] {
	case 's', 'S', 'e', 'E', 'l', 'L':
	default:
		return false
	}
	for _, suf := range [...]string{"ous", "ive", "ful", "less", "able", "ible"} {
		if len(w) > len(suf) && strings.EqualFold(w[len(w)-len(suf):], suf) {
			return true
		}
	}
	return false
}

// stackScale is the value of the stacked loaded-term features, relative to
// the unit-length sentence vector they are appended to (chosen by CV).
const stackScale = 0.6

// Stack returns the sentence features stacked on the loaded-term model's
// calibrated word probabilities: the highest, the mean of the top two (ten
// buckets each, and as values), and how many reach the threshold th.
func Stack(dst []Feature, probs []float64, th float64) []Feature {
	m1, m2 := 0.0, 0.0
	cnt := 0
	for _, p := range probs {
		if p > m1 {
			m1, m2 = p, m1
		} else if p > m2 {
			m2 = p
		}
		if p >= th {
			cnt++
		}
	}
	return StackTop(dst, m1, m2, len(probs), cnt)
}

// StackTop is Stack from the two highest of n probabilities and the count
// at or above the threshold.
func StackTop(dst []Feature, m1, m2 float64, n, cnt int) []Feature {
	top2 := m1
	if n > 1 {
		top2 = (m1 + m2) / 2
	}
	return append(dst,
		Feature{Index: index(mix(mix(nsStack, 1), uint64(m1*10))), Value: stackScale},
		Feature{Index: index(mix(mix(nsStack, 2), uint64(top2*10))), Value: stackScale},
		Feature{Index: index(mix(mix(nsStack, 3), bucket(cnt, 1, 2, 3))), Value: stackScale},
		Feature{Index: index(mix(nsStack, 4)), Value: stackScale * float32(m1)},
		Feature{Index: index(mix(nsStack, 5)), Value: stackScale * float32(top2)},
	)
}

// Candidate reports whether word i may be a loaded term: a word with letters.
func (e *Encoded) Candidate(i int) bool { return e.Words[i].Letters }

// Word returns the features of word i for the loaded-term model: the word,
// its pieces, its character n-grams and lexicon classes (WordOwn), then its
// neighbours and shape (WordContext), scaled to unit length.
func (f *Featurizer) Word(dst []Feature, e *Encoded, i int) []Feature {
	dst = f.WordOwn(dst, e, i)
	dst = f.WordContext(dst, e, i)
	return normalize(dst)
}

// WordOwn appends the features that depend on the word alone (its Hash),
// unscaled: package models caches their dot product per word. e must come
// from Encode, which keeps the words' pieces.
func (f *Featurizer) WordOwn(dst []Feature, e *Encoded, i int) []Feature {
	w := e.Words[i]
	return w.own(dst, e.pieces[i], e.Text[w.Start:w.End])
}

// own appends WordOwn's features, from the word's pieces and text (the
// span they cover).
func (lx *Lexeme) own(dst []Feature, pieces []wordpiece.Piece, text string) []Feature {
	dst = append(dst, feat(mix(nsLWord, lx.Hash)))
	for _, p := range pieces {
		dst = append(dst, feat(mix(nsLPiece, uint64(p.ID))))
	}
	dst = charGrams(dst, text)
	for k := range 6 {
		if lx.class&(clLexFirst<<k) != 0 {
			dst = append(dst, feat(mix(nsLLex, uint64(k))))
		}
	}
	return dst
}

// NumWordContext is the number of features WordContext appends, all of
// value 1.
const NumWordContext = 5

// WordContext appends the features of word i that depend on its place:
// neighbours, the bigrams with them, and shape, unscaled.
func (f *Featurizer) WordContext(dst []Feature, e *Encoded, i int) []Feature {
	w := e.Words[i]
	prev, next := &f.edge, &f.edge
	if i > 0 {
		prev = e.Words[i-1].Lexeme
	}
	if i+1 < len(e.Words) {
		next = e.Words[i+1].Lexeme
	}
	prevWord, wordNext := f.ContextBigrams(e, i)
	return append(dst,
		Feature{Index: prev.asPrev, Value: 1},
		Feature{Index: next.asNext, Value: 1},
		Feature{Index: prevWord, Value: 1},
		Feature{Index: wordNext, Value: 1},
		Feature{Index: w.shape[b2i(i == 0)], Value: 1},
	)
}

// charGramValue is the value of one character n-gram, below a whole word's
// 1: a word has many.
const charGramValue = 0.5

// charGrams appends the hashed character 3- to 5-grams of the word,
// lower-cased (ASCII) and with boundary marks: "<un", "unh", … "ed>". An
// FNV-1a rolling hash per start position makes each gram a multiply away
// from the previous one.
func charGrams(dst []Feature, w string) []Feature {
	const prime = 1099511628211
	n := len(w) + 2
	at := func(i int) byte {
		switch {
		case i == 0:
			return '<'
		case i == n-1:
			return '>'
		}
		c := w[i-1]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return c
	}
	for i := 0; i+3 <= n; i++ {
		h := uint64(14695981039346656037) ^ nsLChar
		for k := 0; k < 5 && i+k < n; k++ {
			h = (h ^ uint64(at(i+k))) * prime
			if k >= 2 {
				g := (h ^ uint64(k)) * 0x9e3779b97f4a7c15
				dst = append(dst, Feature{Index: uint32(g >> 32), Value: charGramValue})
			}
		}
	}
	return dst
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
