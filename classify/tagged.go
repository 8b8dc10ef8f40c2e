package classify

// Attribution stage: the learned span tagger (package models, trained on
// PolNeAR) read over a whole block, so that a content may run across
// sentences and a sentence may hold several attributions. Its spans follow
// PolNeAR's conventions; the rules' typing (source_type.go) says what each
// source is.

import (
	"context"
	"slices"
	"strings"

	"github.com/slantwire/slant/models"
)

// taggedAttributions returns the attributions the tagger finds in the
// block of sentences a.sents[from:], in cue order: each cue paired with the
// nearest source in its sentence (before it, else after it: "said the
// minister") and the nearest unclaimed content (after it, else before it).
//
// The tagger reads the block whole, or, over maxTaggedBytes, in parts of
// whole sentences of at most that size, so that the context is checked
// between parts; a sentence longer than that on its own is no prose and is
// left to the rules.
func (c *Classifier) taggedAttributions(ctx context.Context, a *analysis, from int, dst []found) ([]found, error) {
	b := &a.blocks[a.sents[from].block]
	if b.end-b.start <= maxTaggedBytes {
		return c.tagPart(ctx, a, from, b.start, b.end, dst)
	}
	for si := from; si < len(a.sents); {
		start := a.sents[si].start
		sj := si
		for sj < len(a.sents) && a.sents[sj].end-start <= maxTaggedBytes {
			sj++
		}
		if sj == si { // one sentence over the limit
			si++
			continue
		}
		var err error
		if dst, err = c.tagPart(ctx, a, from, start, a.sents[sj-1].end, dst); err != nil {
			return dst, err
		}
		if err := ctx.Err(); err != nil {
			return dst, err
		}
		si = sj
	}
	return dst, nil
}

// maxTaggedBytes is the most text the tagger reads at once.
const maxTaggedBytes = 64 << 10

// tagPart reads a.text[start:end], whole sentences of the block of
// sentences a.sents[from:], with the tagger.
//
// A hostile block (a 20 MB line, nothing but cue words) must stay linear:
// a sentence takes at most maxSentenceAttrs cues, as with the rules, and
// every lookup of a sentence, a span or a cue is a binary search over
// spans the tagger returns in text order (BIO tags: the spans of one role
// never overlap), or a scan of one sentence's spans.
func (c *Classifier) tagPart(ctx context.Context, a *analysis, from, start, end int, dst []found) ([]found, error) {
	spans, ok := c.models.TagSentenceWith(&a.scratch, a.text[start:end])
	if !ok {
		return dst, nil
	}
	for r := range spans {
		if !slices.IsSortedFunc(spans[r], func(x, y models.Span) int { return x.Start - y.Start }) {
			slices.SortFunc(spans[r], func(x, y models.Span) int { return x.Start - y.Start })
		}
	}
	shift := func(s models.Span) Span {
		return Span{Start: start + s.Start, End: start + s.End, Text: a.text[start+s.Start : start+s.End]}
	}
	block := sentenceCtx{text: a.text, toks: a.toks}
	claimed := make([]bool, len(spans[models.RoleContent]))
	first := len(dst)
	lastSentence, inSentence := -1, 0
	for k, cs := range spans[models.RoleCue] {
		if err := ctxErr(ctx, k+1); err != nil {
			return dst, err
		}
		cue := shift(cs)
		si := a.sentenceAt(from, cue.Start)
		if si != lastSentence {
			lastSentence, inSentence = si, 0
		}
		if inSentence++; inSentence > maxSentenceAttrs {
			continue
		}
		f := found{Attribution: Attribution{Sentence: si, Cue: cue, CueKind: CueSpeech}}
		channel := c.lex.channelCue(cue.Text)
		if channel {
			f.CueKind = CueAccordingTo
		}
		srcSpan, ok := nearestSource(window(spans[models.RoleSource], a.sents[si], start), cs, channel)
		if ok {
			ok = c.typeTagged(a, from, shift(srcSpan), &f)
		} else {
			ok = c.sourceBeforeCue(a, si, cue, &f)
			srcSpan = models.Span{Start: f.Source.Start - start, End: f.Source.End - start}
		}
		if !ok {
			continue
		}
		if k := nearestContent(spans[models.RoleContent], claimed, cs, srcSpan, a.sents[si], start); k >= 0 {
			claimed[k] = true
			f.Content = shift(spans[models.RoleContent][k])
		}
		f.Quote = block.quoteKind(f.Content)
		dst = append(dst, f)
	}
	// A content the tagger found that no cue took is the rest of a content
	// the cue split: the nearest cue's.
	for k, sp := range spans[models.RoleContent] {
		if claimed[k] || len(dst) == first {
			continue
		}
		best := nearestCue(dst[first:], start+sp.Start) + first
		part := shift(sp)
		if c.lex.afterChannel(a.text, a.toks, part.Start) {
			continue // "citing people familiar with the matter" names a source
		}
		f := &dst[best]
		if f.Content.End > part.Start {
			// The content is the first part in the text: "\"We will
			// win,\" she said, \"and soon.\""
			f.Content, part = part, f.Content
		}
		if part.End > 0 {
			f.MoreContent = append(f.MoreContent, part)
		}
		f.Quote = block.quoteKind(f.Content)
	}
	for i := first; i < len(dst); i++ {
		slices.SortFunc(dst[i].MoreContent, func(x, y Span) int { return x.Start - y.Start })
	}
	return dst, nil
}

