package classify

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/slantwire/slant/internal/wordlists"
)

// The HTML front end, and its last stage: layout. readHTML runs the stages
// (extraction in html_extract.go, content in html_content.go, genre in
// html_genre.go) and lays the page out as the text path does — roles,
// article, sections and rails — so that both paths hand analyze the same
// document. The markup decides what it can name (furniture, headings, the
// content container); the text path's rules, run on the same blocks,
// decide the rest, so the two paths read a page alike.

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
	// The blocks' own text decides their shape, label and local role the
	// same way in every pass: it is read once, before the passes.
	c.describe(hp.text, hp.blocks)
	orig := slices.Clone(hp.blocks)
	art, body := c.htmlLayout(hp, p.URL)
	if body < retryBelow || body*retryShare < hp.proseBytes() {
		// Too little body: the page is laid out again with tag roles
		// only, and from the runners-up of the content scoring, and the
		// pass that finds the most body wins.
		laid := slices.Clone(hp.blocks)
		best := layoutPass{}
		for _, pass := range []layoutPass{{tagRolesOnly: true}, {pick: 1}, {pick: 2}, {pick: 3}, {pick: 4}} {
			hp.blocks = slices.Clone(orig)
			hp.tagRolesOnly, hp.pick = pass.tagRolesOnly, pass.pick
			if art2, body2 := c.htmlLayout(hp, p.URL); body2 > body {
				art, body, best, laid = art2, body2, pass, slices.Clone(hp.blocks)
			}
		}
		hp.blocks, hp.tagRolesOnly, hp.pick = laid, best.tagRolesOnly, best.pick
	}
	return document{text: hp.text, blocks: hp.blocks, article: art, extracted: true}, nil
}

// layoutPass is one way of laying out a page: the first pass reads class
// and id roles and takes the best-scored container; later passes, for a
// page where it found too little body, read tag roles only or take a
// runner-up.
type layoutPass struct {
	tagRolesOnly bool
	pick         int // which of the best-scored containers holds the article, 0 the best
}

// retryShare: a page whose article body is less than 1/retryShare of the
// clean prose outside furniture is laid out again too.
const retryShare = 3

// proseBytes is the text of the page's clean paragraphs outside the
// furniture its markup names.
func (hp *htmlPage) proseBytes() int {
	n := 0
	for i := range hp.blocks {
		if hp.markup[i].role == "" && hp.isProse(i) {
			n += hp.blocks[i].end - hp.blocks[i].start
		}
	}
	return n
}

// retryBelow is the article body, in bytes, under which the layout is
// retried with tag roles only.
const retryBelow = 500

// roleOf is the furniture role of block i in the current pass.
func (hp *htmlPage) roleOf(i int) Role {
	if hp.tagRolesOnly {
		return hp.markup[i].tagRole
	}
	return hp.markup[i].role
}

// htmlLayout assigns roles from the markup, marks the main article and
// collects the genre evidence. Roles the block's own text decides (a
// "By …" line, "Advertisement", a caption credit: describe, run by
// readHTML) come first, as in the text path; the markup's furniture roles
// then override them; the content
// scorer picks the article; what lies outside it is sorted into sections and
// rails as in the text path, so a rail under an "Opinion" heading is opinion
// teasers and one under "More News" is boilerplate. It returns the
// bytes of article body it found.
func (c *Classifier) htmlLayout(hp *htmlPage, url string) (article, int) {
	hp.markupRoles()
	first, bodyBytes := hp.articleBlocks(hp.scoreContent())
	var art article
	hp.dropEmptySections()
	teasers, before := hp.teaserRun()
	if teasers >= 0 {
		// Teasers are not the article: what precedes them may be.
		hp.cutArticle(teasers)
		bodyBytes = before
	}
	if first < 0 || bodyBytes < minArticleBytes || hp.notArticle(url) != "" {
		// No article, or a listing page (a section front, a tag page):
		// the page is not read as an article.
		hp.dropArticle()
		c.htmlSections(hp)
		hp.markTeasers(teasers)
		return art, bodyBytes
	}
	art.found = true
	hp.articleHead(first, &art)
	for _, b := range hp.blocks {
		if b.article && b.opinion != "" {
			art.evidence = append(art.evidence, b.opinion)
		}
	}
	op, news := hp.markupGenre()
	art.evidence = append(art.evidence, op...)
	art.news = news
	if ev := c.lex.urlOpinionSection(url); ev != "" {
		art.evidence = append(art.evidence, ev)
	} else if ev := intlOpinionURLSegment(url); ev != "" {
		art.evidence = append(art.evidence, ev)
	}
	art.other = hp.otherMarkup(url)
	c.htmlSections(hp)
	hp.markTeasers(teasers)
	return art, bodyBytes
}

