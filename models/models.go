// Package models holds slant's learned models and the artifacts they load
// from: logistic-regression models over hashed WordPiece, word and
// stylistic features (bert-base-uncased vocabulary, package
// models/wordpiece) for sentence subjectivity, sentence bias (loaded
// language) and word-level loaded terms, and an averaged-perceptron tagger
// of attribution spans (source, cue, content).
//
// This package is the inference API: Load, then Models.ScoreWith and
// Models.TagSentence. The features, the model formats and the tagger
// live in models/internal, which slant train (package models/train) shares
// to rebuild the artifacts from the shared data. The artifacts are
// embedded: Load does no I/O, so package classify stays pure. The model
// card is README.md in this folder.
package models

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strings"
	"sync"

	"github.com/slantwire/slant/models/internal/features"
	"github.com/slantwire/slant/models/internal/linear"
	"github.com/slantwire/slant/models/internal/tagging"
	"github.com/slantwire/slant/models/wordpiece"
)

// artifacts are the files slant train writes: all four, unless it was told
// to --exclude a data source, which leaves out the files derived from it.
//
//go:embed *.bin
var artifacts embed.FS

// Artifact file names in the models folder: what Parse reads and slant
// train writes.
const (
	SubjectivityFile = "subjectivity.bin"
	BiasFile         = "bias.bin"
	LoadedFile       = "loaded.bin"
	TaggerFile       = "attribution.bin"
)

// Attribution roles the span tagger marks, the indices of the spans
// TagSentence and Attributions return. One tagger per role, so spans of
// different roles may overlap (nested attributions do).
const (
	RoleSource  = tagging.RoleSource
	RoleCue     = tagging.RoleCue
	RoleContent = tagging.RoleContent
	NumRoles    = tagging.NumRoles
)

// Models scores sentences. It is safe for concurrent use.
type Models struct {
	fz                 *features.Featurizer
	subj, bias, loaded *linear.Model
	tagger             *tagging.Packed
	split              *tagging.Splitter
	loadedLogit        float64 // the loaded-term threshold as a calibrated logit
	// sb holds the subjectivity and bias weights side by side (when the two
	// tables are the same size), so that one read of a sentence feature
	// serves both models.
	sb [][2]float32
	// edge is the context weights of Featurizer.Edge, the missing
	// neighbour of a sentence's first and last words
	edge contextWeights

	// words caches, per word (a word of wordpiece.Words), its lexeme and
	// the loaded-term model's part of it: a repeated word, most words of a
	// page, costs one map lookup. An entry is a function of the word alone,
	// so a sentence scores the same whatever was scored before it.
	wordsMu sync.RWMutex
	words   map[string]*wordEntry
	wordCap int // the most entries words holds before it is emptied (wordCacheSize; tests make it small)

	// tagBufs pools the tagger's buffers (*tagBuffers) across calls and
	// pages: a Scratch lives for one page, and growing its buffers afresh
	// for every page was a sixth of the tagger's time in BenchmarkClassify.
	tagBufs sync.Pool
}

// tagBuffers are one TagSentence call's words and decoder buffers.
type tagBuffers struct {
	pieces []wordpiece.Word
	words  []tagging.Word
	dec    tagging.Decoder
}

// maxPooledWords bounds the buffers put back in the pool: a hostile part
// (64 KB of one-letter words) would otherwise keep megabytes alive.
const maxPooledWords = 4096

// wordEntry is what ScoreWith keeps of one word: its lexeme, and the
// loaded-term model's part of it: the dot product over the features that
// depend on the word alone (ownScore) and the length of all its features
// (scoring the word then costs its five context features). An entry never
// changes once in the cache. It is 128 bytes, two cache lines: a word
// not seen for a while costs two misses.
type wordEntry struct {
	dot  float64 // ownScore.dot
	norm float64 // math.Sqrt(ownScore.ss + features.NumWordContext)
	ctx  contextWeights
	lx   features.Lexeme
}

