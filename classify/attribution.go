package classify

// Attribution stage: cues (verbs, "according to", "per") and the content
// they introduce. The source phrase is read in source.go and typed in
// source_type.go; pronouns and anaphors are resolved in resolve.go.

import (
	"context"
	"slices"
	"strings"
)

// Window sizes keep the work per cue constant, so a hostile sentence (a page
// of nothing but cue words, a 20 MB line) stays linear.
const (
	maxSourceTokens       = 14
	maxSentenceAttrs      = 16
	pronounLookback       = 12 // sentences
	outletAnaphorLookback = 40 // sentences
)

// found is an attribution under construction. Token indexes are into the
// sentence's tokens.
type found struct {
	Attribution
	pronoun  string // he, she, they, it: resolved after all sentences are read
	outlet   string // canonical outlet name for media_outlet sources
	generic  bool   // "the outlet": an outlet named earlier
	anaphor  string // head of a definite description ("the spokesperson") to resolve
	body     bool   // an unnamed official of a named body
	metonymy bool   // a place standing for its government ("Washington said")
	head     string // head noun of the source phrase
	untyped  bool   // the rules could not type the source: never an antecedent
	person   Span   // the last named person mentioned before a pronoun or anaphor source
}

// attributions is the attribution stage for the block of sentences
// a.sents[from:]: outside bylines and datelines, the learned tagger's
// attributions over the whole block (tagged.go), then per sentence the
// rules' attributions whose cues the tagger did not find.
func (c *Classifier) attributions(ctx context.Context, a *analysis, from int) error {
	if from == len(a.sents) {
		return nil
	}
	if role := a.blocks[a.sents[from].block].role; role == RoleByline || role == RoleDateline {
		return nil
	}
	first := len(a.found)
	defer c.personMentions(a, from, first)
	tagged := a.tagged[:0]
	if c.models != nil && a.blocks[a.sents[from].block].prose() {
		var err error
		if tagged, err = c.taggedAttributions(ctx, a, from, tagged); err != nil {
			return err
		}
		a.tagged = tagged
	}
	next := 0 // tagged is in sentence order
	for si := from; si < len(a.sents); si++ {
		if err := ctxErr(ctx, si-from+1); err != nil {
			return err
		}
		sc := a.context(si)
		before := len(a.found)
		for ; next < len(tagged) && tagged[next].Sentence <= si; next++ {
			if tagged[next].Sentence == si {
				a.found = append(a.found, tagged[next])
			}
		}
		tags := len(a.found)
		if si == from {
			if f, ok := c.speakerColon(a, from); ok && cueAt(a.found[before:], f.Cue) < 0 {
				a.found = append(a.found, f)
				tags++
			}
		}
		a.ruled = c.attributionsIn(&sc, a.ruled[:0])
		for _, f := range a.ruled {
			k := cueAt(a.found[before:tags], f.Cue)
			if k < 0 {
				if c.models == nil || c.rulesOnlyCue(&f) {
					a.found = append(a.found, f)
				}
				continue
			}
			// Both found the cue: the tagger's spans, but the rules' source
			// where it holds the tagger's and more ("The Wall Street
			// Journal" for "Street Journal"), and the rules' content where
			// the tagger found none.
			t := &a.found[before+k]
			if f.CueKind == CueAccordingTo {
				// A channel ends at its comma: "According to a report by
				// Bloomberg, the company…"; the rules read that exactly.
				*t = f
				continue
			}
			if t.Content.End == 0 && f.Content.End > 0 {
				t.Content, t.Quote = f.Content, f.Quote
			}
			if f.Source.Start <= t.Source.Start && t.Source.End <= f.Source.End && f.Source != t.Source {
				content, more, quote := t.Content, t.MoreContent, t.Quote
				*t = f
				t.Content, t.MoreContent, t.Quote = content, more, quote
			}
		}
		slices.SortStableFunc(a.found[before:], func(x, y found) int { return x.Cue.Start - y.Cue.Start })
		a.found = c.continued(&sc, a.found, before)
		for i := before; i < len(a.found); i++ {
			f := &a.found[i]
			f.CueKind = c.lex.cueKind(f)
			closeQuote(a.text, &f.Content)
			for k := range f.MoreContent {
				closeQuote(a.text, &f.MoreContent[k])
			}
		}
		a.sents[si].attributed = len(a.found) > before
	}
	return nil
}