// markupRoles lays the markup's roles over those the text gave: furniture
// roles win, headings are not furniture, and byline and date marks make
// bylines and datelines.
func (hp *htmlPage) markupRoles() {
	for i := range hp.blocks {
		b, hb := &hp.blocks[i], &hp.markup[i]
		switch role := hp.roleOf(i); {
		case role != "" && role != RoleRelated:
			b.role, b.kind, b.fixed, b.opener = role, KindBoilerplate, true, ""
		case hb.heading > 0 && b.fixed && b.kind == KindBoilerplate && b.role != RoleAd:
			// A heading is not a share bar or a footer link.
			b.role, b.kind, b.fixed = "", "", false
		case hb.heading > 0 && b.label != "" && hp.lx.isOpinionSection(b.label):
			// A heading that names an opinion section ("Latest
			// Commentary", "Editorials & Letters") opens one even where
			// the text path's header table does not list it.
			b.opener = KindOpinion
		case hb.byline && !b.fixed && b.label != "" && hb.heading == 0:
			b.role, b.fixed = RoleByline, true
			if w := hp.lx.opinionBylineWord(b.label); w != "" {
				b.opinion = "byline:" + w
			}
		case hb.date && !b.fixed && b.label != "" && hb.heading == 0 && digitCount(b.label) >= 4:
			// A date class marks a dateline only where a date is (a
			// year, or a day and a month): blogs class the wrapper of a
			// whole day's posts "date-outer".
			b.role, b.fixed = RoleDateline, true
		}
	}
}

// articleBlocks marks the article among the blocks the content scorer put
// in (in), less furniture, and gives them their roles. It returns the
// first article block (-1 if none) and the bytes of body paragraphs.
func (hp *htmlPage) articleBlocks(in []bool) (first, bodyBytes int) {
	first = -1
	for i := range hp.blocks {
		b, hb := &hp.blocks[i], &hp.markup[i]
		if !in[i] || hp.roleOf(i) != "" || b.fixed && b.kind == KindBoilerplate || b.opener == KindBoilerplate {
			continue
		}
		n := b.end - b.start
		switch {
		case b.role == RoleByline || b.role == RoleDateline:
		case hb.heading == 1:
			b.role = RoleSectionHeader
		case hb.heading > 0:
			b.role, b.opener = RoleSectionHeader, ""
		case hb.link*2 > n && b.words <= 20 && !isAddressLine(hp.text[b.start:b.end]):
			// A link line inside the content is a "Read more" pointer;
			// an address the article gives (a URL, an e-mail) is its
			// text.
			b.role, b.kind, b.fixed = RoleRelated, KindBoilerplate, true
			continue
		case n < creditLineBytes && isCreditLine(hp.text[b.start:b.end]):
			// "Bild: dpa", "Quelle: …": a credit, not body text.
			b.role, b.kind, b.fixed = RoleCaption, KindBoilerplate, true
			continue
		case n < dateLineBytes && isNumericLine(hp.text[b.start:b.end]):
			// "23.10.2018", "03.04.2020, 14:05": a date of the article.
			b.role, b.fixed = RoleDateline, true
		default:
			b.role, b.opener = RoleParagraph, ""
			bodyBytes += n
		}
		b.article = true
		if first < 0 {
			first = i
		}
	}
	return first, bodyBytes
}

// Lines shorter than these, in bytes, may be credit and date lines.
const (
	creditLineBytes = 80
	dateLineBytes   = 32
)

