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
// the extractor kept (the title, meta properties and JSON-LD scripts, the
// wrapper classes, byline links), so it needs no second pass over the
// markup. The cues beyond a section's or a type's name are in
// html_genre_cues.go.

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
			otherType = otherType || isWordIn(val, wordlists.OtherLDTypes)
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
	if ev := hp.bylineLink(); ev != "" {
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
			if kw != "" && (isWordIn(kw, wordlists.OpinionSectionWords) || isWordIn(kw, wordlists.IntlOpinionWords) || isWordIn(kw, wordlists.ReviewSectionWords)) {
				addEvidence(&opinion, "meta:"+k+":"+kw)
			}
		}
	}
	return opinion, news
}

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
		case isWordIn(val, wordlists.OtherLDTypes):
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
	if hp.ldDated {
		return true
	}
	for i := range hp.blocks {
		if hp.markup[i].date || hp.blocks[i].role == RoleDateline {
			return true
		}
	}
	return false
}

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
