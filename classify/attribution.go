package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slantwire/slant/models"
)

// Window sizes keep the work per cue constant, so a hostile sentence (a page
// of nothing but cue words, a 20 MB line) stays linear.
const (
	maxSourceTokens      = 14
	maxSentenceAttrs     = 16
	pronounLookback      = 12 // sentences
	outletAnaphorLookbck = 40 // sentences
)

// cueKind says how an attribution was found.
type cueKind uint8

const (
	cueVerb      cueKind = iota + 1 // said, told, revealed...
	cueAccording                    // according to X
	cuePer                          // per X
)

// found is an attribution under construction. Token indexes are into the
// sentence's tokens.
type found struct {
	Attribution
	kind     cueKind
	pronoun  string // he, she, they, it: resolved after all sentences are read
	outlet   string // canonical outlet name for media_outlet sources
	generic  bool   // "the outlet": an outlet named earlier
	anaphor  string // head of a definite description ("the spokesperson") to resolve
	body     bool   // an unnamed official of a named body
	metonymy bool   // a place standing for its government ("Washington said")
	head     string // head noun of the source phrase
}

// sentenceCtx is one sentence being read for attributions.
type sentenceCtx struct {
	text    string
	toks    []token
	index   int             // sentence index in the result
	scratch *models.Scratch // the page's model buffers; nil: allocate
}

// modelScratch returns the buffers for the learned models.
func (sc *sentenceCtx) modelScratch() *models.Scratch {
	if sc.scratch == nil {
		sc.scratch = new(models.Scratch)
	}
	return sc.scratch
}