// isCreditLine reports a line that opens as a photo or source credit does.
func isCreditLine(s string) bool {
	lower := strings.ToLower(strings.TrimSpace(s))
	for p := range strings.Lines(wordlists.CreditLinePrefixes) {
		if p = strings.TrimSpace(p); p != "" && strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// isAddressLine reports a line that shows a web or e-mail address.
func isAddressLine(s string) bool {
	if strings.Contains(s, "://") || strings.Contains(s, "www.") {
		return true
	}
	// An e-mail address: a word, "@", a domain (a "@handle" is none).
	i := strings.IndexByte(s, '@')
	return i > 0 && s[i-1] != ' ' && strings.Contains(s[i:], ".")
}

// isNumericLine reports a short line of more digits than letters: a date
// or a time.
func isNumericLine(s string) bool {
	digits, letters := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return digits >= 4 && digits > letters
}

// dropEmptySections takes out of the article the headings that head no
// body paragraph: "More on this topic", "Upcoming events", "What do you
// think?" open the rails, forms and lists that follow an article's text,
// not a section of it.
func (hp *htmlPage) dropEmptySections() {
	blocks := hp.blocks
	for i := range blocks {
		if !blocks[i].article || hp.markup[i].heading == 0 {
			continue
		}
		// The section runs to the next heading of its level or above;
		// a subheading opens a part of it.
		level, body := hp.markup[i].heading, false
		for j := i + 1; j < len(blocks) && !body; j++ {
			b, h := &blocks[j], hp.markup[j].heading
			if !b.article {
				continue
			}
			if h > 0 && h <= level {
				break
			}
			body = h == 0 && b.role == RoleParagraph
		}
		if !body {
			blocks[i].article, blocks[i].role = false, ""
		}
	}
}

// dropArticle undoes articleBlocks on a page with too little body to be an
// article: no block is in it, and the roles it gave are cleared.
func (hp *htmlPage) dropArticle() {
	for i := range hp.blocks {
		hp.blocks[i].article = false
		if !hp.blocks[i].fixed {
			hp.blocks[i].role = ""
		}
	}
}

// articleHead marks the headline, and the kicker, byline and dateline
// around it, as the article's, and adds the opinion evidence they carry to
// art.
func (hp *htmlPage) articleHead(first int, art *article) {
	headline := hp.headline(first)
	if headline < 0 {
		return
	}
	blocks := hp.blocks
	h := &blocks[headline]
	h.role, h.kind, h.fixed, h.opener, h.article = RoleHeadline, "", true, "", true
	if ev := hp.lx.headlineOpinionPrefix(hp.text[h.start:h.end]); ev != "" {
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
	// A standfirst or lead between the headline and the first body
	// paragraph is the article's, though its container lies apart.
	for j := headline + 1; j < len(blocks) && j < headline+12; j++ {
		b, hb := &blocks[j], &hp.markup[j]
		if b.article && b.role == RoleParagraph {
			break
		}
		n := b.end - b.start
		if b.article || hp.roleOf(j) != "" || b.fixed || hb.heading > 0 || hb.link*5 > n || b.words < minStandfirstWords {
			continue
		}
		b.article, b.role, b.kind, b.opener = true, RoleParagraph, "", ""
	}
}

// minStandfirstWords is the least words of a standfirst.
const minStandfirstWords = 12

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
		b, hb := &blocks[i], &hp.markup[i]
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
	for i, hb := range hp.markup {
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
		if hp.markup[i].heading > 0 && hp.roleOf(i) == "" && matches(i) {
			return i
		}
	}
	return -1
}

// digitCount is the number of ASCII digits in s.
func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// teaserRun finds a list of teasers in the article: from a heading that is
// a link on, at least minTeasers such headings, each followed by no more
// than two paragraphs and teaserBytes of text on average — a section
// front's main column, or the "more stories" a container holds after a
// short article. It returns the first block of the earliest such run and
// the body bytes before it, or -1. A listicle's linked headings are
// followed by real paragraphs, longer than that.
func (hp *htmlPage) teaserRun() (start, before int) {
	linked, paragraphs, bytes := 0, 0, 0
	start = -1
	for i := len(hp.blocks) - 1; i >= 0; i-- {
		b, hb := &hp.blocks[i], &hp.markup[i]
		if !b.article {
			continue
		}
		switch {
		case hb.heading > 0 && hb.link*2 > b.end-b.start:
			linked++
			if linked >= minTeasers && paragraphs <= 2*linked && bytes <= teaserBytes*linked {
				start = i
			}
		case b.role == RoleParagraph:
			paragraphs++
			bytes += b.end - b.start
		}
	}
	if start < 0 {
		return -1, 0
	}
	for i := range start {
		if b := &hp.blocks[i]; b.article && b.role == RoleParagraph {
			before += b.end - b.start
		}
	}
	return start, before
}

// cutArticle takes the blocks from block i on out of the article.
func (hp *htmlPage) cutArticle(from int) {
	for i := from; i < len(hp.blocks); i++ {
		if b := &hp.blocks[i]; b.article {
			b.article = false
			if !b.fixed {
				b.role = ""
			}
		}
	}
}

const (
	minTeasers  = 4   // linked headings that make a run of teasers
	teaserBytes = 350 // the most body text, per linked heading, of a teaser run
)

// markTeasers gives the teaser role to the run of teasers from block from
// (none when from is -1): each linked heading and the lines under it up to
// the next heading, less what the markup or the text calls furniture.
func (hp *htmlPage) markTeasers(from int) {
	if from < 0 {
		return
	}
	in := false
	for i := from; i < len(hp.blocks); i++ {
		b, hb := &hp.blocks[i], &hp.markup[i]
		if b.article {
			return
		}
		if hb.heading > 0 {
			in = hb.link*2 > b.end-b.start
		}
		if !in || hp.roleOf(i) != "" || b.fixed && b.kind == KindBoilerplate && b.role != RoleNav && b.role != RoleParagraph && b.role != RoleTeaser {
			continue
		}
		b.role, b.kind, b.fixed = RoleTeaser, KindBoilerplate, true
	}
}
