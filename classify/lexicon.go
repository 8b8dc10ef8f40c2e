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
	words   map[string]entry
	phrases map[string][]phrase // keyed by first word
	abbrevs map[string]abbrevKind
	labels  map[string]Role // normalised short lines: "advertisement", "view all"
	openers map[string]Kind // section headers: "opinion" → opinion, "more news" → boilerplate
}

// entry is a known word: its classes and its interned lower-case form.
type entry struct {
	class wordClass
	key   string
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
		words:   make(map[string]entry, 4096),
		phrases: make(map[string][]phrase, 256),
		abbrevs: make(map[string]abbrevKind, 128),
		labels:  make(map[string]Role, 256),
		openers: make(map[string]Kind, 64),
	}
	add := func(class wordClass, list string) {
		for _, w := range strings.Fields(list) {
			e := lx.words[w]
			lx.words[w] = entry{class: e.class | class, key: w}
		}
	}
	add(wCue, cueVerbs)
	add(wAux, auxiliaries)
	add(wSkipAdverb, skipAdverbs)
	add(wBoundary, boundaries)
	add(wBoundary|wSubordinator, subordinators)
	add(wDet, determiners)
	add(wNPPrep, npPrepositions)
	add(wVerb, commonVerbs)
	add(wPronoun, "he she they it")
	add(wTitle, titles)
	add(wNationality, nationalities)
	add(wPlace, places)
	add(wOrgWord, orgWords)
	add(wDocNoun, documentNouns)
	add(wOfficialNoun, officialNouns)
	add(wGroupNoun, groupNouns)
	add(wPersonNoun, personNouns)
	add(wAnonNoun, "sources source insiders insider")
	add(wOutletNoun, outletNouns)
	add(wMonth, months)
	add(wStarter, starters)
	add(wSubjStrong, wordlists.SubjectiveStrong)
	add(wSubjWeak, wordlists.SubjectiveWeak)
	add(wIntensifier, wordlists.Intensifiers)
	add(wFirstPerson, "i me my mine myself we us our ours ourselves")
	add(wSecondPerson, "you your yours yourself yourselves")
	add(wModal, "should must ought shouldn't mustn't needs deserve deserves deserved")
	add(wOpinionVerb, wordlists.OpinionVerbs)
	add(wStance, wordlists.StanceAdverbs)
	add(wSection, sectionNames)
	add(wLoaded, wordlists.LoadedWords)
	add(wOutletHead, outletHeads)
	// Every listed word is a known common word except names of places,
	// nationalities and months, which are capitalised anyway.
	for w, e := range lx.words {
		if e.class&(wPlace|wNationality|wMonth) == 0 {
			e.class |= wCommon
			lx.words[w] = e
		}
	}
	add(wCommon, commonNouns)

	addPhrases := func(kind phraseKind, list string) {
		for _, line := range strings.Split(list, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			// "Bloomberg News = Bloomberg": the phrase, then its canonical name.
			name := line
			if l, canonical, ok := strings.Cut(line, " = "); ok {
				line, name = l, canonical
			}
			words := strings.Fields(strings.ToLower(line))
			for _, w := range words {
				if _, ok := lx.words[w]; !ok {
					lx.words[w] = entry{key: w} // interned for the tokenizer
				}
			}
			lx.phrases[words[0]] = append(lx.phrases[words[0]], phrase{words: words, kind: kind, canonical: name})
			e := lx.words[words[0]]
			e.class |= kind.startClass()
			lx.words[words[0]] = e
		}
	}
	addPhrases(phOutlet, outlets)
	addPhrases(phOrg, orgPhrases)
	addPhrases(phAnon, anonymityPhrases)
	addPhrases(phLoaded, loadedPhrases)

	for _, w := range strings.Fields(titleAbbrevs) {
		lx.abbrevs[w] = abbrevTitle
	}
	for _, w := range strings.Fields(numberAbbrevs) {
		lx.abbrevs[w] = abbrevNumber
	}
	for _, w := range strings.Fields(generalAbbrevs) {
		lx.abbrevs[w] = abbrevGeneral
	}

	addLabels := func(role Role, list string) {
		for _, line := range strings.Split(list, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				lx.labels[line] = role
			}
		}
	}
	addLabels(RoleAd, adLabels)
	addLabels(RoleShare, shareLabels)
	addLabels(RoleNav, navLabels)
	addLabels(RoleComments, commentLabels)
	addLabels(RoleNewsletter, newsletterLabels)
	for _, line := range strings.Split(opinionHeaders, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lx.openers[line] = KindOpinion
		}
	}
	for _, line := range strings.Split(railHeaders, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lx.openers[line] = KindBoilerplate
		}
	}
	return lx
}

// class returns what the lower-cased word w is.
func (lx *lexicon) class(w string) wordClass { return lx.words[w].class }

