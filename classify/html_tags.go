package classify

import (
	"bytes"
	"strings"
)

// What the markup's names say, for every stage of the HTML front end: the
// HTML grammar (block, void and skipped elements, the scopes of implied end
// tags), the furniture role a tag carries, and what class, id, itemprop,
// rel and ARIA role attributes say of an element.

// isBlockTag: block-level elements break text into blocks; others are
// inline. The tables here are switches, not maps, so the package holds no
// mutable state.
func isBlockTag(x string) bool {
	switch x {
	case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
		"dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
		"thead", "tbody", "tfoot", "caption", "section", "article", "aside",
		"nav", "header", "footer", "main", "figure", "figcaption", "form",
		"address", "hr", "br", "details", "summary", "fieldset", "body",
		"center", "hgroup", "menu", "dialog", "picture":
		return true
	}
	return false
}

// isVoidTag: void elements never have content or an end tag.
func isVoidTag(x string) bool {
	switch x {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
		"meta", "param", "source", "track", "wbr", "keygen":
		return true
	}
	return false
}

// isSkipTag: these elements hold no page text.
func isSkipTag(x string) bool {
	switch x {
	case "script", "style", "noscript", "template", "textarea", "select",
		"button", "svg", "math", "iframe", "object", "head", "noembed",
		"noframes", "canvas", "audio", "video", "label", "option",
		"datalist":
		return true
	}
	return false
}

// Scopes bound the search for an element an implied end tag closes.
func buttonScope(tag string) bool {
	switch tag {
	case "table", "td", "th", "button", "li", "blockquote", "figure", "aside", "nav", "section", "article":
		return true
	}
	return false
}

func listScope(tag string) bool {
	return tag == "ul" || tag == "ol" || tag == "dl" || tag == "table"
}

func tableScope(tag string) bool { return tag == "table" }

// tagRole is the furniture role an element carries by its tag.
func tagRole(x string) (Role, bool) {
	switch x {
	case "nav", "form", "menu", "dialog":
		return RoleNav, true
	case "footer":
		return RoleFooter, true
	case "aside":
		return RoleRelated, true
	case "figcaption", "figure":
		return RoleCaption, true
	}
	return "", false
}

// classRole maps class and id tokens of boilerplate containers to roles.
func classRole(x string) (Role, bool) {
	switch x {
	case "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs",
		"masthead", "pagination", "pager", "skip", "topbar", "toolbar",
		"tags", "tag", "keywords":
		return RoleNav, true
	case "ad", "ads", "advert", "adverts", "advertisement", "advertising",
		"dfp", "sponsor", "sponsored", "promo", "adslot", "adunit", "banner",
		"gpt", "commercial":
		return RoleAd, true
	case "related", "recommended", "recommendations", "outbrain", "taboola",
		"trending", "popular", "mostpopular", "sidebar", "rail", "widget",
		"teaser", "teasers", "readmore", "morestories":
		return RoleRelated, true
	case "share", "sharing", "social", "sharebar", "addthis", "sharethis",
		"shares":
		return RoleShare, true
	case "comment", "comments", "disqus", "replies", "discussion", "respond":
		return RoleComments, true
	case "newsletter", "subscribe", "subscription", "signup":
		return RoleNewsletter, true
	case "footer", "copyright", "cookie", "cookies", "consent", "gdpr",
		"legal", "colophon":
		return RoleFooter, true
	}
	return "", false
}

// isStrongRole: these roles win over a positive token on the same element:
// "article-comments" is still comments.
func isStrongRole(x Role) bool {
	switch x {
	case RoleComments, RoleShare, RoleNewsletter, RoleNav:
		return true
	}
	return false
}

// isPositiveToken: class/id tokens of containers of article text.
func isPositiveToken(x string) bool {
	switch x {
	case "article", "body", "content", "entry", "hentry", "main", "post",
		"text", "story", "blog", "prose", "articlebody", "storybody", "page":
		return true
	}
	return false
}

