package classify

// Plain-text front end, step 3: roles from a block's neighbours, the main
// article, and the sections and rails around it.

import (
	"strings"
)

// article locates the page's main article among its blocks.
type article struct {
	found      bool
	start, end int // block indexes, inclusive
	// evidence lists the structural signs that the article is an opinion
	// piece, as "where:what" strings (for example "header:opinion").
	evidence []string
	// news lists markup that calls the page news ("json-ld:NewsArticle");
	// only the HTML path finds any.
	news []string
	// other says why the page's markup makes its main content neither news
	// nor opinion ("json-ld:Recipe", "title:how-to"); only the HTML path
	// finds any.
	other string
}

// minArticleBytes is the least body text that makes a main article.
const minArticleBytes = 120

// layout assigns roles from each block's neighbours, finds the main article
// and sorts what lies outside it into sections and rails.
//
// The article body is the longest run of paragraph blocks, allowing inline
// furniture (captions, ads, share bars), bylines and subheads between them but
// broken by section headers, teasers and footers. The headline is the nearest
// title line before the body. Outside the article, a section header opens a
// section (opinion, or a boilerplate rail such as "More News") that lasts
// until the next header, a footer or the article; a run of three or more
// short menu items is a navigation bar, so a menu item "Opinion" opens
// nothing.
func (c *Classifier) layout(text string, blocks []block, url string) article {
	c.markNavRuns(blocks)
	var art article
	bodyStart, bodyEnd, bodyBytes := longestBody(blocks)
	// A short text that is nothing but its body, perhaps under a title
	// ("The minister said…", sent on its own) is its own article, however
	// short.
	whole := bodyStart >= 0 && bodyStart <= 1 && bodyEnd == len(blocks)-1 &&
		(bodyStart == 0 || !blocks[0].fixed && blocks[0].opener == "" && (blocks[0].shape == shapeTitle || blocks[0].shape == shapeLabel))
	if bodyStart < 0 || bodyBytes < minArticleBytes && !whole {
		c.sections(blocks, 0, len(blocks))
		return art
	}
	art.found = true
	art.start, art.end = bodyStart, bodyEnd
	if h := textHeadline(blocks, bodyStart); h >= 0 {
		blocks[h].role = RoleHeadline
		if ev := c.lex.headlineOpinionPrefix(text[blocks[h].start:blocks[h].end]); ev != "" {
			art.evidence = append(art.evidence, ev)
		}
		art.start = aboveHeadline(blocks, h)
	}
	art.end = belowBody(blocks, bodyEnd)
	art.evidence = markArticle(blocks, art.start, art.end, bodyStart, art.evidence)
	if ev := c.lex.urlOpinionSection(url); ev != "" {
		art.evidence = append(art.evidence, ev)
	}
	c.sections(blocks, 0, art.start)
	c.sections(blocks, art.end+1, len(blocks))
	return art
}

// longestBody returns the first and last paragraph of the longest run of
// body paragraphs, and its bytes of paragraph text; -1 when there is none.
func longestBody(blocks []block) (start, end, bytes int) {
	start, end = -1, -1
	runStart, runBytes, lastPara := -1, 0, -1
	closeRun := func() {
		if runStart >= 0 && runBytes > bytes {
			start, end, bytes = runStart, lastPara, runBytes
		}
		runStart, runBytes = -1, 0
	}
	for i := range blocks {
		b := &blocks[i]
		switch {
		case isBody(b):
			if runStart < 0 {
				runStart = i
			}
			runBytes += b.end - b.start
			lastPara = i
		case runStart >= 0 && allowedInBody(b):
		default:
			closeRun()
		}
	}
	closeRun()
	return start, end, bytes
}

// textHeadline returns the nearest title before the body, or -1; labels
// and bylines may stand between them.
func textHeadline(blocks []block, bodyStart int) int {
	for j := bodyStart - 1; j >= 0 && j >= bodyStart-8; j-- {
		b := &blocks[j]
		if b.shape == shapeTitle && !b.fixed && b.opener == "" {
			return j
		}
		if b.shape == shapeParagraph || b.shape == shapeDek || b.opener == KindBoilerplate {
			break
		}
	}
	return -1
}

// aboveHeadline returns the article's first block: a genre label, byline
// or dateline just above the headline belongs to the article.
func aboveHeadline(blocks []block, headline int) int {
	start := headline
	for j := headline - 1; j >= 0 && j >= headline-3; j-- {
		b := &blocks[j]
		if b.opener == KindOpinion || b.role == RoleByline || b.role == RoleDateline {
			start = j
			continue
		}
		if !b.fixed {
			break
		}
	}
	return start
}

