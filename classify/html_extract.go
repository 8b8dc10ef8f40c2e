package classify

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// The first stage of the HTML front end: extraction. It reads the markup
// once, token by token, and writes the page text, its blocks, the elements
// the content scorer needs, and the <title>, <meta> and JSON-LD that the
// genre stage reads.
//
// The HTML path streams the markup through a tokenizer (x/net/html's,
// ported to a page in memory: html_tokenizer.go) instead of building a DOM
// with html.Parse: the tree builder's scope checks are
// linear in the depth of the open-element stack, so hostile nesting costs
// quadratic time, and a DOM costs several allocations per node. The
// tokenizer keeps a light stack of its own — enough for the questions asked
// here (which container holds a paragraph, what its ancestors' tags and
// classes say) — and writes the page text as it goes.

// element is an element of the page as the content scorer sees it: its
// place in the tree, the blocks it holds and its score. The page's elements
// are kept in document order (htmlPage.nodes), so an element's descendants
// follow it.
type element struct {
	parent     int32 // index in htmlPage.nodes, -1 for a root
	tag        string
	role       Role  // furniture role its tag or class/id says ("" = none)
	weight     int16 // class/id and tag prior for content scoring
	blockStart int32 // blocks[blockStart:blockEnd] lie inside the element
	blockEnd   int32
	text, link int     // bytes of text and of link text inside, from paragraphs
	score      float64 // content score from the paragraphs below it
	heading    bool    // h1–h6
	class      uint32  // hash of the class attribute, 0 for none
	scored     bool    // a paragraph below it scored it: only these are candidates
	last       int32   // index of its last descendant: nodes(i, last] lie inside it
}

// blockMarkup is what the markup says about a block.
type blockMarkup struct {
	node    int32  // innermost element open when the block ended (index in htmlPage.nodes)
	tag     string // tag of the innermost block element holding it
	role    Role   // inherited furniture role, from tags and class/id
	tagRole Role   // inherited furniture role from tags alone
	link    int    // bytes of link text
	heading int    // 1–6 for h1–h6
	byline  bool   // class/rel/itemprop of an author or byline
	date    bool   // <time> or a date class
	rail    bool   // inside an <aside> or rail: teasers there are not news
	// opinionLink is the opinion section a byline's link in the block
	// points to ("url:/column/"), or "" (html_genre.go, bylineLink).
	opinionLink string
}

// htmlPage is the extraction of one HTML page.
type htmlPage struct {
	lx     *lexicon
	text   string
	blocks []block
	markup []blockMarkup     // per block
	nodes  []element         // in document order
	title  string            // the first <title>
	meta   map[string]string // <meta> property (or name) → content, first wins
	ldJSON []any             // JSON-LD scripts, parsed (those that parse)
	// ldDated: a JSON-LD script names a datePublished, parsed or not
	// (html_genre.go, dated)
	ldDated bool
	// bodyClass and articleClasses are the class attributes of the <body>
	// and of the first <article> elements: a CMS writes the post's type
	// and categories there (html_genre.go, classGenre).
	bodyClass      string
	articleClasses []string
	root           int // the content root scoreContent chose
	// tagRolesOnly is set for the second pass over a page whose class/id
	// tokens hid its article (a wrapper classed "js-social-anchor"): only
	// tags then make furniture, as readability retries without its
	// unlikely-candidate filter.
	tagRolesOnly bool
	// pick is the runner-up of the content scoring that a later pass
	// takes for the article's container (0: the best).
	pick int
}

// frame is an open element on the extractor's stack, with what it
// inherits from the elements that hold it.
type frame struct {
	node    int32 // index in htmlPage.nodes
	tag     string
	role    Role // furniture role, from tags and class/id
	tagRole Role // furniture role from tags alone
	skip    bool // text inside is not page text (script, hidden, button)
	inLink  bool
	byline  bool
	date    bool
	rail    bool
}

// Bounds on what one page may add to the extraction, and on the work it
// may cost.
const (
	maxMetaProperties = 64      // <meta> properties kept
	maxLDJSONScripts  = 16      // JSON-LD scripts kept
	maxLDJSONBytes    = 1 << 20 // longer JSON-LD scripts are dropped
	// openScanLimit bounds the search down the stack for the element an end
	// tag closes, so that hostile nesting costs linear time.
	openScanLimit = 128
	// tokensPerCtxCheck is how many tokens are read between context checks.
	tokensPerCtxCheck = 1024
)

