package classify

// Attribution stage: the learned span tagger's fallback for sentences the
// rules found nothing in.

import "github.com/slantwire/slant/models"

// taggedAttribution adds an attribution the rules missed, from the learned
// span tagger (models, trained on PolNeAR): the rules stay the
// high-precision path and run first; the tagger is asked only about
// sentences in which they found nothing, and its spans are kept only when
// they make one clear attribution — one cue, one source, a content — whose
// source the rules' own typing accepts (typeSource), so that source type and
// strength come from the same logic as every other attribution.
func (c *Classifier) taggedAttribution(sc *sentenceCtx, dst []found) []found {
	if c.models == nil || len(sc.toks) == 0 {
		return dst
	}
	start, end := sc.toks[0].start, sc.toks[len(sc.toks)-1].end
	spans, ok := c.models.TagSentenceWith(sc.modelScratch(), sc.text[start:end])
	if !ok || len(spans[models.RoleCue]) != 1 || len(spans[models.RoleSource]) != 1 || len(spans[models.RoleContent]) == 0 {
		return dst
	}
	at := func(s models.Span) (from, to int, ok bool) {
		from, to = -1, -1
		for k, t := range sc.toks {
			if t.end <= start+s.Start || t.start >= start+s.End {
				continue
			}
			if from < 0 {
				from = k
			}
			to = k
		}
		return from, to, from >= 0
	}
	sf, st, ok1 := at(spans[models.RoleSource][0])
	cf, ct, ok2 := at(spans[models.RoleCue][0])
	if !ok1 || !ok2 || sc.toks[cf].inQuote || sc.toks[sf].inQuote || (sf <= ct && cf <= st) {
		return dst
	}
	// The rules' cue constraints hold here too: a passive ("was told", "is
	// said to") has no speaker in its subject.
	for k := max(cf-1, 0); k <= ct; k++ {
		if sc.toks[k].kind == tokWord && c.lex.beForms[sc.toks[k].lower] {
			return dst
		}
	}
	f := found{kind: cueVerb}
	if !c.typeSource(sc, sf, st, st, &f) {
		return dst
	}
	f.Cue = sc.span(cf, ct)
	content := spans[models.RoleContent][0]
	for _, s := range spans[models.RoleContent][1:] {
		if s.End-s.Start > content.End-content.Start {
			content = s
		}
	}
	xf, xt, ok3 := at(content)
	if !ok3 || (xf <= ct && cf <= xt) || (xf <= st && sf <= xt) {
		return dst
	}
	f.Content = sc.span(xf, xt)
	f.Quote = sc.quoteKind(f.Content)
	f.Sentence = sc.index
	return append(dst, f)
}