// closeQuote extends a content that ends right before the mark and the
// quotation mark that close its quotation ("…like Bernie Sanders.”"):
// PolNeAR's contents take them (3,502 to 4 on its train split for a
// period, every time for a comma or a bare closing mark).
func closeQuote(text string, sp *Span) {
	if sp.End == 0 || sp.End >= len(text) {
		return
	}
	at := sp.End
	if strings.IndexByte(".,?!;:", text[at]) >= 0 {
		at++
	}
	for _, q := range []string{"''", "”", "\""} {
		if strings.HasPrefix(text[at:], q) {
			sp.End = at + len(q)
			sp.Text = text[sp.Start:sp.End]
			return
		}
	}
}

// rulesOnlyCue reports a cue the rules found and the tagger did not that
// still stands: a channel, a finding, a form of "say" or "tell", or a
// past tense not negated. The other forms are mostly nouns or bare verbs the tagger was
// right to pass over ("Clark's remarks", "the report", "did not respond",
// "to note"): on the hold-out, 93 of the 149 cues only the rules found
// were not PolNeAR's.
func (c *Classifier) rulesOnlyCue(f *found) bool {
	if f.CueKind == CueAccordingTo || c.lex.cueKind(f) == CueEvidence {
		return true // "The audit found…": a finding stands
	}
	words := strings.Fields(strings.ToLower(f.Cue.Text))
	for _, w := range words {
		if w == "not" || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") || w == "never" {
			return false
		}
	}
	switch w := words[len(words)-1]; w {
	case "said", "says", "say", "told":
		return true
	default:
		return strings.HasSuffix(w, "ed")
	}
}

// cueAt returns the index of the attribution in fs whose cue overlaps cue, or -1.
func cueAt(fs []found, cue Span) int {
	for i, f := range fs {
		if f.Cue.Start < cue.End && cue.Start < f.Cue.End {
			return i
		}
	}
	return -1
}

// attributionsIn finds the attributions of one sentence by the rules.
func (c *Classifier) attributionsIn(sc *sentenceCtx, dst []found) []found {
	toks := sc.toks
	n := 0
	for i := 0; i < len(toks) && n < maxSentenceAttrs; i++ {
		t := &toks[i]
		if t.kind != tokWord || t.inQuote {
			continue
		}
		// Which cue the word may be is decided before an attribution is
		// made: a found is large, and most words are none.
		const (
			none = iota
			according
			per
			verb
		)
		cue := none
		switch {
		case t.lower == "according" && i+1 < len(toks) && toks[i+1].lower == "to":
			cue = according
		case t.lower == "per" && c.perCue(sc, i):
			cue = per
		case t.class&wCue != 0 && !t.upper && !nounCue(toks, i): // "States" in "United States" is no verb
			cue = verb
		case (t.lower == "called" || t.lower == "calls" || t.lower == "described") && quoteWithin(toks, i+1, 6):
			cue = verb // called the deal "a down payment"
		}
		if cue == none {
			continue
		}
		var f found
		var ok bool
		switch cue {
		case according:
			f, ok = c.channel(sc, i, i+1)
		case per:
			f, ok = c.channel(sc, i, i)
		default:
			f, ok = c.verbCue(sc, i)
		}
		if ok {
			f.Sentence = sc.index
			dst = append(dst, f)
			n++
		}
	}
	// A channel ("…, per the outlet") relays the statement made inside its
	// content, so its content is that statement's.
	for k := len(dst) - n; k < len(dst); k++ {
		if dst[k].CueKind == CueAccordingTo {
			for m := len(dst) - n; m < len(dst); m++ {
				if m != k && dst[m].CueKind != CueAccordingTo && dst[m].Cue.Start >= dst[k].Content.Start && dst[m].Cue.End <= dst[k].Content.End && dst[m].Content.Start < dst[k].Cue.Start {
					dst[k].Content, dst[k].Quote = dst[m].Content, dst[m].Quote
				}
			}
		}
	}
	return dst
}

// nounCue reports "state" or "states" that is not followed by "that": in
// news the noun ("his home state of Florida", "15 earlier states") is far
// more common than the verb (PolNeAR's train split marks seven such cues).
func nounCue(toks []token, i int) bool {
	if l := toks[i].lower; l != "state" && l != "states" {
		return false
	}
	return i+1 >= len(toks) || toks[i+1].lower != "that"
}

