package classify

// Subjectivity stage: how much each sentence reads as the writer's opinion,
// and its loaded terms.

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// Weights of the lexicon baseline. Words inside quotations count for
// quotedWeight of their value: a quoted opinion is the source's, reported.
const (
	subjBias        = -0.7
	wtStrong        = 1.5
	wtWeak          = 0.35
	wtLoaded        = 0.8
	wtIntensifier   = 0.5
	wtStance        = 1.1
	wtModal         = 0.9
	wtOpinionVerb   = 0.5
	wtFirstPerson   = 1.2
	wtSecondPerson  = 0.7
	wtExclamation   = 1.0
	wtQuestion      = 0.5
	wtAttributed    = -0.7
	wtNumber        = -0.2
	quotedWeight    = 0.3
	lengthReference = 25 // words; longer sentences have their evidence scaled down
)

// subjectivity is the subjectivity stage: the score and loaded terms of
// every sentence from a.sents[from] on.
func (c *Classifier) subjectivity(ctx context.Context, a *analysis, from int) error {
	for si := from; si < len(a.sents); si++ {
		if err := ctxErr(ctx, si-from+1); err != nil {
			return err
		}
		s := &a.sents[si]
		sc := a.context(si)
		var err error
		if s.subjectivity, s.loaded, err = c.subjectivityOf(&sc, s.attributed, a.blocks[s.block].prose()); err != nil {
			return err
		}
	}
	return nil
}

// subjectivityOf scores how much a sentence reads as the writer's opinion,
// 0..1, and returns the loaded or emotive words in it: the lexicon baseline,
// blended with the learned models when the Classifier has them.
func (c *Classifier) subjectivityOf(sc *sentenceCtx, attributed, learned bool) (p float64, loaded []Span, err error) {
	lex, loaded := c.lexiconSubjectivity(sc, attributed)
	if c.models == nil || !learned || len(sc.toks) == 0 {
		return lex, loaded, nil
	}
	start, end := sc.toks[0].start, sc.toks[len(sc.toks)-1].end
	s, err := c.models.ScoreWith(sc.modelScratch(), sc.text[start:end])
	if err != nil {
		return 0, nil, fmt.Errorf("classify: sentence models: %w", err)
	}
	if math.IsNaN(s.Subjectivity) {
		// no subjectivity model (slant train --exclude): the lexicon alone
		s.Subjectivity = lex
	}
	// An equal-weight average of the two log-odds: the lexicon knows the
	// attribution and quotation context the model does not see, the model
	// knows wording the lexicon lacks. Equal weights are the untuned choice;
	// CheckThat dev: rules 0.612, model 0.682, blend 0.694 macro-F1.
	p = sigmoid((logit(lex) + logit(s.Subjectivity)) / 2)
	for _, l := range s.Loaded {
		sp := Span{Start: start + l.Start, End: start + l.End}
		if !overlapsAny(loaded, sp) {
			sp.Text = sc.text[sp.Start:sp.End]
			loaded = append(loaded, sp)
		}
	}
	slices.SortFunc(loaded, func(a, b Span) int { return a.Start - b.Start })
	return p, loaded, nil
}

func overlapsAny(spans []Span, s Span) bool {
	for _, o := range spans {
		if o.Start < s.End && s.Start < o.End {
			return true
		}
	}
	return false
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func logit(p float64) float64 {
	p = math.Min(math.Max(p, 1e-4), 1-1e-4)
	return math.Log(p / (1 - p))
}

// lexiconSubjectivity is the lexicon-and-feature baseline.
func (c *Classifier) lexiconSubjectivity(sc *sentenceCtx, attributed bool) (float64, []Span) {
	evidence, words, numbers, first, second := 0.0, 0, 0, 0, 0
	loaded := []Span{}
	for k := 0; k < len(sc.toks); k++ {
		t := sc.toks[k]
		w := 1.0
		if t.inQuote {
			w = quotedWeight
		}
		switch t.kind {
		case tokNumber:
			numbers++
			continue
		case tokPunct:
			switch sc.text[t.start] {
			case '!':
				evidence += wtExclamation * w
			case '?':
				evidence += wtQuestion * w
			}
			continue
		case tokQuote:
			continue
		}
		words++
		cl := t.class
		if p, ok := c.phraseAt(sc, k, min(k+3, len(sc.toks)-1), phLoaded); ok {
			end := k + len(p.words) - 1
			loaded = append(loaded, sc.span(k, end))
			evidence += wtLoaded * w
			k = end
			continue
		}
		switch {
		case cl&wSubjStrong != 0:
			evidence += wtStrong * w
		case cl&wSubjWeak != 0:
			evidence += wtWeak * w
		}
		if cl&wLoaded != 0 {
			loaded = append(loaded, sc.span(k, k))
			if cl&wSubjStrong == 0 {
				evidence += wtLoaded * w
			}
		}
		if cl&wIntensifier != 0 {
			evidence += wtIntensifier * w
		}
		if cl&wStance != 0 {
			evidence += wtStance * w
		}
		if !t.inQuote {
			if cl&wModal != 0 {
				evidence += wtModal
			}
			if cl&wOpinionVerb != 0 {
				evidence += wtOpinionVerb
			}
			if cl&wFirstPerson != 0 {
				first++
			}
			if cl&wSecondPerson != 0 {
				second++
			}
		}
	}
	if words > lengthReference {
		evidence *= math.Sqrt(lengthReference / float64(words))
	}
	z := subjBias + evidence + wtFirstPerson*float64(min(first, 2)) + wtSecondPerson*float64(min(second, 2)) + wtNumber*float64(min(numbers, 3))
	if attributed {
		z += wtAttributed
	}
	return 1 / (1 + math.Exp(-z)), loaded
}

// SentenceSubjectivity scores text as one sentence of a news paragraph: its
// attributions are found (an attributed sentence reads as less the writer's
// own) and the same score as Result.Sentences[i].Subjectivity is returned.
// It is for evaluating the classifier on sentence-level data sets.
func (c *Classifier) SentenceSubjectivity(text string) (float64, error) {
	tz := tokenizer{lx: c.lex}
	toks := tz.tokenize(nil, text, 0)
	markQuotes(text, toks)
	sc := sentenceCtx{text: text, toks: toks}
	p, _, err := c.subjectivityOf(&sc, len(c.attributionsIn(&sc, nil)) > 0, true)
	return p, err
}
