package classify

import (
	"slices"
	"strings"
	"unicode"

	"github.com/slantwire/slant/internal/wordlists"
)

// The opinion cues of the genre stage beyond a section's or a type's name
// (html_genre.go): the same labels as the pages write them in other
// languages and other places — a CMS's post category and page-type
// classes, the page's slug, a byline that names the genre or links to the
// writer's column, a title that calls the page a review. Each is a label
// the site gives the page, so each is evidence on its own, and each is
// named in genre_evidence.

// isIntlOpinionSection reports a section name that holds one of
// wordlists.IntlOpinionWords, or a review word (wordlists.ReviewSectionWords), as a
// whole word: "Rezension", "Album Reviews".
func isIntlOpinionSection(s string) bool {
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	}) {
		if isWordIn(w, wordlists.IntlOpinionWords) || isWordIn(w, wordlists.ReviewSectionWords) {
			return true
		}
	}
	return false
}

// maxArticleClasses bounds the <article> class attributes a page keeps:
// the post's own comes first or among the first few, the rest are
// teasers.
const maxArticleClasses = 32

// maxBodyClass bounds the bytes of <html> and <body> class kept.
const maxBodyClass = 4096

// noteWrapperClass keeps the class attribute of the <html> and <body>, or
// of an <article>, for classGenre.
func (hp *htmlPage) noteWrapperClass(tag string, class []byte) {
	switch {
	case len(class) == 0:
	case tag == "html" || tag == "body":
		if len(hp.bodyClass)+len(class) <= maxBodyClass {
			hp.bodyClass += " " + string(class)
		}
	case tag == "article" && len(hp.articleClasses) < maxArticleClasses:
		hp.articleClasses = append(hp.articleClasses, string(class))
	}
}

// classGenre returns the opinion or review category a CMS wrote into the
// page's wrapper classes, as "class:node-type-chronique" or
// "class:category-kolumne", or "". Drupal names the node's type in the
// <body> ("node-type-chronique", "page-node--type-kommentar"), and other
// systems the page's or content's type in the <html> or <body>
// ("content-type-opinion"); WordPress names the post's categories on
// its <article>, which is told from the teasers' (each an <article> with
// its own categories) by its id: the body's "postid-311564" is the
// article's "post-311564". A category is read whole or by its words
// ("category-gast-kommentar").
func (hp *htmlPage) classGenre() string {
	postID := ""
	for t := range strings.FieldsSeq(hp.bodyClass) {
		if i := strings.LastIndex(t, "type-"); i >= 0 {
			if slug := strings.TrimLeft(t[i+len("type-"):], "-"); hp.isOpinionSlug(slug) {
				return "class:" + t
			}
		}
		if id, ok := strings.CutPrefix(t, "postid-"); ok && id != "" {
			postID = "post-" + id
		}
	}
	if postID == "" {
		return ""
	}
	for _, ac := range hp.articleClasses {
		if !slices.Contains(strings.Fields(ac), postID) {
			continue
		}
		for t := range strings.FieldsSeq(ac) {
			if slug, ok := strings.CutPrefix(t, "category-"); ok && hp.isOpinionSlug(slug) {
				return "class:category-" + slug
			}
		}
	}
	return ""
}

// isOpinionSlug reports a lower-case type or category slug that names an
// opinion or review section, whole or by one of its hyphenated words.
func (hp *htmlPage) isOpinionSlug(slug string) bool {
	words := strings.ReplaceAll(slug, "-", " ")
	return slug != "" && (hp.lx.isOpinionSection(words) || isIntlOpinionSection(words))
}

// maxHeadBlocks is how far into the article bylineLabel looks: the head
// (headline, kicker, byline, dateline, standfirst), not the body.
const maxHeadBlocks = 8

// bylineLabel returns "byline:" and the genre label that opens a short
// block in the article's head ("Ein Kommentar von …", "Une tribune de …"),
// or "". It runs after articleHead has marked the head's blocks.
func (hp *htmlPage) bylineLabel() string {
	seen := 0
	for i := range hp.blocks {
		b := &hp.blocks[i]
		if !b.article {
			continue
		}
		if seen++; seen > maxHeadBlocks {
			break
		}
		if b.label == "" {
			continue
		}
		for _, l := range hp.lx.opinionBylineLabels {
			if strings.HasPrefix(b.label, l) && (len(b.label) == len(l) || b.label[len(l)] == ' ') {
				return "byline:" + l
			}
		}
	}
	return ""
}

