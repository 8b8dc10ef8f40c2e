package classify

import (
	"bytes"
	"maps"
	"slices"
	"strings"

	"github.com/slantwire/slant/internal/wordlists"
	"golang.org/x/net/html/atom"
)

// What the markup's names say, for every stage of the HTML front end: the
// HTML grammar (block, void, skipped and raw-text elements, the scopes of
// implied end tags), the furniture role a tag carries, and what class, id,
// itemprop, rel and ARIA role attributes say of an element.
//
// The grammar tables are switches, not maps: they are HTML, fixed by the
// standard, and a switch holds no state. The class and id vocabulary is
// plain English that sites choose, so it lives as word lists in package
// wordlists and is read into one table when the package is initialised.

// isBlockTag: block-level elements break text into blocks; others are
// inline.
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

// isSkipTag: these elements hold no page text. <rt> and <rp> are ruby
// annotations (the readings printed over Japanese kanji): read inline they
// would split every word they annotate.
func isSkipTag(x string) bool {
	switch x {
	case "script", "style", "noscript", "template", "textarea", "select",
		"button", "svg", "math", "iframe", "object", "head", "noembed",
		"noframes", "canvas", "audio", "video", "label", "option",
		"datalist", "rt", "rp":
		return true
	}
	return false
}

// isRawTextTag: the tokenizer reads the content of these elements as one
// raw text token, which is never page text. <title> and <script> are raw
// text too, but their text is read (the title, JSON-LD).
func isRawTextTag(x string) bool {
	switch x {
	case "style", "textarea", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext":
		return true
	}
	return false
}

// isOuterWrapperTag: the page's outer wrappers carry site-wide classes
// ("author-4326", "js-social-anchor") that say nothing of what they hold,
// so their class and id are not read.
func isOuterWrapperTag(x string) bool {
	return x == "body" || x == "html" || x == "main" || x == "article"
}

// isHeadContentTag: the elements a <head> holds; any other start tag ends
// a head left open.
func isHeadContentTag(x string) bool {
	switch x {
	case "meta", "title", "link", "script", "style", "noscript", "base", "template", "head", "html":
		return true
	}
	return false
}

