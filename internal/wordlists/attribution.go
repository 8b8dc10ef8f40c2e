package wordlists

// Words the attribution rules read: cue verbs, what may stand between a
// source and its cue, and what a source phrase is made of.

// CueVerbs are verb forms that credit content to a source: said, told, warned.
const CueVerbs = `
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

// Auxiliaries may stand between a source and its cue: "has said", "did not say".
const Auxiliaries = `has have had is was are were will would could may might has've
did does do been be not never n't`

// SkipAdverbs may stand between a source and its cue: "also said", "reportedly told".
const SkipAdverbs = `also previously later earlier repeatedly recently originally initially
reportedly allegedly separately privately publicly openly once again still then now already
further flatly firmly simply quickly just even first last ultimately subsequently similarly
likewise frequently often long strongly`

// Boundaries are conjunctions and relatives that open a clause: a source phrase does not run across one.
const Boundaries = `and but or nor yet so that which whom whose where than then
however meanwhile moreover thus therefore`

// Subordinators are the boundaries that open a subordinate clause.
const Subordinators = `while as because although though since if when whereas after before
until unless whether once`

// Determiners are determiners, quantifiers and possessives that may open a source phrase: "the", "several", "senior".
const Determiners = `the a an this that these those his her their its our my your some several
many few two three four five six seven eight nine ten one other another senior top former
dozens hundreds thousands both all multiple numerous various certain most more`

// NPPrepositions may stand inside a source phrase: "sources familiar with the matter".
const NpPrepositions = `of for at with from in on to close familiar by within inside`

// CommonVerbs are frequent verbs: one ends a source phrase.
const CommonVerbs = `is are was were be been being has have had do does did will would can could
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

// Titles are titles and offices that stand before a name: "Prime Minister", "Sen.".
const Titles = `president vice prime minister ministers secretary senator sen rep representative
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

// Nationalities are demonyms: "Iraqi officials".
const Nationalities = `american americans british french german germans italian spanish russian
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

// Places are countries, capitals and seats of power, which stand for their governments: "Washington said".
const Places = `us u.s. usa u.s.a. uk u.k. eu u.n. un america britain england scotland wales
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

// OrgWords make a capitalised phrase an organisation: "Ministry", "Council".
const OrgWords = `ministry department agency council commission party committee government
administration inc corp corporation company co ltd llc group university college institute
foundation police army navy military forces force office bank union association court
parliament congress senate house assembly cabinet authority authorities board bureau
organization organisation federation league network center centre fund service services
campaign coalition alliance movement church hospital school airline airlines club
federal national international royal supreme district state city county municipal
commission regime junta guard trust society firm holdings partners group tribunal
ministry's department's government's company's`

// DocumentNouns are documents that can be a source: "the report", "court filings".
const DocumentNouns = `report reports statement statements letter letters filing filings document documents
records record data study studies survey surveys poll polls memo memos lawsuit lawsuits
complaint indictment ruling order release transcript transcripts analysis assessment audit
review figures statistics census testimony affidavit email emails papers filing research
report's study's investigation findings budget forecast estimate estimates notice
communique communiqué decree resolution minutes warrant verdict judgment judgement
announcement readout ad ads video videos clip clips book books memoir footage slide slides`

// OfficialNouns are officials and spokespeople, named or not.
const OfficialNouns = `official officials spokesperson spokesman spokeswoman spokespeople spokespersons
aide aides adviser advisers advisor advisors diplomat diplomats representative
representatives envoy envoys officer officers authorities administration ministry
negotiator negotiators staffer staffers source-official investigators investigator
prosecutors prosecutor regulators regulator minister`

// GroupNouns are plural unnamed groups that can be a source: "protesters", "analysts".
const GroupNouns = `republicans democrats conservatives liberals progressives independents
protesters protestors demonstrators critics analysts experts observers residents
witnesses activists lawmakers legislators economists scientists researchers doctors voters
supporters opponents locals villagers students workers farmers parents families people
others some many crowds crowd organizers organisers campaigners advocates groups
rights environmentalists academics scholars investors traders participants members
survivors victims relatives neighbors neighbours employees staff teachers nurses
physicians residents fans citizens americans officials insiders readers viewers
listeners commenters users`

