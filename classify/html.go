package classify

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The HTML path streams the markup through the x/net/html tokenizer instead
// of building a DOM with html.Parse: the tree builder's scope checks are
// linear in the depth of the open-element stack, so hostile nesting costs
// quadratic time, and a DOM costs several allocations per node. The
// tokenizer keeps a light stack of its own — enough for the questions asked
// here (which container holds a paragraph, what its ancestors' tags and
// classes say) — and writes the page text as it goes.

// hnode is an element of the page, kept for content scoring.
type hnode struct {
	parent     int32
	tag        string
	role       Role  // furniture role its tag or class/id says ("" = none)
	weight     int16 // class/id and tag prior for content scoring
	blockStart int32 // blocks[blockStart:blockEnd] lie inside the element
	blockEnd   int32
	text, link int     // bytes of text and of link text inside, from paragraphs
	score      float64 // content score from the paragraphs below it
	heading    bool    // h1–h6
	scored     bool    // a paragraph below it scored it: only these are candidates
	last       int32   // index of its last descendant: nodes(i, last] lie inside it
}

// hblock is what the markup says about a block.
type hblock struct {
	node    int32 // innermost element open when the block ended
	tag     string
	role    Role // inherited furniture role, from tags and class/id
	tagRole Role // inherited furniture role from tags alone
	link    int  // bytes of link text
	heading int  // 1–6 for h1–h6
	byline  bool // class/rel/itemprop of an author or byline
	date    bool // <time> or a date class
	rail    bool // inside an <aside> or rail: teasers there are not news
}

// htmlPage is the extraction of one HTML page.
type htmlPage struct {
	text   string
	blocks []block
	info   []hblock
	nodes  []hnode
	title  string // <title>
	meta   map[string]string
	ldJSON []string
	// tagRolesOnly is set for the second pass over a page whose class/id
	// tokens hid its article (a wrapper classed "js-social-anchor"): only
	// tags then make furniture, as readability retries without its
	// unlikely-candidate filter.
	tagRolesOnly bool
}

// roleOf is the furniture role of block i in the current pass.
func (hp *htmlPage) roleOf(i int) Role {
	if hp.tagRolesOnly {
		return hp.info[i].tagRole
	}
	return hp.info[i].role
}

// frame is an open element on the tokenizer's stack.
type frame struct {
	node    int32
	tag     string
	role    Role
	tagRole Role
	skip    bool // text inside is not page text (script, hidden, button)
	inLink  bool
	byline  bool
	date    bool
	rail    bool
}

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

