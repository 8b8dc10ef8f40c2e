package classify

import (
	"context"
	"slices"
	"strings"
)

// readHTML is the HTML front end: it extracts the page text and blocks
// from p.HTML and lays them out from the markup.
func (c *Classifier) readHTML(ctx context.Context, p Page) (document, error) {
	hp, err := c.extractHTML(ctx, p.HTML)
	if err != nil {
		return document{}, err
	}
	if len(hp.blocks) == 0 {
		return document{}, inputError(ErrEmpty, "no text in the HTML")
	}
	orig := slices.Clone(hp.blocks)
	art, body := c.htmlLayout(hp, p.URL)
	if body < retryBelow {
		hp.blocks = slices.Clone(orig)
		hp.tagRolesOnly = true
		if art2, body2 := c.htmlLayout(hp, p.URL); body2 > body {
			art = art2
		} else {
			hp.blocks, hp.tagRolesOnly = orig, false
			art, _ = c.htmlLayout(hp, p.URL)
		}
	}
	return document{text: hp.text, blocks: hp.blocks, article: art, extracted: true}, nil
}

// retryBelow is the article body, in bytes, under which the layout is
// retried with tag roles only.
const retryBelow = 500

// htmlLayout assigns roles from the markup, marks the main article and
// collects the genre evidence. Roles the block's own text decides (a
// "By …" line, "Advertisement", a caption credit) come first, as in the text
// path; the markup's furniture roles then override them; the content
// scorer picks the article; what lies outside it is sorted into sections and
// rails as in the text path, so a rail under an "Opinion" heading is opinion
// teasers and one under "More News" is boilerplate. It returns the
// bytes of article body it found.
func (c *Classifier) htmlLayout(hp *htmlPage, url string) (article, int) {
	text, blocks, info := hp.text, hp.blocks, hp.info
	c.describe(text, blocks)
	for i := range blocks {
		b, hb := &blocks[i], &info[i]
		switch role := hp.roleOf(i); {
		case role != "" && role != RoleRelated:
			b.role, b.kind, b.fixed, b.opener = role, KindBoilerplate, true, ""
		case hb.heading > 0 && b.fixed && b.kind == KindBoilerplate && b.role != RoleAd:
			// A heading is not a share bar or a footer link.
			b.role, b.kind, b.fixed = "", "", false
		case hb.heading > 0 && b.label != "" && isOpinionSection(b.label):
			// A heading that names an opinion section ("Latest
			// Commentary", "Editorials & Letters") opens one even where
			// the text path's header table does not list it.
			b.opener = KindOpinion
		case hb.byline && !b.fixed && b.label != "" && hb.heading == 0:
			b.role, b.fixed = RoleByline, true
			if w := opinionBylineWord(b.label); w != "" {
				b.opinion = "byline:" + w
			}
		case hb.date && !b.fixed && b.label != "" && hb.heading == 0:
			b.role, b.fixed = RoleDateline, true
		}
	}
	in := hp.scoreContent()
	var art article
	first, bodyBytes := -1, 0
	for i := range blocks {
		b, hb := &blocks[i], &info[i]
		if !in[i] || hp.roleOf(i) != "" || b.fixed && b.kind == KindBoilerplate || b.opener == KindBoilerplate {
			in[i] = false
			continue
		}
		n := b.end - b.start
		switch {
		case b.role == RoleByline || b.role == RoleDateline:
		case hb.heading == 1:
			b.role = RoleSectionHeader
		case hb.heading > 0:
			b.role, b.opener = RoleSectionHeader, ""
		case hb.link*2 > n && b.words <= 20:
			// A link line inside the content is a "Read more" pointer.
			b.role, b.kind, b.fixed = RoleRelated, KindBoilerplate, true
			in[i] = false
			continue
		default:
			b.role, b.opener = RoleParagraph, ""
			bodyBytes += n
		}
		b.article = true
		if first < 0 {
			first = i
		}
	}
	if first < 0 || bodyBytes < minArticleBytes {
		for i := range blocks {
			blocks[i].article = false
			if !blocks[i].fixed {
				blocks[i].role = ""
			}
		}
		c.htmlSections(hp)
		return art, bodyBytes
	}
	art.found = true
	headline := hp.headline(first)
	if headline >= 0 {
		h := &blocks[headline]
		h.role, h.kind, h.fixed, h.opener, h.article = RoleHeadline, "", true, "", true
		if ev := headlineOpinionPrefix(text[h.start:h.end]); ev != "" {
			art.evidence = append(art.evidence, ev)
		}
		// A kicker ("Opinion"), byline or dateline between the headline and
		// the body, or just above the headline, belongs to the article.
		from := max(0, headline-3)
		for j := from; j < first && j < headline+12; j++ {
			b := &blocks[j]
			if j == headline || hp.roleOf(j) != "" {
				continue
			}
			switch {
			case b.role == RoleByline || b.role == RoleDateline:
				b.article = true
			case b.opener == KindOpinion && j < headline:
				b.article, b.role, b.fixed = true, RoleSectionHeader, true
				art.evidence = append(art.evidence, "header:"+b.label)
			}
		}
	}
	for i := range blocks {
		if blocks[i].article && blocks[i].opinion != "" {
			art.evidence = append(art.evidence, blocks[i].opinion)
		}
	}
	op, news := hp.markupGenre()
	art.evidence = append(art.evidence, op...)
	art.news = news
	if ev := urlOpinionSection(url); ev != "" {
		art.evidence = append(art.evidence, ev)
	}
	c.htmlSections(hp)
	return art, bodyBytes
}

