package classify

// Attribution stage: what a source phrase is (named person, outlet,
// anonymous...) and how strong it is.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// typeSource validates the source phrase toks[from..to], whose noun phrase
// ends at headEnd (before any relative clause), and sets the source span and
// type fields of f. It reports false for phrases that cannot be a source
// (the writer's I or we, no head word).
func (c *Classifier) typeSource(sc *sentenceCtx, from, to, headEnd int, f *found) bool {
	f.Source = sc.span(from, to)
	anonymous := c.hasPhrase(sc, from, to, phAnon)
	to = headEnd
	// "Rep. Jim Jordan (R-Ohio)": the party and state are no part of the
	// name (the tagger's sources may have lost the closing parenthesis).
	for j := to; j > from && to-j < 8; j-- {
		if u := sc.toks[j]; u.kind == tokPunct && sc.text[u.start] == '(' {
			to = j - 1
			break
		}
	}
	toks := sc.toks[from : to+1]
	if len(toks) == 1 {
		switch t := toks[0]; {
		case t.class&wPronoun != 0 && !t.inQuote:
			f.pronoun = t.lower
			f.SourceType = SourceUnnamedPerson
			return true
		case t.class&(wFirstPerson|wSecondPerson) != 0:
			return false
		}
	}
	headAt := sourceHead(sc.text, toks)
	head := toks[headAt]
	f.head = head.lower
	s := c.sourceSigns(sc.text, toks, headAt, from == 0)
	s.anonymous = anonymous
	s.counted = toks[0].kind == tokNumber || countWord(toks[0].lower)
	if !s.hasName && !s.orgCap && !s.place && head.class&headNouns == 0 && !c.groupHead(sc.text, head, s.counted) {
		return false
	}
	if c.hasPhrase(sc, from, to, phOrg) {
		s.orgCap = true
	}
	if len(toks) <= 3 && toks[0].lower == "the" && head.class&(wOfficialNoun|wPersonNoun|wOutletNoun|wTitle) != 0 && !s.hasName && !s.orgCap {
		f.anaphor = head.lower // "the spokesperson": someone named or described earlier
	}
	c.sourceType(sc, from, to, head, s, f)
	return true
}

// headNouns are the classes of a head noun that can be a source without a name.
const headNouns = wOfficialNoun | wGroupNoun | wPersonNoun | wAnonNoun | wDocNoun | wOutletNoun | wOrgWord | wTitle

