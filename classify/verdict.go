package classify

// Verdict stage: block kinds, page genre and sourcing, written into the
// Result.

import (
	"math"
	"strings"
)

// Thresholds of the verdict that do not depend on the sentence scorer.
const (
	subjectiveAt       = 0.5  // sentence subjectivity from which a sentence is subjective
	opinionParagraphAt = 0.75 // block opinion score from which a news article's paragraph, or a block outside the article, reads as opinion
	opinionFloor       = 0.8  // page opinion score of a page marked as opinion by its structure
	coverageTarget     = 0.5  // attributed share at which sourcing coverage counts in full
)

// verdictThresholds place the page verdict on the scale of the sentence
// scores it averages. The lexicon and its blend with the learned models
// have different scales, so each has its own set; plain text and HTML
// pages have their own within it (see verdictFor).
type verdictThresholds struct {
	text, html pathThresholds
}

// pathThresholds are the text's thresholds on one input path.
type pathThresholds struct {
	opinion        float64 // article opinion score from which the text alone makes an opinion piece
	firstPerson    float64 // article opinion score from which a text in the writer's first person makes an opinion piece (above 1: never)
	mixed          float64 // article opinion score from which a news article is mixed
	mixedParagraph float64 // opinion score of one article paragraph that makes a news article mixed (above 1: never)
}

// firstPersonFrom is the rate of the writer's own "I", "me", "my" (outside
// quotations, per 1000 body words) from which the body is written in the
// first person: a columnist's, a reviewer's or a blogger's voice. News
// reports stay under 10 (the first person is in quotes); essays, rants
// and reviews run from 20 to over 40 (tuning half of the HTML labels).
const firstPersonFrom = 15

// verdictFor returns the verdict thresholds of the rules alone
// (slant-rules/1) or of the blend with the learned models (slant/2).
//
// Plain text: what slant eval's search chose on the labelled PolNeAR train
// sample for each scorer (models/README.md, "Page genre"): opinion from
// 0.40, no mixed band. An HTML page's text needs more to make it an opinion
// piece: publishers label their opinion pieces in the markup, so an
// unlabelled page that reads as opinion is more often a blog post, a how-to
// or documentation than a column. The HTML opinion thresholds were chosen
// on the tuning half of the real-HTML labels for opinion precision
// (models/README.md, "Page genre on real HTML"); its mixed thresholds are
// the ones the verdict had before (the rules' set by hand on the fixtures).
func verdictFor(withModels bool) verdictThresholds {
	text := pathThresholds{opinion: 0.40, firstPerson: 2, mixed: 0.40, mixedParagraph: 2}
	if withModels {
		return verdictThresholds{text: text, html: pathThresholds{opinion: 0.62, firstPerson: 0.60, mixed: 0.41, mixedParagraph: 2}}
	}
	return verdictThresholds{text: text, html: pathThresholds{opinion: 0.62, firstPerson: 0.58, mixed: 0.42, mixedParagraph: opinionParagraphAt}}
}

// on returns the thresholds of the HTML path (html) or the plain-text path.
func (t verdictThresholds) on(html bool) pathThresholds {
	if html {
		return t.html
	}
	return t.text
}

// verdict is the last stage: it scores each block by its sentences, settles
// the kinds that depend on those scores, decides the page's genre and grades
// its sourcing, and writes the Result.
func (c *Classifier) verdict(p Page, a *analysis) *Result {
	res := &Result{Schema: SchemaVersion, ID: p.ID, URL: p.URL, Site: p.Site, Model: c.model}
	if a.extracted {
		res.Text = a.text
	}
	res.Sentences = make([]Sentence, len(a.sents))
	for si, s := range a.sents {
		res.Sentences[si] = Sentence{Block: s.block, Start: s.start, End: s.end,
			Subjectivity: round3(s.subjectivity), Subjective: s.subjectivity >= subjectiveAt, LoadedTerms: s.loaded}
	}
	scores, body := blockScores(a.blocks, res.Sentences)
	// Whether each attribution sources a claim: the genre asks it of the
	// article's, sourcing of all.
	claims := make([]bool, len(a.found))
	for i := range a.found {
		claims[i] = c.lex.claim(&a.found[i])
	}
	g := c.genre(a.article, a.extracted, body, c.voiceOf(a, claims), a.blocks, scores)
	res.Blocks = make([]Block, len(a.blocks))
	for bi := range a.blocks {
		b := &a.blocks[bi]
		b.kind = g.blockKind(b, scores[bi])
		res.Blocks[bi] = Block{Kind: b.kind, Role: b.role, Start: b.start, End: b.end, Text: a.text[b.start:b.end], Article: b.article, OpinionScore: scores[bi]}
	}
	res.Page = PageVerdict{Genre: g.genre, OpinionScore: g.opinionScore, GenreEvidence: g.evidence, PresentedAs: g.presentedAs}
	res.Attributions = make([]Attribution, len(a.found))
	for i := range a.found {
		a.found[i].Score = round3(a.found[i].Score)
		res.Attributions[i] = a.found[i].Attribution
	}
	res.Page.Sourcing = sourcing(res, a.found, claims)
	return res
}

