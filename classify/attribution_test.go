package classify

import (
	"context"
	"testing"
)

func TestAttributions(t *testing.T) {
	c := newClassifier(t, Options{Rules: true})
	type want struct {
		source, cue, content string
		sourceType           SourceType
		quote                QuoteKind
		antecedent           string
	}
	for _, tc := range []struct {
		name string
		text string
		want []want // in order; nil means none
	}{
		{"source after a quote", `"The deal is close," an American official stated.`,
			[]want{{"an American official", "stated", `"The deal is close,"`, SourceUnnamedOfficial, QuoteDirect, ""}}},
		{"inverted source after a quote", `"We are not leaving," said Defense Minister Lloyd Austin.`,
			[]want{{"Defense Minister Lloyd Austin", "said", `"We are not leaving,"`, SourceNamedPerson, QuoteDirect, ""}}},
		{"source before a clause", "Sources familiar with the matter have revealed that the plan was dropped.",
			[]want{{"Sources familiar with the matter", "have revealed", "the plan was dropped", SourceAnonymous, QuoteIndirect, ""}}},
		{"fronted according to", "According to Reuters, the talks collapsed on Friday.",
			[]want{{"Reuters", "According to", "the talks collapsed on Friday", SourceMediaOutlet, QuoteIndirect, ""}}},
		{"trailing according to", "The talks collapsed on Friday, according to two diplomats.",
			[]want{{"two diplomats", "according to", "The talks collapsed on Friday", SourceUnnamedOfficial, QuoteIndirect, ""}}},
		{"trailing per", "The company lost $2 billion last year, per Bloomberg.",
			[]want{{"Bloomberg", "per", "The company lost $2 billion last year", SourceMediaOutlet, QuoteIndirect, ""}}},
		{"title before a name", "Iraqi Prime Minister Mohammed Shia al-Sudani also cited the attacks as a reason for a deal.",
			[]want{{"Iraqi Prime Minister Mohammed Shia al-Sudani", "cited", "the attacks as a reason for a deal", SourceNamedPerson, QuoteIndirect, ""}}},
		{"unnamed official of a named body", "A State Department spokesperson said the embassy would stay open.",
			[]want{{"A State Department spokesperson", "said", "the embassy would stay open", SourceUnnamedOfficial, QuoteIndirect, ""}}},
		{"group", `Protesters chanted "no more war" outside the ministry.`,
			[]want{{"Protesters", "chanted", `"no more war" outside the ministry`, SourceUnnamedGroup, QuoteMixed, ""}}},
		{"pronoun resolved to a person", "Mayor Karen Bass said the city was ready. She added that crews were on standby.",
			[]want{
				{"Mayor Karen Bass", "said", "the city was ready", SourceNamedPerson, QuoteIndirect, ""},
				{"She", "added", "crews were on standby", SourceNamedPerson, QuoteIndirect, "Mayor Karen Bass"},
			}},
		{"document", "A report released by the inspector general found that the agency ignored warnings.",
			[]want{{"A report released by the inspector general", "found", "the agency ignored warnings", SourceDocument, QuoteIndirect, ""}}},
		{"organisation", "The Pentagon said in a statement that two drones were shot down.",
			[]want{{"The Pentagon", "said", "two drones were shot down", SourceNamedOrganization, QuoteIndirect, ""}}},
		{"told reporters", "Smith told reporters on Monday that the bill would pass.",
			[]want{{"Smith", "told", "the bill would pass", SourceNamedPerson, QuoteIndirect, ""}}},
		{"short relative clause", "An official who spoke on condition of anonymity said the strike was planned for weeks.",
			[]want{{"An official who spoke on condition of anonymity", "said", "the strike was planned for weeks", SourceAnonymous, QuoteIndirect, ""}}},
		{"place for its government", "Washington said the sanctions would stay.",
			[]want{{"Washington", "said", "the sanctions would stay", SourceNamedOrganization, QuoteIndirect, ""}}},
		{"per cent is no cue", "Prices rose 4 per cent in March.", nil},
		{"participle is no cue", "The reported attack killed three soldiers.", nil},
		{"passive is no cue", "He was told to leave the building.", nil},
		{"United States is no cue", "The United States is sending more ships.", nil},
		{"the writer's I is no source", "I said it before and I will say it again.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), Page{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Attributions) != len(tc.want) {
				t.Fatalf("got %d attributions %s, want %d", len(res.Attributions), attrSummary(res), len(tc.want))
			}
			for i, w := range tc.want {
				a := res.Attributions[i]
				if a.Source.Text != w.source || a.Cue.Text != w.cue || a.Content.Text != w.content {
					t.Errorf("got source %q cue %q content %q\nwant source %q cue %q content %q", a.Source.Text, a.Cue.Text, a.Content.Text, w.source, w.cue, w.content)
				}
				if a.SourceType != w.sourceType || a.Quote != w.quote {
					t.Errorf("%q: got %s/%s, want %s/%s", w.source, a.SourceType, a.Quote, w.sourceType, w.quote)
				}
				if (a.Antecedent == nil) != (w.antecedent == "") || a.Antecedent != nil && a.Antecedent.Text != w.antecedent {
					t.Errorf("%q: antecedent %v, want %q", w.source, a.Antecedent, w.antecedent)
				}
			}
		})
	}
}

func TestStrengthScale(t *testing.T) {
	for _, tc := range []struct {
		f    found
		want Strength
	}{
		{found{Attribution: Attribution{SourceType: SourceNamedPerson, Quote: QuoteDirect}}, StrengthStrong},
		{found{Attribution: Attribution{SourceType: SourceDocument}}, StrengthStrong},
		{found{Attribution: Attribution{SourceType: SourceNamedOrganization}}, StrengthStrong},
		{found{Attribution: Attribution{SourceType: SourceNamedOrganization}, metonymy: true}, StrengthModerate},
		{found{Attribution: Attribution{SourceType: SourceUnnamedOfficial}, body: true}, StrengthModerate},
		{found{Attribution: Attribution{SourceType: SourceUnnamedOfficial}}, StrengthWeak},
		{found{Attribution: Attribution{SourceType: SourceMediaOutlet}}, StrengthWeak},
		{found{Attribution: Attribution{SourceType: SourceAnonymous}}, StrengthWeak},
	} {
		if got := strengthOf(score(&tc.f)); got != tc.want {
			t.Errorf("%s (body=%v metonymy=%v): %s, want %s", tc.f.SourceType, tc.f.body, tc.f.metonymy, got, tc.want)
		}
	}
	// The scale orders sources as documented.
	order := []SourceType{SourceNamedPerson, SourceDocument, SourceNamedOrganization, SourceMediaOutlet, SourceUnnamedGroup, SourceAnonymous}
	for i := 1; i < len(order); i++ {
		a, b := found{Attribution: Attribution{SourceType: order[i-1]}}, found{Attribution: Attribution{SourceType: order[i]}}
		if score(&a) <= score(&b) {
			t.Errorf("%s scores %v, not above %s at %v", order[i-1], score(&a), order[i], score(&b))
		}
	}
}