// htmlSections sorts the blocks outside the article into sections and
// rails, then sends what sits in an aside or sidebar and is not opinion to
// the related rail.
func (c *Classifier) htmlSections(hp *htmlPage) {
	blocks := hp.blocks
	for i := 0; i < len(blocks); {
		if blocks[i].article {
			i++
			continue
		}
		j := i
		for j < len(blocks) && !blocks[j].article {
			j++
		}
		c.sections(blocks, i, j)
		i = j
	}
	for i := range blocks {
		b, hb := &blocks[i], &hp.info[i]
		if b.article || !hb.rail && hp.roleOf(i) != RoleRelated {
			continue
		}
		if b.kind != KindOpinion && !(b.fixed && b.kind == KindBoilerplate && b.role != RoleParagraph && b.role != RoleTeaser && b.role != RoleNav) {
			b.role, b.kind, b.fixed = RoleRelated, KindBoilerplate, true
		}
	}
}

// headline picks the page's headline: the h1 that matches og:title or
// <title>, else the last h1 before the body, else the first h1; without an
// h1, the heading before the body whose text matches og:title.
func (hp *htmlPage) headline(first int) int {
	title := strings.ToLower(hp.meta["og:title"])
	if title == "" {
		title = strings.ToLower(hp.title)
	}
	matches := func(i int) bool {
		h := strings.ToLower(hp.text[hp.blocks[i].start:hp.blocks[i].end])
		return len(h) >= 8 && title != "" && strings.Contains(title, h)
	}
	lastBefore, firstH1 := -1, -1
	for i, hb := range hp.info {
		if hb.heading != 1 || hp.roleOf(i) != "" {
			continue
		}
		if matches(i) {
			return i
		}
		if firstH1 < 0 {
			firstH1 = i
		}
		if i <= first {
			lastBefore = i
		}
	}
	switch {
	case lastBefore >= 0:
		return lastBefore
	case firstH1 >= 0:
		return firstH1
	}
	for i := first; i >= 0 && i >= first-20; i-- {
		if hp.info[i].heading > 0 && hp.roleOf(i) == "" && matches(i) {
			return i
		}
	}
	return -1
}
