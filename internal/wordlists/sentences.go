package wordlists

// Words the sentence splitter and the name test read: abbreviations that
// end no sentence, words that open one, and common words that are no names
// when capitalised.

// Months are month names and their abbreviations.
const Months = `january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec`

// Starters are words that commonly open a sentence.
const Starters = `the a an he she it they we i you this that these those his her their its our
but and in on at for as after when while however meanwhile still yet so if there what
why how some many most one two officials according last earlier later then now no
despite although though since because during under over with without by from to
more other another each every both all none nothing here where who which`

// CommonNouns are frequent sentence-initial words that are not names.
const CommonNouns = `president minister people officials sources reports police troops
government critics analysts experts witnesses residents protesters demonstrators
negotiators lawmakers leaders authorities investigators prosecutors scientists researchers
data documents records studies polls company companies workers voters families
children students doctors officers soldiers fighters militants rebels diplomats
thousands hundreds dozens millions several others many`

// TitleAbbrevs never end a sentence: "Mr.", "Dr.", "Sen.".
const TitleAbbrevs = `mr mrs ms dr prof sen rep gov gen col lt maj capt sgt cpl adm cmdr rev hon
pres supt det insp atty st mt ft messrs mme mlle`

// NumberAbbrevs do not end a sentence before a digit: "No. 5", "Jan. 3".
const NumberAbbrevs = `no nos vol pp p fig art jan feb mar apr jun jul aug sep sept oct nov dec`

// GeneralAbbrevs end a sentence only before a common sentence opener: "Inc.", "a.m.".
const GeneralAbbrevs = `inc corp ltd co bros jr sr vs v etc approx est dept univ assn al e.g i.e
a.m p.m u.s u.k u.n e.u d.c u.s.a ala ariz ark calif colo conn del fla ga ill ind kan ky
la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo`

// DayWords are day names and relative days, which may open a phrase before
// a source ("Monday the minister said") without being part of it.
const DayWords = `monday tuesday wednesday thursday friday saturday sunday today yesterday tonight`

// BeForms are the forms of "be": before a cue verb they make it a passive
// ("was told"), which names no speaker.
const BeForms = `is was are were be been being 's`

// Honorifics stand before a name: the capitalised word after one is a name
// even when it is spelled like a title or a common word ("Mr. King").
const Honorifics = `mr mrs ms miss dr prof sir dame`

// Relatives are the relative pronouns: "Smith, who spoke…, said".
const Relatives = `who which that`
