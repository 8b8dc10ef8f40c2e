package classify

import "context"

type lexicon struct{}

func newLexicon() *lexicon { return &lexicon{} }

// analyze is a placeholder while the analysis is written: one boilerplate-free
// news block per page, no attributions.
func (c *Classifier) analyze(ctx context.Context, p Page) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &Result{Schema: SchemaVersion, ID: p.ID, URL: p.URL, Site: p.Site, Model: BaselineModel,
		Blocks:       []Block{{Kind: KindNews, Role: RoleParagraph, Start: 0, End: len(p.Text), Text: p.Text, Article: true}},
		Sentences:    []Sentence{{Block: 0, Start: 0, End: len(p.Text), LoadedTerms: []Span{}}},
		Attributions: []Attribution{},
	}
	r.Page = PageVerdict{Genre: GenreNews, Sourcing: Sourcing{Label: SourcingUnsourced, ByType: map[SourceType]int{}, ByStrength: map[Strength]int{}, SecondhandFrom: []string{}}}
	return r, nil
}