const cueVerbs = `
say says said saying tell tells told telling state states stated add adds added
explain explains explained note notes noted argue argues argued claim claims claimed
reveal reveals revealed report reports reported announce announces announced
confirm confirms confirmed deny denies denied warn warns warned cite cites cited
write writes wrote tweet tweets tweeted insist insists insisted acknowledge
acknowledges acknowledged assert asserts asserted contend contends contended
testify testifies testified predict predicts predicted disclose discloses disclosed
admit admits admitted allege alleges alleged declare declares declared chant chants
chanted shout shouts shouted reply replies replied respond responds responded
remark remarks remarked stress stresses stressed emphasize emphasizes emphasized
emphasise emphasises emphasised conclude concludes concluded concede concedes conceded
recall recalls recalled complain complains complained observe observes observed
show shows showed found find finds indicate indicates indicated suggest suggests suggested
estimate estimates estimated accuse accuses accused maintain maintains maintained
posted signaled signalled wrote
`

const auxiliaries = `has have had is was are were will would could may might has've
did does do been be not never n't`

const skipAdverbs = `also previously later earlier repeatedly recently originally initially
reportedly allegedly separately privately publicly openly once again still then now already
further flatly firmly simply quickly just even first last ultimately subsequently similarly
likewise frequently often long strongly`

const boundaries = `and but or nor yet so that which whom whose where than then
however meanwhile moreover thus therefore`

const subordinators = `while as because although though since if when whereas after before
until unless whether once`

const determiners = `the a an this that these those his her their its our my your some several
many few two three four five six seven eight nine ten one other another senior top former
dozens hundreds thousands both all multiple numerous various certain most more`

const npPrepositions = `of for at with from in on to close familiar by within inside`

const commonVerbs = `is are was were be been being has have had do does did will would can could
should may might must shall get gets got make makes made go goes went take takes took
come comes came see sees saw know knows knew think thinks thought want wants wanted
give gives gave use uses used began begin begins spoke speak speaks appear appears appeared
seem seems seemed become became becomes keep kept leave left put let begun held hold holds
meet met meets try tried tries call called calls ask asked asks need needed needs
feel felt feels move moved moves live lived play played run ran runs bring brought
happen happened write written include included includes continue continued set sets
change changed lead led understand understood watch watched follow followed stop stopped
create created open opened win won lose lost pay paid agree agreed expect expected
plan planned decide decided believe believed hope hoped consider considered`

const titles = `president vice prime minister ministers secretary senator sen rep representative
governor gov mayor ambassador general gen chief director chairman chairwoman chair ceo cfo
spokesman spokeswoman spokesperson judge justice king queen prince princess pope
dr mr mrs ms miss professor prof sir dame lord lady commissioner commander colonel
col captain capt lieutenant lt sergeant sgt admiral adm attorney deputy speaker leader
chancellor premier president-elect sheikh emir ayatollah cardinal bishop archbishop
rev reverend sheriff detective officer inspector superintendent coach founder
executive head undersecretary envoy counsel treasurer auditor comptroller councilman
councilwoman councillor councilor assemblyman assemblywoman congressman congresswoman
lawmaker delegate foreign defense defence interior finance health justice state
acting former top senior deputy associate assistant national security adviser advisor
economic press communications`

const nationalities = `american americans british french german germans italian spanish russian
russians chinese japanese korean indian pakistani iranian iraqi iraqis syrian israeli
israelis palestinian palestinians egyptian saudi turkish ukrainian ukrainians polish
canadian mexican brazilian argentine australian irish scottish welsh english dutch
belgian swiss swedish norwegian danish finnish greek portuguese austrian hungarian czech
romanian bulgarian serbian croatian afghan lebanese jordanian yemeni qatari emirati
kuwaiti libyan tunisian algerian moroccan nigerian kenyan ethiopian somali sudanese
south african vietnamese thai filipino indonesian malaysian singaporean taiwanese
venezuelan colombian chilean peruvian cuban haitian european western eastern arab
african asian latin gulf kurdish belarusian georgian armenian azerbaijani kazakh
uzbek panamanian nicaraguan honduran guatemalan salvadoran dominican bangladeshi
sri lankan nepalese burmese cambodian mongolian north new`

