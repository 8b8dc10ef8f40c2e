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