// perCue accepts "per" as a cue only after a comma or at a sentence's start
// and before a source phrase, so "per cent" and "$5 per share" are left.
func (c *Classifier) perCue(sc *sentenceCtx, i int) bool {
	toks := sc.toks
	if i+1 >= len(toks) || toks[i+1].kind != tokWord || toks[i+1].lower == "cent" {
		return false
	}
	if i > 0 && !(toks[i-1].kind == tokPunct && sc.text[toks[i-1].start] == ',') {
		return false
	}
	next := toks[i+1]
	return next.upper || next.class&wDet != 0
}

// channel reads "according to X" and "per X".
func (c *Classifier) channel(sc *sentenceCtx, cueFirst, cueLast int) (found, bool) {
	toks := sc.toks
	srcStart := cueLast + 1
	srcEnd := c.phraseForward(sc, srcStart)
	if srcEnd < srcStart {
		return found{}, false
	}
	f := found{Attribution: Attribution{CueKind: CueAccordingTo}}
	f.Cue = sc.span(cueFirst, cueLast)
	if !c.typeSource(sc, srcStart, srcEnd, srcEnd, &f) {
		return found{}, false
	}
	fronted := cueFirst == 0 || cueFirst == 1 && toks[0].class&wBoundary != 0
	if fronted {
		start := srcEnd + 1
		if start < len(toks) && isComma(sc.text, toks[start]) {
			start++
		}
		end := sc.contentEnd(start)
		if end < start {
			return found{}, false
		}
		f.Content = sc.span(start, end)
	} else {
		end := cueFirst - 1
		if end >= 0 && isComma(sc.text, toks[end]) {
			end--
		}
		start := 0
		if end < start {
			return found{}, false
		}
		f.Content = sc.span(start, end)
	}
	f.Quote = sc.quoteKind(f.Content)
	return f, true
}

// verbCue reads an attribution around a cue verb: "X said (that) C",
// "C, X said", "\"C,\" said X".
func (c *Classifier) verbCue(sc *sentenceCtx, v int) (found, bool) {
	toks := sc.toks
	if v > 0 && !c.lex.canOpenCue(toks[v-1]) {
		return found{}, false
	}
	f := found{Attribution: Attribution{CueKind: CueSpeech}}
	cueStart, npEnd := auxBefore(toks, v)
	f.Cue = sc.span(cueStart, v)
	src, ok := c.verbSource(sc, v, npEnd)
	if !ok || !c.typeSource(sc, src.start, src.end, src.headEnd, &f) {
		return found{}, false
	}
	if f.Content, ok = c.verbContent(sc, src, cueStart); !ok {
		return found{}, false
	}
	if src.inverted && f.Content.End <= f.Source.Start {
		c.sourceToEnd(sc, &f)
	}
	f.Quote = sc.quoteKind(f.Content)
	return f, true
}

// auxBefore returns where the verbal group of the cue verb at v starts (its
// first auxiliary: "has said") and the last token before it and the adverbs
// around it ("also", "reportedly"), where a source phrase may end.
func auxBefore(toks []token, v int) (cueStart, npEnd int) {
	cueStart, npEnd = v, v-1
	for npEnd >= 0 && toks[npEnd].kind == tokWord && !toks[npEnd].upper && toks[npEnd].class&(wAux|wSkipAdverb) != 0 {
		if toks[npEnd].class&wAux != 0 {
			cueStart = npEnd
		}
		npEnd--
	}
	return cueStart, npEnd
}

// canOpenCue reports whether a cue verb may follow the token prev: not
// after a determiner ("the reported attack", "a claimed link": a
// participle or a noun), after a form of "be" (a passive: "was told",
// "is said to", "were reported") or after "of".
func (lx *lexicon) canOpenCue(prev token) bool {
	if prev.kind != tokWord {
		return true
	}
	// Nor after "of": "secretary of state" names an office.
	return !(prev.class&wDet != 0 && prev.class&wPronoun == 0) && !lx.beForms[prev.lower] && prev.lower != "of"
}

// verbSource is where a cue verb's source lies in the sentence's tokens.
type verbSource struct {
	start, end  int  // the source phrase
	headEnd     int  // its noun phrase's end, before any relative clause
	inverted    bool // the source follows the cue: "…," said the minister.
	subordinate bool // the source opens a subordinate clause: "while the minister said"
	after       int  // the first token after the cue (and an inverted source)
}

