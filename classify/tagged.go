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
	text := a.text[start:end]
	spans, ok := c.models.TagSentence(text)
	if !ok {
		return dst, nil
	}
	shift := func(s models.Span) Span {
		return Span{Start: start + s.Start, End: start + s.End, Text: a.text[start+s.Start : start+s.End]}
	}
	block := sentenceCtx{text: a.text, toks: a.toks}
	claimed := make([]bool, len(spans[models.RoleContent]))
	first := len(dst)
	lastSentence, inSentence := -1, 0
	for ci, cs := range spans[models.RoleCue] {
		if err := ctxErr(ctx, ci+1); err != nil {
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
		if c.lex.passiveCue(cue.Text) {
			continue
		}
		f := found{Attribution: Attribution{Sentence: si, Cue: cue, CueKind: CueSpeech}}
		channel := c.lex.channelCue(cue.Text)
		if channel {
			f.CueKind = CueAccordingTo
		}
		srcSpan, ok := nearestSource(window(spans[models.RoleSource], a.sents[si], start), cs, channel, invertedCue(text, cs))
		switch {
		case ok && srcSpan.End <= cs.Start && ci > 0 && newClause(text, srcSpan, spans[models.RoleCue][ci-1], cs) &&
			c.sourceBeforeCue(a, si, cue, &f):
			// The tagger's source is the earlier cue's, in an earlier
			// clause ("the US said …, and Washington appears"): the
			// subject right before this cue, as the rules read it, is
			// this one's.
			srcSpan = models.Span{Start: f.Source.Start - start, End: f.Source.End - start}
		case ok:
			ok = c.typeTagged(a, from, shift(srcSpan), &f)
		default:
			ok = c.sourceBeforeCue(a, si, cue, &f) || c.continuedSource(a, si, cue, dst[first:], &f)
			srcSpan = models.Span{Start: f.Source.Start - start, End: f.Source.End - start}
		}
		if !ok {
			continue
		}
		// A content after the next cue is that cue's: "\"…,\" the mayor
		// said, adding that…".
		limit := len(text)
		if ci+1 < len(spans[models.RoleCue]) {
			limit = spans[models.RoleCue][ci+1].Start
		}
		if k := nearestContent(spans[models.RoleContent], claimed, cs, srcSpan, limit, a.sents[si], start); k >= 0 {
			claimed[k] = true
			f.Content = shift(spans[models.RoleContent][k])
		}
		sc := a.context(si)
		switch {
		case srcSpan.Start >= cs.End && f.Content.End <= f.Source.Start:
			c.sourceToEnd(&sc, &f)
		case srcSpan.End <= cs.Start:
			c.sourceToCue(&sc, cue, &f)
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

// newClause reports a source that opens a subordinate clause closed
// before this cue ("while the US originally said …, Washington appears"):
// the earlier cue lies between source and cue, the source follows a
// subordinating conjunction, and a comma closes the clause after the
// earlier cue. The source is the earlier cue's, not this one's.
func newClause(text string, src, prev, cue models.Span) bool {
	if prev.Start < src.End || prev.End > cue.Start || !strings.Contains(text[prev.End:cue.Start], ",") {
		return false
	}
	before := strings.Fields(strings.ToLower(text[max(0, src.Start-12):src.Start]))
	if len(before) == 0 {
		return false
	}
	switch strings.Trim(before[len(before)-1], ",;") {
	case "while", "although", "though", "whereas", "as", "after", "because", "since", "when", "if":
		return true
	}
	return false
}

// invertedCue reports a cue after a comma or a closing quotation mark
// whose source follows it: "…, said Jane Roe, a lawyer". The tagger may
// also have marked a phrase of the content before as a source.
func invertedCue(text string, cue models.Span) bool {
	before := strings.TrimRight(text[:cue.Start], " ")
	return strings.HasSuffix(before, ",") || strings.HasSuffix(before, ",\"") || strings.HasSuffix(before, ",”") || strings.HasSuffix(before, ",''")
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
// ("according to X", "citing X") and for an inverted cue whose source
// starts right after it ("…, said Jane Roe").
func nearestSource(srcs []models.Span, cue models.Span, channel, inverted bool) (models.Span, bool) {
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
	if channel || !hasBefore || inverted && hasAfter && after.Start-cue.End <= 1 {
		return after, hasAfter
	}
	return before, true
}

// nearestContent returns the index of the unclaimed content span nearest
// to the cue that reaches into its sentence s, after the cue (and before
// limit, the next cue) first, else before the source or the cue; -1 when
// there is none.
func nearestContent(all []models.Span, claimed []bool, cue, src models.Span, limit int, s sentence, base int) int {
	// The contents that reach into the sentence: they never overlap each
	// other, so they are a run of all.
	lo, _ := slices.BinarySearchFunc(all, s.start-base, func(sp models.Span, at int) int {
		if sp.End <= at {
			return -1
		}
		return 1
	})
	hi, _ := slices.BinarySearchFunc(all[lo:], s.end-base, func(sp models.Span, at int) int { return sp.Start - at })
	if k := nearestContentIn(all[lo:lo+hi], claimed[lo:lo+hi], cue, src, limit, s, base); k >= 0 {
		return lo + k
	}
	return -1
}

// nearestContentIn is nearestContent over the contents that reach into
// the sentence.
func nearestContentIn(contents []models.Span, claimed []bool, cue, src models.Span, limit int, s sentence, base int) int {
	best := -1
	for k, sp := range contents {
		if claimed[k] || sp.Start < cue.End && cue.Start < sp.End || sp.Start < src.End && src.Start < sp.End || base+sp.Start >= s.end || sp.Start >= limit {
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

// sourceBeforeCue reads the source the tagger missed with the rules: the
// phrase that ends before the cue and its auxiliaries ("Clinton slammed",
// "The National Rifle Association says"), or after a quotation or a comma
// the phrase after the cue ("\"…,\" said Kunin."), unless the cue is a
// channel (", citing people familiar with the matter" credits the
// attribution before it).
func (c *Classifier) sourceBeforeCue(a *analysis, si int, cue Span, f *found) bool {
	sc := a.context(si)
	v, last := -1, -1
	for k, t := range sc.toks {
		if t.start >= cue.Start && v < 0 {
			v = k
		}
		if v >= 0 && t.end <= cue.End {
			last = k
		}
	}
	if v <= 0 || last < v {
		return false
	}
	_, npEnd := auxBefore(sc.toks, v)
	src, ok := c.verbSource(&sc, last, npEnd)
	switch {
	case !ok, src.inverted && c.lex.channelCue(cue.Text):
		// ", citing people familiar with the matter" credits the
		// attribution before it.
		return false
	case src.start == src.end && sc.toks[src.start].class&(wFirstPerson|wSecondPerson) != 0:
		return false
	case !c.typeSource(&sc, src.start, src.end, src.headEnd, f):
		return false
	}
	if src.inverted {
		c.sourceToEnd(&sc, f)
	}
	return true
}

// continuedSource reads the source of a tagger cue that continues an
// earlier verb's clause ("…and has promised that", "…, saying"): the
// source of the last attribution of the sentence before it (prev, in cue
// order), else the sentence's subject.
func (c *Classifier) continuedSource(a *analysis, si int, cue Span, prev []found, f *found) bool {
	sc := a.context(si)
	v := tokenAt(sc.toks, cue.Start)
	last := tokenAt(sc.toks, cue.End-1)
	_, k := auxBefore(sc.toks, v)
	if k < 0 || v >= len(sc.toks) || c.lex.channelCue(cue.Text) || !c.continues(&sc, k, sc.toks[last]) && !c.continues(&sc, k, sc.toks[v]) {
		return false // ", citing people familiar…" credits the attribution before it
	}
	for i := len(prev) - 1; i >= 0 && prev[i].Sentence >= si; i-- { // prev is in sentence order
		if p := &prev[i]; p.Sentence == si && p.Cue.End <= sc.toks[k].start {
			cueSpan := f.Cue
			*f = *p
			f.Cue, f.CueKind, f.Content, f.MoreContent, f.Quote = cueSpan, CueSpeech, Span{}, nil, ""
			return true
		}
	}
	if !c.subjectSource(&sc, k, f) {
		return false
	}
	f.Sentence = si
	return true
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
	if st > sf && st == len(sc.toks)-1 && sc.toks[st].kind == tokPunct && a.text[sc.toks[st].start] == '.' {
		end = sc.toks[st-1].end // "…," said Jane Roe, a Democrat.
	}
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
	if t := c.titleBefore(&sc, sf); t >= 0 {
		// "Rep. Jane Roe": the tagger's words end a sentence at the
		// title's period and start the source after it; PolNeAR's keep it.
		sf, start = t, sc.toks[t].start
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
	case sf == st && c.lex.relatives[sc.toks[sf].lower] && sf >= 1 && sc.toks[sf-1].kind == tokWord:
		// "voters who said": the relative pronoun is the noun before it.
		if s, e := c.phraseBackward(&sc, sf-1); s >= 0 && c.typeSource(&sc, s, e, e, f) {
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

// titleBefore returns the index of an abbreviated title ("Rep.", "Sen.",
// "Gov.") right before token k, or -1.
func (c *Classifier) titleBefore(sc *sentenceCtx, k int) int {
	j := k - 1
	if j >= 0 && sc.toks[j].kind == tokPunct && sc.text[sc.toks[j].start] == '.' {
		j--
	}
	if j < 0 || j == k-1 && !endsWithPeriod(sc.text, &sc.toks[j]) {
		return -1
	}
	if t := sc.toks[j]; t.kind == tokWord && t.upper && t.class&wTitle != 0 && t.end-t.start <= 5 {
		return j
	}
	return -1
}

// sourceToEnd extends a source that follows its cue over the apposition or
// relative clause that ends the sentence: PolNeAR's sources run to the
// sentence's end there ("…," said Jane Roe, a lawyer for the family, who
// met him.) — 510 of 535 such sources on its train split — except before
// a second cue ("…, adding", "…, who added").
func (c *Classifier) sourceToEnd(sc *sentenceCtx, f *found) {
	toks := sc.toks
	k, _ := slices.BinarySearchFunc(toks, f.Source.End, func(t token, at int) int { return t.end - at })
	if k >= len(toks) || toks[k].end != f.Source.End {
		return
	}
	if !isComma(sc.text, toks[k]) {
		k++
		if k >= len(toks) || !isComma(sc.text, toks[k]) {
			return
		}
	}
	last := len(toks) - 1
	for last > k && toks[last].kind == tokPunct && strings.ContainsRune(".!?;:", rune(sc.text[toks[last].start])) {
		last--
	}
	if last <= k || last-k > 3*maxSourceTokens {
		return
	}
	for j := k + 1; j <= last; j++ {
		t := &toks[j]
		if t.kind == tokQuote || t.inQuote || t.kind == tokWord && !t.upper && (t.class&wCue != 0 || c.lex.cueParticiple(t.lower)) {
			return
		}
		if t.kind == tokWord && !t.upper && strings.HasSuffix(t.lower, "ing") && isComma(sc.text, toks[j-1]) {
			return // "…, said Murphy, referring to…": a participle clause is no apposition
		}
	}
	end := toks[last].end
	if sentencePeriod(sc.text[toks[last].start:end]) {
		end--
	}
	f.Source = Span{Start: f.Source.Start, End: end, Text: sc.text[f.Source.Start:end]}
}

// sourceToCue extends a source before its cue over the relative clause or
// apposition set off by commas between them, as PolNeAR's sources run
// ("Khan, who is Muslim, also decried"); the tagger's often stop at the
// name.
func (c *Classifier) sourceToCue(sc *sentenceCtx, cue Span, f *found) {
	toks := sc.toks
	k, _ := slices.BinarySearchFunc(toks, f.Source.End, func(t token, at int) int { return t.end - at })
	v, _ := slices.BinarySearchFunc(toks, cue.Start, func(t token, at int) int { return t.start - at })
	if k+2 >= len(toks) || v >= len(toks) || toks[k].end != f.Source.End || !isComma(sc.text, toks[k+1]) {
		return
	}
	_, npEnd := auxBefore(toks, v)
	if npEnd <= k+2 || npEnd-k > 24 || !isComma(sc.text, toks[npEnd]) {
		return
	}
	if first := toks[k+2]; first.lower != "who" && first.lower != "which" && !c.isAppositive(toks[k+2:npEnd]) {
		return
	}
	for _, t := range toks[k+2 : npEnd] {
		if t.kind == tokQuote || t.inQuote {
			return
		}
	}
	end := toks[npEnd].end
	f.Source = Span{Start: f.Source.Start, End: end, Text: sc.text[f.Source.Start:end]}
}

// sentencePeriod reports a sentence's last word that carries the sentence's
// period ("a Democrat."), which is no part of a source; an abbreviation
// keeps its own ("Nev.", "U.S.").
func sentencePeriod(w string) bool {
	return len(w) > 5 && strings.Count(w, ".") == 1 && w[len(w)-1] == '.'
}

func isDash(s string) bool { return s == "-" || s == "—" || s == "–" }