// blockScores returns each block's opinion score (the length-weighted mean
// of its sentences' subjectivity) and the article body's.
func blockScores(blocks []block, sents []Sentence) (scores []float64, body float64) {
	scores = make([]float64, len(blocks))
	var bodySum, bodyWeight float64
	for bi := range blocks {
		var sum, weight float64
		for _, si := range blocks[bi].sentences {
			s := sents[si]
			w := float64(s.End - s.Start)
			sum += s.Subjectivity * w
			weight += w
		}
		if weight > 0 {
			scores[bi] = round3(sum / weight) // the verdict agrees with the reported score
		}
		if blocks[bi].article && blocks[bi].role == RoleParagraph {
			bodySum += sum
			bodyWeight += weight
		}
	}
	if bodyWeight > 0 {
		body = round3(bodySum / bodyWeight)
	}
	return scores, body
}

// pageGenre is the page's genre and what decides each block's kind.
type pageGenre struct {
	genre        Genre
	presentedAs  Genre
	opinionScore float64
	evidence     []string
	opinionPiece bool // the whole article is opinion
}

// genre decides the page's genre. The page's own markup and structure
// decide first: no article is other; an opinion label (art.evidence) is
// opinion; markup that makes the main content neither news nor opinion (a
// recipe, a product, a how-to, a wiki page: art.other) is other, and
// outweighs an opinion byline or author note, which say who wrote the page
// rather than what it is. The text decides only where it can be read — an
// English body, since the sentence scorers are English — and says why in
// the evidence: an opinion piece from its score alone ("text:evaluative"),
// or on an HTML page from a lower score in the writer's own first person
// ("text:first-person+evaluative"). Markup that calls the page news (JSON-LD
// NewsArticle) keeps it at most mixed. Anything else is news.
func (c *Classifier) genre(art article, html bool, body float64, v bodyVoice, blocks []block, scores []float64) pageGenre {
	g := pageGenre{opinionScore: body, evidence: []string{}, presentedAs: GenreNews}
	switch {
	case !art.found:
		g.genre, g.presentedAs = GenreOther, GenreOther
	case len(art.evidence) > 0 && (art.other == "" || labelled(art.evidence)):
		g.genre, g.presentedAs, g.opinionPiece = GenreOpinion, GenreOpinion, true
		g.evidence = art.evidence
		g.opinionScore = math.Max(body, opinionFloor)
	case art.other != "" && art.other != noArticleMarkup && art.other != codeListings:
		g.genre, g.presentedAs = GenreOther, GenreOther
		g.evidence = []string{art.other}
	case v.placeholder >= placeholderFrom:
		// Lorem ipsum: a template, not an article.
		g.genre, g.presentedAs = GenreOther, GenreOther
		g.evidence = []string{"text:placeholder"}
	case len(art.news) == 0 && c.textOpinion(html, body, v) != "":
		g.genre, g.opinionPiece = GenreOpinion, true
		g.evidence = []string{c.textOpinion(html, body, v)}
	case art.other == codeListings, art.other == noArticleMarkup && !v.claimed:
		// Code listings (a technical post, documentation), or no article
		// markup at all and no claim attributed (a company, product or
		// reference page). Weaker than the text's opinion evidence, which
		// a personal essay or a rant may carry; a page of plain markup that
		// cites sources is a report.
		g.genre, g.presentedAs = GenreOther, GenreOther
		g.evidence = []string{art.other}
	case v.readsEnglish() && (body >= c.thresholds.on(html).mixed || paragraphMixed(blocks, scores, c.thresholds.on(html))):
		g.genre = GenreMixed
		g.evidence = append(g.evidence, art.news...)
	default:
		g.genre = GenreNews
		g.evidence = append(g.evidence, art.news...)
	}
	return g
}

// textOpinion returns the evidence that makes the body alone an opinion
// piece, or "": see genre.
func (c *Classifier) textOpinion(html bool, body float64, v bodyVoice) string {
	th := c.thresholds.on(html)
	switch {
	case !v.readsEnglish():
		return ""
	case body >= th.opinion:
		return "text:evaluative"
	case body >= th.firstPerson && v.firstPerson >= firstPersonFrom:
		return "text:first-person+evaluative"
	}
	return ""
}

