package classify

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/slantwire/slant/internal/wordlists"
)

// The genre stage of the HTML front end: what the page's markup says of its
// genre — JSON-LD types and sections, <meta> section and opinion flags, an
// "Opinion |" title. It is read apart from the text because a site's own
// label says outright what the text can only suggest, and it works on what
// the extractor kept (the title, meta properties and JSON-LD scripts), so
// it needs no second pass over the markup.

// markupGenre reads the page's own statement of its genre: JSON-LD @type
// and articleSection, article:section and article:opinion meta, og:type and
// an "Opinion |" title. It returns opinion evidence and news evidence.
func (hp *htmlPage) markupGenre() (opinion, news []string) {
	review, otherType := false, false
	hp.walkLD(func(key, val string) {
		switch key {
		case "@type":
			switch val {
			case "OpinionNewsArticle", "ReviewNewsArticle":
				addEvidence(&opinion, "json-ld:"+val)
			case "AnalysisNewsArticle", "NewsArticle", "ReportageNewsArticle":
				addEvidence(&news, "json-ld:"+val)
			case "Review", "CriticReview":
				review = true
			}
			otherType = otherType || isWordIn(val, otherLDTypes)
		case "articleSection":
			if hp.lx.isOpinionSection(val) || isIntlOpinionSection(val) {
				addEvidence(&opinion, "json-ld:articleSection:"+strings.ToLower(strings.TrimSpace(val)))
			}
		}
	})
	if review && !otherType {
		// A Review of its own is a critic's piece; one beside a Recipe or
		// a Product is the readers' ratings of it.
		addEvidence(&opinion, "json-ld:Review")
	}
	if ev := hp.classGenre(); ev != "" {
		addEvidence(&opinion, ev)
	}
	if ev := hp.bylineLabel(); ev != "" {
		addEvidence(&opinion, ev)
	}
	if v := hp.meta["article:section"]; hp.lx.isOpinionSection(v) || isIntlOpinionSection(v) {
		addEvidence(&opinion, "meta:article:section:"+strings.ToLower(v))
	}
	if v := strings.ToLower(hp.meta["article:opinion"]); v == "true" || v == "yes" || v == "1" {
		addEvidence(&opinion, "meta:article:opinion")
	}
	if v := strings.ToLower(hp.meta["og:type"]); strings.Contains(v, "opinion") || strings.Contains(v, "review") {
		// A review is an opinion piece ("trustpilot:review").
		addEvidence(&opinion, "og:type:"+v)
	}
	for _, t := range []string{hp.title, hp.meta["og:title"]} {
		if ev := hp.lx.headlineOpinionPrefix(t); ev != "" {
			addEvidence(&opinion, "title:"+strings.TrimPrefix(ev, "headline:"))
			break
		}
		if w := intlOpinionPrefix(t); w != "" {
			addEvidence(&opinion, "title:"+w)
			break
		}
		if titleReview(t) {
			addEvidence(&opinion, "title:review")
			break
		}
	}
	for _, k := range []string{"keywords", "news_keywords"} {
		// A keyword that is an opinion section's name, whole ("Opinión"
		// among La Nación's keywords): "public opinion" is a topic.
		for kw := range strings.SplitSeq(hp.meta[k], ",") {
			kw = strings.ToLower(strings.TrimSpace(kw))
			if kw != "" && (isWordIn(kw, wordlists.OpinionSectionWords) || isWordIn(kw, intlOpinionWords) || isWordIn(kw, wordlists.ReviewSectionWords)) {
				addEvidence(&opinion, "meta:"+k+":"+kw)
			}
		}
	}
	return opinion, news
}

// intlOpinionWords name opinion sections in the other languages the pages
// come in (German, Spanish, Portuguese, Italian, French, Polish, Czech,
// Finnish, Dutch), lower case: the English ones are
// wordlists.OpinionSectionWords. "Standpunkt" and "Debatte" are left out:
// blogs and news sections use them for anything.
const intlOpinionWords = `meinung meinungen kommentar kommentare kolumne kolumnen gastbeitrag gastkommentar
leitartikel glosse opinión opiniones opinião opiniões opinione opinioni tribune tribunes chronique chroniques
éditorial éditoriaux editoriale editoriales columna columnas columnista columnistas commento commenti
opinia opinie felieton felietony komentarz komentarze názory komentář komentáře mielipide mielipiteet
pääkirjoitus kolumni kolumnit commentaar`

