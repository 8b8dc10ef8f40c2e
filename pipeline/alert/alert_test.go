package alert

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slantwire/slant/classify"
)

func TestDefaultRulesParse(t *testing.T) {
	r, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, rule := range r.Rules {
		names = append(names, rule.Name)
	}
	for _, want := range []string{"anonymous_sourcing", "opinion_in_news", "weak_sourcing", "secondhand_reliance"} {
		if !slices.Contains(names, want) {
			t.Errorf("built-in rules lack %s", want)
		}
	}
}

func TestRulesEvaluate(t *testing.T) {
	rules, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	page := func(genre classify.Genre, opinion float64, label classify.SourcingLabel, byType map[classify.SourceType]int, secondhand ...string) *classify.Result {
		n := 0
		for _, c := range byType {
			n += c
		}
		return &classify.Result{ID: "x", Page: classify.PageVerdict{Genre: genre, OpinionScore: opinion,
			Sourcing: classify.Sourcing{Label: label, Attributions: n, ByType: byType, SecondhandFrom: secondhand}}}
	}
	named := map[classify.SourceType]int{classify.SourceNamedPerson: 4}
	tests := []struct {
		name string
		res  *classify.Result
		want []string
	}{
		{"well sourced news", page(classify.GenreNews, 0.05, classify.SourcingStrong, named), nil},
		{"mostly anonymous", page(classify.GenreNews, 0.05, classify.SourcingModerate,
			map[classify.SourceType]int{classify.SourceAnonymous: 3, classify.SourceNamedPerson: 1}), []string{"anonymous_sourcing"}},
		{"one anonymous source is too few to judge", page(classify.GenreNews, 0.05, classify.SourcingModerate,
			map[classify.SourceType]int{classify.SourceAnonymous: 1}), nil},
		{"anonymous at the threshold", page(classify.GenreNews, 0.05, classify.SourcingModerate,
			map[classify.SourceType]int{classify.SourceAnonymous: 2, classify.SourceNamedPerson: 3}), nil},
		{"opinion in news", page(classify.GenreNews, 0.41, classify.SourcingStrong, named), []string{"opinion_in_news"}},
		{"opinion in a mixed page", page(classify.GenreMixed, 0.5, classify.SourcingStrong, named), []string{"opinion_in_news"}},
		{"plain news reads a little subjective", page(classify.GenreNews, 0.3, classify.SourcingStrong, named), nil},
		{"opinion column is not opinion in news", page(classify.GenreOpinion, 0.9, classify.SourcingStrong, named), nil},
		{"unsourced news", page(classify.GenreNews, 0, classify.SourcingUnsourced, nil), []string{"weak_sourcing"}},
		{"weak news", page(classify.GenreNews, 0, classify.SourcingWeak, named), []string{"weak_sourcing"}},
		{"unsourced index page", page(classify.GenreOther, 0, classify.SourcingUnsourced, nil), nil},
		{"wire rewrite", page(classify.GenreNews, 0.05, classify.SourcingWeak,
			map[classify.SourceType]int{classify.SourceMediaOutlet: 2, classify.SourceAnonymous: 1}, "Reuters"),
			[]string{"weak_sourcing", "secondhand_reliance"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, a := range rules.Evaluate(tc.res, time.Now()) {
				got = append(got, a.Rule)
				if a.ID != "x" || a.Schema != Schema {
					t.Errorf("alert %+v", a)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("fired %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"unknown metric", `{"rules":[{"name":"a","metric":"vibes","above":1}]}`, "unknown metric"},
		{"misspelt field", `{"rules":[{"name":"a","metric":"opinion_score","abov":1}]}`, "unknown field"},
		{"no threshold", `{"rules":[{"name":"a","metric":"opinion_score"}]}`, "needs"},
		{"label without in", `{"rules":[{"name":"a","metric":"sourcing_label"}]}`, "needs"},
		{"bad source type", `{"rules":[{"name":"a","metric":"source_type_share","above":0.1,"source_types":["aliens"]}]}`, "unknown source type"},
		{"bad name", `{"rules":[{"name":"Bad Name","metric":"opinion_score","above":1}]}`, "name"},
		{"no name", `{"rules":[{"metric":"opinion_score","above":1}]}`, "name"},
		{"long name", `{"rules":[{"name":"` + strings.Repeat("x", 65) + `","metric":"opinion_score","above":1}]}`, "name"},
		{"duplicate", `{"rules":[{"name":"a","metric":"opinion_score","above":1},{"name":"a","metric":"opinion_score","above":1}]}`, "duplicate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}
