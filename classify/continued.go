package classify

// Attribution stage: the attributions a verb continues with the source of
// the clause it continues — a coordinated verb ("Roe toured the plant and
// said…") or a participle after a comma ("…," the paper wrote, adding…).

import (
	"slices"
	"strings"
)

// continued adds to the sentence's attributions fs[from:] (in cue order)
// the ones a verb continues with the same source: a coordinated verb ("Roe
// toured the plant, blasted the plan and said…") or a participle after a
// comma ("…," the paper wrote, adding, "…"). Neither the tagger nor the
// rules read a source there: the words before the verb are "and" or a
// comma.
func (c *Classifier) continued(sc *sentenceCtx, fs []found, from int) []found {
	toks := sc.toks
	n := len(fs)
	if n-from > maxSentenceAttrs {
		return fs // a hostile sentence of cues: the work per sentence stays bounded
	}
	for v := 1; v < len(toks) && len(fs)-from < 2*maxSentenceAttrs; v++ {
		t := &toks[v]
		if t.kind != tokWord || t.inQuote || t.upper || t.class&wCue == 0 && !c.lex.cueParticiple(t.lower) || c.lex.evidenceCues[t.lower] || c.lex.channelCues[t.lower] {
			// "…and found them": a finding is no second statement; "…,
			// citing officials" names its own source.
			continue
		}
		cueStart, k := auxBefore(toks, v)
		if k < 0 || !c.continues(sc, k, *t) || cueAt(fs[from:], sc.span(cueStart, v)) >= 0 {
			continue
		}
		// The source is the last attribution's whose cue ends before.
		p := -1
		for i := from; i < n; i++ {
			if fs[i].Cue.End <= toks[k].start && fs[i].Source.End > 0 {
				p = i
			}
		}
		var f found
		switch {
		case p >= 0:
			f = fs[p]
		case !c.subjectSource(sc, k, &f):
			continue
		default:
			f.Sentence, f.CueKind = sc.index, CueSpeech
		}
		f.Cue = sc.span(cueStart, v)
		f.Content, f.MoreContent, f.Quote = Span{}, nil, ""
		after := c.skipAfterCue(sc, v)
		if end := sc.contentEnd(after); end >= after {
			f.Content = sc.span(after, end)
			f.Quote = sc.quoteKind(f.Content)
		}
		fs = append(fs, f)
	}
	// A continuing verb ends the contents of the same source that ran over
	// it: "…a prayer for the nominee but did not suggest…".
	for j := from; j < len(fs); j++ {
		cueStart, k := auxBefore(toks, tokenAt(toks, fs[j].Cue.Start))
		if k < 0 || !c.continues(sc, k, toks[cueStart]) && !c.continues(sc, k, toks[tokenAt(toks, fs[j].Cue.End-1)]) {
			continue
		}
		for i := from; i < len(fs); i++ {
			if g := &fs[i]; i != j && g.Source.Start == fs[j].Source.Start && g.Content.Start < toks[k].start && g.Content.End > fs[j].Cue.Start {
				g.endContentBefore(sc, k)
			}
		}
	}
	if len(fs) > n {
		slices.SortStableFunc(fs[from:], func(x, y found) int { return x.Cue.Start - y.Cue.Start })
	}
	return fs
}

// tokenAt returns the index of the token that holds byte offset at.
func tokenAt(toks []token, at int) int {
	k, _ := slices.BinarySearchFunc(toks, at, func(t token, at int) int { return t.end - 1 - at })
	return min(k, len(toks)-1)
}

// endContentBefore ends f's content before token k and a comma before it.
func (f *found) endContentBefore(sc *sentenceCtx, k int) {
	if k > 1 && isComma(sc.text, sc.toks[k-1]) {
		k--
	}
	if k < 1 {
		return
	}
	if end := sc.toks[k-1].end; end > f.Content.Start {
		f.Content = Span{Start: f.Content.Start, End: end, Text: sc.text[f.Content.Start:end]}
		f.Quote = sc.quoteKind(f.Content)
	}
}

// subjectSource reads the subject of the sentence whose clause the verb
// after toks[k] continues, when no attribution before gave a source: "The
// judge imposed a 52-month sentence, saying…". The subject opens the
// sentence (after a fronted phrase: "In May, the judge…") and a verb
// follows it.
func (c *Classifier) subjectSource(sc *sentenceCtx, k int, f *found) bool {
	toks := sc.toks
	from := 0
	if toks[0].kind == tokWord && (toks[0].class&wNPPrep != 0 || toks[0].lower == "on") {
		for j := 1; j < k && j < 8; j++ {
			if isComma(sc.text, toks[j]) {
				from = j + 1 // "In May, the judge…"
				break
			}
		}
	}
	s, ok := c.lex.trimPhraseStart(toks, from, k-1)
	if !ok {
		return false
	}
	if s > 0 && toks[s-1].kind == tokPunct && !isComma(sc.text, toks[s-1]) {
		return false
	}
	e := c.phraseForward(sc, s)
	// The phrase reader goes on through verbs it does not list ("the
	// judge imposed a sentence"): a past tense ends the subject.
	for j := s + 1; j <= e; j++ {
		if t := toks[j]; t.kind == tokWord && !t.upper && strings.HasSuffix(t.lower, "ed") && toks[j-1].class&wDet == 0 {
			e = j - 1
			break
		}
	}
	if e < s || e+1 >= k || toks[e+1].kind != tokWord || toks[e+1].upper || toks[e+1].inQuote || toks[e+1].class&(wNPPrep|wBoundary) != 0 {
		return false
	}
	return c.typeSource(sc, s, e, e, f)
}

// continues reports whether the cue verb t, whose auxiliaries and adverbs
// follow toks[k], continues an earlier verb's clause: after "and", "but" or
// "then", or, as a participle, after a comma.
func (c *Classifier) continues(sc *sentenceCtx, k int, t token) bool {
	switch p := sc.toks[k]; {
	case p.kind == tokWord:
		return p.lower == "and" || p.lower == "but" || p.lower == "then"
	case isComma(sc.text, p):
		return strings.HasSuffix(t.lower, "ing")
	case p.kind == tokQuote && k > 0 && isComma(sc.text, sc.toks[k-1]):
		// "…a defense of “New York values,” saying…"
		return strings.HasSuffix(t.lower, "ing") && !isQuoteOpen(sc.text, p.start)
	}
	return false
}

// cueParticiple reports the present participle of a cue verb that the
// cue list leaves out: "adding", "noting", "admitting". Small enough to
// inline: most words fail on their ending, before any look-up.
func (lx *lexicon) cueParticiple(w string) bool {
	return len(w) > len("ing") && w[len(w)-len("ing"):] == "ing" && lx.cueStem(w[:len(w)-len("ing")])
}

// cueStem reports the stem of an "-ing" word that makes it a cue verb's.
func (lx *lexicon) cueStem(stem string) bool {
	if len(stem) < 2 {
		return false
	}
	if lx.class(stem)&wCue != 0 || stem[len(stem)-1] == stem[len(stem)-2] && lx.class(stem[:len(stem)-1])&wCue != 0 {
		return true
	}
	// "noting" → "note", without allocating the word.
	var buf [32]byte
	if len(stem) >= len(buf) {
		return false
	}
	b := append(append(buf[:0], stem...), 'e')
	return lx.words[string(b)]&wCue != 0
}
