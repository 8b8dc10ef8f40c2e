package classify

import (
	"bytes"
	"context"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The first stage of the HTML front end: extraction. It reads the markup
// once, token by token, and writes the page text, its blocks, the elements
// the content scorer needs, and the <title>, <meta> and JSON-LD that the
// genre stage reads.
//
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
					return nil, inputError("too_large", ErrTooLarge, "an HTML token is over the %d-byte limit", lim.MaxBytes)
				}
				return nil, inputError("bad_html", ErrBadHTML, "%v", err)
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
				return nil, inputError("too_deep", ErrTooDeep, "elements nested more than %d deep", lim.MaxDepth)
			}
			if len(hp.nodes) >= lim.MaxNodes {
				return nil, inputError("too_many_nodes", ErrTooManyNodes, "more than %d elements", lim.MaxNodes)
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
