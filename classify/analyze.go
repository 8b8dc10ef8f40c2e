package classify

import (
	"context"

	"github.com/slantwire/slant/models"
)

// maxSpareTokens bounds the token buffer an analysis may keep for the next
// page: a hostile page's millions of tokens are not held after it.
const maxSpareTokens = 1 << 16

// analyze runs the stages on a validated page. Each stage reads what the
// ones before it left in the analysis:
//
//	read          page (text or HTML) → blocks with kinds and roles, the main article
//	sentences     a block → its tokens, quotations and sentences
//	attributions  its sentences → sources, cues and contents, typed and graded
//	subjectivity  its sentences → subjectivity scores and loaded terms
//	resolve       pronouns, anaphors and "per the outlet" → what they stand for
//	verdict       blocks and sentences → block kinds, genre, sourcing: the Result
//
// The sentence stages run block by block, so that a page holds the tokens
// of one block at a time, not of the whole page.
func (c *Classifier) analyze(ctx context.Context, p Page) (*Result, error) {
	doc, err := c.read(ctx, p)
	if err != nil {
		return nil, err
	}
	a := c.newAnalysis(doc)
	defer c.release(a)
	for bi := range a.blocks {
		if err := ctxErr(ctx, bi); err != nil {
			return nil, err
		}
		from := len(a.sents)
		if err := c.sentences(ctx, a, bi); err != nil {
			return nil, err
		}
		if err := c.attributions(ctx, a, from); err != nil {
			return nil, err
		}
		if err := c.subjectivity(ctx, a, from); err != nil {
			return nil, err
		}
	}
	a.found = resolve(a.found)
	return c.verdict(p, a), nil
}

// document is what a front end makes of a page: the text every span points
// into, its blocks in page order with their roles, and the main article.
type document struct {
	text      string
	blocks    []block
	article   article
	extracted bool // text was extracted from markup, so Result.Text carries it
}

// read runs the page's front end: plain text (segment.go, roles.go,
// layout.go) or HTML (html_*.go). Both make the same document.
func (c *Classifier) read(ctx context.Context, p Page) (document, error) {
	if p.Text == "" {
		return c.readHTML(ctx, p)
	}
	blocks := segment(p.Text)
	c.describe(p.Text, blocks)
	art := c.layout(p.Text, blocks, p.URL)
	return document{text: p.Text, blocks: blocks, article: art}, nil
}

// newAnalysis returns an analysis of doc, with the buffers an earlier page
// left: a page's tokens, sentences and model scratch then grow from where
// the last page's did rather than from nothing.
func (c *Classifier) newAnalysis(doc document) *analysis {
	a, _ := c.spare.Get().(*analysis)
	if a == nil {
		a = &analysis{tokenizer: tokenizer{lx: c.lex}}
	}
	a.document = doc
	return a
}

// release keeps a's buffers for the next page. Nothing of a reaches the
// Result but copies and slices the stages allocate for it (a sentence's
// loaded spans, an attribution's further contents), so it is safe to
// reuse once the Result is made.
func (c *Classifier) release(a *analysis) {
	if cap(a.toks) > maxSpareTokens {
		return
	}
	*a = analysis{
		tokenizer: a.tokenizer,
		toks:      a.toks[:0],
		sents:     a.sents[:0],
		found:     a.found[:0],
		tagged:    a.tagged[:0],
		ruled:     a.ruled[:0],
		spans:     a.spans[:0],
		mentions:  a.mentions[:0],
		scratch:   a.scratch,
	}
	c.spare.Put(a)
}

// analysis is one page on its way through the stages.
type analysis struct {
	document
	tokenizer tokenizer
	toks      []token    // the tokens of the current block
	sents     []sentence // in page order
	found     []found    // attributions, in sentence order
	tagged    []found    // the current block's attributions by the tagger (attribution.go)
	ruled     []found    // the current sentence's attributions by the rules
	spans     [][2]int   // sentence spans of the current block
	mentions  []mention  // named people and organisations the current block mentions (mention.go)
	carried   [2]mention // the last person and organisation before the current block
	scratch   models.Scratch
}

// sentence is one sentence of the page as the stages fill it in.
type sentence struct {
	block        int
	start, end   int // bytes in the page text
	t0, t1       int // its tokens are analysis.toks[t0:t1] while its block is current
	attributed   bool
	subjectivity float64
	loaded       []Span
}

// context returns the sentence as the attribution and subjectivity rules read it.
func (a *analysis) context(si int) sentenceCtx {
	s := &a.sents[si]
	return sentenceCtx{text: a.text, toks: a.toks[s.t0:s.t1], index: si, scratch: &a.scratch}
}