// sourceHead returns the index in toks of the source phrase's head: the
// last word before the first complement ("of", "for", "familiar with"),
// except inside titles ("Ambassador to Iraq"). After a possessive the head
// follows it: "the secretary of state's own audit".
func sourceHead(text string, toks []token) int {
	headFrom := 1
	for k := len(toks) - 2; k >= 0; k-- {
		if possessiveEnd(text[toks[k].start:toks[k].end]) {
			headFrom = k + 2
			break
		}
	}
	headAt := len(toks) - 1
	for k := headFrom; k < len(toks); k++ {
		t := &toks[k]
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
	return headAt
}

// sourceSigns are what the words of a source phrase say about its type.
type sourceSigns struct {
	anonymous bool // an anonymity phrase: "who spoke on condition of anonymity"
	hasName   bool // some word is a name
	nameLast  bool // the head is a name: "Prime Minister Mohammed Shia al-Sudani"
	orgCap    bool // a capitalised organisation word or acronym, or a known organisation
	place     bool // a capitalised place: a government by metonymy
	counted   bool // the phrase opens with a number: "two speechwriters"
}

// countWord reports a word that counts people: "two", "several", "dozens".
func countWord(w string) bool {
	switch w {
	case "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "dozens", "hundreds", "thousands", "millions":
		return true
	}
	return false
}

func (c *Classifier) sourceSigns(text string, toks []token, headAt int, sentenceStart bool) sourceSigns {
	var s sourceSigns
	for k, t := range toks {
		if t.kind != tokWord {
			continue
		}
		// After an honorific the word is a name, even one spelled like a
		// title ("Mr. King").
		isName := c.nameToken(text, t, k == 0 && sentenceStart) || t.upper && c.lex.afterHonorific(text, toks, k)
		s.hasName = s.hasName || isName
		if k == headAt {
			s.nameLast = isName
		}
		if t.upper && t.class&wPlace != 0 {
			s.place = true
		} else if t.upper && (t.class&wOrgWord != 0 || isAcronym(text[t.start:t.end])) {
			s.orgCap = true
		}
	}
	return s
}

// afterHonorific reports a word that follows "Mr", "Mrs.", "Dr." and the like.
func (lx *lexicon) afterHonorific(text string, toks []token, k int) bool {
	if k >= 2 && toks[k-1].kind == tokPunct && text[toks[k-1].start] == '.' {
		k--
	}
	return k >= 1 && lx.honorifics[toks[k-1].lower]
}

// sourceType sets f's source type from the head and the signs, in order of
// precedence: anonymity, an outlet, a document, an organisation, a name,
// then the unnamed kinds.
func (c *Classifier) sourceType(sc *sentenceCtx, from, to int, head token, s sourceSigns, f *found) {
	switch {
	case s.anonymous || head.class&wAnonNoun != 0 && !s.nameLast:
		f.SourceType = SourceAnonymous
	case c.outletIn(sc, from, to, f):
		f.SourceType = SourceMediaOutlet
	case head.class&wDocNoun != 0 && !s.nameLast:
		f.SourceType = SourceDocument
	case head.class&wOrgWord != 0 && !s.nameLast && head.class&(wOfficialNoun|wGroupNoun) == 0:
		f.SourceType = SourceNamedOrganization
	case c.groupHead(sc.text, head, s.counted) && head.class&wOfficialNoun == 0 && (s.hasName || head.class&wGroupNoun == 0):
		// "Clinton supporters", "Senate Democrats", "Mexicans", "12 percent
		// of voters": a group, whatever names qualify it.
		f.SourceType = SourceUnnamedGroup
	case s.nameLast && !(s.orgCap && !s.hasName):
		f.SourceType = SourceNamedPerson
		if last := sc.toks[to]; s.orgCap && isAcronym(sc.text[last.start:last.end]) {
			f.SourceType = SourceNamedOrganization
		}
	case head.class&wOfficialNoun != 0 || head.class&wTitle != 0 && !s.hasName:
		// "a spokesperson", "the senator": an office, not a name.
		f.SourceType = SourceUnnamedOfficial
		f.body = s.orgCap || c.hasPhrase(sc, from, to, phOrg)
	case head.class&wGroupNoun != 0 && !s.hasName:
		f.SourceType = SourceUnnamedGroup
	case head.class&wPersonNoun != 0 && !s.hasName:
		f.SourceType = SourceUnnamedPerson
	case s.hasName && !s.orgCap && !s.place:
		f.SourceType = SourceNamedPerson
	case s.orgCap:
		f.SourceType = SourceNamedOrganization
	case s.place:
		f.SourceType = SourceNamedOrganization
		f.metonymy = true
	case s.hasName:
		f.SourceType = SourceNamedPerson
	default:
		f.SourceType = SourceUnnamedPerson
	}
}

// groupHead reports a head that names a group of people: a group noun
// ("supporters"), a plural demonym ("Mexicans"), a share ("percent",
// "majority"), a count ("eight of 10 voters") or, when the phrase opens
// with a number, a plural ("two Democratic speechwriters").
func (c *Classifier) groupHead(text string, head token, counted bool) bool {
	switch {
	case head.class&wGroupNoun != 0, head.kind == tokNumber:
		return true
	case !head.upper && strings.HasSuffix(head.lower, "s") && head.class&(wOfficialNoun|wDocNoun|wOutletNoun|wOrgWord|wAnonNoun) == 0 && counted:
		return true // "two Democratic speechwriters"
	case head.lower == "percent" || head.lower == "majority" || head.lower == "half":
		return true
	}
	// "Mexicans": the singular is a demonym. Lower-cased in a buffer, not
	// allocated: most heads are names the lexicon does not know.
	w := text[head.start:head.end]
	var buf [24]byte
	if len(w) <= 3 || len(w) > len(buf) || w[len(w)-1] != 's' {
		return false
	}
	b := buf[:0]
	for i := 0; i < len(w)-1; i++ {
		b = append(b, toLowerASCII(w[i]))
	}
	return c.lex.words[string(b)]&wNationality != 0
}

// indexJoiner is strings.IndexAny(w, "-'’") without its slow path for a
// set with a non-ASCII rune: a byte scan, since the bytes of ’ are a
// whole rune wherever they occur.
func indexJoiner(w string) int {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '-', '\'':
			return i
		case 0xe2:
			if strings.HasPrefix(w[i:], "’") {
				return i
			}
		}
	}
	return -1
}

// possessiveEnd reports a word that ends in 's, ’s or s', whatever the
// case of its s: what lower-casing it and testing those suffixes says,
// without the copy (no other rune lower-cases to an s or an apostrophe).
func possessiveEnd(w string) bool {
	n := len(w)
	switch {
	case n >= 2 && w[n-1]|0x20 == 's' && w[n-2] == '\'':
		return true
	case n >= 4 && w[n-1]|0x20 == 's' && w[n-4:n-1] == "’":
		return true
	}
	return n >= 2 && w[n-1] == '\'' && w[n-2]|0x20 == 's'
}

func toLowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// nameToken reports a capitalised word that is a name rather than a title,
// demonym, place, organisation word or a common word capitalised at the
// start of a sentence.
func (c *Classifier) nameToken(text string, t token, sentenceStart bool) bool {
	w := text[t.start:t.end]
	if !t.upper {
		// "al-Sudani", "bin Salman", "de Gaulle"
		if i := indexJoiner(w); i > 0 && i+1 < len(w) {
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

// outletIn recognises a news outlet in the source phrase: a named one
// ("Reuters", "The Washington Post"), a generic one ("state media"), or an
// anaphor ("the outlet") to be resolved to one named earlier.
func (c *Classifier) outletIn(sc *sentenceCtx, from, to int, f *found) bool {
	if p, at, ok := c.matchPhrase(sc, from, to, phOutlet); ok {
		if at+len(p.words)+1 <= to && c.fullName(sc, at+len(p.words), to) {
			return false // "MSNBC host Chris Matthews": a person at the outlet
		}
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

// fullName reports a phrase toks[from..to] that ends in two or more names:
// "host Chris Matthews".
func (c *Classifier) fullName(sc *sentenceCtx, from, to int) bool {
	n := 0
	for k := to; k >= from && c.nameToken(sc.text, sc.toks[k], false); k-- {
		n++
	}
	return n >= 2
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
