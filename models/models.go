// Package models holds slant's learned models and the artifacts they load
// from: a WordPiece tokenizer (bert-base-uncased vocabulary on
// github.com/sugarme/tokenizer), and logistic-regression models over hashed
// WordPiece, word and stylistic features for sentence subjectivity,
// sentence bias (loaded language) and word-level loaded terms.
//
// The artifacts are embedded: Load does no I/O, so package classify stays
// pure. slant train (package models/train) rebuilds them from the shared
// data; the model card is README.md in this folder.
package models

import (
	"embed"
	"fmt"
	"io/fs"

	"github.com/slantwire/slant/models/wordpiece"
)

// artifacts are the files slant train writes.
//
//go:embed subjectivity.bin bias.bin loaded.bin attribution.bin
var artifacts embed.FS

// Name identifies this set of models in results.
const Name = "slant-models/1"

// Models scores sentences. It is safe for concurrent use.
type Models struct {
	fz                 *Featurizer
	subj, bias, loaded *Linear
	tagger             *Tagger
}

// Load returns the embedded models.
func Load() (*Models, error) { return Parse(artifacts) }

// Parse reads the artifacts from a folder (os.DirFS(dir) for one written by
// slant train).
func Parse(dir fs.FS) (*Models, error) {
	fz, err := DefaultFeaturizer()
	if err != nil {
		return nil, err
	}
	m := &Models{fz: fz}
	for _, a := range []struct {
		name string
		dst  **Linear
	}{{SubjectivityFile, &m.subj}, {BiasFile, &m.bias}, {LoadedFile, &m.loaded}} {
		b, err := fs.ReadFile(dir, a.name)
		if err != nil {
			return nil, fmt.Errorf("models: %w", err)
		}
		*a.dst = new(Linear)
		if err := (*a.dst).UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("models: %s: %w", a.name, err)
		}
	}
	b, err := fs.ReadFile(dir, TaggerFile)
	if err != nil {
		return nil, fmt.Errorf("models: %w", err)
	}
	m.tagger = new(Tagger)
	if err := m.tagger.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("models: %s: %w", TaggerFile, err)
	}
	return m, nil
}

// Attributions tags the source, cue and content spans of text (a whole
// article) with the PolNeAR-trained tagger; spans are bytes into text.
func (m *Models) Attributions(text string) [NumRoles][]Span {
	ws := TagWords(text)
	var out [NumRoles][]Span
	d := new(decoder)
	cue := m.tagger.decode(d, ws, RoleCue, nil, nil)
	out[RoleCue] = Spans(ws, cue)
	var tags []int
	for _, r := range []int{RoleSource, RoleContent} {
		tags = m.tagger.decode(d, ws, r, cue, tags)
		out[r] = Spans(ws, tags)
	}
	return out
}

// Span is a byte range [Start, End) in the scored text.
type Span struct{ Start, End int }

// Scores are one sentence's model outputs.
type Scores struct {
	Subjectivity float64 // calibrated P(subjective), class-balanced
	Bias         float64 // calibrated P(biased wording), class-balanced
	Loaded       []Span  // words the loaded-term model flags
}

// Scratch holds buffers reused across the sentences of a page. A Scratch is
// owned by one goroutine; the zero value is ready.
type Scratch struct {
	enc   Encoded
	words []wordpiece.Word
	feats []Feature
	tw    []TagWord
	cue   []int
	tags  []int
	dec   decoder
}

// init sizes the word buffer for a long sentence; Words appends into it
// without handing the grown slice back, so it must start large enough.
func (sc *Scratch) init() {
	if sc.words == nil {
		sc.words = make([]wordpiece.Word, 0, 512)
	}
}

// Score runs every sentence model on text (one sentence).
func (m *Models) Score(text string) (Scores, error) { return m.ScoreWith(new(Scratch), text) }

// ScoreWith is Score with reusable buffers: a page's sentences then cost no
// allocation beyond the loaded spans.
func (m *Models) ScoreWith(sc *Scratch, text string) (Scores, error) {
	sc.init()
	if err := m.fz.encode(&sc.enc, sc.words, text); err != nil {
		return Scores{}, err
	}
	e := &sc.enc
	buf := m.fz.Sentence(sc.feats[:0], e)
	defer func() { sc.feats = buf }()
	s := Scores{Subjectivity: m.subj.Prob(buf), Bias: m.bias.Prob(buf)}
	th := float64(m.loaded.Threshold)
	for i, w := range e.Words {
		if !e.Candidate(i) {
			continue
		}
		buf = m.fz.Word(buf[:0], e, i)
		if m.loaded.Prob(buf) >= th {
			s.Loaded = append(s.Loaded, Span{w.Start, w.End})
		}
	}
	return s, nil
}

// Featurizer is the feature extractor the models were trained with.
func (m *Models) Featurizer() *Featurizer { return m.fz }

// TagSentence runs the attribution tagger on one sentence, cue first: when
// no cue is found (most sentences) the source and content passes are
// skipped, which keeps the tagger's cost off plain sentences. ok reports a
// cue.
func (m *Models) TagSentence(text string) (spans [NumRoles][]Span, ok bool) {
	return m.TagSentenceWith(new(Scratch), text)
}

// TagSentenceWith is TagSentence with reusable buffers.
func (m *Models) TagSentenceWith(sc *Scratch, text string) (spans [NumRoles][]Span, ok bool) {
	sc.init()
	sc.tw = tagWords(sc.tw, sc.words, text)
	ws := sc.tw
	sc.cue = m.tagger.decode(&sc.dec, ws, RoleCue, nil, sc.cue)
	spans[RoleCue] = Spans(ws, sc.cue)
	if len(spans[RoleCue]) == 0 {
		return spans, false
	}
	for _, r := range []int{RoleSource, RoleContent} {
		sc.tags = m.tagger.decode(&sc.dec, ws, r, sc.cue, sc.tags)
		spans[r] = Spans(ws, sc.tags)
	}
	return spans, true
}
