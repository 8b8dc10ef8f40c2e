package classify

import (
	"context"
	"math"

	"github.com/slantwire/slant/models"
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
// have different scales, so each has its own set.
type verdictThresholds struct {
	opinionPiece   float64 // article opinion score from which the text alone makes an opinion piece
	mixed          float64 // article opinion score from which a news article is mixed
	mixedParagraph float64 // opinion score of one article paragraph that makes a news article mixed (above 1: never)
}

// verdictFor returns the verdict thresholds of the rules alone
// (slant-rules/1) or of the blend with the learned models (slant-models/1).
//
// The rules' were set by hand on the fixture pages. slant eval measures them
// on labelled PolNeAR pages, where lower thresholds would score better
// (models/README.md, "Page genre"), but they would move text-only
// opinionated pages from news and mixed to opinion, out of what the
// opinion_in_news alert watches. The models' are what slant eval's search
// chose on the labelled PolNeAR train sample.
func verdictFor(withModels bool) verdictThresholds {
	if withModels {
		return verdictThresholds{opinionPiece: 0.41, mixed: 0.41, mixedParagraph: 2}
	}
	return verdictThresholds{opinionPiece: 0.55, mixed: 0.42, mixedParagraph: opinionParagraphAt}
}

// document is what a front end makes of a page: the text every span points
// into, its blocks in page order with their roles, and the main article.
type document struct {
	text      string
	blocks    []block
	article   article
	extracted bool // text was extracted from markup, so Result.Text carries it
}

// analyze runs the steps on a validated page: blocks and their layout, then
// per block the tokens, sentences, attributions and subjectivity, then the
// kinds that depend on subjectivity and the page verdict.
func (c *Classifier) analyze(ctx context.Context, p Page) (*Result, error) {
	var doc document
	if p.Text != "" {
		doc = c.readText(p)
	} else {
		var err error
		if doc, err = c.readHTML(ctx, p); err != nil {
			return nil, err
		}
	}
	res := &Result{Schema: SchemaVersion, ID: p.ID, URL: p.URL, Site: p.Site, Model: c.model}
	if doc.extracted {
		res.Text = doc.text
	}
	return c.analyzeBlocks(ctx, doc.text, doc.blocks, doc.article, res)
}

// readText is the plain-text front end: blocks from lines, roles from
// each block's text and its neighbours.
func (c *Classifier) readText(p Page) document {
	blocks := segment(p.Text)
	c.describe(p.Text, blocks)
	art := c.layout(p.Text, blocks, p.URL)
	return document{text: p.Text, blocks: blocks, article: art}
}

// analyzeBlocks runs everything after block building, shared by the text and
// HTML paths: per block the tokens, sentences, attributions and
// subjectivity, then the kinds that depend on subjectivity and the verdict.
func (c *Classifier) analyzeBlocks(ctx context.Context, text string, blocks []block, art article, res *Result) (*Result, error) {
	tz := tokenizer{lx: c.lex}
	var (
		toks    []token
		pairs   [][2]int
		spans   [][2]int
		fs      []found
		scratch models.Scratch // the learned models' buffers, for this page
	)
	for bi := range blocks {
		if err := ctxErr(ctx, bi); err != nil {
			return nil, err
		}
		b := &blocks[bi]
		if b.kind == KindBoilerplate {
			continue
		}
		toks = tz.tokenize(toks[:0], text[b.start:b.end], b.start)
		if len(toks) == 0 {
			continue
		}
		pairs = markQuotes(text, toks, pairs[:0])
		spans = c.splitSentences(spans[:0], text, b.start, b.end, toks)
		ti := 0
		for si, sp := range spans {
			if err := ctxErr(ctx, si+1); err != nil {
				return nil, err
			}
			t0 := ti
			for ti < len(toks) && toks[ti].start < sp[1] {
				ti++
			}
			sc := sentenceCtx{text: text, toks: toks[t0:ti], index: len(res.Sentences), scratch: &scratch}
			before := len(fs)
			if b.role != RoleByline && b.role != RoleDateline {
				fs = c.attributions(&sc, fs)
				if len(fs) == before {
					fs = c.taggedAttribution(&sc, fs)
				}
			}
			subj, loaded, err := c.subjectivity(&sc, len(fs) > before)
			if err != nil {
				return nil, err
			}
			b.sentences = append(b.sentences, sc.index)
			res.Sentences = append(res.Sentences, Sentence{
				Block: bi, Start: sp[0], End: sp[1],
				Subjectivity: round3(subj), Subjective: subj >= subjectiveAt, LoadedTerms: loaded,
			})
		}
	}
	fs = resolve(fs)

	res.Blocks = c.finishBlocks(text, blocks, art, res)
	res.Attributions = make([]Attribution, len(fs))
	for i := range fs {
		fs[i].Score = round3(fs[i].Score)
		res.Attributions[i] = fs[i].Attribution
	}
	res.Page.Sourcing = sourcing(res, fs)
	if res.Sentences == nil {
		res.Sentences = []Sentence{}
	}
	return res, nil
}

// finishBlocks scores each block's text (the length-weighted mean of its
// sentences' subjectivity), settles the kinds that depend on it and the
// page's genre, and returns the result's blocks.
func (c *Classifier) finishBlocks(text string, blocks []block, art article, res *Result) []Block {
	th := c.verdict
	scores := make([]float64, len(blocks))
	var bodySum, bodyWeight float64
	for bi := range blocks {
		var sum, weight float64
		for _, si := range blocks[bi].sentences {
			s := res.Sentences[si]
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
	bodyScore := 0.0
	if bodyWeight > 0 {
		bodyScore = round3(bodySum / bodyWeight)
	}
	// Markup that calls the page news (JSON-LD NewsArticle) outweighs the
	// text's tone alone: such a page is at most mixed.
	opinionPiece := len(art.evidence) > 0 || bodyScore >= th.opinionPiece && len(art.news) == 0
	mixed := false
	out := make([]Block, len(blocks))
	for bi := range blocks {
		b := &blocks[bi]
		switch {
		case b.article && opinionPiece:
			b.kind = KindOpinion
		case b.article && b.role == RoleParagraph && scores[bi] >= opinionParagraphAt:
			b.kind = KindOpinion
			mixed = mixed || scores[bi] >= th.mixedParagraph
		case b.article:
			b.kind = KindNews
		case b.kind == "" && scores[bi] >= opinionParagraphAt:
			b.kind = KindOpinion
		case b.kind == "":
			b.kind = KindNews
		}
		out[bi] = Block{Kind: b.kind, Role: b.role, Start: b.start, End: b.end, Text: text[b.start:b.end], Article: b.article, OpinionScore: scores[bi]}
	}
	v := &res.Page
	v.OpinionScore = bodyScore
	v.GenreEvidence = art.evidence
	if !opinionPiece && len(art.news) > 0 {
		v.GenreEvidence = art.news
	}
	if v.GenreEvidence == nil {
		v.GenreEvidence = []string{}
	}
	switch {
	case !art.found:
		v.Genre = GenreOther
	case opinionPiece:
		v.Genre = GenreOpinion
		if len(art.evidence) > 0 {
			v.OpinionScore = math.Max(bodyScore, opinionFloor)
		}
	case mixed || bodyScore >= th.mixed:
		v.Genre = GenreMixed
	default:
		v.Genre = GenreNews
	}
	return out
}

// sourcing grades the main article's attributions.
func sourcing(res *Result, fs []found) Sourcing {
	s := Sourcing{ByType: map[SourceType]int{}, ByStrength: map[Strength]int{}, SecondhandFrom: []string{}}
	for _, t := range SourceTypes {
		s.ByType[t] = 0
	}
	for _, st := range Strengths {
		s.ByStrength[st] = 0
	}
	inArticle := func(sentence int) bool {
		return res.Blocks[res.Sentences[sentence].Block].Article
	}
	body, attributed := 0, 0
	hasAttr := make(map[int]bool, len(fs))
	for _, f := range fs {
		hasAttr[f.Sentence] = true
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
	for _, f := range fs {
		if !inArticle(f.Sentence) {
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