// extractHTML streams src into page text and blocks. It fails with an
// *InputError when the markup is deeper or larger than the limits allow.
func (c *Classifier) extractHTML(ctx context.Context, src string) (*htmlPage, error) {
	maxBuf := c.limits.MaxBytes + 1
	dec, name, valid := decodeHTML(src)
	if name != "utf-8" {
		// A legacy encoding's letters take up to three bytes in UTF-8.
		maxBuf = 3*c.limits.MaxBytes + 1
	}
	src = dec
	if len(src) >= maxBuf {
		// The library's tokenizer failed on a token of maxBuf bytes; no
		// token is longer than the page, and validate holds the page to
		// MaxBytes, so only a direct call can get here.
		return nil, inputError(ErrTooLarge, "an HTML token is over the %d-byte limit", c.limits.MaxBytes)
	}
	// Pages open an element for about two in five '<' and end a block for
	// about one in four elements: sized so, the node and block lists
	// seldom grow, and growing copied them again and again.
	nodes := min(strings.Count(src, "<")/2, c.limits.MaxNodes) + 16
	hp := &htmlPage{lx: c.lex, meta: map[string]string{}, nodes: make([]element, 0, nodes),
		blocks: make([]block, 0, nodes/4), markup: make([]blockMarkup, 0, nodes/4)}
	e := extractor{
		z:      newHTMLTokenizer(src),
		limits: c.limits,
		page:   hp,
		out:    make([]byte, 0, len(src)/4),
		// Text tokens of a valid page are valid, and so are their words:
		// both are cut at ASCII bytes, and unescaping writes valid runes.
		validText: valid,
	}
	return e.run(ctx)
}

// extractor is one pass over a page's tokens: the open elements, the text
// written so far and the block being written. A method handles each kind
// of token.
type extractor struct {
	z      *htmlTokenizer
	limits Limits
	page   *htmlPage
	out    []byte  // the page text so far
	stack  []frame // open elements, innermost last
	// lowerBuf holds the current start tag's lowered attribute values.
	lowerBuf []byte
	// validText: the page is valid UTF-8, and write need not check it.
	validText bool

	blockOpen  bool // a block has text and has not ended
	lineBreak  bool // a single <br> ended the open block's last line
	blockStart int  // where the open block starts in out
	link       int  // bytes of link text in the open block
	// opinionLink is the opinion section a byline link in the open block
	// points to, or "".
	opinionLink string
	space       bool // white space since the last word written

	headOpen bool // a <head> is open

	rawTag string // the raw-text element whose text comes next
	ldNext bool   // that element is a JSON-LD script
}

// run reads tokens to the end of the markup.
func (e *extractor) run(ctx context.Context) (*htmlPage, error) {
	for step := 0; ; step++ {
		if step%tokensPerCtxCheck == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var err error
		switch e.z.Next() {
		case html.ErrorToken:
			return e.finish()
		case html.TextToken:
			e.text()
		case html.StartTagToken:
			err = e.startTag(false)
		case html.SelfClosingTagToken:
			err = e.startTag(true)
		case html.EndTagToken:
			e.endTag()
			// Comment and doctype tokens hold no page text.
		}
		if err != nil {
			return nil, err
		}
	}
}

// finish ends the extraction at the tokenizer's error token: the end of
// the markup.
func (e *extractor) finish() (*htmlPage, error) {
	if err := e.z.Err(); err != io.EOF {
		return nil, inputError(ErrBadHTML, "%w", err)
	}
	e.closeTo(0)
	e.endBlock()
	e.page.text = string(e.out)
	e.page.formRoles()
	e.page.proseRoles()
	return e.page, nil
}

// top is the innermost open element, or nil.
func (e *extractor) top() *frame {
	if n := len(e.stack); n > 0 {
		return &e.stack[n-1]
	}
	return nil
}

// text handles a text token. Text() unescapes and rewrites the token, so
// it is called only for text that is read: not for script and style bodies,
// nor for text inside skipped elements.
func (e *extractor) text() {
	if e.rawTag != "" {
		e.rawText()
		return
	}
	f := e.top()
	if f != nil && f.skip {
		return
	}
	e.write(e.z.Text(), f != nil && f.inLink)
}

// rawText reads the content of a raw-text element: the page's first
// <title>, or a JSON-LD script.
func (e *extractor) rawText() {
	hp := e.page
	switch {
	case e.rawTag == "title" && hp.title == "":
		// Cloned: a title of one word is a substring of the page.
		hp.title = strings.Clone(strings.Join(strings.Fields(strings.ToValidUTF8(e.z.Text(), "")), " "))
	case e.ldNext && len(hp.ldJSON) < maxLDJSONScripts:
		raw := e.z.Raw()
		if len(raw) > maxLDJSONBytes {
			return
		}
		hp.ldDated = hp.ldDated || strings.Contains(raw, "datePublished")
		var v any
		if json.Unmarshal([]byte(raw), &v) == nil {
			hp.ldJSON = append(hp.ldJSON, v)
		}
	}
}