// contextWeights are the loaded-term model's weights of the context
// features a lexeme gives by itself (Lexeme.ContextIndices): three of a
// word's five context features then cost no read of the weight table.
type contextWeights struct {
	asPrev, asNext float32
	shape          [2]float32
}

type ownScore struct{ dot, ss float64 }

// wordCacheSize bounds the word cache, which is emptied when full.
const wordCacheSize = 100_000

// Load returns the embedded models.
func Load() (*Models, error) { return Parse(artifacts) }

// Parse reads the artifacts from a folder (os.DirFS(dir) for one written by
// slant train). A missing artifact is a model trained without its data
// (slant train --exclude): its scores are NaN, and without attribution.bin
// the tagger finds nothing.
func Parse(dir fs.FS) (*Models, error) {
	fz, err := features.Uncached() // the words cache stands in for the tokenizer's
	if err != nil {
		return nil, err
	}
	m := &Models{fz: fz, split: tagging.NewSplitter(), words: make(map[string]*wordEntry),
		wordCap: wordCacheSize}
	for _, a := range []struct {
		name string
		dst  **linear.Model
	}{{SubjectivityFile, &m.subj}, {BiasFile, &m.bias}, {LoadedFile, &m.loaded}} {
		b, err := fs.ReadFile(dir, a.name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("models: %w", err)
		}
		*a.dst = new(linear.Model)
		if err := (*a.dst).UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("models: %s: %w", a.name, err)
		}
	}
	if m.loaded != nil {
		m.edge = m.contextWeightsOf(fz.Edge())
		th := math.Min(math.Max(float64(m.loaded.Threshold), 1e-6), 1-1e-6)
		m.loadedLogit = math.Log(th / (1 - th))
	}
	if m.subj != nil && m.bias != nil && len(m.subj.W) == len(m.bias.W) {
		m.sb = make([][2]float32, len(m.subj.W))
		for i := range m.sb {
			m.sb[i] = [2]float32{m.subj.W[i], m.bias.W[i]}
		}
	}
	b, err := fs.ReadFile(dir, TaggerFile)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("models: %w", err)
	}
	var t tagging.Tagger
	if err := t.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("models: %s: %w", TaggerFile, err)
	}
	m.tagger = t.Pack()
	return m, nil
}

// Attributions tags the source, cue and content spans of text (a whole
// article) with the PolNeAR-trained tagger; spans are bytes into text.
func (m *Models) Attributions(text string) [NumRoles][]Span {
	var out [NumRoles][]Span
	if m.tagger == nil {
		return out
	}
	ws := m.split.Words(text)
	tags, _ := m.tagger.Tag(new(tagging.Decoder), ws)
	for r := range NumRoles {
		out[r] = bioSpans(ws, tags[r])
	}
	return out
}

// Span is a byte range [Start, End) in the scored text.
type Span struct{ Start, End int }

// Scores are one sentence's model outputs.
type Scores struct {
	Subjectivity float64 // calibrated P(subjective), class-balanced; NaN without the model
	Bias         float64 // calibrated P(biased wording), class-balanced; NaN without the model
	Loaded       []Span  // words the loaded-term model flags (none without it)
}

// Scratch holds buffers reused across the sentences of a page. A Scratch is
// owned by one goroutine; the zero value is ready.
type Scratch struct {
	enc   features.Encoded
	words []wordpiece.Word
	ents  []*wordEntry // the entries of enc.Words
	feats []features.Feature
}

// Score runs every sentence model on text (one sentence).
func (m *Models) Score(text string) (Scores, error) { return m.ScoreWith(new(Scratch), text) }