// extractHTML streams src into page text and blocks. It fails with an
// *InputError when the markup is deeper or larger than the limits allow.
func (c *Classifier) extractHTML(ctx context.Context, src string) (*htmlPage, error) {
	lim := c.limits
	z := html.NewTokenizer(strings.NewReader(src))
	z.SetMaxBuf(lim.MaxBytes + 1)
	hp := &htmlPage{meta: map[string]string{}}
	var (
		out        []byte
		stack      []frame
		blockOpen  bool
		blockStart int
		link       int
		space      bool
		rawTag     string // the raw-text element whose text comes next
		ldNext     bool
	)
	out = make([]byte, 0, len(src)/4)
	hp.nodes = make([]hnode, 0, 256)
	flush := func() {
		if !blockOpen {
			return
		}
		blockOpen, space = false, false
		end := len(out)
		for end > blockStart && out[end-1] == ' ' {
			end--
		}
		if end <= blockStart {
			out = out[:blockStart]
			link = 0
			return
		}
		out = out[:end]
		hb := hblock{node: -1, link: min(link, end-blockStart)}
		for i := len(stack) - 1; i >= 0 && hb.tag == ""; i-- {
			f := &stack[i]
			if hb.node < 0 {
				hb.node = f.node
			}
			if hb.tag == "" && isBlockTag(f.tag) {
				hb.tag = f.tag
				if len(f.tag) == 2 && f.tag[0] == 'h' && f.tag[1] >= '1' && f.tag[1] <= '6' {
					hb.heading = int(f.tag[1] - '0')
				}
			}
		}
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			hb.role, hb.tagRole, hb.byline, hb.date, hb.rail = top.role, top.tagRole, top.byline, top.date, top.rail
		}
		hp.blocks = append(hp.blocks, block{start: blockStart, end: end})
		hp.info = append(hp.info, hb)
		link = 0
	}
	write := func(t []byte, inLink bool) {
		for i := 0; i < len(t); {
			b := t[i]
			switch b {
			case ' ', '\t', '\n', '\r', '\f':
				space = true
				i++
				continue
			case 0:
				i++
				continue
			}
			if !blockOpen {
				if len(out) > 0 {
					out = append(out, '\n', '\n')
				}
				blockStart, blockOpen, space = len(out), true, false
			} else if space {
				out = append(out, ' ')
				if inLink {
					link++
				}
			}
			space = false
			// copy one word
			j := i
			for j < len(t) && t[j] != ' ' && t[j] != '\t' && t[j] != '\n' && t[j] != '\r' && t[j] != '\f' && t[j] != 0 {
				j++
			}
			w := t[i:j]
			n0 := len(out)
			if utf8.Valid(w) {
				out = append(out, w...)
			} else {
				out = append(out, bytes.ToValidUTF8(w, []byte("\uFFFD"))...)
			}
			if inLink {
				link += len(out) - n0
			}
			i = j
		}
	}
	closeTo := func(i int) { // pop stack[i:] (inclusive)
		flushed := false
		for k := len(stack) - 1; k >= i; k-- {
			f := stack[k]
			if isBlockTag(f.tag) && !flushed {
				flush()
				flushed = true
			}
			hp.nodes[f.node].blockEnd = int32(len(hp.blocks))
			hp.nodes[f.node].last = int32(len(hp.nodes) - 1)
		}
		stack = stack[:i]
	}
	findOpen := func(tag string, stopAt func(string) bool) int {
		for k := len(stack) - 1; k >= 0 && k >= len(stack)-128; k-- {
			if stack[k].tag == tag {
				return k
			}
			if stopAt != nil && stopAt(stack[k].tag) {
				return -1
			}
		}
		return -1
	}
	for step := 0; ; step++ {
		if step&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				if err == html.ErrBufferExceeded {
					return nil, inputError(ErrTooLarge, "an HTML token is over the %d-byte limit", lim.MaxBytes)
				}
				return nil, inputError(ErrBadHTML, "%v", err)
			}
			closeTo(0)
			flush()
			hp.text = string(out)
			return hp, nil
		case html.TextToken:
			// Text() unescapes and rewrites the token; script and style
			// bodies, and text nobody reads, skip it.
			if rawTag != "" {
				switch {
				case rawTag == "title" && hp.title == "":
					hp.title = strings.Join(strings.Fields(string(bytes.ToValidUTF8(z.Text(), nil))), " ")
				case ldNext && len(hp.ldJSON) < 16:
					if raw := z.Raw(); len(raw) <= 1<<20 {
						hp.ldJSON = append(hp.ldJSON, string(raw))
					}
				}
				continue
			}
			if n := len(stack); n > 0 && (stack[n-1].skip) {
				continue
			}
			t := z.Text()
			inLink := len(stack) > 0 && stack[len(stack)-1].inLink
			write(t, inLink)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := tagString(name)
			rawTag, ldNext = "", false
			// Attribute values are slices of the tokenizer's buffer, valid
			// until the next token: lowered in place and read without
			// copying, so most tags cost no allocation.
			var class, id, rel, itemprop, typ, role, prop, content, style []byte
			hidden := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "class":
					class = lowerBytesInPlace(v)
				case "id":
					id = lowerBytesInPlace(v)
				case "rel":
					rel = lowerBytesInPlace(v)
				case "itemprop":
					itemprop = lowerBytesInPlace(v)
				case "type":
					typ = lowerBytesInPlace(v)
				case "role":
					role = lowerBytesInPlace(v)
				case "property", "name":
					if prop == nil {
						prop = lowerBytesInPlace(v)
					}
				case "content":
					content = v
				case "style":
					style = lowerBytesInPlace(v)
				case "hidden":
					hidden = true
				case "aria-hidden":
					hidden = hidden || string(v) == "true"
				}
			}
			switch tag {
			case "meta":
				if len(prop) > 0 && len(content) > 0 && len(hp.meta) < 64 {
					if _, ok := hp.meta[string(prop)]; !ok {
						hp.meta[string(bytes.ToValidUTF8(prop, nil))] = strings.TrimSpace(string(bytes.ToValidUTF8(content, []byte("\uFFFD"))))
					}
				}
				continue
			case "title":
				rawTag = tag
				continue
			case "script":
				rawTag = tag
				ldNext = string(typ) == "application/ld+json"
				continue
			case "style", "textarea", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext":
				rawTag = tag
				continue
			case "br":
				// One <br> is a line break; paragraphs built from <br><br>
				// are common, and a block per line keeps datelines and
				// captions apart from the body.
				flush()
				continue
			}
			if isVoidTag(tag) || tt == html.SelfClosingTagToken {
				if isBlockTag(tag) {
					flush()
				}
				continue
			}
			// Implied end tags: a block start closes an open <p>; list
			// items, cells and rows close their open siblings.
			if isBlockTag(tag) {
				if k := findOpen("p", buttonScope); k >= 0 {
					closeTo(k)
				}
				switch tag {
				case "li":
					if k := findOpen("li", listScope); k >= 0 {
						closeTo(k)
					}
				case "dt", "dd":
					if k := findOpen("dd", listScope); k >= 0 {
						closeTo(k)
					} else if k := findOpen("dt", listScope); k >= 0 {
						closeTo(k)
					}
				case "td", "th":
					if k := findOpen("td", tableScope); k >= 0 {
						closeTo(k)
					} else if k := findOpen("th", tableScope); k >= 0 {
						closeTo(k)
					}
				case "tr":
					if k := findOpen("tr", tableScope); k >= 0 {
						closeTo(k)
					}
				}
				flush()
			}
			if len(stack) >= lim.MaxDepth {
				return nil, inputError(ErrTooDeep, "elements nested more than %d deep", lim.MaxDepth)
			}
			if len(hp.nodes) >= lim.MaxNodes {
				return nil, inputError(ErrTooManyNodes, "more than %d elements", lim.MaxNodes)
			}
			parent := frame{node: -1}
			if n := len(stack); n > 0 {
				parent = stack[n-1]
			}
			f := frame{node: int32(len(hp.nodes)), tag: tag, role: parent.role, tagRole: parent.tagRole, skip: parent.skip || isSkipTag(tag) || hidden,
				inLink: parent.inLink || tag == "a", byline: parent.byline, date: parent.date || tag == "time", rail: parent.rail || tag == "aside"}
			if len(style) > 0 && (bytes.Contains(style, []byte("display:none")) || bytes.Contains(style, []byte("display: none")) || bytes.Contains(style, []byte("visibility:hidden")) || bytes.Contains(style, []byte("visibility: hidden"))) {
				f.skip = true
			}
			nd := hnode{parent: parent.node, tag: tag, blockStart: int32(len(hp.blocks)), blockEnd: -1}
			nd.heading = len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
			var (
				r      Role
				w      int
				by, dt bool
			)
			// The page's outer wrappers carry site-wide classes
			// ("author-4326", "js-social-anchor") that say nothing of
			// what they hold.
			if tag != "body" && tag != "html" && tag != "main" && tag != "article" {
				r, w, by, dt = classSignals(class, id, itemprop, rel, role)
			}
			tr, tagged := tagRole(tag)
			if tagged && f.tagRole == "" {
				f.tagRole = tr
			}
			if tagged && (r == "" || r == RoleRelated) {
				r = tr // <nav class="main-nav"> is navigation whatever its class says
			}
			nd.weight = int16(w) + tagWeight(tag)
			if r != "" && f.role == "" {
				f.role = r
			}
			nd.role = r
			if r == RoleRelated {
				f.rail = true
			}
			f.byline = f.byline || by
			f.date = f.date || dt
			hp.nodes = append(hp.nodes, nd)
			stack = append(stack, f)
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := tagString(name)
			rawTag, ldNext = "", false
			if tag == "br" { // </br> is read as <br>
				flush()
				continue
			}
			if k := findOpen(tag, nil); k >= 0 {
				closeTo(k)
			} else if isBlockTag(tag) {
				flush()
			}
		}
	}
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