// startTag handles a start tag, or a self-closing one.
func (e *extractor) startTag(selfClosing bool) error {
	tag := tagString(e.z.TagName())
	e.rawTag, e.ldNext = "", false
	if e.headOpen && !isHeadContentTag(tag) {
		// A page without </head> and <body> starts its body with the
		// first element a head cannot hold, as browsers read it.
		if k := e.findOpen("head", nil); k >= 0 {
			e.closeTo(k)
		}
		e.headOpen = false
	}
	if e.startUnstacked(tag) {
		return nil
	}
	if isVoidTag(tag) || selfClosing {
		if isBlockTag(tag) {
			e.endBlock()
		}
		return nil
	}
	if isBlockTag(tag) {
		e.closeImplied(tag)
		e.endBlock()
	}
	// Only the elements that open read their attributes: those of <img>,
	// <link> and <input> say nothing here.
	var a tagAttrs
	e.readAttrs(&a)
	return e.open(tag, &a)
}

// startUnstacked handles the start tags that never go on the stack: <meta>
// records a property, raw-text elements say where their text goes, and
// <br> ends the block. It reports whether tag was one of them.
func (e *extractor) startUnstacked(tag string) bool {
	var a tagAttrs
	switch {
	case tag == "meta":
		e.readAttrs(&a)
		e.meta(a.prop, a.content)
	case tag == "title":
		e.rawTag = tag
	case tag == "script":
		e.readAttrs(&a)
		e.rawTag = tag
		e.ldNext = string(a.typ) == "application/ld+json"
	case isRawTextTag(tag):
		e.rawTag = tag
	case tag == "br":
		e.br()
	default:
		return false
	}
	return true
}

// meta keeps the first content of each <meta> property or name.
func (e *extractor) meta(prop []byte, content string) {
	hp := e.page
	if len(prop) > 0 && len(content) > 0 && len(hp.meta) < maxMetaProperties {
		if _, ok := hp.meta[string(prop)]; !ok {
			// Cloned: content is a substring of the page.
			hp.meta[strings.ToValidUTF8(string(prop), "")] = strings.Clone(strings.TrimSpace(strings.ToValidUTF8(content, "\uFFFD")))
		}
	}
}

// closeImplied closes what the start of block element tag implies: an
// open <p>; for list items, cells and rows, their open siblings.
func (e *extractor) closeImplied(tag string) {
	e.closeIfOpen("p", buttonScope)
	switch tag {
	case "li":
		e.closeIfOpen("li", listScope)
	case "dt", "dd":
		if !e.closeIfOpen("dd", listScope) {
			e.closeIfOpen("dt", listScope)
		}
	case "td", "th":
		if !e.closeIfOpen("td", tableScope) {
			e.closeIfOpen("th", tableScope)
		}
	case "tr":
		e.closeIfOpen("tr", tableScope)
	}
}

// closeIfOpen closes the innermost open tag inside scope and what it
// holds, and reports whether there was one.
func (e *extractor) closeIfOpen(tag string, scope func(string) bool) bool {
	k := e.findOpen(tag, scope)
	if k >= 0 {
		e.closeTo(k)
	}
	return k >= 0
}

// open pushes an element on the stack and records it as a node, with the
// roles and weight its tag and attributes give.
func (e *extractor) open(tag string, a *tagAttrs) error {
	hp := e.page
	if len(e.stack) >= e.limits.MaxDepth {
		return inputError(ErrTooDeep, "elements nested more than %d deep", e.limits.MaxDepth)
	}
	if len(hp.nodes) >= e.limits.MaxNodes {
		return inputError(ErrTooManyNodes, "more than %d elements", e.limits.MaxNodes)
	}
	parent := frame{node: -1}
	if f := e.top(); f != nil {
		parent = *f
	}
	f := frame{node: int32(len(hp.nodes)), tag: tag, role: parent.role, tagRole: parent.tagRole,
		skip:   parent.skip || isSkipTag(tag) || a.hidden || a.hiddenByStyle(),
		inLink: parent.inLink || tag == "a", byline: parent.byline, date: parent.date || tag == "time", rail: parent.rail || tag == "aside"}
	nd := element{parent: parent.node, tag: tag, blockStart: int32(len(hp.blocks)), blockEnd: -1, heading: headingLevel(tag) > 0}
	var (
		r      Role
		w      int
		by, dt bool
	)
	if !isOuterWrapperTag(tag) {
		r, w, by, dt = e.page.lx.classSignals(a.class, a.id, a.itemprop, a.rel, a.role)
	} else {
		hp.noteWrapperClass(tag, a.class)
	}
	tr, tagged := tagRole(tag)
	if tag == "form" {
		// Whether a form is navigation (search, log-in, newsletter) or
		// wraps the page (ASP.NET's one form around the body) is known
		// only at its end: formRoles decides.
		tagged = false
	}
	if tagged && f.tagRole == "" {
		f.tagRole = tr
	}
	if tagged && (r == "" || r == RoleRelated) {
		r = tr // <nav class="main-nav"> is navigation whatever its class says
	}
	nd.weight = int16(w) + tagWeight(tag)
	nd.class = classHash(a.class)
	if r != "" && f.role == "" {
		f.role = r
	}
	nd.role = r
	f.rail = f.rail || r == RoleRelated
	f.byline = f.byline || by
	if tag == "a" && f.byline && a.href > 0 && e.opinionLink == "" {
		if href := e.z.attrValue(a.href - 1); len(href) > 0 {
			e.opinionLink = hp.lx.opinionLinkSection(href)
		}
	}
	f.date = f.date || dt
	hp.nodes = append(hp.nodes, nd)
	e.stack = append(e.stack, f)
	if tag == "head" {
		e.headOpen = true
	}
	return nil
}