// verbSource finds the source of the cue verb at token v, whose
// auxiliaries and adverbs end at npEnd: the phrase before them, or after a
// comma-closed relative clause, or, after a quote or comma, the phrase that
// follows the verb.
func (c *Classifier) verbSource(sc *sentenceCtx, v, npEnd int) (verbSource, bool) {
	toks := sc.toks
	src := verbSource{start: -1, end: -1, headEnd: -1, after: c.skipAfterCue(sc, v)}
	if npEnd >= 0 && toks[npEnd].kind == tokWord {
		src.start, src.end = c.phraseBackward(sc, npEnd)
		src.headEnd = src.end
	} else if npEnd > 0 && isComma(sc.text, toks[npEnd]) {
		// "An aid worker, who spoke on condition of anonymity, said"
		if s, e, ok := c.relativeClauseSource(sc, npEnd); ok {
			// PolNeAR's source keeps the comma that closes the clause.
			src.start, src.end, src.headEnd = s, npEnd, e
		} else if j := setOffBefore(sc, npEnd); j > 0 {
			// "Forbes, however, says", "Snyder, for his part, has denied"
			src.start, src.end = c.phraseBackward(sc, j-1)
			src.headEnd = src.end
		}
	} else if npEnd > 0 && toks[npEnd].kind == tokPunct && sc.text[toks[npEnd].start] == ')' {
		// "Sen. Marco Rubio (R-Fla.) said": the party and state go with the name.
		for j := npEnd - 1; j > 0 && npEnd-j <= 8; j-- {
			if t := toks[j]; t.kind == tokPunct && sc.text[t.start] == '(' {
				if toks[j-1].kind == tokWord {
					if s, e := c.phraseBackward(sc, j-1); s >= 0 {
						src.start, src.end, src.headEnd = s, npEnd, e
					}
				}
				break
			}
		}
	}
	src.subordinate = src.start > 0 && toks[src.start-1].kind == tokWord && toks[src.start-1].class&wSubordinator != 0
	if src.start >= 0 {
		return src, true
	}
	// Inverted order after a quote or comma: "…," said the minister.
	if npEnd >= 0 && !(toks[npEnd].kind == tokQuote || isComma(sc.text, toks[npEnd])) {
		return src, false
	}
	src.start = v + 1
	src.end = c.phraseForward(sc, src.start)
	if src.end < src.start || src.end-src.start+1 > 8 {
		return src, false
	}
	// The phrase must close the clause: "said the minister." or
	// "said Smith, adding…", not "said crowds had gathered".
	if next := src.end + 1; next < len(toks) && toks[next].kind == tokWord && toks[next].class&wNPPrep == 0 {
		return src, false
	}
	src.headEnd = src.end
	src.inverted = true
	src.after = src.end + 1
	return src, true
}

// setOffBefore returns the comma that opens an adverb or a short
// prepositional phrase set off before the comma at npEnd ("Forbes,
// however, says", "Snyder, for his part, has denied"), or -1.
func setOffBefore(sc *sentenceCtx, npEnd int) int {
	toks := sc.toks
	for j := npEnd - 1; j > 0 && npEnd-j <= 5; j-- {
		t := &toks[j]
		if isComma(sc.text, *t) {
			first := toks[j+1]
			adverb := j == npEnd-2 && (first.class&wSkipAdverb != 0 || first.lower == "however")
			prep := first.class&wNPPrep != 0 && !first.upper || first.lower == "for" || first.lower == "in" || first.lower == "at"
			if toks[j-1].kind == tokWord && (adverb || prep && j < npEnd-2) {
				return j
			}
			return -1
		}
		if t.kind != tokWord && t.kind != tokNumber || t.class&(wVerb|wCue) != 0 && !t.upper {
			return -1
		}
	}
	return -1
}

