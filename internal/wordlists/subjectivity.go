package wordlists

// Words the subjectivity rules and the sentence models read: the writer's
// judgement, stance, intensity and loaded wording.

// SubjectiveStrong are words that on their own read as the writer's judgement.
const SubjectiveStrong = `disgraceful shameful outrageous brilliant terrible horrible awful absurd
ridiculous stupid idiotic foolish pathetic disgusting appalling deplorable despicable
wonderful fantastic amazing excellent superb magnificent marvelous marvellous glorious
dreadful atrocious abysmal laughable ludicrous insane crazy nonsense nonsensical
incompetent inept reckless irresponsible cowardly heroic courageous shameless
hypocritical hypocrisy dishonest corrupt vile evil wicked cruel heartless callous
arrogant smug naive misguided wrongheaded disastrous catastrophic calamitous
embarrassing humiliating infuriating maddening outrage scandalous sickening
unacceptable inexcusable indefensible unforgivable unconscionable unjust unfair
beautiful ugly best worst greatest finest dumbest silly lame bizarre shocking
stunning astonishing breathtaking remarkable extraordinary incredible unbelievable
grotesque obscene offensive insulting contemptible loathsome pitiful sad tragic
delusional dangerous toxic poisonous hateful bigoted racist sexist xenophobic
authoritarian tyrannical fascist nonsense garbage rubbish hogwash baloney
brave bold visionary genius masterful praiseworthy admirable commendable
deserve deserves deserved must-read welcome troubling alarming worrying disturbing
regrettable lamentable unfortunate fortunately unfortunately sadly thankfully
love loved hate hated giveaway pretend pretending honest dishonesty slap
`

// SubjectiveWeak are evaluative words that also appear in plain reporting.
const SubjectiveWeak = `good bad great poor better worse important significant major serious
clear obvious simple easy hard difficult strong weak right wrong true false real fake
huge massive enormous tiny little big small vast deep rich crucial vital essential
necessary needless pointless useless valuable worthy worthless interesting boring
exciting disappointing impressive concerning encouraging promising hopeful hopeless
ironic ironically perhaps maybe probably surely certainly arguably seemingly apparently
frankly honestly truly simply merely just only even really actually indeed
problem problems crisis failure failures success successful unsuccessful mistake
mistakes threat threats danger risk risky safe unsafe fair unfair free freedom
`

// Intensifiers strengthen the word they modify.
const Intensifiers = `very extremely incredibly utterly totally completely absolutely deeply
highly truly so too enormously immensely hugely terribly awfully remarkably
exceptionally particularly especially entirely thoroughly downright outright sheer`

// OpinionVerbs report a belief rather than a fact.
const OpinionVerbs = `think believe feel suspect doubt hope wish fear guess suppose reckon
seems seem seemed appears argue contend insist`

// StanceAdverbs are sentence adverbs of stance ("clearly", "sadly").
const StanceAdverbs = `clearly obviously evidently undoubtedly unquestionably naturally
surely certainly arguably frankly honestly sadly fortunately unfortunately hopefully
ironically thankfully regrettably tragically shamefully mercifully admittedly`

// LoadedWords are loaded or emotive words: wording that carries a judgement.
const LoadedWords = `radical radicals extremist extremists regime thugs thug slammed slams slam
blasted blasts blast ripped rips lambasted lambasts hammered hammers torched
invasion invaders mob mobs hoax hoaxes witch-hunt sham shams disastrous catastrophic
shocking outrageous disgraceful shameful racist racists bigoted bigot bigots far-right
far-left woke propaganda fake corrupt crooked puppet puppets tyrant tyrants dictator
despot massacre slaughter slaughtered brutal brutally savage savagely heartless reckless
recklessly draconian chaos chaotic meltdown scandal scandals debacle fiasco lies lied
liar liars smear smears rant rants tirade screed cronies elites elitist elitists
globalist globalists snowflake snowflakes traitor traitors treason treasonous ridiculous
absurd laughable pathetic insane crazy unhinged vile despicable heinous horrific horrifying
devastating stunning trash trashed caved cave flip-flop flip-flopped hardline hard-line
firebrand hawkish so-called illegals alien aliens thuggish terrorizing terrorize
demonize demonized demonizing weaponize weaponized weaponizing indoctrination indoctrinate
brainwash brainwashed grift grifter grifters cult cultish fanatic fanatics zealot zealots
militants jihadist jihadists jihadi lunatic lunatics deranged incompetent incompetence
disgrace disgraced humiliating humiliated humiliation outrage outraged furious fury
rage raging hysteria hysterical frenzy panic panicked alarmist doomsday apocalyptic
nightmare nightmarish horror horrors evil wicked sinister shady dodgy scheme schemes
scheming ploy ploys stunt stunts bombshell explosive damning blistering scathing
fiery feisty embattled beleaguered disgruntled hapless clueless spineless toxic
stranglehold onslaught obliterate obliterated decimate decimated gutted gutting
rammed axed menace menacing peril perilous
`

// LoadedPhrases are loaded multi-word phrases, one per line.
const LoadedPhrases = `
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

// FirstPerson are first-person pronouns: the writer speaking.
const FirstPerson = `i me my mine myself we us our ours ourselves`

// SecondPerson are second-person pronouns: the writer addressing the reader.
const SecondPerson = `you your yours yourself yourselves`

// Modals are words of obligation and desert: "should", "deserves".
const Modals = `should must ought shouldn't mustn't needs deserve deserves deserved`

// The sentence models' stylistic word classes (models/internal/features).
// The models look words up after BERT pre-tokenization, which splits a
// contraction at its apostrophe: "shouldn't" is the words "shouldn", "'"
// and "t". An entry ending in "'t" names its first word ("don't" is
// "don"); the bare "t" of Negations is the "t" of every "n't". Besides
// these lists the models read FirstPerson, SecondPerson, Modals and
// OpinionVerbs above (as their person, modal and cognition classes) and
// the lexicon's classes (SubjectiveStrong … LoadedWords). Changing a list
// here changes the models' features: retrain and re-measure
// (models/README.md).

// Superlatives are the most frequent superlatives of judgement.
const Superlatives = `most best worst least greatest biggest`

// Hedges soften a claim: "perhaps", "seems", "likely".
const Hedges = `maybe perhaps might could seems seem seemed appears appear apparently likely
unlikely possibly probably arguably suggest suggests somewhat relatively fairly may`

// ModelIntensifiers are the models' intensifiers and emphasis words. They
// differ from Intensifiers, which the rules read (and the models too, as a
// lexicon class): emphasis adverbs the rules' list lacks ("really",
// "just", "clearly", "definitely"; some are in SubjectiveWeak or
// StanceAdverbs), and none of its rarer degree words ("immensely",
// "downright"). Reading Intensifiers in their place made the intensifier
// class a copy of the lexicon class and did not help (5-fold CV
// subjectivity macro-F1 0.741 → 0.739, CheckThat dev 0.680 → 0.677).
const ModelIntensifiers = `very extremely utterly really truly totally completely absolutely
incredibly so too highly deeply entirely simply just even quite indeed clearly obviously
surely certainly definitely especially particularly`

// Negations negate a clause; "t" is the "n't" of a pre-tokenized
// contraction.
const Negations = `not no never nothing nobody none nor neither without t`

// Comparatives compare: "more", "rather than".
const Comparatives = `more less better worse rather than`

// ImperativeOpeners open an imperative sentence that addresses the reader:
// "Imagine…", "Don't…".
const ImperativeOpeners = `let imagine consider remember stop look don't`