// attributions finds the attributions of one sentence.
func (c *Classifier) attributions(sc *sentenceCtx, dst []found) []found {
	toks := sc.toks
	n := 0
	for i := 0; i < len(toks) && n < maxSentenceAttrs; i++ {
		t := toks[i]
		if t.kind != tokWord || t.inQuote {
			continue
		}
		var f found
		ok := false
		switch {
		case t.lower == "according" && i+1 < len(toks) && toks[i+1].lower == "to":
			f, ok = c.channel(sc, i, i+1, cueAccording)
		case t.lower == "per" && c.perCue(sc, i):
			f, ok = c.channel(sc, i, i, cuePer)
		case t.class&wCue != 0 && !t.upper: // "States" in "United States" is no verb
			f, ok = c.verbCue(sc, i)
		case (t.lower == "called" || t.lower == "calls" || t.lower == "described") && quoteWithin(toks, i+1, 6):
			f, ok = c.verbCue(sc, i) // called the deal "a down payment"
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
		if dst[k].kind != cueVerb {
			for m := len(dst) - n; m < len(dst); m++ {
				if m != k && dst[m].kind == cueVerb && dst[m].Cue.Start >= dst[k].Content.Start && dst[m].Cue.End <= dst[k].Content.End && dst[m].Content.Start < dst[k].Cue.Start {
					dst[k].Content, dst[k].Quote = dst[m].Content, dst[m].Quote
				}
			}
		}
	}
	return dst
}

// quoteWithin reports an opening quotation mark within n tokens from i.
func quoteWithin(toks []token, i, n int) bool {
	for k := i; k < len(toks) && k < i+n; k++ {
		if toks[k].kind == tokQuote {
			return true
		}
		if toks[k].kind == tokPunct {
			return false
		}
	}
	return false
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
func (c *Classifier) channel(sc *sentenceCtx, cueFirst, cueLast int, kind cueKind) (found, bool) {
	toks := sc.toks
	srcStart := cueLast + 1
	srcEnd := c.phraseForward(sc, srcStart)
	if srcEnd < srcStart {
		return found{}, false
	}
	f := found{kind: kind}
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
	if v > 0 {
		prev := toks[v-1]
		// "the reported attack", "a claimed link": a participle or a noun.
		if prev.kind == tokWord && prev.class&wDet != 0 && prev.class&wPronoun == 0 {
			return found{}, false
		}
		// Passive: "was told", "is said to", "were reported".
		if prev.kind == tokWord && isBeForm(prev.lower) {
			return found{}, false
		}
	}
	f := found{kind: cueVerb}
	cueStart, npEnd := v, v-1
	for npEnd >= 0 && toks[npEnd].kind == tokWord && !toks[npEnd].upper && toks[npEnd].class&(wAux|wSkipAdverb) != 0 {
		if toks[npEnd].class&wAux != 0 {
			cueStart = npEnd
		}
		npEnd--
	}
	// Two-word cues: "pointed out" reads as one.
	cueEnd := v
	f.Cue = sc.span(cueStart, cueEnd)

	afterStart := c.skipAfterCue(sc, v)
	srcStart, srcEnd, headEnd := -1, -1, -1
	inverted := false
	if npEnd >= 0 && toks[npEnd].kind == tokWord {
		srcStart, srcEnd = c.phraseBackward(sc, npEnd)
		headEnd = srcEnd
	} else if npEnd > 0 && isComma(sc.text, toks[npEnd]) {
		// "An aid worker, who spoke on condition of anonymity, said"
		if s, e, ok := c.relativeClauseSource(sc, npEnd); ok {
			srcStart, srcEnd, headEnd = s, npEnd-1, e
		}
	}
	subordinate := srcStart > 0 && toks[srcStart-1].kind == tokWord && toks[srcStart-1].class&wSubordinator != 0
	if srcStart < 0 {
		// Inverted order after a quote or comma: "…," said the minister.
		if npEnd >= 0 && !(toks[npEnd].kind == tokQuote || isComma(sc.text, toks[npEnd])) {
			return found{}, false
		}
		srcStart = v + 1
		srcEnd = c.phraseForward(sc, srcStart)
		if srcEnd < srcStart || srcEnd-srcStart+1 > 8 {
			return found{}, false
		}
		// The phrase must close the clause: "said the minister." or
		// "said Smith, adding…", not "said crowds had gathered".
		if next := srcEnd + 1; next < len(toks) && toks[next].kind == tokWord && toks[next].class&wNPPrep == 0 {
			return found{}, false
		}
		headEnd = srcEnd
		inverted = true
		afterStart = srcEnd + 1
	}
	if !c.typeSource(sc, srcStart, srcEnd, headEnd, &f) {
		return found{}, false
	}

	// Content after the cue, or else the quote or clause before the source.
	end := sc.contentEnd(afterStart)
	if subordinate {
		if comma := sc.nextComma(afterStart, end); comma >= 0 {
			end = comma - 1
		}
	}
	// "told reporters in Geneva" after a quotation: the adjunct is no content.
	adjunct := end >= afterStart && end-afterStart < 10 && toks[afterStart].class&wNPPrep != 0 && srcStart > 0 && toks[srcStart-1].kind == tokQuote
	if !inverted && end >= afterStart && !adjunct {
		f.Content = sc.span(afterStart, end)
	} else {
		before := srcStart - 1
		if inverted {
			before = cueStart - 1
		}
		cs, ce, ok := sc.contentBefore(before)
		if !ok {
			return found{}, false
		}
		f.Content = sc.span(cs, ce)
	}
	f.Quote = sc.quoteKind(f.Content)
	return f, true
}

func isBeForm(w string) bool {
	switch w {
	case "is", "was", "are", "were", "be", "been", "being", "'s":
		return true
	}
	return false
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
			t := toks[k]
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
		t := toks[k]
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
		t := toks[i]
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
// channel (", per X", ", according to X").
func (sc *sentenceCtx) contentEnd(start int) int {
	toks := sc.toks
	end := len(toks) - 1
	for k := start; k < len(toks); k++ {
		t := toks[k]
		channel := t.lower == "per" || t.lower == "according" && k+1 < len(toks) && toks[k+1].lower == "to"
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

// quoteKind says whether content is a quotation, has one inside, or has none.
func (sc *sentenceCtx) quoteKind(content Span) QuoteKind {
	s := strings.TrimSpace(content.Text)
	if s == "" {
		return QuoteIndirect
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, ".,"))
	quotes := 0
	for _, r := range s {
		if isQuoteRune(r) {
			quotes++
		}
	}
	switch {
	case quotes == 0:
		return QuoteIndirect
	case quotes == 2 && isQuoteRune(first) && isQuoteRune(last):
		return QuoteDirect
	}
	return QuoteMixed
}

func isQuoteRune(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»'
}

// span turns token indexes into a byte span of the page.
func (sc *sentenceCtx) span(from, to int) Span {
	s, e := sc.toks[from].start, sc.toks[to].end
	return Span{Start: s, End: e, Text: sc.text[s:e]}
}

// phraseBackward finds the source phrase that ends at token end: a noun
// phrase read leftwards until a clause boundary, with titles, names,
// "of"/"for"/"with" complements ("sources familiar with the matter") and a
// relative clause ("an official who spoke on condition of anonymity").
func (c *Classifier) phraseBackward(sc *sentenceCtx, end int) (int, int) {
	toks := sc.toks
	k := end
	for ; k >= 0 && end-k < maxSourceTokens; k-- {
		t := toks[k]
		if t.kind == tokNumber {
			continue
		}
		if t.kind != tokWord || t.inQuote {
			break
		}
		if t.class&wBoundary != 0 && !t.upper {
			if t.lower == "and" && k > 0 && toks[k-1].upper && k < end && toks[k+1].upper {
				continue // "Smith and Jones"
			}
			if t.lower == "who" || t.lower == "that" {
				break
			}
			break
		}
		if k > 0 && toks[k-1].class&wDet != 0 && toks[k-1].class&wPronoun == 0 {
			continue // "a report", "the claims": a noun spelled like a verb
		}
		if t.class&wVerb != 0 && !t.upper || t.class&wCue != 0 && !t.upper {
			// A verb ends the phrase unless it sits in a relative clause.
			if w := relativeBefore(toks, k); w > 0 {
				k = w + 1 // the loop steps back onto the noun before "who"
				continue
			}
			break
		}
	}
	start := k + 1
	if k >= 0 && end-k >= maxSourceTokens {
		return -1, -1
	}
	// Drop a leading preposition phrase ("On Wednesday the minister") and
	// leading adverbs or conjunctions.
	for start <= end {
		t := toks[start]
		if t.kind == tokWord && t.class&wNPPrep != 0 && !t.upper || t.kind == tokWord && t.lower == "on" {
			det := -1
			for j := start + 1; j <= end; j++ {
				if toks[j].class&wDet != 0 || toks[j].upper && toks[j].class&wMonth == 0 && !isDayName(toks[j].lower) {
					det = j
					break
				}
			}
			if det < 0 {
				return -1, -1
			}
			start = det
			continue
		}
		if t.kind == tokWord && (t.class&(wSkipAdverb|wBoundary) != 0 || isDayName(t.lower)) && start < end {
			start++
			continue
		}
		break
	}
	if start > end {
		return -1, -1
	}
	return start, end
}

func isDayName(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight":
		return true
	}
	return false
}

// relativeBefore returns the token before "who" when a verb at k belongs to
// a relative clause opened within the last few tokens, else -1.
func relativeBefore(toks []token, k int) int {
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		t := toks[j]
		if t.kind != tokWord {
			return -1
		}
		if t.lower == "who" {
			if j > 0 && toks[j-1].kind == tokWord {
				return j - 1
			}
			return -1
		}
	}
	return -1
}

// relativeClauseSource reads a source set off by commas before its cue:
// "An aid worker, who spoke on condition of anonymity, said" or
// "Tom Becker, a Republican, said". comma is the index of the comma before
// the cue. It returns the phrase's start and the end of the noun phrase
// before the first comma, which is what the source is typed by.
func (c *Classifier) relativeClauseSource(sc *sentenceCtx, comma int) (int, int, bool) {
	toks := sc.toks
	for j := comma - 1; j > 0 && comma-j <= 24; j-- {
		if !isComma(sc.text, toks[j]) {
			continue
		}
		if toks[j-1].kind != tokWord || !(toks[j+1].lower == "who" || c.isAppositive(toks[j+1:comma])) {
			return 0, 0, false
		}
		s, e := c.phraseBackward(sc, j-1)
		return s, e, s >= 0
	}
	return 0, 0, false
}

// isAppositive reports a short descriptive noun phrase such as "a Republican"
// or "the agency's director".
func (c *Classifier) isAppositive(toks []token) bool {
	if len(toks) == 0 || len(toks) > 8 || toks[0].kind != tokWord || toks[0].class&(wDet|wTitle) == 0 {
		return false
	}
	for _, t := range toks {
		if t.kind != tokWord || t.class&(wVerb|wCue|wBoundary) != 0 && !t.upper {
			return false
		}
	}
	return true
}

// phraseForward finds a source phrase starting at token start and returns
// its last token, or start-1 if there is none.
func (c *Classifier) phraseForward(sc *sentenceCtx, start int) int {
	toks := sc.toks
	end := start - 1
	for k := start; k < len(toks) && k-start < maxSourceTokens; k++ {
		t := toks[k]
		if t.kind == tokNumber {
			end = k
			continue
		}
		if t.kind != tokWord || t.inQuote {
			break
		}
		if t.class&(wVerb|wCue|wBoundary) != 0 && !t.upper {
			break
		}
		// "said Smith in a statement": stop at a time or place phrase.
		if k > start && (t.lower == "in" || t.lower == "on" || t.lower == "during" || t.lower == "after" || t.lower == "before") {
			break
		}
		end = k
	}
	// Do not end on a preposition or determiner.
	for end >= start && toks[end].class&(wNPPrep|wDet) != 0 && !toks[end].upper {
		end--
	}
	return end
}

// typeSource validates the source phrase toks[from..to], whose noun phrase
// ends at headEnd (before any relative clause), and sets the source span and
// type fields of f. It reports false for phrases that cannot be a source
// (the writer's I or we, no head word).
func (c *Classifier) typeSource(sc *sentenceCtx, from, to, headEnd int, f *found) bool {
	f.Source = sc.span(from, to)
	anonymous := c.hasPhrase(sc, from, to, phAnon)
	to = headEnd
	toks := sc.toks[from : to+1]
	if len(toks) == 1 && toks[0].class&wPronoun != 0 && !toks[0].inQuote {
		f.pronoun = toks[0].lower
		f.SourceType = SourceUnnamedPerson
		return true
	}
	if len(toks) == 1 && (toks[0].class&(wFirstPerson|wSecondPerson) != 0) {
		return false
	}
	// The head is the last word before the first complement ("of", "for",
	// "familiar with"), except inside titles ("Ambassador to Iraq").
	// After a possessive the head follows it: "the secretary of state's own audit".
	headFrom := 1
	for k := len(toks) - 2; k >= 0; k-- {
		if l := lowerOf(sc.text, toks[k]); strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s") || strings.HasSuffix(l, "s'") {
			headFrom = k + 2
			break
		}
	}
	headAt := len(toks) - 1
	for k := headFrom; k < len(toks); k++ {
		t := toks[k]
		if t.lower == "who" {
			headAt = k - 1
			break
		}
		if t.kind == tokWord && t.class&wNPPrep != 0 && !t.upper {
			if toks[k-1].upper && toks[k-1].class&wTitle != 0 && k+1 < len(toks) && toks[k+1].upper {
				continue
			}
			headAt = k - 1
			break
		}
	}
	// "figures published by", "documents filed in": the participle is not the head.
	if headAt > 0 && toks[headAt].class&(wDocNoun|wOfficialNoun|wGroupNoun|wPersonNoun|wOrgWord) == 0 && strings.HasSuffix(toks[headAt].lower, "ed") {
		headAt--
	}
	head := toks[headAt]
	f.head = head.lower
	hasName, nameLast, orgCap, place := false, false, false, false
	for k, t := range toks {
		if t.kind != tokWord {
			continue
		}
		isName := c.nameToken(sc.text, t, k == 0 && from == 0)
		if isName {
			hasName = true
		}
		if k == headAt {
			nameLast = isName // "Prime Minister Mohammed Shia al-Sudani": the head is a name
		}
		if t.upper && t.class&wPlace != 0 {
			place = true
		} else if t.upper && (t.class&wOrgWord != 0 || isAcronym(sc.text[t.start:t.end])) {
			orgCap = true
		}
	}
	headIsNoun := head.class&(wOfficialNoun|wGroupNoun|wPersonNoun|wAnonNoun|wDocNoun|wOutletNoun|wOrgWord) != 0
	if !hasName && !orgCap && !place && !headIsNoun {
		return false
	}
	if c.hasPhrase(sc, from, to, phOrg) {
		orgCap = true
	}
	if len(toks) <= 3 && toks[0].lower == "the" && head.class&(wOfficialNoun|wPersonNoun|wOutletNoun) != 0 && !hasName && !orgCap {
		f.anaphor = head.lower // "the spokesperson": someone named or described earlier
	}
	switch {
	case anonymous || head.class&wAnonNoun != 0 && !nameLast:
		f.SourceType = SourceAnonymous
	case c.outletIn(sc, from, to, f):
		f.SourceType = SourceMediaOutlet
	case head.class&wDocNoun != 0 && !nameLast:
		f.SourceType = SourceDocument
	case head.class&wOrgWord != 0 && !nameLast && head.class&(wOfficialNoun|wGroupNoun) == 0:
		f.SourceType = SourceNamedOrganization
	case nameLast && !(orgCap && !hasName):
		f.SourceType = SourceNamedPerson
		if orgCap && isAcronym(sc.text[toks[len(toks)-1].start:toks[len(toks)-1].end]) {
			f.SourceType = SourceNamedOrganization
		}
	case head.class&wOfficialNoun != 0:
		f.SourceType = SourceUnnamedOfficial
		f.body = orgCap || c.hasPhrase(sc, from, to, phOrg)
	case head.class&wGroupNoun != 0 && !hasName:
		f.SourceType = SourceUnnamedGroup
	case head.class&wPersonNoun != 0 && !hasName:
		f.SourceType = SourceUnnamedPerson
	case hasName && !orgCap && !place:
		f.SourceType = SourceNamedPerson
	case orgCap:
		f.SourceType = SourceNamedOrganization
	case place:
		f.SourceType = SourceNamedOrganization
		f.metonymy = true
	case hasName:
		f.SourceType = SourceNamedPerson
	default:
		f.SourceType = SourceUnnamedPerson
	}
	return true
}

// nameToken reports a capitalised word that is a name rather than a title,
// demonym, place, organisation word or a common word capitalised at the
// start of a sentence.
func (c *Classifier) nameToken(text string, t token, sentenceStart bool) bool {
	w := text[t.start:t.end]
	if !t.upper {
		// "al-Sudani", "bin Salman", "de Gaulle"
		if i := strings.IndexAny(w, "-'’"); i > 0 && i+1 < len(w) {
			r, _ := utf8.DecodeRuneInString(w[i+1:])
			return unicode.IsUpper(r)
		}
		return false
	}
	if t.class&(wTitle|wNationality|wPlace|wOrgWord|wMonth|wDet|wPronoun) != 0 {
		return false
	}
	if t.class&wCommon != 0 && (sentenceStart || t.class&(wOfficialNoun|wGroupNoun|wPersonNoun|wAnonNoun|wDocNoun|wOutletNoun) != 0) {
		return false
	}
	return !isAcronym(w)
}

// isAcronym reports all-capital words of two or more letters (NATO, FBI, U.S.).
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// hasPhrase reports whether a phrase of kind occurs in toks[from..to].
func (c *Classifier) hasPhrase(sc *sentenceCtx, from, to int, kind phraseKind) bool {
	_, _, ok := c.matchPhrase(sc, from, to, kind)
	return ok
}

// matchPhrase finds the first, longest phrase of kind in toks[from..to].
func (c *Classifier) matchPhrase(sc *sentenceCtx, from, to int, kind phraseKind) (phrase, int, bool) {
	for k := from; k <= to; k++ {
		if p, ok := c.phraseAt(sc, k, to, kind); ok {
			return p, k, true
		}
	}
	return phrase{}, -1, false
}

// phraseAt finds the longest phrase of kind that starts at toks[k] and ends
// by toks[to].
func (c *Classifier) phraseAt(sc *sentenceCtx, k, to int, kind phraseKind) (phrase, bool) {
	toks := sc.toks
	if toks[k].kind != tokWord || toks[k].class&kind.startClass() == 0 {
		return phrase{}, false
	}
	var best phrase
	for _, p := range c.lex.phrases[toks[k].lower] {
		if p.kind != kind || len(p.words) <= len(best.words) || k+len(p.words)-1 > to {
			continue
		}
		match := true
		for m := 1; m < len(p.words); m++ {
			if lowerOf(sc.text, toks[k+m]) != p.words[m] {
				match = false
				break
			}
		}
		if match {
			best = p
		}
	}
	return best, best.words != nil
}

// outletIn recognises a news outlet in the source phrase: a named one
// ("Reuters", "The Washington Post"), a generic one ("state media"), or an
// anaphor ("the outlet") to be resolved to one named earlier.
func (c *Classifier) outletIn(sc *sentenceCtx, from, to int, f *found) bool {
	if p, at, ok := c.matchPhrase(sc, from, to, phOutlet); ok {
		// A named outlet must be capitalised as a name. Lower-case entries
		// are unnamed ("state media") or, with "the", short names that point
		// back to an outlet named earlier ("the Journal", "the news agency").
		t := sc.toks[at]
		switch {
		case strings.HasPrefix(p.canonical, "the "):
			f.generic = true
			return true
		case !startsUpper(p.canonical):
			return true
		case t.upper || isAcronym(sc.text[t.start:t.end]):
			f.outlet = p.canonical
			return true
		}
	}
	for k := from; k <= to; k++ {
		if sc.toks[k].class&wOutletNoun != 0 && !sc.toks[k].upper {
			f.generic = true
			return true
		}
	}
	// An unlisted outlet: a capitalised name ending in Times, Herald, News...
	last := sc.toks[to]
	if last.upper && last.class&wOutletHead != 0 && to > from && sc.toks[to-1].upper {
		start := to - 1
		for start > from && sc.toks[start-1].upper && sc.toks[start-1].class&(wTitle|wOrgWord) == 0 {
			start--
		}
		if start > from && sc.toks[start-1].lower == "the" {
			start--
		}
		name := sc.text[sc.toks[start].start:last.end]
		if strings.HasPrefix(name, "the ") {
			name = "The " + name[4:]
		}
		f.outlet = name
		return true
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// score grades an attribution by who it credits. Named people on the record
// and primary documents are strongest; institutions a little less; an
// unnamed official of a named body is moderate; other outlets' reports,
// unnamed people and groups are weak; anonymous sources weakest.
func score(f *found) float64 {
	switch f.SourceType {
	case SourceNamedPerson:
		if f.Quote != QuoteIndirect {
			return 0.95
		}
		return 0.9
	case SourceDocument:
		return 0.85
	case SourceNamedOrganization:
		if f.metonymy {
			return 0.55
		}
		return 0.75
	case SourceUnnamedOfficial:
		if f.body {
			return 0.45
		}
		return 0.3
	case SourceMediaOutlet, SourceUnnamedPerson:
		return 0.3
	case SourceUnnamedGroup:
		return 0.25
	}
	return 0.1 // anonymous
}

func strengthOf(score float64) Strength {
	switch {
	case score >= 0.7:
		return StrengthStrong
	case score >= 0.4:
		return StrengthModerate
	}
	return StrengthWeak
}

// resolve settles pronoun sources ("They explained") and outlet anaphors
// ("per the outlet") against earlier attributions, then scores everything.
// Channels (according to, per) are not antecedents for people: in
// "an official said, per the outlet. They explained…" they are the official.
func resolve(fs []found) []found {
	out := fs[:0]
	for i := range fs {
		f := &fs[i]
		switch {
		case f.pronoun != "":
			if j := antecedent(fs, i, f.pronoun); j >= 0 {
				a := &fs[j]
				f.SourceType, f.body, f.metonymy, f.outlet = a.SourceType, a.body, a.metonymy, a.outlet
				f.Antecedent = a.firstMention()
			} else if f.pronoun == "it" {
				continue // "it said" with nothing to point at is no source
			}
		case f.anaphor != "" && !f.generic:
			for j := i - 1; j >= 0 && fs[i].Sentence-fs[j].Sentence <= pronounLookback; j-- {
				if fs[j].head == f.anaphor && fs[j].anaphor == "" && fs[j].pronoun == "" {
					f.SourceType, f.body = fs[j].SourceType, fs[j].body
					f.Antecedent = fs[j].firstMention()
					break
				}
			}
		case f.generic:
			for j := i - 1; j >= 0 && fs[i].Sentence-fs[j].Sentence <= outletAnaphorLookbck; j-- {
				if fs[j].SourceType == SourceMediaOutlet && fs[j].outlet != "" {
					f.outlet = fs[j].outlet
					f.Antecedent = fs[j].firstMention()
					break
				}
			}
		}
		f.Score = score(f)
		f.Strength = strengthOf(f.Score)
		out = append(out, *f)
	}
	return out
}

// firstMention is the span a chain of references leads back to: the
// attribution's own antecedent, or else its source.
func (f *found) firstMention() *Span {
	if f.Antecedent != nil {
		return f.Antecedent
	}
	src := f.Source
	return &src
}

// antecedent finds the nearest earlier attribution a pronoun can refer to.
func antecedent(fs []found, i int, pronoun string) int {
	for j := i - 1; j >= 0 && fs[i].Sentence-fs[j].Sentence <= pronounLookback; j-- {
		a := &fs[j]
		if a.pronoun != "" && a.Antecedent == nil {
			continue
		}
		switch pronoun {
		case "he", "she":
			if a.kind == cueVerb && (a.SourceType == SourceNamedPerson || a.SourceType == SourceUnnamedOfficial && !plural(a.head) || a.SourceType == SourceUnnamedPerson) {
				return j
			}
		case "they":
			if a.kind == cueVerb && a.SourceType != SourceMediaOutlet && a.SourceType != SourceDocument {
				return j
			}
		case "it":
			if a.SourceType == SourceNamedOrganization || a.SourceType == SourceMediaOutlet || a.SourceType == SourceDocument {
				return j
			}
		}
	}
	return -1
}

func plural(noun string) bool {
	return strings.HasSuffix(noun, "s") && !strings.HasSuffix(noun, "ss")
}
