package classify

import (
	"strings"

	"github.com/slantwire/slant/internal/wordlists"
)

// wordClass is a set of things a lower-cased word can be. One map lookup per
// token answers every question the rules ask of it.
type wordClass uint64

const (
	wCue          wordClass = 1 << iota // a verb form that credits content to a source
	wAux                                // auxiliary that may stand between source and cue
	wSkipAdverb                         // adverb that may stand between source and cue
	wBoundary                           // conjunction or relative that opens a clause
	wSubordinator                       // boundary that opens a subordinate clause
	wDet                                // determiner, quantifier or possessive pronoun
	wNPPrep                             // preposition allowed inside a source phrase
	wVerb                               // common verb: ends a source phrase
	wPronoun                            // pronoun that can be a source
	wTitle                              // title or office before a name
	wNationality                        // demonym
	wPlace                              // country, capital or region (government metonymy)
	wOrgWord                            // word that makes a capitalised phrase an organisation
	wDocNoun                            // a document as source
	wOfficialNoun                       // an official or spokesperson
	wGroupNoun                          // a plural unnamed group
	wPersonNoun                         // a singular unnamed person
	wAnonNoun                           // "sources", "insiders"
	wOutletNoun                         // generic outlet anaphor: "the outlet", "the newspaper"
	wMonth
	wStarter // word that commonly opens a sentence
	wCommon  // a common word: capitalised, it is still not a name
	wSubjStrong
	wSubjWeak
	wIntensifier
	wFirstPerson
	wSecondPerson
	wModal
	wOpinionVerb
	wStance // sentence adverb of stance: clearly, sadly, obviously
	wSection
	wLoaded
	wOutletHead // last word of an outlet's name: Times, Herald, Gazette

	// First words of multi-word phrases, one class per phraseKind: the
	// phrase tables are consulted only at tokens that can start one.
	wPhraseOutlet
	wPhraseOrg
	wPhraseAnon
	wPhraseLoaded

	phraseStarts = wPhraseOutlet | wPhraseOrg | wPhraseAnon | wPhraseLoaded
)

// lexicon holds the word lists the rules use. It is built once per
// Classifier and only read afterwards.
type lexicon struct {
	words map[string]wordClass // every known word, lower case: its classes (0 for a phrase's other words, which the tokenizer interns)
	// wordIndex is words as a wordTable, which the tokenizer and class
	// probe: cheaper than the map (wordtable.go).
	wordIndex wordTable[wordClass]
	phrases   map[string][]phrase // keyed by first word
	abbrevs   map[string]abbrevKind
	labels    map[string]Role // normalised short lines: "advertisement", "view all"
	openers   map[string]Kind // section headers: "opinion" → opinion, "more news" → boilerplate
	// voiceWords holds the words the body's voice counts (genre_text.go).
	voiceWords voiceTable

	// Phrases matched inside a block's text, and small closed sets.
	railPrefixes            []string // "more from ", with the space that must follow
	captionPrefixes         []string
	captionCredits          []string
	footerLinks             set
	shareBarWords           set
	bylinePrefixes          []string // "by ", with the space that must follow
	bylineJobs              []string
	datelinePrefixes        []string
	datelineSuffixes        []string
	datelineWords           set
	opinionBylineWords      []string
	opinionBylineLabels     []string // the other languages' genre bylines (html_genre_cues.go)
	authorNoteRoles         []string
	authorNoteWrites        []string
	disclaimers             []string
	opinionHeadlinePrefixes []string
	opinionURLSegments      []string
	opinionSectionWords     []string
	days                    set
	dayList                 []string         // days as a list: isDay ranges over it, cheaper than over the set
	relatives               set              // who, which, that: a relative pronoun
	honorifics              set              // mr mrs ms dr: a name follows
	noComments              []string         // contents that say nothing: "to comment"
	channelCues             set              // cues followed by their source: according, per, citing
	thoughtCues             set              // cue words of a thought: believes, expects, seems
	evidenceCues            set              // cue words of a finding: shows, found
	documentCues            set              // nouns of a written channel: statement, report
	classes                 *classVocabulary // HTML class and id tokens
	beForms                 set
	maxFooterLink           int            // bytes of the longest footer link
	blockPhrases            *phraseMatcher // the phrases of the role rules (roles.go)
}

// set is a set of words.
type set map[string]bool

