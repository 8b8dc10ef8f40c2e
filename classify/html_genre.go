package classify

import (
	"encoding/json"
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
	for _, src := range hp.ldJSON {
		var v any
		if err := json.Unmarshal([]byte(src), &v); err != nil {
			continue
		}
		budget := 10000
		walkJSONLD(v, 0, &budget, func(key, val string) {
			switch key {
			case "@type":
				switch val {
				case "OpinionNewsArticle", "ReviewNewsArticle":
					addEvidence(&opinion, "json-ld:"+val)
				case "AnalysisNewsArticle", "NewsArticle", "ReportageNewsArticle":
					addEvidence(&news, "json-ld:"+val)
				}
			case "articleSection":
				if hp.lx.isOpinionSection(val) {
					addEvidence(&opinion, "json-ld:articleSection:"+strings.ToLower(strings.TrimSpace(val)))
				}
			}
		})
	}
	if v := hp.meta["article:section"]; hp.lx.isOpinionSection(v) {
		addEvidence(&opinion, "meta:article:section:"+strings.ToLower(v))
	}
	if v := strings.ToLower(hp.meta["article:opinion"]); v == "true" || v == "yes" || v == "1" {
		addEvidence(&opinion, "meta:article:opinion")
	}
	if v := strings.ToLower(hp.meta["og:type"]); strings.Contains(v, "opinion") {
		addEvidence(&opinion, "og:type:"+v)
	}
	for _, t := range []string{hp.title, hp.meta["og:title"]} {
		if ev := hp.lx.headlineOpinionPrefix(t); ev != "" {
			addEvidence(&opinion, "title:"+strings.TrimPrefix(ev, "headline:"))
			break
		}
	}
	return opinion, news
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
	for _, src := range hp.ldJSON {
		var v any
		if err := json.Unmarshal([]byte(src), &v); err != nil {
			continue
		}
		budget := 10000
		walkJSONLD(v, 0, &budget, func(key, val string) {
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
	}
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