const places = `us u.s. usa u.s.a. uk u.k. eu u.n. un america britain england scotland wales
ireland france germany italy spain russia china japan korea india pakistan iran iraq
syria israel gaza palestine egypt saudi arabia turkey ukraine poland canada mexico
brazil argentina australia netherlands belgium switzerland sweden norway denmark finland
greece portugal austria hungary czechia romania bulgaria serbia croatia afghanistan
lebanon jordan yemen qatar kuwait libya tunisia algeria morocco nigeria kenya ethiopia
somalia sudan vietnam thailand philippines indonesia malaysia singapore taiwan venezuela
colombia chile peru cuba haiti belarus georgia armenia azerbaijan kazakhstan panama
nicaragua honduras guatemala bangladesh myanmar cambodia mongolia washington moscow
beijing london paris berlin tokyo tehran baghdad damascus kyiv kiev jerusalem cairo
ankara riyadh brussels ottawa canberra delhi islamabad kabul beirut amman doha
pyongyang seoul taipei havana caracas brasilia madrid rome warsaw budapest vienna
athens lisbon dublin stockholm oslo copenhagen helsinki minsk tbilisi geneva
westminster whitehall kremlin pentagon downing`

const orgWords = `ministry department agency council commission party committee government
administration inc corp corporation company co ltd llc group university college institute
foundation police army navy military forces force office bank union association court
parliament congress senate house assembly cabinet authority authorities board bureau
organization organisation federation league network center centre fund service services
campaign coalition alliance movement church hospital school airline airlines club
federal national international royal supreme district state city county municipal
commission regime junta guard trust society firm holdings partners group tribunal
ministry's department's government's company's`

const documentNouns = `report reports statement statements letter letters filing filings document documents
records record data study studies survey surveys poll polls memo memos lawsuit lawsuits
complaint indictment ruling order release transcript transcripts analysis assessment audit
review figures statistics census testimony affidavit email emails papers filing research
report's study's investigation findings budget forecast estimate estimates notice
communique communiqué decree resolution minutes warrant verdict judgment judgement
announcement readout`

const officialNouns = `official officials spokesperson spokesman spokeswoman spokespeople spokespersons
aide aides adviser advisers advisor advisors diplomat diplomats representative
representatives envoy envoys officer officers authorities administration ministry
negotiator negotiators staffer staffers source-official investigators investigator
prosecutors prosecutor regulators regulator minister`

const groupNouns = `protesters protestors demonstrators critics analysts experts observers residents
witnesses activists lawmakers legislators economists scientists researchers doctors voters
supporters opponents locals villagers students workers farmers parents families people
others some many crowds crowd organizers organisers campaigners advocates groups
rights environmentalists academics scholars investors traders participants members
survivors victims relatives neighbors neighbours employees staff teachers nurses
physicians residents fans citizens americans officials insiders readers viewers
listeners commenters users`

const personNouns = `witness resident man woman neighbor neighbour protester analyst expert doctor
passenger bystander student friend relative teacher employee worker person individual
mother father son daughter wife husband farmer driver nurse owner customer voter
survivor victim activist observer colleague participant`

const outletNouns = `outlet newspaper paper network broadcaster publication daily magazine tabloid
website site wire broadcaster's outlet's newspaper's`

const months = `january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec`

const starters = `the a an he she it they we i you this that these those his her their its our
but and in on at for as after when while however meanwhile still yet so if there what
why how some many most one two officials according last earlier later then now no
despite although though since because during under over with without by from to
more other another each every both all none nothing here where who which`

// commonNouns are frequent sentence-initial words that are not names.
const commonNouns = `president minister people officials sources reports police troops
government critics analysts experts witnesses residents protesters demonstrators
negotiators lawmakers leaders authorities investigators prosecutors scientists researchers
data documents records studies polls company companies workers voters families
children students doctors officers soldiers fighters militants rebels diplomats
thousands hundreds dozens millions several others many`

const sectionNames = `home news world us u.s. uk politics business opinion opinions sports sport
entertainment tech technology health science lifestyle travel video videos local
weather culture arts food style markets economy media life money finance education
environment climate national international investigations podcasts photos books
music movies tv television fashion crime law justice royals celebrity shopping
real estate cars autos obituaries live latest games puzzles crosswords magazine
commentary columns columnists editorials letters analysis newsletters subscribe
africa americas asia europe middle east australia canada india china`

const loadedPhrases = `
illegal immigration
illegal immigrants
illegal aliens
mass immigration
witch hunt
open borders
death panels
fake news
deep state
big government
tax and spend
cancel culture
war on
ram through
`

// outletHeads end the names of news outlets not listed below.
const outletHeads = `times post journal herald tribune gazette chronicle courier observer telegraph
examiner inquirer register star sun mirror express standard globe bulletin dispatch
daily weekly news press radio tv television broadcasting magazine newspaper wire`