// lines splits a line-per-phrase list: lines are trimmed, blank lines
// skipped, and a line in double quotes is unquoted so that it keeps the
// spaces at its edges (`" ago"`).
func lines(list string) []string {
	var out []string
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimSpace(line)
		if len(line) >= 2 && line[0] == '"' && line[len(line)-1] == '"' {
			line = line[1 : len(line)-1]
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// withSpace appends a space to each phrase: prefixes that must end a word
// are matched so, and joined once here rather than at each match.
func withSpace(ps []string) []string {
	for i, p := range ps {
		ps[i] = p + " "
	}
	return ps
}

// setOf returns the set of its words or phrases.
func setOf(ws ...string) set {
	s := make(set, len(ws))
	for _, w := range ws {
		s[w] = true
	}
	return s
}

type phraseKind uint8

const (
	phOutlet phraseKind = iota + 1
	phOrg
	phAnon
	phLoaded
)

// startClass is the word class of the first words of phrases of kind k.
func (k phraseKind) startClass() wordClass {
	switch k {
	case phOutlet:
		return wPhraseOutlet
	case phOrg:
		return wPhraseOrg
	case phAnon:
		return wPhraseAnon
	case phLoaded:
		return wPhraseLoaded
	}
	return 0
}

type phrase struct {
	words []string
	kind  phraseKind
	// canonical is the display name of an outlet ("The New York Times").
	canonical string
}

type abbrevKind uint8

const (
	abbrevTitle   abbrevKind = iota + 1 // never ends a sentence: Mr. Dr. Sen.
	abbrevNumber                        // no sentence end before a digit: No. Jan.
	abbrevGeneral                       // ends a sentence only before a common opener: Inc. a.m.
)

func newLexicon() *lexicon {
	lx := &lexicon{
		words:      make(map[string]wordClass, 4096),
		phrases:    make(map[string][]phrase, 256),
		abbrevs:    make(map[string]abbrevKind, 128),
		labels:     make(map[string]Role, 256),
		openers:    make(map[string]Kind, 64),
		voiceWords: newVoiceTable(),
	}
	lx.addWordClasses()
	lx.addPhrases(phOutlet, wordlists.Outlets)
	lx.addPhrases(phOrg, wordlists.OrgPhrases)
	lx.addPhrases(phAnon, wordlists.AnonymityPhrases)
	lx.addPhrases(phLoaded, wordlists.LoadedPhrases)
	lx.wordIndex = newWordTable(lx.words)
	lx.addLines()
	lx.addPhraseLists()
	return lx
}

// addWordClasses gives every listed word its classes.
func (lx *lexicon) addWordClasses() {
	add := func(class wordClass, list string) {
		for _, w := range strings.Fields(list) {
			lx.words[w] |= class
		}
	}
	add(wCue, wordlists.CueVerbs)
	add(wAux, wordlists.Auxiliaries)
	add(wSkipAdverb, wordlists.SkipAdverbs)
	add(wBoundary, wordlists.Boundaries)
	add(wBoundary|wSubordinator, wordlists.Subordinators)
	add(wDet, wordlists.Determiners)
	add(wNPPrep, wordlists.NpPrepositions)
	add(wVerb, wordlists.CommonVerbs)
	add(wPronoun, wordlists.Pronouns)
	add(wTitle, wordlists.Titles)
	add(wNationality, wordlists.Nationalities)
	add(wPlace, wordlists.Places)
	add(wOrgWord, wordlists.OrgWords)
	add(wDocNoun, wordlists.DocumentNouns)
	add(wOfficialNoun, wordlists.OfficialNouns)
	add(wGroupNoun, wordlists.GroupNouns)
	add(wPersonNoun, wordlists.PersonNouns)
	add(wAnonNoun, wordlists.AnonNouns)
	add(wOutletNoun, wordlists.OutletNouns)
	add(wMonth, wordlists.Months)
	add(wStarter, wordlists.Starters)
	add(wSubjStrong, wordlists.SubjectiveStrong)
	add(wSubjWeak, wordlists.SubjectiveWeak)
	add(wIntensifier, wordlists.Intensifiers)
	add(wFirstPerson, wordlists.FirstPerson)
	add(wSecondPerson, wordlists.SecondPerson)
	add(wModal, wordlists.Modals)
	add(wOpinionVerb, wordlists.OpinionVerbs)
	add(wStance, wordlists.StanceAdverbs)
	add(wSection, wordlists.SectionNames)
	add(wLoaded, wordlists.LoadedWords)
	add(wOutletHead, wordlists.OutletHeads)
	// Every listed word is a known common word except names of places,
	// nationalities and months, which are capitalised anyway.
	for w, c := range lx.words {
		if c&(wPlace|wNationality|wMonth) == 0 {
			lx.words[w] = c | wCommon
		}
	}
	add(wCommon, wordlists.CommonNouns)
}

// addPhrases indexes a list of multi-word phrases, one per line, by their
// first word. "Bloomberg News = Bloomberg": the phrase, then its canonical
// name.
func (lx *lexicon) addPhrases(kind phraseKind, list string) {
	for _, line := range lines(list) {
		name := line
		if l, canonical, ok := strings.Cut(line, " = "); ok {
			line, name = l, canonical
		}
		words := strings.Fields(strings.ToLower(line))
		for _, w := range words {
			if _, ok := lx.words[w]; !ok {
				lx.words[w] = 0 // known, for the tokenizer to intern
			}
		}
		lx.phrases[words[0]] = append(lx.phrases[words[0]], phrase{words: words, kind: kind, canonical: name})
		lx.words[words[0]] |= kind.startClass()
	}
}

// addLines indexes the abbreviations, the furniture labels and the section
// headers.
func (lx *lexicon) addLines() {
	for _, a := range [...]struct {
		kind abbrevKind
		list string
	}{{abbrevTitle, wordlists.TitleAbbrevs}, {abbrevNumber, wordlists.NumberAbbrevs}, {abbrevGeneral, wordlists.GeneralAbbrevs}} {
		for _, w := range strings.Fields(a.list) {
			lx.abbrevs[w] = a.kind
		}
	}
	for _, l := range [...]struct {
		role Role
		list string
	}{{RoleAd, wordlists.AdLabels}, {RoleShare, wordlists.ShareLabels}, {RoleNav, wordlists.NavLabels}, {RoleComments, wordlists.CommentLabels}, {RoleNewsletter, wordlists.NewsletterLabels}} {
		for _, line := range lines(l.list) {
			lx.labels[line] = l.role
		}
	}
	for _, line := range lines(wordlists.OpinionHeaders) {
		lx.openers[line] = KindOpinion
	}
	for _, line := range lines(wordlists.RailHeaders) {
		lx.openers[line] = KindBoilerplate
	}
}

// addPhraseLists keeps the phrases matched inside a block's or a cue's text
// and the small closed sets.
func (lx *lexicon) addPhraseLists() {
	lx.railPrefixes = withSpace(lines(wordlists.RailPrefixes))
	lx.captionPrefixes = lines(wordlists.CaptionPrefixes)
	lx.captionCredits = lines(wordlists.CaptionCredits)
	lx.footerLinks = setOf(lines(wordlists.FooterLinks)...)
	lx.shareBarWords = setOf(strings.Fields(wordlists.ShareBarWords)...)
	lx.bylinePrefixes = withSpace(lines(wordlists.BylinePrefixes))
	lx.bylineJobs = lines(wordlists.BylineJobs)
	lx.datelinePrefixes = lines(wordlists.DatelinePrefixes)
	lx.datelineSuffixes = lines(wordlists.DatelineSuffixes)
	lx.datelineWords = setOf(strings.Fields(wordlists.DatelineWords)...)
	lx.opinionBylineWords = lines(wordlists.OpinionBylineWords)
	lx.opinionBylineLabels = lines(wordlists.OpinionBylineLabels)
	lx.authorNoteRoles = lines(wordlists.AuthorNoteRoles)
	lx.authorNoteWrites = lines(wordlists.AuthorNoteWrites)
	lx.disclaimers = lines(wordlists.Disclaimers)
	lx.opinionHeadlinePrefixes = lines(wordlists.OpinionHeadlinePrefixes)
	lx.opinionURLSegments = lines(wordlists.OpinionURLSegments)
	lx.opinionSectionWords = strings.Fields(wordlists.OpinionSectionWords)
	lx.dayList = strings.Fields(wordlists.DayWords)
	lx.days = setOf(lx.dayList...)
	lx.beForms = setOf(strings.Fields(wordlists.BeForms)...)
	lx.relatives = setOf(strings.Fields(wordlists.Relatives)...)
	lx.honorifics = setOf(strings.Fields(wordlists.Honorifics)...)
	lx.noComments = lines(wordlists.NoComments)
	lx.channelCues = setOf(strings.Fields(wordlists.ChannelCues)...)
	lx.thoughtCues = setOf(strings.Fields(wordlists.ThoughtVerbs + " " + wordlists.SeemVerbs + " " + wordlists.OpinionVerbs)...)
	lx.evidenceCues = setOf(strings.Fields(wordlists.EvidenceVerbs)...)
	lx.documentCues = setOf(strings.Fields(wordlists.DocumentCueNouns)...)
	lx.classes = newClassVocabulary()
	for l := range lx.footerLinks {
		lx.maxFooterLink = max(lx.maxFooterLink, len(l))
	}
	lx.blockPhrases = newBlockPhrases(lx)
}

// class returns what the lower-cased word w is.
func (lx *lexicon) class(w string) wordClass {
	cl, _ := lx.wordIndex.get(w)
	return cl
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
			if !lowerIs(sc.text, toks[k+m], p.words[m]) {
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