// nearestCue returns the index of the attribution in fs (in cue order)
// whose cue starts nearest to byte offset at; fs is not empty.
func nearestCue(fs []found, at int) int {
	i, _ := slices.BinarySearchFunc(fs, at, func(f found, at int) int { return f.Cue.Start - at })
	switch {
	case i == len(fs):
		return i - 1
	case i > 0 && at-fs[i-1].Cue.Start <= fs[i].Cue.Start-at:
		return i - 1
	}
	return i
}

// sentenceAt returns the index of the sentence of the current block, from
// a.sents[from] on, that holds byte offset at.
func (a *analysis) sentenceAt(from, at int) int {
	n, _ := slices.BinarySearchFunc(a.sents[from+1:], at, func(s sentence, at int) int {
		if s.start <= at {
			return -1
		}
		return 1
	})
	return from + n
}

// window returns the spans (block-relative; base is the block's start)
// that lie inside sentence s.
func window(spans []models.Span, s sentence, base int) []models.Span {
	lo, _ := slices.BinarySearchFunc(spans, s.start-base, func(sp models.Span, at int) int { return sp.Start - at })
	hi, _ := slices.BinarySearchFunc(spans[lo:], s.end-base, func(sp models.Span, at int) int { return sp.Start - at })
	w := spans[lo : lo+hi]
	for len(w) > 0 && w[len(w)-1].End > s.end-base {
		w = w[:len(w)-1]
	}
	return w
}

// nearestSource returns the source span among srcs, the sources of the
// cue's sentence, closest to the cue: the nearest ending before it, else
// the nearest starting after it — after it first for a channel cue
// ("according to X", "citing X").
func nearestSource(srcs []models.Span, cue models.Span, channel bool) (models.Span, bool) {
	var before, after models.Span
	hasBefore, hasAfter := false, false
	for _, sp := range srcs {
		if sp.Start < cue.End && cue.Start < sp.End {
			continue
		}
		switch {
		case sp.End <= cue.Start && (!hasBefore || sp.End > before.End):
			before, hasBefore = sp, true
		case sp.Start >= cue.End && (!hasAfter || sp.Start < after.Start):
			after, hasAfter = sp, true
		}
	}
	if channel || !hasBefore {
		return after, hasAfter
	}
	return before, true
}

// nearestContent returns the index of the unclaimed content span nearest
// to the cue that reaches into its sentence s, after the cue first, else
// before the source or the cue; -1 when there is none.
func nearestContent(all []models.Span, claimed []bool, cue, src models.Span, s sentence, base int) int {
	// The contents that reach into the sentence: they never overlap each
	// other, so they are a run of all.
	lo, _ := slices.BinarySearchFunc(all, s.start-base, func(sp models.Span, at int) int {
		if sp.End <= at {
			return -1
		}
		return 1
	})
	hi, _ := slices.BinarySearchFunc(all[lo:], s.end-base, func(sp models.Span, at int) int { return sp.Start - at })
	if k := nearestContentIn(all[lo:lo+hi], claimed[lo:lo+hi], cue, src, s, base); k >= 0 {
		return lo + k
	}
	return -1
}

// nearestContentIn is nearestContent over the contents that reach into
// the sentence.
func nearestContentIn(contents []models.Span, claimed []bool, cue, src models.Span, s sentence, base int) int {
	best := -1
	for k, sp := range contents {
		if claimed[k] || sp.Start < cue.End && cue.Start < sp.End || sp.Start < src.End && src.Start < sp.End || base+sp.Start >= s.end {
			continue
		}
		if sp.Start >= cue.End && (best < 0 || contents[best].Start < cue.End || sp.Start < contents[best].Start) {
			best = k
		}
	}
	if best >= 0 {
		return best
	}
	before := min(cue.Start, src.Start)
	for k, sp := range contents {
		if claimed[k] || sp.End > before || base+sp.End <= s.start {
			continue
		}
		if best < 0 || sp.End > contents[best].End {
			best = k
		}
	}
	return best
}