// opinionLinkSection returns the opinion section a link's URL lies in,
// as "url:/column/" or "url:/kolumne/", or "": a section segment anywhere
// in its path, the last one included, since a byline links to the
// column's own page ("/column/deal-professor", "/category/kolumne/").
func (lx *lexicon) opinionLinkSection(href string) string {
	path := urlPath(href)
	if ev := lx.urlOpinionSection(path); ev != "" {
		return ev
	}
	for s := range strings.SplitSeq(strings.Trim(path, "/"), "/") {
		if isWordIn(s, wordlists.IntlOpinionWords) {
			return "url:/" + s + "/"
		}
	}
	return ""
}

// bylineLink returns the evidence of an article byline that links to an
// opinion section — the writer's column ("byline:link:/column/") — or "".
// A byline outside the article (a teaser's) does not count.
func (hp *htmlPage) bylineLink() string {
	for i := range hp.blocks {
		if hp.blocks[i].article && hp.markup[i].opinionLink != "" {
			return "byline:link:" + strings.TrimPrefix(hp.markup[i].opinionLink, "url:")
		}
	}
	return ""
}

// intlOpinionPrefix returns the opinion word that opens a title in one of
// wordlists.IntlOpinionWords' languages, followed by a separator ("Kommentar: …",
// "Opinión | …"), or "".
func intlOpinionPrefix(t string) string {
	lower := strings.ToLower(strings.TrimSpace(t))
	i := strings.IndexAny(lower, ":|–—")
	if i <= 0 {
		return ""
	}
	w := strings.TrimSpace(lower[:i])
	if isWordIn(w, wordlists.IntlOpinionWords) {
		return w
	}
	return ""
}

// titleReview reports a title that calls its page a review: "… review",
// "… im Test" or "… [Rezension]" at the end of the headline (before the
// site's name), or "Im Test: …", "Review: …" at its start. A recap or
// a procedure is not one ("Year in Review", "A Systematic Review").
func titleReview(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			t = strings.TrimSpace(t[:i]) // the site's name
		}
	}
	for _, p := range []string{"review:", "im test:", "rezension:"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	words := strings.Fields(t)
	for i, w := range words {
		words[i] = strings.Trim(w, "[]()")
	}
	n := len(words)
	switch {
	case n < 3:
		return false
	case words[n-2] == "im" && words[n-1] == "test":
		return true
	case isWordIn(words[n-1], wordlists.ReviewSectionWords):
		return !isWordIn(words[n-2], wordlists.NotReviewBefore)
	}
	return false
}

// intlOpinionURLSegment returns the path segment of url that names an
// opinion section in one of wordlists.IntlOpinionWords' languages ("/kolumnen/",
// "/meinung/"), as "url:/kolumnen/", or the genre word that opens or
// closes the page's own slug, as "url:slug:kommentar", or "".
func intlOpinionURLSegment(url string) string {
	segs := strings.Split(strings.Trim(urlPath(url), "/"), "/")
	for _, s := range segs[:max(len(segs)-1, 0)] { // the last segment is the page's own name
		if isWordIn(s, wordlists.IntlOpinionWords) {
			return "url:/" + s + "/"
		}
	}
	if w := slugGenreWord(segs[len(segs)-1]); w != "" {
		return "url:slug:" + w
	}
	return ""
}

// minSlugWords is the least words of a slug that slugGenreWord reads: a
// shorter one ("/kolumnen", "/reviews") names a section front, not a
// piece.
const minSlugWords = 3

// slugGenreWord returns the opinion or review word that opens or closes a
// page's slug ("kommentar-die-rente-ist-sicher", "dune-part-two-review",
// "tribune-…"), or "". A review word counts only at the end, and not after
// a word that makes it a recap or a procedure ("year-in-review",
// "peer-review").
func slugGenreWord(slug string) string {
	slug = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(slug, ".html"), ".htm"), ".php")
	words := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' })
	if len(words) < minSlugWords {
		return ""
	}
	first, last := words[0], words[len(words)-1]
	switch {
	case isWordIn(first, wordlists.IntlOpinionWords) || isWordIn(first, wordlists.SlugOpinionWords):
		return first
	case isWordIn(last, wordlists.IntlOpinionWords) || isWordIn(last, wordlists.SlugOpinionWords):
		return last
	case isWordIn(last, wordlists.ReviewSectionWords) && !isWordIn(words[len(words)-2], wordlists.NotReviewBefore):
		return last
	}
	return ""
}