// PersonNouns are singular unnamed people that can be a source: "a witness".
const PersonNouns = `witness resident man woman neighbor neighbour protester analyst expert doctor
passenger bystander student friend relative teacher employee worker person individual
mother father son daughter wife husband farmer driver nurse owner customer voter
survivor victim activist observer colleague participant`

// OutletNouns are generic anaphors of a news outlet: "the newspaper", "the outlet".
const OutletNouns = `outlet newspaper paper network broadcaster publication daily magazine tabloid
website site wire broadcaster's outlet's newspaper's`

// OutletHeads end the names of news outlets not listed below.
const OutletHeads = `times post journal herald tribune gazette chronicle courier observer telegraph
examiner inquirer register star sun mirror express standard globe bulletin dispatch
daily weekly news press radio tv television broadcasting magazine newspaper wire`

// Outlets are news organisations: crediting one is second-hand sourcing.
const Outlets = `
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
The Daily Beast
Daily Beast = The Daily Beast
The Huffington Post
Huffington Post = The Huffington Post
PolitiFact
Politifact = PolitiFact
FactCheck.org
Snopes
Zero Hedge
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

// OrgPhrases are organisations whose names carry no organisation word, one per line.
const OrgPhrases = `
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

// AnonymityPhrases mark a source who is deliberately not identified.
const AnonymityPhrases = `
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

// Pronouns are the personal pronouns that can be a source: "he said".
const Pronouns = `he she they it`

// AnonNouns are what anonymous sources are called: "sources said".
const AnonNouns = `sources source insiders insider`

// The learned models' attribution words. The models see lower-cased words
// of BERT pre-tokenization, and these lists are what their artifacts were
// trained with: changing one is a retrain (models/README.md).

// SayVerbs are the speech verbs the sentence models count as a style
// feature (models/internal/features). Reading CueVerbs in their place did
// not help (5-fold CV subjectivity macro-F1 0.741 → 0.737, bias on BABE's
// held-out fold 0.766 → 0.763).
const SayVerbs = `said says say told according stated reported announced`

// ReportVerbs are the reporting verbs the sentence models count
// (models/internal/features): a sentence that reports speech reads less
// like the writer's own opinion. Unlike CueVerbs they include "asked" and
// "according", and they keep to the common forms; reading CueVerbs in
// their place did not help (5-fold CV subjectivity macro-F1 0.741 → 0.736,
// page genre news/opinion F1 on the labelled train sample 0.703 → 0.682).
const ReportVerbs = `said says say told according stated added claimed argued wrote insisted
noted explained asked warned denied alleged reported announced`

// The attribution tagger's cue-word classes (models/internal/tagging): the
// words PolNeAR's cue spans are mostly made of, one class per list.

// TaggerSpeechVerbs are the tagger's speech verbs. They differ from
// CueVerbs, the rules' list: they include verbs PolNeAR marks as cues that
// the rules do not take ("asked", "called", "described", "promised",
// "urged", "vowed") and lack some the rules take ("show", "found",
// "estimate", "accuse"). Trained on CueVerbs instead, the tagger alone
// scored the same on PolNeAR dev (cue exact-span F1 0.654 → 0.653, content
// 0.539 → 0.540) and classify's attribution sources fell (exact-span F1
// 0.520 → 0.515).
const TaggerSpeechVerbs = `say said says saying told tell tells telling added adds stated states
claimed claims claim argued argues argue asserted asserts noted notes explained explains
wrote writes write reported reports announced announces insisted insists suggested suggests
warned warns acknowledged acknowledges admitted admits declared declares described called
asked asks replied responded testified confirmed confirms denied denies predicted predicts
promised promises vowed vows urged urges recalled tweeted posted`

// ThoughtVerbs are verbs of thought and intention, which PolNeAR annotates
// as cues: "believes", "wants".
const ThoughtVerbs = `believe believes believed think thinks thought want wants wanted hope
hopes hoped feel feels felt expect expects expected know knows knew fear fears feared worry
worries worried agree agrees agreed doubt doubts`

// CueAccording is the cue word of "according to", its own class.
const CueAccording = `according`

// CueNouns are nouns of a cue span: "in a statement", "in an interview".
const CueNouns = `statement interview report tweet speech remarks letter email memo release
view views opinion`

// Complementizers open reported content after a cue: "said that", "asked
// whether".
const Complementizers = `that whether`

// CueTo is "to", its own class: "according to", "told to", "wants to".
const CueTo = `to`

// TaggerActionVerbs are speech acts that judge or act as they report — "blasted",
// "touted", "declined", "praised" — which PolNeAR marks as cues. Forms
// already in TaggerSpeechVerbs are left out: a word has one tagger class.
const TaggerActionVerbs = `accuse accused accuses accusing allege alleged alleges alleging applaud applauded
applauding applauds attack attacked attacking attacks bash bashed bashes bashing blame
blamed blames blaming blast blasted blasting blasts boast boasted boasting boasts brag
bragged bragging brags brand branded branding brands call calling calls caution
cautioned cautioning cautions challenge challenged challenges challenging characterise
characterised characterises characterising characterize characterized characterizes
characterizing charge charged charges charging chide chided chides chiding complain
complained complaining complains condemn condemned condemning condemns congratulate
congratulated congratulates congratulating counter countered countering counters credit
credited crediting credits criticise criticised criticises criticising criticize
criticized criticizes criticizing decline declined declines declining decried decries
decry decrying defend defended defending defends demand demanded demanding demands
denounce denounced denounces denouncing describe describes describing dismiss dismissed
dismisses dismissing dispute disputed disputes disputing dub dubbed dubbing dubs echo
echoed echoes echoing endorse endorsed endorses endorsing fault faulted faulting faults
hail hailed hailing hails insist insisting joke joked jokes joking label labeled
labeling labelled labelling labels lambaste lambasted lambastes lambasting lament
lamented lamenting laments mention mentioned mentioning mentions mock mocked mocking
mocks muse mused muses musing object objected objecting objects pledge pledged pledges
pledging praise praised praises praising protest protested protesting protests question
questioned questioning questions quip quipped quipping quips rebut rebuts rebutted
rebutting recount recounted recounting recounts reiterate reiterated reiterates
reiterating reject rejected rejecting rejects remind reminded reminding reminds repeat
repeated repeating repeats retort retorted retorting retorts rip ripped ripping rips
scold scolded scolding scolds slam slammed slamming slams thank thanked thanking thanks
threaten threatened threatening threatens tout touted touting touts urge urging vow
vowing`

// EvidenceVerbs credit a finding to a document or study: "the report shows",
// "researchers found". Forms already in TaggerSpeechVerbs are left out.
const EvidenceVerbs = `conclude concluded concludes concluding confirm confirming demonstrate demonstrated
demonstrates demonstrating determine determined determines determining document
documented documenting documents estimate estimated estimates estimating find finding
finds forecast forecasted forecasting forecasts found indicate indicated indicates
indicating project projected projecting projects reveal revealed revealing reveals show
showed showing shown shows suggest suggesting`

// SeemVerbs report an appearance, a cue without a speaker: "it seems", "appears to".
const SeemVerbs = `appear appeared appearing appears seem seemed seeming seems`

// DocumentCueNouns make a cue a written channel: "said in a statement",
// "wrote in a letter", "according to a filing".
const DocumentCueNouns = `statement statements report reports release letter letters email emails
memo memos filing filings tweet tweets post posts document documents`

// ChannelCues are cues whose source follows them: "according to X", "per
// X", "citing X", "quoting X".
const ChannelCues = `according per citing cited quoting quoted via`

// NoComments are contents that say nothing: "The company declined to
// comment" is an attribution, but sources no claim. One per line.
const NoComments = `
to comment
comment
to elaborate
to respond
to discuss
to say more
to provide details
`
