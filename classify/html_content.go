package classify

import "strings"

// The content stage of the HTML front end: which elements hold the main
// article. It works as readability does — paragraphs score their
// containers, a container's class/id and tag add a prior, link text
// discounts — because pages mark their article in too many ways for the
// markup alone to name it. It runs on the nodes and blocks the extractor
// recorded, not on a DOM: an element's blocks are a contiguous range and
// its descendants follow it in the node list, so every question here is a
// range or a bounded walk up the parents.

// climbLimit bounds the walks from the top candidate to its ancestors, so
// that hostile nesting costs linear time.
const climbLimit = 32

// maxCandidates is how many of the best-scored containers compete.
const maxCandidates = 5

// tagWeight is the content-score prior of an element's tag.
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

// finalScore is the node's content score discounted by its link density.
func (n *element) finalScore() float64 {
	if n.text == 0 {
		return n.score
	}
	return n.score * (1 - float64(n.link)/float64(n.text))
}

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
	hp.scoreParagraphs()
	cands, nc := hp.candidates()
	if nc == 0 {
		return in
	}
	if hp.pick > 0 {
		if hp.pick >= nc {
			return in
		}
		// A runner-up stands first.
		cands[0], cands[hp.pick] = cands[hp.pick], cands[0]
	}
	top := hp.contentRoot(cands[:nc])
	hp.root = top
	hp.markNode(in, top)
	parent := nodes[top].parent
	if parent < 0 {
		hp.prune(in)
		return in
	}
	threshold := max(10, nodes[top].finalScore()*0.2)
	for i := int(parent) + 1; i < len(nodes) && nodes[i].blockStart < nodes[parent].blockEnd; i++ {
		if i != top {
			hp.joinSibling(in, i, parent, threshold)
		}
	}
	hp.prune(in)
	hp.extendContent(in)
	hp.trimContent(in)
	return in
}