// ScoreWith is Score with reusable buffers: a page's sentences then cost no
// allocation beyond the loaded spans.
func (m *Models) ScoreWith(sc *Scratch, text string) (Scores, error) {
	if err := m.encode(sc, text); err != nil {
		return Scores{}, err
	}
	e := &sc.enc
	// Words first: the sentence models read the loaded-term probabilities
	// (stacked features). A word is flagged when its calibrated logit
	// reaches the threshold's; only the two highest are turned into
	// probabilities.
	s := Scores{Subjectivity: math.NaN(), Bias: math.NaN()}
	buf := sc.feats[:0]
	defer func() { sc.feats = buf }()
	z1, z2 := math.Inf(-1), math.Inf(-1)
	n, cnt := 0, 0
	for i, w := range e.Words {
		if m.loaded == nil {
			break
		}
		if !e.Candidate(i) {
			continue
		}
		z := m.loadedLogitOf(sc, i)
		n++
		if z >= m.loadedLogit {
			cnt++
			s.Loaded = append(s.Loaded, Span{w.Start, w.End})
		}
		if z > z1 {
			z1, z2 = z, z1
		} else if z > z2 {
			z2 = z
		}
	}
	p1, p2 := 0.0, 0.0
	if n > 0 {
		p1 = linear.Sigmoid(z1)
	}
	if n > 1 {
		p2 = linear.Sigmoid(z2)
	}
	buf = m.fz.Sentence(buf[:0], e)
	if m.loaded != nil {
		// trained without BABE, subjectivity has no stacked features
		buf = features.StackTop(buf, p1, p2, n, cnt)
	}
	switch {
	case m.subj != nil && m.bias != nil:
		s.Subjectivity, s.Bias = m.sentenceProbs(buf)
	case m.subj != nil:
		s.Subjectivity = m.subj.Prob(buf)
	case m.bias != nil:
		s.Bias = m.bias.Prob(buf)
	}
	return s, nil
}

// sentenceProbs is m.subj.Prob(x), m.bias.Prob(x), in one pass over x
// when the weights are paired: the same sums in the same order.
func (m *Models) sentenceProbs(x []features.Feature) (subj, bias float64) {
	if m.sb == nil {
		return m.subj.Prob(x), m.bias.Prob(x)
	}
	rs, rb := float64(m.subj.Bias), float64(m.bias.Bias)
	sb, mask := m.sb, uint32(len(m.sb)-1)
	for _, f := range x {
		w, v := &sb[f.Index&mask], float64(f.Value)
		rs += float64(w[0]) * v
		rb += float64(w[1]) * v
	}
	return linear.Sigmoid(float64(m.subj.A)*rs + float64(m.subj.B)), linear.Sigmoid(float64(m.bias.A)*rb + float64(m.bias.B))
}

// encode is m.fz.Encode(text) into sc.enc, with the words' lexemes
// from the cache, and sc.ents their entries. The cache is read under one
// lock for the whole sentence.
func (m *Models) encode(sc *Scratch, text string) error {
	sc.words = wordpiece.Words(sc.words[:0], text)
	ents := m.lookUp(sc.ents[:0], text, sc.words)
	sc.enc.Reset(text)
	n := 0
	for k, w := range sc.words {
		ent := ents[k] // (ents[:n] are the kept words' entries, n <= k)
		if ent == nil {
			var err error
			if ent, err = m.newEntry(text[w.Start:w.End]); err != nil {
				return err
			}
		}
		if sc.enc.Add(w.Start, &ent.lx) {
			ents[n] = ent
			n++
		}
	}
	sc.ents = ents[:n]
	return nil
}

// lookUp appends the cached entries of words (bytes of text) to dst, nil
// for a word not in the cache.
func (m *Models) lookUp(dst []*wordEntry, text string, words []wordpiece.Word) []*wordEntry {
	m.wordsMu.RLock()
	for _, w := range words {
		dst = append(dst, m.words[text[w.Start:w.End]])
	}
	m.wordsMu.RUnlock()
	return dst
}