// isNegativeToken: class/id tokens that lower a container's content score
// without naming a furniture role.
func isNegativeToken(x string) bool {
	switch x {
	case "hidden", "masthead", "meta", "media", "scroll", "shoutbox", "tool",
		"tools", "contact", "foot", "footnote", "shopping", "header",
		"supplemental", "extra":
		return true
	}
	return false
}

// classSignals reads an element's class, id, itemprop, rel and ARIA role:
// the furniture role they name, a content weight (+25 for article
// containers, −25 for boilerplate ones), and whether they mark a byline or
// a date.
func classSignals(class, id, itemprop, rel, role []byte) (r Role, weight int, byline, date bool) {
	switch string(role) {
	case "navigation", "menu", "menubar", "search":
		r = RoleNav
	case "complementary":
		r = RoleRelated
	case "contentinfo":
		r = RoleFooter
	case "main", "article":
		weight += 25
	}
	switch string(itemprop) {
	case "articlebody", "text", "reviewbody":
		weight += 50
	case "author", "creator":
		byline = true
	case "datepublished", "datemodified", "datecreated":
		date = true
	}
	if string(rel) == "author" {
		byline = true
	}
	positive, negative := false, false
	for _, s := range [...][]byte{class, id} {
		for i := 0; i < len(s); {
			for i < len(s) && !isTokenByte(s[i]) {
				i++
			}
			j := i
			for j < len(s) && isTokenByte(s[j]) {
				j++
			}
			if j == i {
				break
			}
			tok := s[i:j]
			i = j
			if tr, ok := classRole(string(tok)); ok && (r == "" || isStrongRole(tr)) {
				r = tr
			}
			switch string(tok) {
			case "byline", "author", "authors", "contributor", "writer":
				byline = true
			case "date", "time", "timestamp", "published", "dateline", "pubdate":
				date = true
			default:
				switch {
				case isPositiveToken(string(tok)):
					positive = true
				case isNegativeToken(string(tok)):
					negative = true
				}
			}
		}
		// Compounds written without separators ("articleBody").
		if len(s) > 0 && (bytes.Contains(s, []byte("articlebody")) || bytes.Contains(s, []byte("article-body")) || bytes.Contains(s, []byte("story-body"))) {
			positive = true
		}
	}
	if r != "" && positive && !isStrongRole(r) {
		r = ""
	}
	if r != "" || negative {
		weight -= 25
	}
	if positive {
		weight += 25
	}
	return r, weight, byline, date
}

func isTokenByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// tagString interns common tag names so most tags cost no allocation.
func tagString(b []byte) string {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	switch string(b) {
	case "p":
		return "p"
	case "div":
		return "div"
	case "a":
		return "a"
	case "span":
		return "span"
	case "li":
		return "li"
	}
	return string(b)
}

// lowerBytesInPlace lower-cases b in place; class names and attribute keywords
// are ASCII, and other bytes never match the tables they are looked up in.
func lowerBytesInPlace(b []byte) []byte {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}

// LooksLikeHTML reports content that starts like markup: after white space
// and a byte-order mark, a doctype, a comment, or one of the tags that open
// a document or a fragment of one. Plain text that merely mentions a tag
// later on stays text.
func LooksLikeHTML(s string) bool {
	s = strings.TrimLeft(strings.TrimPrefix(s, "\uFEFF"), " \t\r\n\f")
	if len(s) < 2 || s[0] != '<' {
		return false
	}
	head := strings.ToLower(s[:min(len(s), 16)])
	for _, p := range [...]string{"<!doctype html", "<html", "<head", "<body", "<!--", "<?xml", "<meta", "<title", "<div", "<p>", "<p ", "<article", "<section", "<main", "<h1", "<table", "<ul", "<span", "<a ", "<script", "<style", "<link", "<header", "<nav"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}