// isIntlOpinionSection reports a section name that holds one of
// intlOpinionWords, or a review word (wordlists.ReviewSectionWords), as a
// whole word: "Rezension", "Album Reviews".
func isIntlOpinionSection(s string) bool {
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	}) {
		if isWordIn(w, intlOpinionWords) || isWordIn(w, wordlists.ReviewSectionWords) {
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
	return slug != "" && (hp.lx.isOpinionSection(strings.ReplaceAll(slug, "-", " ")) || isIntlOpinionSection(strings.ReplaceAll(slug, "-", " ")))
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
		for l := range strings.Lines(wordlists.OpinionBylineLabels) {
			if l = strings.TrimSpace(l); l != "" && strings.HasPrefix(b.label, l) && (len(b.label) == len(l) || b.label[len(l)] == ' ') {
				return "byline:" + l
			}
		}
	}
	return ""
}

// intlOpinionPrefix returns the opinion word that opens a title in one of
// intlOpinionWords' languages, followed by a separator ("Kommentar: …",
// "Opinión | …"), or "".
func intlOpinionPrefix(t string) string {
	lower := strings.ToLower(strings.TrimSpace(t))
	i := strings.IndexAny(lower, ":|–—")
	if i <= 0 {
		return ""
	}
	w := strings.TrimSpace(lower[:i])
	if isWordIn(w, intlOpinionWords) {
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
		return !isWordIn(words[n-2], notReviewBefore)
	}
	return false
}

// intlOpinionURLSegment returns the path segment of url that names an
// opinion section in one of intlOpinionWords' languages ("/kolumnen/",
// "/meinung/"), as "url:/kolumnen/", or the genre word that opens or
// closes the page's own slug, as "url:slug:kommentar", or "".
func intlOpinionURLSegment(url string) string {
	segs := strings.Split(strings.Trim(urlPath(url), "/"), "/")
	for _, s := range segs[:max(len(segs)-1, 0)] { // the last segment is the page's own name
		if isWordIn(s, intlOpinionWords) {
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
	case isWordIn(first, intlOpinionWords) || isWordIn(first, slugOpinionWords):
		return first
	case isWordIn(last, intlOpinionWords) || isWordIn(last, slugOpinionWords):
		return last
	case isWordIn(last, wordlists.ReviewSectionWords) && !isWordIn(words[len(words)-2], notReviewBefore):
		return last
	}
	return ""
}

// slugOpinionWords are the English words that make a slug an opinion
// piece's where they open or close it ("opinion-why-…", "…-editorial"):
// "column" and "letters" are left out, being also a topic.
const slugOpinionWords = `opinion oped editorial commentary`

// notReviewBefore are words that make a following "review" a recap or a
// procedure, not a critic's piece.
const notReviewBefore = `in peer annual year code policy performance literature systematic judicial safety case`

// otherMarkup reports why the page's markup says its main content is
// neither a news report nor an opinion piece — a recipe, a product, a
// how-to, a wiki page — or "" when it does not. Such a page has an article
// in the layout's sense (enough body text) but not a journalistic one.
func (hp *htmlPage) otherMarkup(url string) string {
	otherType, article := "", false
	hp.walkLD(func(key, val string) {
		if key != "@type" {
			return
		}
		switch {
		case isWordIn(val, otherLDTypes):
			if otherType == "" {
				otherType = "json-ld:" + val
			}
		case strings.HasSuffix(val, "Article") || val == "BlogPosting" || val == "LiveBlogPosting" || val == "Report" || val == "Review":
			article = true
		}
	})
	if otherType != "" && !article {
		return otherType
	}
	og := strings.ToLower(hp.meta["og:type"])
	for _, p := range []string{"product", "profile", "business", "place", "restaurant", "books.", "music.", "video.movie", "video.tv_show"} {
		if strings.HasPrefix(og, p) {
			return "og:type:" + og
		}
	}
	for _, t := range []string{hp.title, hp.meta["og:title"]} {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(t)), "how to ") {
			return "title:how-to"
		}
	}
	path := urlPath(url)
	if strings.Contains(path, "/how-to-") {
		return "url:how-to"
	}
	if isWikiPage(hp.title, url) {
		return "title:wiki"
	}
	if hp.codeBlocks() >= minCodeBlocks {
		// Code listings: a technical post or documentation.
		return codeListings
	}
	if og != "article" && !article && !hp.dated() {
		// Nothing of an article's markup: no article type, no date. A
		// company, product or reference page.
		return noArticleMarkup
	}
	return ""
}