// scoreParagraphs sets each node's score, text and link totals afresh
// (scoring may run twice on a page, see retryBelow): every paragraph adds
// to its ancestors' scores and its text to its element's.
func (hp *htmlPage) scoreParagraphs() {
	nodes := hp.nodes
	for i := range nodes {
		nodes[i].score, nodes[i].text, nodes[i].link, nodes[i].scored = float64(nodes[i].weight), 0, 0, false
	}
	for bi, hb := range hp.markup {
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
}

// candidates are the best-scored containers, best first: nodes a
// paragraph scored that hold blocks and are not headings.
func (hp *htmlPage) candidates() (cands [maxCandidates]int, nc int) {
	nodes := hp.nodes
	for i := range nodes {
		if !nodes[i].scored || nodes[i].heading || nodes[i].blockEnd <= nodes[i].blockStart {
			continue
		}
		f := nodes[i].finalScore()
		k := nc
		for k > 0 && nodes[cands[k-1]].finalScore() < f {
			k--
		}
		if k < len(cands) {
			copy(cands[k+1:], cands[k:min(nc, len(cands)-1)])
			cands[k] = i
			nc = min(nc+1, len(cands))
		}
	}
	return cands, nc
}

// contentRoot is the element that holds the article, found from the best
// candidate cands[0] by walking up its ancestors (never past <body>, and
// at most climbLimit levels).
func (hp *htmlPage) contentRoot(cands []int) int {
	top := cands[0]
	if p := hp.splitArticleParent(top, cands); p >= 0 {
		top = p
	}
	top = hp.risingAncestor(top)
	// An only child stands for its parent.
	nodes := hp.nodes
	for p, up := int(nodes[top].parent), 0; p >= 0 && up < climbLimit && nodes[p].tag != "body" && nodes[p].blockStart == nodes[top].blockStart && nodes[p].blockEnd == nodes[top].blockEnd; p, up = int(nodes[p].parent), up+1 {
		top = p
	}
	return top
}

// splitArticleParent is the nearest ancestor of top that holds three
// runners-up scoring close to it, -1 if none: the article is split into
// parts, and that ancestor holds them all.
func (hp *htmlPage) splitArticleParent(top int, cands []int) int {
	nodes := hp.nodes
	best := nodes[top].finalScore()
	for p, up := int(nodes[top].parent), 0; p >= 0 && up < climbLimit && nodes[p].tag != "body"; p, up = int(nodes[p].parent), up+1 {
		close := 0
		for _, alt := range cands[1:] {
			if nodes[alt].finalScore() >= 0.75*best && hp.isAncestor(p, alt) {
				close++
			}
		}
		if close >= 3 {
			return p
		}
	}
	return -1
}

// risingAncestor climbs from top while the scored ancestors' scores hold
// up, and returns the first whose score rises above the last: more content
// lies beside top. It returns top when none does.
func (hp *htmlPage) risingAncestor(top int) int {
	nodes := hp.nodes
	last := nodes[top].finalScore()
	for p, up := int(nodes[top].parent), 0; p >= 0 && up < climbLimit && nodes[p].tag != "body"; p, up = int(nodes[p].parent), up+1 {
		if !nodes[p].scored {
			continue
		}
		f := nodes[p].finalScore()
		if f < last/3 {
			break
		}
		if f > last {
			return p
		}
		last = f
	}
	return top
}

// isAncestor reports whether node a is d or one of its ancestors within
// 2×climbLimit levels.
func (hp *htmlPage) isAncestor(a, d int) bool {
	for up := 0; d >= 0 && up < 2*climbLimit; up++ {
		if d == a {
			return true
		}
		d = int(hp.nodes[d].parent)
	}
	return false
}

// markNode puts the blocks of node i in the content.
func (hp *htmlPage) markNode(in []bool, i int) {
	n := &hp.nodes[i]
	for b := n.blockStart; b < n.blockEnd; b++ {
		in[b] = true
	}
}

// joinSibling puts node i, a child of the content root's parent, in the
// content when it scores at least threshold or is a clean paragraph: long
// with few links, or short without links and ending a sentence.
func (hp *htmlPage) joinSibling(in []bool, i int, parent int32, threshold float64) {
	n := &hp.nodes[i]
	if n.parent != parent || n.role != "" && !hp.tagRolesOnly || n.blockEnd <= n.blockStart {
		return
	}
	bonus := 0.0
	if top := &hp.nodes[hp.root]; n.class != 0 && n.class == top.class {
		// A sibling of the root's class is the next part of a body
		// split into parts ("outline-2", "story-block").
		bonus = top.finalScore() * 0.2
	}
	if n.scored && n.finalScore()+bonus >= threshold {
		hp.markNode(in, i)
		return
	}
	if n.tag != "p" || n.text == 0 {
		return
	}
	density := float64(n.link) / float64(n.text)
	switch {
	case n.text > 80 && density < 0.25:
		hp.markNode(in, i)
	case n.text <= 80 && density == 0:
		last := hp.blocks[n.blockEnd-1]
		if endsSentence(hp.text[last.start:last.end]) {
			hp.markNode(in, i)
		}
	}
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
		text[i+1], link[i+1], sentences[i+1], commas[i+1] = text[i]+len(s), link[i]+hp.markup[i].link, sentences[i], commas[i]+strings.Count(s, ",")
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
		if z <= a || !in[a] || !isPrunableTag(nd.tag) {
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

// isPrunableTag: the containers prune may drop.
func isPrunableTag(tag string) bool {
	switch tag {
	case "div", "section", "ul", "ol", "table", "form", "header", "span", "dl", "figure":
		return true
	}
	return false
}

// extendContent carries the content past the chosen containers to the
// prose that continues it in reading order: a body split over containers
// at different depths (the lead in the header, the rest in a column), or
// a sibling that scored too little alone. From each end of the content it
// takes clean paragraphs — long, sentence-ending, few links — and the
// headings and short lines between them, and stops at furniture the
// markup names, at a link line, or after extendGap blocks without prose.
func (hp *htmlPage) extendContent(in []bool) {
	first, last := -1, -1
	for i, ok := range in {
		if ok {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return
	}
	// Inside, what the containers left out joins unless it is furniture
	// or a link line: a lead between the figure and the body's column, a
	// list of ingredients between two parts of a recipe.
	for i := first + 1; i < last; i++ {
		b := &hp.blocks[i]
		if !in[i] && hp.roleOf(i) == "" && !(b.fixed && b.kind == KindBoilerplate && b.role != RoleNav) && (hp.isProse(i) || hp.isListItem(i)) {
			in[i] = true
		}
	}
	hp.extendFrom(in, last+1, 1)
	hp.extendFrom(in, first-1, -1)
}

// The extension crosses at most extendGapBlocks blocks, and at most
// extendGapBytes of text, without prose: a heading and a figure credit, a
// share bar, a small table of figures.
const (
	extendGapBlocks = 12
	extendGapBytes  = 400
)

// extendFrom extends the content from block i in direction dir (+1 or -1).
func (hp *htmlPage) extendFrom(in []bool, i, dir int) {
	var pending []int // the gap's blocks, -1 for those never taken
	gapBytes := 0
	for ; i >= 0 && i < len(hp.blocks) && !in[i]; i += dir {
		b, hb := &hp.blocks[i], &hp.markup[i]
		n := b.end - b.start
		take := i
		switch r := hp.roleOf(i); {
		case r == RoleCaption:
			continue // a figure inside the body
		case r == RoleShare || r == RoleAd:
			// A share bar or an ad slot between the lead and the rest:
			// crossed, never taken.
			take = -1
		case r != "" || b.fixed && b.kind == KindBoilerplate && b.role != RoleNav:
			return
		case hb.link*2 > n:
			return
		case hp.isProse(i) || hp.isListItem(i):
			// A clean paragraph, or an item of a list without links
			// (ingredients, key points) that continues the body.
			for _, k := range pending {
				if k >= 0 {
					in[k] = true
				}
			}
			pending, gapBytes = pending[:0], 0
			in[i] = true
			continue
		}
		gapBytes += n
		if len(pending) == extendGapBlocks || gapBytes > extendGapBytes {
			return
		}
		pending = append(pending, take)
	}
}

// isProse reports a clean paragraph: long, few links, ending a sentence.
func (hp *htmlPage) isProse(i int) bool {
	b, hb := &hp.blocks[i], &hp.markup[i]
	n := b.end - b.start
	if n < 80 || hb.heading > 0 || hb.link*5 > n {
		return false
	}
	s := hp.text[b.start:b.end]
	return endsSentence(s) || strings.HasSuffix(s, "。") || strings.HasSuffix(s, ":")
}

// trimContent drops the short lines that end the content after its last
// paragraph: "Read more:", "Contact:", "More on this topic" and the like
// introduce what follows the article, not the article.
func (hp *htmlPage) trimContent(in []bool) {
	for i := len(in) - 1; i >= 0; i-- {
		if !in[i] {
			continue
		}
		b := &hp.blocks[i]
		if hp.markup[i].link*2 > b.end-b.start {
			continue // a link line stays: the article marks it related
		}
		s := hp.text[b.start:b.end]
		short := b.end-b.start < 40 && !endsSentence(s)
		if b.end-b.start >= 80 || !short && !strings.HasSuffix(s, ":") && hp.markup[i].heading == 0 {
			return
		}
		in[i] = false
	}
}

// isListItem reports an item of a list without links, of two words or
// more: an ingredient, a key point.
func (hp *htmlPage) isListItem(i int) bool {
	hb := &hp.markup[i]
	return hb.tag == "li" && hb.link == 0 && hp.blocks[i].words >= 2
}