// newEntry derives word's entry and puts it in the cache.
func (m *Models) newEntry(word string) (*wordEntry, error) {
	lx, own, err := m.fz.LexemeOwn(nil, word)
	if err != nil {
		return nil, err
	}
	ent := &wordEntry{lx: lx}
	if m.loaded != nil {
		ent.ctx = m.contextWeightsOf(&ent.lx)
		if ent.lx.Letters {
			o := m.ownScoreOf(own)
			ent.dot, ent.norm = o.dot, math.Sqrt(o.ss+features.NumWordContext)
		}
	}
	m.wordsMu.Lock()
	defer m.wordsMu.Unlock()
	if len(m.words) >= m.wordCap {
		clear(m.words)
	}
	m.words[strings.Clone(word)] = ent // word may alias a large page
	return ent, nil
}

// ownScoreOf is the loaded-term model's part of a word that depends on it
// alone, from its WordOwn features.
func (m *Models) ownScoreOf(own []features.Feature) ownScore {
	var o ownScore
	for _, f := range own {
		o.dot += float64(m.loaded.W[f.Index&uint32(len(m.loaded.W)-1)]) * float64(f.Value)
		o.ss += float64(f.Value) * float64(f.Value)
	}
	return o
}

// contextWeightsOf reads the weights of lx's context features.
func (m *Models) contextWeightsOf(lx *features.Lexeme) contextWeights {
	w, mask := m.loaded.W, uint32(len(m.loaded.W)-1)
	asPrev, asNext, shape := lx.ContextIndices()
	return contextWeights{
		asPrev: w[asPrev&mask],
		asNext: w[asNext&mask],
		shape:  [2]float32{w[shape[0]&mask], w[shape[1]&mask]},
	}
}

// loadedLogitOf is the loaded-term model's calibrated logit for word i of
// sc.enc: Prob(Word(e, i)) before the sigmoid, from the word's entry and
// its context features, WordContext's five, in its order (each of value
// 1: the weights are the products).
func (m *Models) loadedLogitOf(sc *Scratch, i int) float64 {
	ent, prev, next := sc.ents[i], &m.edge, &m.edge
	if i > 0 {
		prev = &sc.ents[i-1].ctx
	}
	if i+1 < len(sc.ents) {
		next = &sc.ents[i+1].ctx
	}
	first := 0
	if i == 0 {
		first = 1
	}
	prevWord, wordNext := m.fz.ContextBigrams(&sc.enc, i)
	w, mask := m.loaded.W, uint32(len(m.loaded.W)-1)
	dot := ent.dot
	dot += float64(prev.asPrev)
	dot += float64(next.asNext)
	dot += float64(w[prevWord&mask])
	dot += float64(w[wordNext&mask])
	dot += float64(ent.ctx.shape[first])
	raw := float64(m.loaded.Bias) + dot/ent.norm
	return float64(m.loaded.A)*raw + float64(m.loaded.B)
}

// TagSentence runs the attribution tagger on one sentence or block, cue
// first: when no cue is found the source and content passes are skipped,
// which keeps the tagger's cost off plain text. ok reports a cue. Each
// role's spans are in text order and never overlap (BIO tags). Its buffers
// come from a pool in m, so it allocates only the spans it returns.
func (m *Models) TagSentence(text string) (spans [NumRoles][]Span, ok bool) {
	if m.tagger == nil {
		return spans, false
	}
	b, _ := m.tagBufs.Get().(*tagBuffers)
	if b == nil {
		b = new(tagBuffers)
	}
	b.words, b.pieces = m.split.WordsInto(b.words, b.pieces, text)
	ws := b.words
	tags, ok := m.tagger.Tag(&b.dec, ws)
	for r := range NumRoles {
		spans[r] = bioSpans(ws, tags[r]) // fresh slices: b may go back to the pool
	}
	if len(ws) <= maxPooledWords {
		m.tagBufs.Put(b)
	}
	return spans, ok
}

// bioSpans turns BIO tags into byte spans of the words.
func bioSpans(ws []tagging.Word, tags []int) []Span {
	var out []Span
	for i := 0; i < len(tags); i++ {
		if tags[i] != tagging.B {
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] == tagging.I {
			j++
		}
		out = append(out, Span{ws[i].Start, ws[j-1].End})
		i = j - 1
	}
	return out
}