// codeBlocks counts the article's preformatted blocks (<pre>).
func (hp *htmlPage) codeBlocks() int {
	n := 0
	for i := range hp.blocks {
		if hp.blocks[i].article && hp.markup[i].tag == "pre" {
			n++
		}
	}
	return n
}

// minCodeBlocks is the least <pre> blocks in an article that make it a
// technical post or documentation: a news report may show one (a
// statement, a tweet), not a series.
const minCodeBlocks = 2

// codeListings is otherMarkup's evidence for an article with code
// listings. Like noArticleMarkup it yields to the text's opinion evidence:
// a programmer's rant may quote code.
const codeListings = "markup:code-listings"

// noArticleMarkup is otherMarkup's evidence for a page without an
// article's markup. It is weaker than the rest: the verdict lets an
// opinion piece by the text alone stand against it.
const noArticleMarkup = "markup:no-article-markup"

// dated reports a publication date anywhere in the markup: a date <meta>
// (article:published_time, date, dc.date…), a JSON-LD datePublished, a
// <time> or date-classed element, or a dateline the layout found.
func (hp *htmlPage) dated() bool {
	for k := range hp.meta {
		if k = strings.ToLower(k); strings.Contains(k, "date") || strings.Contains(k, "published") {
			return true
		}
	}
	published := false
	hp.walkLD(func(key, _ string) { published = published || key == "datePublished" })
	if published {
		return true
	}
	for i := range hp.blocks {
		if hp.markup[i].date || hp.blocks[i].role == RoleDateline {
			return true
		}
	}
	return false
}

// otherLDTypes are JSON-LD types of a page's main content that is neither
// news nor opinion.
const otherLDTypes = `Recipe Product ProductGroup HowTo FAQPage JobPosting Event Course
SoftwareApplication MobileApplication WebApplication LocalBusiness Store Restaurant Hotel
Place TouristAttraction Movie Book Game VideoGame Dataset`

// isWikiPage reports a wiki's page: a title whose last part names a wiki
// ("Penny - Stardew Valley Wiki", "New Zealand - Wikipedia"), or a URL on a
// wiki host or under /wiki/.
func isWikiPage(title, url string) bool {
	t := strings.ToLower(strings.TrimSpace(title))
	if i := strings.LastIndexAny(t, "-–|"); i >= 0 {
		last := strings.TrimSpace(t[i+1:])
		if strings.HasSuffix(last, "wiki") || strings.HasSuffix(last, "wikipedia") {
			return true
		}
	}
	lower := strings.ToLower(url)
	return strings.Contains(lower, "://wiki.") || strings.Contains(lower, ".wikipedia.org/") || strings.Contains(urlPath(url), "/wiki/")
}

// notArticle reports why the page is not an article but a listing of
// them — a section front, a tag or topic page, a home page, a gallery —
// or "" when nothing says so. It reads what the page says of itself: a
// JSON-LD CollectionPage, ItemList, SearchResultsPage or ImageGallery with
// no article type beside it, or og:type "website" on a home, tag, topic,
// category or author URL. An article page can be any of these only by
// mistake, so one sign is enough.
func (hp *htmlPage) notArticle(url string) string {
	listing, article := "", false
	hp.walkLD(func(key, val string) {
		if key != "@type" {
			return
		}
		switch {
		case val == "CollectionPage" || val == "ItemList" || val == "SearchResultsPage" || val == "ImageGallery" || val == "MediaGallery":
			if listing == "" {
				listing = "json-ld:" + val
			}
		case strings.HasSuffix(val, "Article") || val == "BlogPosting" || val == "LiveBlogPosting" || val == "Report" || val == "Recipe" || val == "HowTo":
			article = true
		}
	})
	if listing != "" && !article {
		return listing
	}
	if article || !strings.EqualFold(hp.meta["og:type"], "website") {
		return ""
	}
	if p := urlPath(url); p == "/" || isListingPath(p) {
		return "og:type:website+url:" + p
	}
	return ""
}

