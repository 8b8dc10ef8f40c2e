package wordlists

// The lists below are the vocabulary of page markup: the words sites put in
// the class and id attributes of their containers. The HTML front end of
// package classify splits each class and id value into tokens of lower-case
// letters and digits and looks each token up in these lists, so an entry is
// one such token (no hyphens, no capitals). They are not the HTML grammar
// (which tags are blocks, which are void): that stays with the tokenizer in
// package classify. The models do not read these lists.

// NavClassTokens are class/id tokens of navigation: menus, breadcrumbs,
// pagers, tag lists.
const NavClassTokens = `nav navbar navigation menu breadcrumb breadcrumbs masthead
pagination pager skip topbar toolbar tags tag keywords`

// AdClassTokens are class/id tokens of advertisements and sponsored slots.
const AdClassTokens = `ad ads advert adverts advertisement advertising dfp sponsor
sponsored promo adslot adunit banner gpt commercial`

// RelatedClassTokens are class/id tokens of rails of related or popular
// stories, recommendation widgets and sidebars.
const RelatedClassTokens = `related recommended recommendations outbrain taboola trending
popular mostpopular sidebar rail widget teaser teasers readmore morestories`

// ShareClassTokens are class/id tokens of share bars and social buttons.
const ShareClassTokens = `share sharing social sharebar addthis sharethis shares`

// CommentClassTokens are class/id tokens of reader comments.
const CommentClassTokens = `comment comments disqus replies discussion respond`

// NewsletterClassTokens are class/id tokens of newsletter and subscription
// sign-ups.
const NewsletterClassTokens = `newsletter subscribe subscription signup`

// FooterClassTokens are class/id tokens of page footers, copyright lines,
// cookie or consent banners, and the author boxes that close an article
// ("author-bio", "author-tooltip": the writer's biography, not the story).
const FooterClassTokens = `footer copyright cookie cookies consent gdpr legal colophon
bio biography authorbio authorbox tooltip`

// BylineClassTokens are class/id tokens of an author's name or byline.
const BylineClassTokens = `byline author authors contributor writer`

// DateClassTokens are class/id tokens of a publication date or dateline.
const DateClassTokens = `date time timestamp published dateline pubdate`

// PositiveClassTokens are class/id tokens of containers of article text;
// readability's "positive" names.
const PositiveClassTokens = `article body content entry hentry main post text story blog
prose articlebody storybody page`

// NegativeClassTokens are class/id tokens of containers that seldom hold
// article text but name no furniture of their own; readability's
// "negative" names.
const NegativeClassTokens = `hidden masthead meta media scroll shoutbox tool tools contact
foot footnote shopping header supplemental extra`

// ArticleBodyClassCompounds are spellings of "article body" that sites run
// together or hyphenate inside longer class names ("c-article-body__main",
// "mainArticleBody"): found anywhere in a class or id value, they mark a
// container of article text as PositiveClassTokens do.
const ArticleBodyClassCompounds = `articlebody article-body story-body`

// NotOpinionSectionNext are words that, right after an opinion section word
// in a section name, make it name the newsroom's rules rather than a section
// of opinion: "Editorial standards", "Editorial policy", "Letters policy".
const NotOpinionSectionNext = `standards standard policy policies guidelines principles
team staff board calendar ethics independence values code`

// CreditLinePrefixes open a short line inside an article that credits a
// photo or names a source, in the languages of the pages slant reads:
// "Bild: dpa", "Quelle: Landesregierung", "Foto: Getty Images". The HTML
// front end reads such a line as a caption, not body text. One entry a
// line, lower case.
const CreditLinePrefixes = `
bild:
bilder:
foto:
fotos:
fotograf:
quelle:
quellen:
bildquelle
titelbild
beitragsbild
symbolbild
source:
sources:
credit:
credits:
photo:
image:
crédit
crédits
fuente:
fonte:
©
(c)
`