// outlets are news organisations: crediting one is second-hand sourcing.
const outlets = `
Reuters
Associated Press
AP = Associated Press
AFP
Agence France-Presse = AFP
Bloomberg
Bloomberg News = Bloomberg
CNN
BBC
BBC News = BBC
NBC
NBC News = NBC
ABC
ABC News = ABC
CBS
CBS News = CBS
Fox News
MSNBC
NPR
PBS
CNBC
The New York Times
New York Times = The New York Times
the Times
The Washington Post
Washington Post = The Washington Post
the Post
The Wall Street Journal
Wall Street Journal = The Wall Street Journal
the Journal
WSJ = The Wall Street Journal
The Guardian
Guardian = The Guardian
Financial Times
The Telegraph
The Independent
Daily Mail
The Sun
Politico
Axios
The Hill
Al Jazeera
Al Arabiya
Xinhua
TASS
RIA Novosti
Interfax
Kyodo
Yonhap
Haaretz
The Times of Israel
Times of Israel = The Times of Israel
The Jerusalem Post
Jerusalem Post = The Jerusalem Post
Der Spiegel
Spiegel = Der Spiegel
Le Monde
El Pais = El País
El País
USA Today
Los Angeles Times
Chicago Tribune
Newsweek
Time magazine
The Atlantic
The New Yorker
Vox
BuzzFeed News
HuffPost
Breitbart
The Daily Caller
The Intercept
ProPublica
Semafor
The Information
Business Insider
Insider = Business Insider
Sky News
ITV News
Channel 4 News
Deutsche Welle
DW = Deutsche Welle
France 24
RT
Sputnik
CCTV
Global Times
IRNA
Fars
Tasnim
Kurdistan 24
Rudaw
The Economist
Nikkei
South China Morning Post
The Associated Press = Associated Press
state media
state television
state TV
state-run media
local media
media reports
news reports
local reports
news agency
the news agency
the wire service
`

const orgPhrases = `
White House
State Department
Justice Department
Defense Department
Pentagon
Kremlin
Downing Street
United Nations
European Union
European Commission
Federal Reserve
Supreme Court
Congress
`

// anonymityPhrases mark a source who is deliberately not identified.
const anonymityPhrases = `
familiar with
close to
condition of anonymity
not authorized
not authorised
asked not to be named
declined to be named
declined to be identified
requested anonymity
spoke anonymously
people briefed
person briefed
with knowledge of
knowledge of the
`

const titleAbbrevs = `mr mrs ms dr prof sen rep gov gen col lt maj capt sgt cpl adm cmdr rev hon
pres supt det insp atty st mt ft messrs mme mlle`

const numberAbbrevs = `no nos vol pp p fig art jan feb mar apr jun jul aug sep sept oct nov dec`

const generalAbbrevs = `inc corp ltd co bros jr sr vs v etc approx est dept univ assn al e.g i.e
a.m p.m u.s u.k u.n e.u d.c u.s.a ala ariz ark calif colo conn del fla ga ill ind kan ky
la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo`

// Labels are whole short lines, normalised (lower case, single spaces,
// surrounding punctuation removed).
const adLabels = `
advertisement
advertisements
advertising
ad
ads
sponsored
sponsored content
sponsored stories
paid content
paid post
paid partner content
promoted
promoted content
promoted stories
partner content
story continues below advertisement
article continues below advertisement
continue reading below
content continues below
scroll to continue with content
ad feedback
report this ad
`

const shareLabels = `
share
share this
share this article
share this story
share on facebook
share on twitter
share on x
share via email
tweet
facebook
twitter
email
copy link
link copied
print
whatsapp
reddit
linkedin
pinterest
flipboard
share article
share page
gift this article
save
save article
`

const navLabels = `
view all
see all
see more
show more
load more
more
read more
read full story
back to top
skip to content
skip to main content
skip navigation
menu
search
home
sign in
log in
login
register
subscribe
next
previous
next article
previous article
continue reading
go to page
top
`

const commentLabels = `
comments
comment
show comments
view comments
leave a comment
join the conversation
add a comment
post a comment
conversation
`

const newsletterLabels = `
newsletter
newsletters
sign up
sign up for our newsletter
subscribe to our newsletter
get our newsletter
`

const opinionHeaders = `
opinion
opinions
commentary
op-ed
op-eds
oped
opeds
op ed
editorial
editorials
columnists
columns
column
guest essay
guest column
perspective
perspectives
viewpoint
viewpoints
views
voices
letters
letters to the editor
our view
opinion and analysis
opinion & analysis
opinion and commentary
comment is free
from the editorial board
`

const railHeaders = `
more news
more stories
more top stories
more from
more on this story
related
related articles
related stories
related content
related news
related coverage
related topics
most popular
most read
most viewed
most shared
popular
popular now
trending
trending now
trending stories
recommended
recommended for you
recommended stories
you may also like
you might also like
you may like
read next
up next
what to read next
latest
latest news
latest stories
top stories
top headlines
editor's picks
editors' picks
in other news
don't miss
around the web
from our partners
from around the web
more in
more coverage
further reading
also read
also see
see also
read also
more to explore
`
