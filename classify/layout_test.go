package classify

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// body is two paragraphs of plain news, enough to make a main article.
const body = `Officials in the port city said on Tuesday that repairs to the main pier would take at least six months and cost about $40 million.

The pier was damaged in a storm last week, forcing cargo ships to anchor offshore and unload onto smaller boats.`

func TestLayout(t *testing.T) {
	c := newClassifier(t, Options{})
	for _, tc := range []struct {
		name string
		page string
		want []wantBlock
	}{
		{"hard-wrapped paragraphs are one block",
			"Storm closes the port for a week\n\nOfficials in the port city said on Tuesday that repairs to the main\npier would take at least six months and cost about $40 million, a\nfigure that could rise if divers find more damage below the waterline.\n\n" + body,
			[]wantBlock{{"Officials in the port city said on Tuesday that repairs to the main\npier would", KindNews, RoleParagraph}}},
		{"share bar, comment count and caption credit",
			"Storm closes the port for a week\n\nFacebook Twitter Email\n\nDamaged cranes at the port on Monday. (AP Photo/Jane Doe)\n\n" + body + "\n\n142 Comments",
			[]wantBlock{
				{"Facebook Twitter Email", KindBoilerplate, RoleShare},
				{"Damaged cranes", KindBoilerplate, RoleCaption},
				{"142 Comments", KindBoilerplate, RoleComments},
			}},
		{"teaser pairs after the article without a header are boilerplate",
			"Storm closes the port for a week\n\n" + body + "\n\nCity council approves new budget\n\nThe council voted 7-2 to approve the spending plan...",
			[]wantBlock{
				{"City council approves", KindBoilerplate, RoleTeaser},
				{"The council voted", KindBoilerplate, RoleTeaser},
			}},
		{"more-from rail",
			"Storm closes the port for a week\n\n" + body + "\n\nMore from Coastal News\n\nFerry service resumes after strike",
			[]wantBlock{
				{"More from Coastal News", KindBoilerplate, RoleSectionHeader},
				{"Ferry service resumes", KindBoilerplate, RoleRelated},
			}},
		{"opinion label above the headline makes the article opinion",
			"OPINION\n\nThe port deserved better planning\n\n" + body,
			[]wantBlock{
				{"OPINION", KindOpinion, RoleSectionHeader},
				{"The port deserved better planning", KindOpinion, RoleHeadline},
				{"The pier was damaged", KindOpinion, RoleParagraph},
			}},
		{"an opinion rail does not change the article",
			"Storm closes the port for a week\n\n" + body + "\n\nOpinion\n\nThe port deserved better planning\n\nWhy the city keeps failing its waterfront...",
			[]wantBlock{
				{"The pier was damaged", KindNews, RoleParagraph},
				{"Opinion", KindOpinion, RoleSectionHeader},
				{"The port deserved better planning", KindOpinion, RoleTeaser},
				{"Why the city keeps failing", KindOpinion, RoleTeaser},
			}},
		{"a More Opinion rail is opinion, not boilerplate",
			"Storm closes the port for a week\n\n" + body + "\n\nMore Opinion\n\nThe port deserved better planning",
			[]wantBlock{
				{"More Opinion", KindOpinion, RoleSectionHeader},
				{"The port deserved better planning", KindOpinion, RoleTeaser},
			}},
		{"a nav bar listing Opinion opens nothing",
			"News • World • Opinion • Sports\n\nStorm closes the port for a week\n\n" + body,
			[]wantBlock{
				{"News • World", KindBoilerplate, RoleNav},
				{"Storm closes the port", KindNews, RoleHeadline},
				{"The pier was damaged", KindNews, RoleParagraph},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), Page{Text: tc.page})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, res, wantPage{genre: res.Page.Genre, blocks: tc.want})
			if t.Failed() {
				for _, b := range res.Blocks {
					t.Logf("%s/%s %.40q", b.Kind, b.Role, b.Text)
				}
			}
		})
	}
}

func TestGenreFromText(t *testing.T) {
	c := newClassifier(t, Options{})
	column := strings.Repeat("I think this plan is absurd and frankly shameful. We should reject it, and you should tell your council member so! What a disgraceful waste.\n\n", 4)
	res, err := c.Classify(context.Background(), Page{Text: "The plan is a disgrace\n\n" + column})
	if err != nil {
		t.Fatal(err)
	}
	if res.Page.Genre != GenreOpinion || !slices.Equal(res.Page.GenreEvidence, []string{"text:evaluative"}) || res.Page.PresentedAs != GenreNews {
		t.Errorf("unlabelled rant: genre %s (score %.2f, evidence %v, presented as %s), want opinion from the text alone (text:evaluative), presented as news", res.Page.Genre, res.Page.OpinionScore, res.Page.GenreEvidence, res.Page.PresentedAs)
	}
	res, err = c.Classify(context.Background(), Page{Text: "Menu\n\nHome"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Page.Genre != GenreOther {
		t.Errorf("page without an article: genre %s, want other", res.Page.Genre)
	}
}

// TestShortTextIsItsOwnArticle: a sentence sent on its own (a request to
// slant.classify, a one-line page) is an article, so its attributions
// count toward its sourcing; a short paragraph beside page furniture is not.
func TestShortTextIsItsOwnArticle(t *testing.T) {
	c := newClassifier(t, Options{})
	for _, tc := range []struct {
		text    string
		article bool
	}{
		{"The minister said the port would reopen on Monday.", true},
		{"Port to reopen\n\nThe minister said the port would reopen on Monday.", true},
		{"Home | News | Sports | Weather\n\nThe minister said the port would reopen on Monday.\n\n© 2026 Example News. All rights reserved.", false},
	} {
		res, err := c.Classify(context.Background(), Page{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Page.Genre != GenreOther; got != tc.article {
			t.Errorf("%q: article found = %v (genre %s), want %v", tc.text, got, res.Page.Genre, tc.article)
		}
		if tc.article && (res.Page.Sourcing.Attributions != 1 || res.Page.Sourcing.Label == SourcingUnsourced) {
			t.Errorf("%q: sourcing %+v, want the minister's attribution counted", tc.text, res.Page.Sourcing)
		}
	}
}