// belowBody returns the article's last block: author notes and wire
// trailers right after the body belong to it.
func belowBody(blocks []block, bodyEnd int) int {
	end := bodyEnd
	for j := bodyEnd + 1; j < len(blocks) && j <= bodyEnd+3; j++ {
		b := &blocks[j]
		if b.role == RoleByline || b.role == RoleDateline {
			end = j
			continue
		}
		if b.fixed && b.kind == KindBoilerplate && b.role != RoleFooter {
			continue
		}
		if b.role == RoleFooter && b.opinion != "" {
			continue
		}
		break
	}
	return end
}

// markArticle marks the blocks of the article blocks[start..end] and their
// roles inside it, and appends the opinion evidence found in and around it
// to evidence.
func markArticle(blocks []block, start, end, bodyStart int, evidence []string) []string {
	for j := start; j <= end; j++ {
		b := &blocks[j]
		if b.fixed && b.kind == KindBoilerplate {
			continue
		}
		b.article = true
		switch {
		case b.role == RoleHeadline || b.role == RoleByline || b.role == RoleDateline:
		case b.opener == KindOpinion && j < bodyStart:
			b.role = RoleSectionHeader
			evidence = append(evidence, "header:"+b.label)
		case b.shape == shapeParagraph:
			b.role = RoleParagraph
		default:
			b.role = RoleSectionHeader // a subhead inside the article
		}
	}
	for j := range blocks {
		b := &blocks[j]
		if b.opinion != "" && j >= start-1 && j <= end+3 {
			evidence = append(evidence, b.opinion)
		}
	}
	return evidence
}

func isBody(b *block) bool {
	return b.shape == shapeParagraph && !b.fixed && b.opener == ""
}

func allowedInBody(b *block) bool {
	switch {
	case b.opener != "":
		return false
	case b.fixed:
		return b.role != RoleFooter && b.role != RoleComments && b.role != RoleNav
	case b.shape == shapeDek:
		return false
	}
	return b.shape == shapeTitle || b.shape == shapeLabel || b.shape == shapeSymbols
}

// markNavRuns turns runs of three or more consecutive short items, at least
// two of them section names, into navigation.
func (c *Classifier) markNavRuns(blocks []block) {
	for i := 0; i < len(blocks); {
		j, sections := i, 0
		for j < len(blocks) && blocks[j].shape == shapeLabel && (!blocks[j].fixed || blocks[j].role == RoleNav) {
			if c.allSectionNames(blocks[j].label) {
				sections++
			}
			j++
		}
		if j-i >= 3 && sections >= 2 {
			for k := i; k < j; k++ {
				blocks[k].role, blocks[k].kind, blocks[k].fixed, blocks[k].opener = RoleNav, KindBoilerplate, true, ""
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

func (c *Classifier) allSectionNames(label string) bool {
	if label == "" {
		return false
	}
	for _, w := range strings.Fields(label) {
		if c.lex.class(w)&wSection == 0 {
			return false
		}
	}
	return true
}

// sections labels blocks[from:to], which lie outside the main article.
func (c *Classifier) sections(blocks []block, from, to int) {
	section := Kind("")
	for i := from; i < to; i++ {
		b := &blocks[i]
		switch {
		case b.opener != "":
			section = b.opener
			b.role = RoleSectionHeader
			b.kind = b.opener
			continue
		case b.fixed && b.kind == KindBoilerplate:
			if b.role == RoleFooter {
				section = ""
			}
			continue
		}
		b.fixed = true
		switch section {
		case KindOpinion:
			b.kind = KindOpinion
			if b.role != RoleByline && b.role != RoleDateline {
				b.role = RoleTeaser
			}
		case KindBoilerplate:
			b.kind = KindBoilerplate
			if b.role != RoleByline && b.role != RoleDateline {
				b.role = RoleRelated
			}
		default:
			switch {
			case b.role == RoleByline || b.role == RoleDateline:
				b.kind = KindBoilerplate
			case b.shape == shapeDek || b.shape == shapeTitle && i+1 < to && blocks[i+1].shape == shapeDek:
				b.role, b.kind = RoleTeaser, KindBoilerplate
			case b.shape == shapeParagraph:
				b.role, b.fixed = RoleParagraph, false // kind follows its text
			default:
				b.role, b.kind = RoleNav, KindBoilerplate
			}
		}
	}
}

// headlineOpinionPrefix recognises "Opinion | …" and "Editorial: …" headlines.
func (lx *lexicon) headlineOpinionPrefix(h string) string {
	lower := strings.ToLower(h)
	for _, p := range lx.opinionHeadlinePrefixes {
		if rest, ok := strings.CutPrefix(lower, p); ok {
			rest = strings.TrimLeft(rest, " ")
			if strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "- ") {
				return "headline:" + p
			}
		}
	}
	return ""
}

// urlOpinionSection recognises opinion sections in a page's URL path.
func (lx *lexicon) urlOpinionSection(url string) string {
	lower := strings.ToLower(url)
	for _, p := range lx.opinionURLSegments {
		if strings.Contains(lower, p) {
			return "url:" + p
		}
	}
	return ""
}