// headingLevel is 1–6 for h1–h6 and 0 for any other tag.
func headingLevel(x string) int {
	if len(x) == 2 && x[0] == 'h' && x[1] >= '1' && x[1] <= '6' {
		return int(x[1] - '0')
	}
	return 0
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

// isStrongRole: these roles win over a positive token on the same element:
// "article-comments" is still comments.
func isStrongRole(x Role) bool {
	switch x {
	case RoleComments, RoleShare, RoleNewsletter, RoleNav:
		return true
	}
	return false
}

// classSignals reads an element's class, id, itemprop, rel and ARIA role:
// the furniture role they name, a content weight (+25 for article
// containers, −25 for boilerplate ones), and whether they mark a byline or
// a date.
func (lx *lexicon) classSignals(class, id, itemprop, rel, role []byte) (r Role, weight int, byline, date bool) {
	r, weight = ariaSignals(role)
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
		for tok, rest := nextClassToken(s); len(tok) > 0; tok, rest = nextClassToken(rest) {
			ct := lx.classes.token(tok)
			if ct.role != "" && (r == "" || isStrongRole(ct.role)) {
				r = ct.role
			}
			switch ct.kind {
			case tokenByline:
				byline = true
			case tokenDate:
				date = true
			case tokenPositive:
				positive = true
			case tokenNegative:
				negative = true
			}
		}
		if lx.classes.hasArticleBodyCompound(s) {
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

// ariaSignals reads an ARIA role attribute: the furniture role it names
// and the content weight it gives.
func ariaSignals(role []byte) (Role, int) {
	switch string(role) {
	case "navigation", "menu", "menubar", "search":
		return RoleNav, 0
	case "complementary":
		return RoleRelated, 0
	case "contentinfo":
		return RoleFooter, 0
	case "main", "article":
		return "", 25
	}
	return "", 0
}

// nextClassToken splits the next token (a run of lower-case letters and
// digits) off a lowered class or id value: "c-article__body" is "c",
// "article", "body". tok is empty when none is left.
func nextClassToken(s []byte) (tok, rest []byte) {
	i := 0
	for i < len(s) && !isTokenByte(s[i]) {
		i++
	}
	j := i
	for j < len(s) && isTokenByte(s[j]) {
		j++
	}
	return s[i:j], s[j:]
}

func isTokenByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// tokenKind is what a class or id token marks besides a furniture role.
type tokenKind uint8

const (
	tokenPlain    tokenKind = iota
	tokenByline             // an author's name or byline
	tokenDate               // a publication date
	tokenPositive           // a container of article text
	tokenNegative           // a container seldom of article text
)

// classToken is what one class or id token says of its element.
type classToken struct {
	role Role // furniture role, "" for none
	kind tokenKind
}

// classVocabulary is the class and id vocabulary of package wordlists as
// one look-up: a single search per token answers every question
// classSignals asks of it. Every class and id token of a page is looked up
// and almost none is found, so the words are grouped by length and first
// byte, as a Go switch on strings narrows by length first: most tokens
// land in an empty group, and the rest compare with a word or two. Nothing
// is hashed.
type classVocabulary struct {
	words []string     // grouped by length, then first byte
	says  []classToken // says[i] is what words[i] says
	// group[n][f] is where the words of length n and first byte f (see
	// tokenByteIndex) start in words; group[n][f+1] is where they end.
	group     [maxClassWord + 1][tokenBytes + 1]uint16
	compounds [][]byte // wordlists.ArticleBodyClassCompounds
}

// maxClassWord is the length of the longest word the vocabulary may hold.
const maxClassWord = 24

// tokenBytes is how many different bytes class tokens are made of: a–z
// and 0–9.
const tokenBytes = 36

// tokenByteIndex numbers the bytes of class tokens 0–35.
func tokenByteIndex(c byte) int {
	if c >= 'a' {
		return int(c - 'a')
	}
	return 26 + int(c-'0')
}

// classList is a list of class tokens and the role or kind it gives.
type classList struct {
	role Role
	kind tokenKind
	list string
}

// classRoleLists are the token lists that name a furniture role, in the
// order a token in two of them is taken.
func classRoleLists() [7]classList {
	return [...]classList{
		{role: RoleNav, list: wordlists.NavClassTokens},
		{role: RoleAd, list: wordlists.AdClassTokens},
		{role: RoleRelated, list: wordlists.RelatedClassTokens},
		{role: RoleShare, list: wordlists.ShareClassTokens},
		{role: RoleComments, list: wordlists.CommentClassTokens},
		{role: RoleNewsletter, list: wordlists.NewsletterClassTokens},
		{role: RoleFooter, list: wordlists.FooterClassTokens},
	}
}

// classKindLists are the token lists that mark a byline, a date or content
// weight.
func classKindLists() [4]classList {
	return [...]classList{
		{kind: tokenByline, list: wordlists.BylineClassTokens},
		{kind: tokenDate, list: wordlists.DateClassTokens},
		{kind: tokenPositive, list: wordlists.PositiveClassTokens},
		{kind: tokenNegative, list: wordlists.NegativeClassTokens},
	}
}

func newClassVocabulary() *classVocabulary {
	tokens := map[string]classToken{}
	// A token in two lists takes the first: roles in this order, then
	// byline, date, positive, negative.
	for _, l := range classRoleLists() {
		for w := range strings.FieldsSeq(l.list) {
			if ct := tokens[w]; ct.role == "" {
				ct.role = l.role
				tokens[w] = ct
			}
		}
	}
	for _, l := range classKindLists() {
		for w := range strings.FieldsSeq(l.list) {
			if ct := tokens[w]; ct.kind == tokenPlain {
				ct.kind = l.kind
				tokens[w] = ct
			}
		}
	}
	v := &classVocabulary{}
	sorted := slices.Sorted(maps.Keys(tokens))
	// A word no class token can match (too long, or not made of token
	// bytes: the word lists' test keeps them out) is left out.
	for n := 1; n <= maxClassWord; n++ {
		for f := range tokenBytes {
			v.group[n][f] = uint16(len(v.words))
			for _, w := range sorted {
				if len(w) == n && isTokenByte(w[0]) && tokenByteIndex(w[0]) == f {
					v.words = append(v.words, w)
					v.says = append(v.says, tokens[w])
				}
			}
		}
		v.group[n][tokenBytes] = uint16(len(v.words))
	}
	for w := range strings.FieldsSeq(wordlists.ArticleBodyClassCompounds) {
		v.compounds = append(v.compounds, []byte(w))
	}
	return v
}

// token is what tok, a lowered class or id token, says of its element.
func (v *classVocabulary) token(tok []byte) classToken {
	if len(tok) == 0 || len(tok) > maxClassWord || !isTokenByte(tok[0]) {
		return classToken{}
	}
	g := &v.group[len(tok)]
	f := tokenByteIndex(tok[0])
	for i := g[f]; i < g[f+1]; i++ {
		if v.words[i] == string(tok) {
			return v.says[i]
		}
	}
	return classToken{}
}

// hasArticleBodyCompound reports a class or id value that spells "article
// body" inside a longer name ("mainArticleBody", lowered).
func (v *classVocabulary) hasArticleBodyCompound(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for _, c := range v.compounds {
		if bytes.Contains(s, c) {
			return true
		}
	}
	return false
}

// tagString is a tag name lower-cased, interned for the common names and
// then for every name HTML defines (package atom's table), so that only
// made-up tags cost an allocation.
func tagString(name string) string {
	var low [maxInternedTag]byte
	if len(name) > len(low) {
		return string(lowerBytesInPlace([]byte(name)))
	}
	b := lowerInto(low[:], name)
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
	if a := atom.Lookup(b); a != 0 {
		return a.String()
	}
	return string(b)
}

// maxInternedTag is the longest tag name tagString interns: longer than
// any name HTML defines.
const maxInternedTag = 32

// lowerInto writes s lower-cased to dst, which must be long enough, and
// returns the bytes written.
func lowerInto(dst []byte, s string) []byte {
	dst = dst[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst
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

// formRoles makes the blocks of each small form navigation, as the tag's
// role says (search boxes, log-in and newsletter forms), and leaves alone
// the forms that wrap the page's prose: a form holding at least
// formProseBytes of text with a paragraph of formParagraphBytes is the
// page itself in a form, as ASP.NET and some CMSs serve every page.
func (hp *htmlPage) formRoles() {
	for i := range hp.nodes {
		n := &hp.nodes[i]
		if n.tag != "form" || n.blockEnd <= n.blockStart {
			continue
		}
		text, longest := 0, 0
		for b := n.blockStart; b < n.blockEnd; b++ {
			l := hp.blocks[b].end - hp.blocks[b].start
			text += l
			longest = max(longest, l)
		}
		if text >= formProseBytes && longest >= formParagraphBytes {
			continue
		}
		n.role = RoleNav
		for b := n.blockStart; b < n.blockEnd; b++ {
			m := &hp.markup[b]
			if m.role == "" {
				m.role = RoleNav
			}
			if m.tagRole == "" {
				m.tagRole = RoleNav
			}
		}
	}
}

const (
	formProseBytes     = 1000
	formParagraphBytes = 150
)

// proseRoles clears the share role a class or id gave an element that
// holds the prose of an article: share bars hold no run of long
// paragraphs, so an element named so and holding one was named for
// something else (Sphinx's section id "sharing-with-a-single-developer").
// Menus, ad slots and sign-up boxes keep their role: a page's overlay menu
// can hold prose that is still not the article. Prefix
// sums over the blocks make each element's test constant time.
func (hp *htmlPage) proseRoles() {
	prose := make([]int, len(hp.blocks)+1)
	for i, b := range hp.blocks {
		prose[i+1] = prose[i]
		if hp.isProse(i) && b.end-b.start >= proseRoleParagraph {
			prose[i+1]++
		}
	}
	for i := range hp.nodes {
		n := &hp.nodes[i]
		if n.role != RoleShare || n.blockEnd <= n.blockStart || prose[n.blockEnd]-prose[n.blockStart] < proseRoleParagraphs {
			continue
		}
		for b := n.blockStart; b < n.blockEnd; b++ {
			if hp.markup[b].role == n.role {
				hp.markup[b].role = ""
			}
		}
		n.role = ""
	}
}

const (
	proseRoleParagraph  = 150 // bytes of a long paragraph
	proseRoleParagraphs = 3   // long paragraphs that make an element prose
)