func tagWeight(tag string) int16 {
	switch tag {
	case "div", "article", "main", "section":
		return 5
	case "pre", "td", "blockquote":
		return 3
	case "address", "ol", "ul", "dl", "dd", "dt", "li", "form":
		return -3
	case "h1", "h2", "h3", "h4", "h5", "h6", "th":
		return -5
	}
	return 0
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

// climbLimit bounds the walks from the top candidate to its ancestors.
const climbLimit = 32

func isTokenByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// scoreContent picks the elements that hold the main article, readability
// style: each paragraph scores its ancestors (less with distance), a
// container's class/id and tag add a prior, link-heavy containers are
// discounted, and the best container's siblings join it when they score
// close to it or are clean paragraphs. It returns, per block, whether the
// block lies in the chosen content.
func (hp *htmlPage) scoreContent() []bool {
	in := make([]bool, len(hp.blocks))
	nodes := hp.nodes
	if len(nodes) == 0 {
		return in
	}
	// Scoring may run twice on a page (see retryBelow): start afresh.
	for i := range nodes {
		nodes[i].score, nodes[i].text, nodes[i].link, nodes[i].scored = float64(nodes[i].weight), 0, 0, false
	}
	for bi, hb := range hp.info {
		b := hp.blocks[bi]
		n := b.end - b.start
		if hb.node < 0 {
			continue
		}
		nodes[hb.node].text += n
		nodes[hb.node].link += hb.link
		if hp.roleOf(bi) != "" || hb.heading > 0 || n < 25 || hb.link*2 > n {
			continue
		}
		s := 1 + float64(strings.Count(hp.text[b.start:b.end], ",")) + min(float64(n)/100, 3)
		// The paragraph's element (a <p>, or a <div> of bare text, which
		// readability turns into one) is not a candidate: its container
		// takes the full score, the next ancestor half, further ancestors a
		// third of their distance.
		p := nodes[hb.node].parent
		for level := 0; p >= 0 && level < 5; level++ {
			div := 1.0
			switch {
			case level == 1:
				div = 2
			case level > 1:
				div = float64(level * 3)
			}
			nodes[p].score += s / div
			nodes[p].scored = true
			p = nodes[p].parent
		}
	}
	// Text totals flow up: children come after their parents.
	for i := len(nodes) - 1; i > 0; i-- {
		if p := nodes[i].parent; p >= 0 {
			nodes[p].text += nodes[i].text
			nodes[p].link += nodes[i].link
		}
	}
	final := func(i int) float64 {
		n := &nodes[i]
		if n.text == 0 {
			return n.score
		}
		return n.score * (1 - float64(n.link)/float64(n.text))
	}
	// The five best candidates, best first.
	var cands [5]int
	nc := 0
	for i := range nodes {
		if !nodes[i].scored || nodes[i].heading || nodes[i].blockEnd <= nodes[i].blockStart {
			continue
		}
		f := final(i)
		k := nc
		for k > 0 && final(cands[k-1]) < f {
			k--
		}
		if k < len(cands) {
			copy(cands[k+1:], cands[k:min(nc, len(cands)-1)])
			cands[k] = i
			nc = min(nc+1, len(cands))
		}
	}
	if nc == 0 {
		return in
	}
	top := cands[0]
	best := final(top)
	// Three close runners-up under one ancestor of the top candidate mean
	// the article is split into parts: take that ancestor.
	ancestorOf := func(a, d int) bool {
		for up := 0; d >= 0 && up < 2*climbLimit; up++ {
			if d == a {
				return true
			}
			d = int(nodes[d].parent)
		}
		return false
	}
	// Ancestor walks stop after climbLimit levels so that hostile nesting
	// costs linear time.
	for p, up := int(nodes[top].parent), 0; p >= 0 && up < climbLimit && nodes[p].tag != "body"; p, up = int(nodes[p].parent), up+1 {
		close := 0
		for _, alt := range cands[1:nc] {
			if final(alt) >= 0.75*best && ancestorOf(p, alt) {
				close++
			}
		}
		if close >= 3 {
			top = p
			break
		}
	}
	// A score that rises on the way up says more content lies beside the
	// candidate; an only child stands for its parent.
	last := final(top)
	for p, up := int(nodes[top].parent), 0; p >= 0 && up < climbLimit && nodes[p].tag != "body"; p, up = int(nodes[p].parent), up+1 {
		if !nodes[p].scored {
			continue
		}
		f := final(p)
		if f < last/3 {
			break
		}
		if f > last {
			top = p
			break
		}
		last = f
	}
	for p, up := int(nodes[top].parent), 0; p >= 0 && up < climbLimit && nodes[p].tag != "body" && nodes[p].blockStart == nodes[top].blockStart && nodes[p].blockEnd == nodes[top].blockEnd; p, up = int(nodes[p].parent), up+1 {
		top = p
	}
	best = final(top)
	mark := func(i int) {
		for b := nodes[i].blockStart; b < nodes[i].blockEnd; b++ {
			in[b] = true
		}
	}
	mark(top)
	parent := nodes[top].parent
	if parent < 0 {
		hp.prune(in)
		return in
	}
	threshold := max(10, best*0.2)
	for i := int(parent) + 1; i < len(nodes) && nodes[i].blockStart < nodes[parent].blockEnd; i++ {
		if i != top {
			hp.joinSibling(i, parent, threshold, final, mark)
		}
	}
	hp.prune(in)
	return in
}

// prune drops, inside the chosen content, the containers readability's
// conditional cleaning drops: link lists (more than half link text, few
// commas) and widgets of three or more short lines without a sentence
// (video player controls, share counters, tag clouds). Prefix sums over
// the blocks make each container's test constant time.
func (hp *htmlPage) prune(in []bool) {
	n := len(hp.blocks)
	text := make([]int, n+1)
	link := make([]int, n+1)
	sentences := make([]int, n+1)
	commas := make([]int, n+1)
	for i, b := range hp.blocks {
		s := hp.text[b.start:b.end]
		text[i+1], link[i+1], sentences[i+1], commas[i+1] = text[i]+len(s), link[i]+hp.info[i].link, sentences[i], commas[i]+strings.Count(s, ",")
		if len(s) >= 40 && (endsSentence(s) || strings.HasSuffix(s, "。") || strings.HasSuffix(s, "！") || strings.HasSuffix(s, "？")) {
			sentences[i+1]++
		}
	}
	total := 0
	for i := range n {
		if in[i] {
			total += text[i+1] - text[i]
		}
	}
	nodes := hp.nodes
	for i := 0; i < len(nodes); i++ {
		nd := &nodes[i]
		a, z := int(nd.blockStart), int(nd.blockEnd)
		if z <= a || !in[a] {
			continue
		}
		switch nd.tag {
		case "div", "section", "ul", "ol", "table", "form", "header", "span", "dl", "figure":
		default:
			continue
		}
		t, l, sn, cm := text[z]-text[a], link[z]-link[a], sentences[z]-sentences[a], commas[z]-commas[a]
		list := nd.tag == "ul" || nd.tag == "ol" || nd.tag == "table" || nd.tag == "dl"
		// A container holding a quarter of the content is the content.
		if cm < 10 && t*4 < total && (l*2 > t || !list && z-a >= 3 && sn == 0) {
			for b := a; b < z; b++ {
				in[b] = false
			}
			if nd.last > int32(i) {
				i = int(nd.last)
			}
		}
	}
}

func (hp *htmlPage) joinSibling(i int, parent int32, threshold float64, final func(int) float64, mark func(int)) {
	n := &hp.nodes[i]
	if n.parent != parent || n.role != "" && !hp.tagRolesOnly || n.blockEnd <= n.blockStart {
		return
	}
	if n.scored && final(i) >= threshold {
		mark(i)
		return
	}
	if n.tag != "p" || n.text == 0 {
		return
	}
	density := float64(n.link) / float64(n.text)
	switch {
	case n.text > 80 && density < 0.25:
		mark(i)
	case n.text <= 80 && density == 0:
		last := hp.blocks[n.blockEnd-1]
		if endsSentence(hp.text[last.start:last.end]) {
			mark(i)
		}
	}
}

// markupGenre reads the page's own statement of its genre: JSON-LD @type
// and articleSection, article:section and article:opinion meta, og:type and
// an "Opinion |" title. It returns opinion evidence and news evidence.
func (hp *htmlPage) markupGenre() (opinion, news []string) {
	add := func(list *[]string, s string) {
		for _, x := range *list {
			if x == s {
				return
			}
		}
		*list = append(*list, s)
	}
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
				case "OpinionNewsArticle", "ReviewNewsArticle", "AnalysisNewsArticle":
					if val == "AnalysisNewsArticle" {
						add(&news, "json-ld:"+val)
					} else {
						add(&opinion, "json-ld:"+val)
					}
				case "NewsArticle", "ReportageNewsArticle":
					add(&news, "json-ld:"+val)
				}
			case "articleSection":
				if isOpinionSection(val) {
					add(&opinion, "json-ld:articleSection:"+strings.ToLower(strings.TrimSpace(val)))
				}
			}
		})
	}
	if v := hp.meta["article:section"]; isOpinionSection(v) {
		add(&opinion, "meta:article:section:"+strings.ToLower(v))
	}
	if v := strings.ToLower(hp.meta["article:opinion"]); v == "true" || v == "yes" || v == "1" {
		add(&opinion, "meta:article:opinion")
	}
	if v := strings.ToLower(hp.meta["og:type"]); strings.Contains(v, "opinion") {
		add(&opinion, "og:type:"+v)
	}
	for _, t := range []string{hp.title, hp.meta["og:title"]} {
		if ev := headlineOpinionPrefix(t); ev != "" {
			add(&opinion, "title:"+strings.TrimPrefix(ev, "headline:"))
			break
		}
	}
	return opinion, news
}

func isOpinionSection(s string) bool {
	s = strings.ToLower(s)
	for _, w := range [...]string{"opinion", "commentary", "editorial", "op-ed", "oped", "column", "perspective", "viewpoint", "letters"} {
		if strings.Contains(s, w) {
			return true
		}
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
