package classify

import "math"

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

// subjectivity scores how much a sentence reads as the writer's opinion,
// 0..1, and returns the loaded or emotive words in it.
func (c *Classifier) subjectivity(sc *sentenceCtx, attributed bool) (float64, []Span) {
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
		if p, at, ok := c.matchPhrase(sc, k, min(k+3, len(sc.toks)-1), phLoaded); ok && at == k {
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
