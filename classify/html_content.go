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

// climbLimit bounds the walks from the top candidate to its ancestors.
const climbLimit = 32

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