// urlPath is the path of an absolute or relative URL, without query or
// fragment, lower-cased; "" when url is empty.
func urlPath(url string) string {
	if url == "" {
		return ""
	}
	if i := strings.Index(url, "://"); i >= 0 {
		url = url[i+3:]
		if j := strings.IndexByte(url, '/'); j >= 0 {
			url = url[j:]
		} else {
			url = "/"
		}
	}
	if i := strings.IndexAny(url, "?#"); i >= 0 {
		url = url[:i]
	}
	return strings.ToLower(url)
}

// isListingPath reports a URL path of a listing: /tag/…, /topics/…,
// /category/…, /author/…, /search.
func isListingPath(p string) bool {
	for _, seg := range []string{"/tag/", "/tags/", "/topic/", "/topics/", "/category/", "/categories/", "/author/", "/authors/", "/search"} {
		if strings.HasPrefix(p, seg) || strings.Contains(p, seg) && strings.Count(p, "/") <= 4 {
			return true
		}
	}
	return false
}

// addEvidence appends s to list unless it is there already.
func addEvidence(list *[]string, s string) {
	if !slices.Contains(*list, s) {
		*list = append(*list, s)
	}
}

// isOpinionSection reports a section name that holds an opinion section
// word as a whole word ("Guest Column", "Editorials & Letters"; a word's
// plural in s counts, but not "columns", a layout word). A word inside
// another ("developed" holds "oped", "newsletters" holds "letters") does
// not count, nor one the next word turns into the newsroom's rules
// ("Editorial standards").
func (lx *lexicon) isOpinionSection(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	for i, w := range words {
		for _, o := range lx.opinionSectionWords {
			if w != o && (o == "column" || w != o+"s") {
				continue
			}
			if i+1 < len(words) && isWordIn(words[i+1], wordlists.NotOpinionSectionNext) {
				continue
			}
			return true
		}
	}
	return false
}

// isWordIn reports whether w is one of the white-space separated words of
// list.
func isWordIn(w, list string) bool {
	for len(list) > 0 {
		i := strings.IndexFunc(list, unicode.IsSpace)
		if i < 0 {
			return list == w
		}
		if list[:i] == w {
			return true
		}
		list = strings.TrimLeftFunc(list[i:], unicode.IsSpace)
	}
	return false
}

// walkLD calls fn with every key and string value of the page's JSON-LD
// scripts, in document order (walkJSONLD).
func (hp *htmlPage) walkLD(fn func(key, val string)) {
	for _, v := range hp.ldJSON {
		budget := 10000
		walkJSONLD(v, 0, &budget, fn)
	}
}

// walkJSONLD calls fn for every string (or string in an array) under the
// keys of v, within a depth and node budget.

func walkJSONLD(v any, depth int, budget *int, fn func(key, val string)) {
	*budget--
	if depth > 20 || *budget < 0 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		// Keys in order: the evidence lists what is found first, and map
		// order would make the same page give different results.
		for _, k := range slices.Sorted(maps.Keys(x)) {
			switch ev := x[k].(type) {
			case string:
				fn(k, ev)
			case []any:
				for _, item := range ev {
					if s, ok := item.(string); ok {
						fn(k, s)
					} else {
						walkJSONLD(item, depth+1, budget, fn)
					}
				}
			default:
				walkJSONLD(ev, depth+1, budget, fn)
			}
		}
	case []any:
		for _, e := range x {
			walkJSONLD(e, depth+1, budget, fn)
		}
	}
}