// afterChannel reports whether the word before byte offset at, in the
// block's tokens, is a channel cue ("citing", "according to").
func (lx *lexicon) afterChannel(text string, toks []token, at int) bool {
	k, _ := slices.BinarySearchFunc(toks, at, func(t token, at int) int { return t.start - at })
	for k--; k >= 0 && toks[k].kind != tokWord; k-- {
	}
	return k >= 0 && (lx.channelCues[toks[k].lower] || toks[k].lower == "to" && k > 0 && lx.channelCues[toks[k-1].lower])
}

// channelCue reports a cue that names its source after it: "according
// to", "per", "citing", "quoting".
func (lx *lexicon) channelCue(cue string) bool {
	w := strings.ToLower(strings.Fields(cue + " x")[0])
	return lx.channelCues[w]
}

// sourceBeforeCue reads the source the tagger missed with the rules: the
// phrase that ends before the cue and its auxiliaries ("Clinton slammed",
// "The National Rifle Association says").
func (c *Classifier) sourceBeforeCue(a *analysis, si int, cue Span, f *found) bool {
	sc := a.context(si)
	v := -1
	for k, t := range sc.toks {
		if t.start >= cue.Start {
			v = k
			break
		}
	}
	if v <= 0 {
		return false
	}
	_, npEnd := auxBefore(sc.toks, v)
	if npEnd < 0 || sc.toks[npEnd].kind != tokWord {
		return false
	}
	s, e := c.phraseBackward(&sc, npEnd)
	if s < 0 || sc.toks[s].class&(wFirstPerson|wSecondPerson) != 0 && s == e {
		return false
	}
	return c.typeSource(&sc, s, e, e, f)
}

// typeTagged types the tagger's source span with the rules' typing: the
// tokens of the sentence that holds it. A first- or second-person source
// (the writer, or a speaker's "I think" inside a quote) is no attribution;
// a source the rules cannot type ("who", "another", "the two") is an
// unnamed person.
func (c *Classifier) typeTagged(a *analysis, from int, src Span, f *found) bool {
	si := a.sentenceAt(from, src.Start)
	sc := a.context(si)
	sf, st := -1, -1
	for k, t := range sc.toks {
		if t.end <= src.Start || t.start >= src.End {
			continue
		}
		if sf < 0 {
			sf = k
		}
		st = k
	}
	start, end := src.Start, src.End
	// PolNeAR's sources keep the comma that closes an apposition ("Tom
	// Becker, a Republican, said"): the tagger's do too, and typing reads
	// the words before it.
	for st > sf && sc.toks[st].kind == tokPunct {
		st--
	}
	for k := sf + 1; k < st; k++ {
		if t := sc.toks[k]; t.kind == tokPunct && isDash(a.text[t.start:t.end]) && sc.toks[k-1].kind == tokPunct && a.text[sc.toks[k-1].start] == ')' {
			sf = k + 1 // a dateline, "GENEVA (Reuters) - ", is no part of the source
			start = sc.toks[sf].start
		}
	}
	if sf < 0 || sc.toks[sf].kind != tokWord && sc.toks[sf].kind != tokNumber {
		return false
	}
	if sf == st && sc.toks[sf].class&(wFirstPerson|wSecondPerson) != 0 {
		return false
	}
	// An apposition ("Ban Ki-moon, the secretary general of the United
	// Nations,") says who the source is, not what: the words before its
	// comma are typed.
	head := st
	for k := sf + 1; k < st; k++ {
		if isComma(a.text, sc.toks[k]) {
			head = k - 1
			break
		}
	}
	switch {
	case sf == st && c.lex.relatives[sc.toks[sf].lower] && sf >= 2 && isComma(a.text, sc.toks[sf-1]):
		// "Smith, who …, said": the relative pronoun is Smith.
		if s, e := c.phraseBackward(&sc, sf-2); s >= 0 && c.typeSource(&sc, s, e, e, f) {
			f.Antecedent = &Span{Start: f.Source.Start, End: f.Source.End, Text: f.Source.Text}
			break
		}
		f.SourceType, f.untyped = SourceUnnamedPerson, true
	case !c.typeSource(&sc, sf, head, head, f):
		f.SourceType, f.untyped = SourceUnnamedPerson, true
	}
	// The tagger's own boundaries, which follow PolNeAR's conventions,
	// rather than the rules' tokens.
	f.Source = Span{Start: start, End: end, Text: a.text[start:end]}
	return true
}

func isDash(s string) bool { return s == "-" || s == "—" || s == "–" }
