package classify

// Resolution stage, first half: the named people a block mentions outside
// quotations, which a later "he" or "she" may stand for when no earlier
// attribution does ("Senator Jane Roe toured the plant. She said…").

import (
	"slices"
	"strings"
)

// maxMentionBack bounds how many earlier mentions a pronoun looks past for
// one of its gender, so a page of names stays linear.
const maxMentionBack = 8

// mention is a named person the text mentions.
type mention struct {
	span     Span
	sentence int
	gender   byte   // 'm' after Mr., 'f' after Mrs., Ms. or Miss; 0 unknown
	title    string // the title before the name ("president"), for "the president"
	org      bool   // an organisation ("the Justice Department", "the FBI"), for "it"
}

// personMentions reads the named people mentioned in the block of
// sentences a.sents[from:] (its tokens are current), one pass over its
// tokens, and gives each attribution of the block found from a.found[first]
// on whose source is a pronoun or a definite description the last fitting
// mention before it. The last mention of the block is carried to the next.
func (c *Classifier) personMentions(a *analysis, from, first int) {
	need := false
	for i := first; i < len(a.found) && !need; i++ {
		need = a.found[i].pronoun == "he" || a.found[i].pronoun == "she" || a.found[i].pronoun == "it" || a.found[i].anaphor != ""
	}
	if !need {
		// Most blocks: only the last person and organisation, for the
		// blocks after, read from the last sentence back.
		var got [2]bool
		for si := len(a.sents) - 1; si >= from && !(got[0] && got[1]); si-- {
			last := c.lastMentionsIn(a, si)
			for kind, m := range last {
				if !got[kind] && m.span.End > 0 {
					a.carried[kind], got[kind] = m, true
				}
			}
		}
		return
	}
	ms := a.mentions[:0]
	for _, m := range a.carried {
		if m.span.End > 0 {
			ms = append(ms, m)
		}
	}
	slices.SortFunc(ms, func(x, y mention) int { return x.span.End - y.span.End })
	for si := from; si < len(a.sents); si++ {
		toks := a.toks[a.sents[si].t0:a.sents[si].t1]
		for k := 0; k < len(toks); k++ {
			if !mentionStart(&toks[k]) {
				continue
			}
			if m, next, ok := c.personAt(a.text, toks, k); ok {
				m.sentence = si
				ms = append(ms, m)
				k = next
			}
		}
	}
	a.mentions = ms
	for _, m := range ms {
		a.carried[m.kind()] = m
	}
	for i := first; i < len(a.found); i++ {
		f := &a.found[i]
		if f.pronoun != "he" && f.pronoun != "she" && f.pronoun != "it" && f.anaphor == "" {
			continue
		}
		n, _ := slices.BinarySearchFunc(ms, f.Source.Start, func(m mention, at int) int { return m.span.End - at })
		for j := n - 1; j >= 0 && j >= n-maxMentionBack; j-- {
			if m := &ms[j]; m.span.End <= f.Source.Start && m.fits(f) {
				f.person = m.span
				break
			}
		}
	}
}

// kind indexes analysis.carried: 0 a person, 1 an organisation.
func (m *mention) kind() int {
	if m.org {
		return 1
	}
	return 0
}

// fits reports whether the attribution's pronoun or definite description
// can stand for the mention: "it" for an organisation, "he" or "she" for a
// person of that gender or of none known, "the president" for a person
// introduced with that title.
func (m *mention) fits(f *found) bool {
	switch {
	case f.pronoun == "it":
		return m.org
	case m.org:
		return false
	case f.anaphor != "":
		return m.title == f.anaphor
	}
	return m.gender == 0 || m.gender == 'm' && f.pronoun == "he" || m.gender == 'f' && f.pronoun == "she"
}

// lastMentionsIn returns the last named person and the last organisation
// sentence si mentions (a zero span where there is none).
func (c *Classifier) lastMentionsIn(a *analysis, si int) [2]mention {
	toks := a.toks[a.sents[si].t0:a.sents[si].t1]
	var last [2]mention
	for k := 0; k < len(toks); k++ {
		if !mentionStart(&toks[k]) {
			continue // what personAt would decline, without the call
		}
		if m, next, ok := c.personAt(a.text, toks, k); ok {
			m.sentence = si
			last[m.kind()] = m
			k = next
		}
	}
	return last
}

// personAt reads a run of capitalised words outside quotations that starts
// at toks[k] and names a person: its last word is a name, and no word in
// it is an organisation word or a place. It returns the mention and the
// index of the run's last token.
func (c *Classifier) personAt(text string, toks []token, k int) (mention, int, bool) {
	if !mentionStart(&toks[k]) {
		return mention{}, k, false
	}
	var m mention
	end := k
	org, place := false, false
	for j := k; j < len(toks); j++ {
		u := &toks[j]
		if u.kind == tokPunct && text[u.start] == '.' && j > k && c.lex.honorifics[toks[j-1].lower] && u.start == toks[j-1].end {
			continue // "Mr. Smith"
		}
		if u.kind != tokWord || !u.upper || u.inQuote {
			break
		}
		end = j
		org = org || u.class&(wOrgWord|wPlace|wOutletHead) != 0 || isAcronym(text[u.start:u.end])
		place = place || u.class&wPlace != 0
		switch l := u.lower; {
		case l == "mr":
			m.gender = 'm'
		case l == "mrs" || l == "ms" || l == "miss":
			m.gender = 'f'
		case u.class&wTitle != 0 && m.title == "" && !c.lex.honorifics[l]:
			m.title = titleWord(l)
		}
	}
	if org && !place {
		// "the Justice Department", "the FBI": an organisation "it" may
		// stand for.
		m = mention{span: Span{Start: toks[k].start, End: toks[end].end, Text: text[toks[k].start:toks[end].end]}, org: true}
		return m, end, true
	}
	if org || c.lex.isDay(text[toks[end].start:toks[end].end]) || !c.nameToken(text, toks[end], end == 0) {
		return mention{}, end, false
	}
	s := k
	for s < end && (toks[s].class&wTitle != 0 || toks[s].kind != tokWord) {
		s++ // the name without its title: "Obama" of "President Obama"
	}
	m.span = Span{Start: toks[s].start, End: toks[end].end, Text: text[toks[s].start:toks[end].end]}
	return m, end, true
}

// mentionStart reports a token that can open a mention: a capitalised
// word outside quotations.
func mentionStart(t *token) bool {
	return t.kind == tokWord && t.upper && !t.inQuote
}

// titleWord spells out an abbreviated title as a definite description
// repeats it: "Sen. Roe" is "the senator".
func titleWord(l string) string {
	switch l {
	case "sen":
		return "senator"
	case "gov":
		return "governor"
	case "rep":
		return "representative"
	case "gen":
		return "general"
	}
	return l
}

// isDay reports a day name, whatever its case, without allocating:
// "Monday" is no person.
func (lx *lexicon) isDay(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if len(w) < 5 || len(w) > 9 {
		return false
	}
	for _, d := range lx.dayList {
		if strings.EqualFold(d, w) {
			return true
		}
	}
	return false
}
