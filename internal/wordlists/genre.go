package wordlists

// ReviewSectionWords name a review section or category, in English and the
// other languages the pages come in (German, French, Spanish, Portuguese,
// Italian, Polish, Czech, Finnish, Dutch), lower case. A review is an
// opinion piece (a critic's or a user's judgement), and a page that files
// itself under one says so as plainly as an "Opinion" section. Read whole
// as a keyword, a section name's word or a category: "Kritik" and
// "critique" are left out, being also the topic "criticism".
const ReviewSectionWords = `review reviews rezension rezensionen testbericht testberichte
recension recensions recensione recensioni reseña reseñas resenha resenhas recenzja recenzje
recenze arvostelu arvostelut recensie recensies`

// OpinionBylineLabels open a byline or kicker that names the piece's genre
// before its writer, in the pages' other languages ("Ein Kommentar von
// Ingo Arzt", "Une tribune de …"), as normalised labels (lower case, no
// punctuation). The English ones ("Opinion by") are OpinionBylineWords.
// "Kommentar von" alone is left out (blogs head each reader's comment with
// it), and so is "tribune de" ("Tribune de Genève" is a newspaper).
const OpinionBylineLabels = `
ein kommentar von
ein gastkommentar von
gastkommentar von
eine kolumne von
kolumne von
ein gastbeitrag von
gastbeitrag von
eine glosse von
ein leitartikel von
ein essay von
une tribune de
une chronique de
un éditorial de
columna de opinión
un artículo de opinión
opinión de
un commento di
un editoriale di
een column van
een opinie van
`

// EnglishFunctionWords are frequent English words that other languages the
// pages come in rarely have as words: their share tells an English body.
const EnglishFunctionWords = `the and of to is that it for was with on are as be this have not but`

// FirstPersonSingular are the writer's singular first person, lower case,
// with the straight apostrophe.
const FirstPersonSingular = `i me my mine myself i'm i've i'd i'll`

// PlaceholderWords are lorem ipsum's commonest words.
const PlaceholderWords = `lorem ipsum dolor sit amet consectetur adipiscing adipisicing elit sed do eiusmod
tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco
laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum eu
fugiat nulla pariatur consetetur sadipscing elitr nonumy eirmod invidunt erat sanctus est diam voluptua`

// IntlOpinionWords name opinion sections in the other languages the pages
// come in (German, Spanish, Portuguese, Italian, French, Polish, Czech,
// Finnish, Dutch), lower case: the English ones are
// OpinionSectionWords. "Standpunkt" and "Debatte" are left out:
// blogs and news sections use them for anything.
const IntlOpinionWords = `meinung meinungen kommentar kommentare kolumne kolumnen gastbeitrag gastkommentar
leitartikel glosse opinión opiniones opinião opiniões opinione opinioni tribune tribunes chronique chroniques
éditorial éditoriaux editoriale editoriales columna columnas columnista columnistas commento commenti
opinia opinie felieton felietony komentarz komentarze názory komentář komentáře mielipide mielipiteet
pääkirjoitus kolumni kolumnit commentaar`

// OtherLDTypes are JSON-LD types of a page's main content that is neither
// news nor opinion.
const OtherLDTypes = `Recipe Product ProductGroup HowTo FAQPage JobPosting Event Course
SoftwareApplication MobileApplication WebApplication LocalBusiness Store Restaurant Hotel
Place TouristAttraction Movie Book Game VideoGame Dataset`

// SlugOpinionWords are the English words that make a slug an opinion
// piece's where they open or close it ("opinion-why-…", "…-editorial"):
// "column" and "letters" are left out, being also a topic.
const SlugOpinionWords = `opinion oped editorial commentary`

// NotReviewBefore are words that make a following "review" a recap or a
// procedure, not a critic's piece.
const NotReviewBefore = `in peer annual year code policy performance literature systematic judicial safety case`