// verbContent returns the content of a verb cue: what follows the cue, or
// else the quote or clause before the source (before the cue when the
// source follows it).
func (c *Classifier) verbContent(sc *sentenceCtx, src verbSource, cueStart int) (Span, bool) {
	toks := sc.toks
	end := sc.contentEnd(src.after)
	if src.subordinate {
		if comma := sc.nextComma(src.after, end); comma >= 0 {
			end = comma - 1
		}
	}
	// "told reporters in Geneva" after a quotation: the adjunct is no content.
	adjunct := end >= src.after && end-src.after < 10 && toks[src.after].class&wNPPrep != 0 && src.start > 0 && toks[src.start-1].kind == tokQuote
	// "…," the mayor said, adding that…: the participle opens a second
	// attribution (continued), not this one's content.
	participle := end >= src.after && toks[src.after].kind == tokWord && c.lex.cueParticiple(toks[src.after].lower) && src.after > 0 && isComma(sc.text, toks[src.after-1])
	if !src.inverted && end >= src.after && !adjunct && !participle {
		return sc.span(src.after, end), true
	}
	before := src.start - 1
	if src.inverted {
		before = cueStart - 1
	}
	cs, ce, ok := sc.contentBefore(before)
	if !ok {
		return Span{}, false
	}
	return sc.span(cs, ce), true
}

func isComma(text string, t token) bool {
	return t.kind == tokPunct && text[t.start] == ','
}

// skipAfterCue returns where the content starts after the cue at v: past the
// listener of "told reporters", a time phrase before "that", and "that" or a
// colon itself.
func (c *Classifier) skipAfterCue(sc *sentenceCtx, v int) int {
	toks := sc.toks
	i := v + 1
	if i < len(toks) && toks[i].kind == tokWord && toks[i].lower == "out" && toks[v].lower == "pointed" {
		i++
	}
	switch toks[v].lower {
	case "told", "tell", "tells", "telling":
		for k := i; k < len(toks) && k < i+5; k++ {
			t := &toks[k]
			if t.kind != tokWord || t.lower == "that" {
				break
			}
			if t.upper || t.class&(wDet|wGroupNoun|wOutletNoun) != 0 || t.lower == "reporters" || t.lower == "journalists" {
				i = k + 1
				continue
			}
			break
		}
	}
	// "said on Wednesday that", "said in a statement that"
	for k := i; k < len(toks) && k < i+8; k++ {
		t := &toks[k]
		if t.kind == tokWord && t.lower == "that" && !t.inQuote {
			if k > i && toks[i].kind == tokWord && toks[i].class&wNPPrep != 0 {
				i = k
			}
			break
		}
		if t.kind != tokWord && t.kind != tokNumber {
			break
		}
	}
	for i < len(toks) {
		t := &toks[i]
		if t.kind == tokWord && t.lower == "that" || t.kind == tokPunct && (sc.text[t.start] == ':' || sc.text[t.start] == ',') {
			i++
			continue
		}
		break
	}
	return i
}

// contentEnd returns the last token of content starting at start: the
// sentence's end without its closing mark, or the token before a trailing
// channel (", per X", ", according to X", ", citing X").
func (sc *sentenceCtx) contentEnd(start int) int {
	toks := sc.toks
	end := len(toks) - 1
	for k := start; k < len(toks); k++ {
		t := &toks[k]
		channel := t.lower == "per" || t.lower == "citing" || t.lower == "quoting" || t.lower == "according" && k+1 < len(toks) && toks[k+1].lower == "to"
		if channel && !t.inQuote && (k == start || isComma(sc.text, toks[k-1])) {
			end = k - 1
			break
		}
	}
	for end >= start && toks[end].kind == tokPunct && !toks[end].inQuote && strings.ContainsRune(".!?;:,…", rune(sc.text[toks[end].start])) {
		end--
	}
	return end
}

func (sc *sentenceCtx) nextComma(from, to int) int {
	for k := from; k <= to && k < len(sc.toks); k++ {
		if isComma(sc.text, sc.toks[k]) && !sc.toks[k].inQuote {
			return k
		}
	}
	return -1
}

// contentBefore finds the content that ends at token before (a comma or a
// closing quote before the source): the quotation it closes, or the clause
// from the sentence's start.
func (sc *sentenceCtx) contentBefore(before int) (int, int, bool) {
	toks := sc.toks
	if before < 0 {
		return 0, 0, false
	}
	end := before
	if isComma(sc.text, toks[end]) && end > 0 {
		end--
	}
	if toks[end].kind == tokQuote {
		for k := end - 1; k >= 0; k-- {
			if toks[k].kind == tokQuote {
				if k < end-1 {
					return k, end, true
				}
				break
			}
		}
	}
	for end >= 0 && toks[end].kind == tokPunct {
		end--
	}
	start := 0
	for start < end && toks[start].kind == tokWord && toks[start].class&wBoundary != 0 {
		start++
	}
	if end < start {
		return 0, 0, false
	}
	return start, end, true
}