// classHash is the FNV-1a hash of a class attribute (0 for none), so
// that siblings of one class can be told apart from others without keeping
// the string.
func classHash(class []byte) uint32 {
	class = bytes.TrimSpace(class)
	if len(class) == 0 {
		return 0
	}
	h := uint32(2166136261)
	for _, c := range class {
		h = (h ^ uint32(c)) * 16777619
	}
	return max(h, 1)
}

// endTag handles an end tag: it closes the innermost open element of that
// tag and all it holds.
func (e *extractor) endTag() {
	tag := tagString(e.z.TagName())
	e.rawTag, e.ldNext = "", false
	if tag == "br" { // </br> is read as <br>
		e.br()
		return
	}
	if k := e.findOpen(tag, nil); k >= 0 {
		e.closeTo(k)
	} else if isBlockTag(tag) {
		e.endBlock()
	}
}

// findOpen is the stack index of the innermost open tag, searched no
// deeper than stopAt allows and than openScanLimit elements; -1 if none.
func (e *extractor) findOpen(tag string, stopAt func(string) bool) int {
	stack := e.stack
	for k := len(stack) - 1; k >= 0 && k >= len(stack)-openScanLimit; k-- {
		if stack[k].tag == tag {
			return k
		}
		if stopAt != nil && stopAt(stack[k].tag) {
			return -1
		}
	}
	return -1
}

// closeTo pops stack[i:], ending the open block if one of the popped
// elements is a block, and records where each popped element ends.
func (e *extractor) closeTo(i int) {
	hp := e.page
	ended := false
	for k := len(e.stack) - 1; k >= i; k-- {
		f := &e.stack[k]
		if isBlockTag(f.tag) && !ended {
			e.endBlock()
			ended = true
		}
		hp.nodes[f.node].blockEnd = int32(len(hp.blocks))
		hp.nodes[f.node].last = int32(len(hp.nodes) - 1)
		if f.tag == "head" {
			e.headOpen = false
		}
	}
	e.stack = e.stack[:i]
}

// endBlock ends the open block: trailing spaces are trimmed, an empty
// block is dropped, and the block is recorded with what its open elements
// say of it.
func (e *extractor) endBlock() {
	e.lineBreak = false
	if !e.blockOpen {
		return
	}
	e.blockOpen, e.space = false, false
	end := len(e.out)
	for end > e.blockStart && e.out[end-1] == ' ' {
		end--
	}
	if end <= e.blockStart || onlySpaces(e.out[e.blockStart:end]) {
		// An empty block, or one of nothing but no-break and
		// zero-width spaces (the "&nbsp;" paragraphs editors leave
		// between paragraphs), is no block: the separator written
		// before it goes too.
		if e.blockStart >= 2 {
			e.out = e.out[:e.blockStart-2]
		} else {
			e.out = e.out[:0]
		}
		e.link, e.opinionLink = 0, ""
		return
	}
	e.out = e.out[:end]
	hp := e.page
	hp.blocks = append(hp.blocks, block{start: e.blockStart, end: end})
	hp.markup = append(hp.markup, e.markupOfBlock(min(e.link, end-e.blockStart)))
	hp.markup[len(hp.markup)-1].opinionLink = e.opinionLink
	e.link, e.opinionLink = 0, ""
}

// markupOfBlock is what the open elements say of a block that ends now: its
// innermost element, its innermost block element's tag and heading level,
// and the roles and marks the innermost element inherited.
func (e *extractor) markupOfBlock(link int) blockMarkup {
	hb := blockMarkup{node: -1, link: link}
	for i := len(e.stack) - 1; i >= 0 && hb.tag == ""; i-- {
		f := &e.stack[i]
		if hb.node < 0 {
			hb.node = f.node
		}
		if isBlockTag(f.tag) {
			hb.tag = f.tag
			hb.heading = headingLevel(f.tag)
		}
	}
	if top := e.top(); top != nil {
		hb.role, hb.tagRole, hb.byline, hb.date, hb.rail = top.role, top.tagRole, top.byline, top.date, top.rail
	}
	return hb
}