// labelled reports opinion evidence that labels the page itself (a
// section, a type, a headline, a URL), not only its writer (a byline, an
// author note).
func labelled(evidence []string) bool {
	for _, e := range evidence {
		if !strings.HasPrefix(e, "byline:") && !strings.HasPrefix(e, "note:") {
			return true
		}
	}
	return false
}

// voiceOf reads the article body's voice (genre_text.go) and whether a
// claim is attributed in it (claims[i]: a.found[i] is a claim).
func (c *Classifier) voiceOf(a *analysis, claims []bool) bodyVoice {
	v := c.lex.voice(a.text, a.blocks)
	for i := range a.found {
		if f := &a.found[i]; claims[i] && a.blocks[a.sents[f.Sentence].block].article {
			v.claimed = true
			break
		}
	}
	return v
}

// paragraphMixed reports an article paragraph whose score makes a news
// article mixed.
func paragraphMixed(blocks []block, scores []float64, th pathThresholds) bool {
	for bi := range blocks {
		if b := &blocks[bi]; b.article && b.role == RoleParagraph && scores[bi] >= opinionParagraphAt && scores[bi] >= th.mixedParagraph {
			return true
		}
	}
	return false
}

// blockKind settles the kind of a block whose kind depends on the text's
// tone: article blocks, and blocks the layout left open.
func (g pageGenre) blockKind(b *block, score float64) Kind {
	switch {
	case b.article && g.opinionPiece:
		return KindOpinion
	case b.article && b.role == RoleParagraph && score >= opinionParagraphAt:
		return KindOpinion
	case b.article:
		return KindNews
	case b.kind == "" && score >= opinionParagraphAt:
		return KindOpinion
	case b.kind == "":
		return KindNews
	}
	return b.kind
}

// claim reports an attribution that sources something: not a thought, and
// with a content that says something ("The company declined to comment"
// sources nothing).
func (lx *lexicon) claim(f *found) bool {
	if !f.CueKind.CountsAsSourcing() {
		return false
	}
	content := strings.Trim(f.Content.Text, " .,;:\"“”")
	return content != "" && !lx.saysNothing(content)
}

// saysNothing reports a content that is, or opens with, a no-comment
// phrase: "to comment", "to comment on the timing".
func (lx *lexicon) saysNothing(content string) bool {
	for _, p := range lx.noComments {
		// p is lower-case ASCII: comparing content's first len(p) bytes
		// without case reads it as lowering content would, and costs no
		// copy of a content that is usually a long sentence.
		if len(content) >= len(p) && strings.EqualFold(content[:len(p)], p) && (len(content) == len(p) || content[len(p)] == ' ') {
			return true
		}
	}
	return false
}

// sourcing grades the main article's attributions of claims (a thought,
// "X believes", is listed but does not source anything); claims[i] says
// whether fs[i] is one.
func sourcing(res *Result, fs []found, claims []bool) Sourcing {
	types, strengths := SourceTypes(), Strengths()
	s := Sourcing{ByType: make(map[SourceType]int, len(types)), ByStrength: make(map[Strength]int, len(strengths)), SecondhandFrom: []string{}}
	for _, t := range types {
		s.ByType[t] = 0
	}
	for _, st := range strengths {
		s.ByStrength[st] = 0
	}
	inArticle := func(sentence int) bool {
		return res.Blocks[res.Sentences[sentence].Block].Article
	}
	body, attributed := 0, 0
	hasAttr := make([]bool, len(res.Sentences))
	for i, f := range fs {
		hasAttr[f.Sentence] = hasAttr[f.Sentence] || claims[i]
	}
	for si, sent := range res.Sentences {
		b := res.Blocks[sent.Block]
		if b.Article && b.Role == RoleParagraph {
			body++
			if hasAttr[si] {
				attributed++
			}
		}
	}
	sum := 0.0
	seen := map[string]bool{}
	for i, f := range fs {
		if !claims[i] || !inArticle(f.Sentence) {
			continue
		}
		s.Attributions++
		s.ByType[f.SourceType]++
		s.ByStrength[f.Strength]++
		sum += f.Score
		if f.SourceType == SourceMediaOutlet && f.outlet != "" && !seen[f.outlet] {
			seen[f.outlet] = true
			s.SecondhandFrom = append(s.SecondhandFrom, f.outlet)
		}
	}
	if body > 0 {
		s.AttributedShare = round3(float64(attributed) / float64(body))
	}
	if s.Attributions == 0 {
		s.Label = SourcingUnsourced
		return s
	}
	s.Score = round3(sum / float64(s.Attributions) * math.Min(1, s.AttributedShare/coverageTarget))
	switch {
	case s.Score >= 0.65:
		s.Label = SourcingStrong
	case s.Score >= 0.4:
		s.Label = SourcingModerate
	default:
		s.Label = SourcingWeak
	}
	return s
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
