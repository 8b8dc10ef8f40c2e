package classify

import (
	"context"
	"slices"
	"testing"
)

// wantFound is one expected attribution of the engine: its spans' text,
// its source type and its cue kind ("" where any will do).
type wantFound struct {
	source, cue, content string
	more                 []string
	sourceType           SourceType
	cueKind              CueKind
	antecedent           string
}

// TestAttributionEngine holds the engine (tagger and rules, with the
// models) to one sentence of each class of attribution the product must
// read: split quotes, appositions, honorifics, channels, thoughts,
// findings, written channels, datelines, relative clauses, groups.
func TestAttributionEngine(t *testing.T) {
	c := newClassifier(t, Options{})
	for _, tc := range []struct {
		text string
		want []wantFound
	}{
		{`"We will win," she said, "and we will win soon."`,
			[]wantFound{{source: "she", cue: "said", content: `"We will win,"`, more: []string{`"and we will win soon."`}, cueKind: CueSpeech}}},
		{"Jane Roe, a lawyer for the family, said the police had not called her.",
			[]wantFound{{source: "Jane Roe, a lawyer for the family,", cue: "said", content: "the police had not called her", sourceType: SourceNamedPerson, cueKind: CueSpeech}}},
		// A subordinate clause's source is not the main clause's.
		{"The troops have become a target, and while the US originally said such attacks would have to stop before any talks were held, Washington appears to have dropped that condition.",
			[]wantFound{{source: "the US originally", cue: "said"}, {source: "Washington", cue: "appears"}}},
		// The listener of a passive "was told" is no source.
		{"The minister was told that the plan had failed.", nil},
		{"She was asked whether the talks would resume.", nil},
		{"Mr. King said the deal was done.",
			[]wantFound{{source: "Mr. King", cue: "said", content: "the deal was done", sourceType: SourceNamedPerson}}},
		{"According to a report by Bloomberg, the company is in talks.",
			[]wantFound{{source: "a report by Bloomberg", cue: "According to", content: "the company is in talks", sourceType: SourceMediaOutlet, cueKind: CueAccordingTo}}},
		{"The senator believes the bill will pass.",
			[]wantFound{{source: "The senator", cue: "believes", content: "the bill will pass", sourceType: SourceUnnamedOfficial, cueKind: CueThought}}},
		{"The study shows that sea levels rose by 3 millimetres a year.",
			[]wantFound{{source: "The study", cue: "shows", content: "that sea levels rose by 3 millimetres a year", sourceType: SourceDocument, cueKind: CueEvidence}}},
		{"GENEVA (Reuters) - The United Nations refugee agency said on Monday that a convoy reached Gaza.",
			[]wantFound{{source: "The United Nations refugee agency", sourceType: SourceNamedOrganization}}},
		{"Republicans said the vote was rigged.",
			[]wantFound{{source: "Republicans", cue: "said", content: "the vote was rigged", sourceType: SourceUnnamedGroup}}},
		{"The Israeli military said in a statement that it had struck a depot.",
			[]wantFound{{source: "The Israeli military", cue: "said in a statement", content: "that it had struck a depot", sourceType: SourceNamedOrganization, cueKind: CueDocument}}},
		{"Rep. Jane Roe (D-NY) said the bill was dead.",
			[]wantFound{{source: "Rep. Jane Roe (D-NY)", cue: "said", content: "the bill was dead", sourceType: SourceNamedPerson}}},
		{"Senator Jane Roe toured the flooded plant on Monday.\n\nShe said the repairs would take a year.",
			[]wantFound{{source: "She", cue: "said", sourceType: SourceNamedPerson, antecedent: "Jane Roe"}}},
		{`"We will rebuild," said Jane Roe, a lawyer for the family, who met the mayor on Friday.`,
			[]wantFound{{source: "Jane Roe, a lawyer for the family, who met the mayor on Friday", cue: "said", content: `"We will rebuild,"`, sourceType: SourceNamedPerson}}},
		{"Jane Roe denied the report and said it was false.",
			[]wantFound{{source: "Jane Roe", cue: "denied", content: "the report"}, {source: "Jane Roe", cue: "said", content: "it was false"}}},
		{"The mayor told the council the plan would fail, said Jane Roe, a lawyer for the family.",
			[]wantFound{{source: "The mayor", cue: "told"}, {source: "Jane Roe, a lawyer for the family", cue: "said", sourceType: SourceNamedPerson}}},
		{`"Now the town is a national story," said Hale.`,
			[]wantFound{{source: "Hale", cue: "said", content: `"Now the town is a national story,"`, sourceType: SourceNamedPerson}}},
		{`"The plan is sound," the mayor said, adding that work would start in May.`,
			[]wantFound{{source: "the mayor", cue: "said", content: `"The plan is sound,"`}, {source: "the mayor", cue: "adding", content: "that work would start in May"}}},
		{`"We will rebuild," said Jane Roe, adding that the mayor agreed.`,
			[]wantFound{{source: "Jane Roe,", cue: "said"}, {source: "Jane Roe,", cue: "adding"}}},
		{`"We will win," said Sen. Jane Roe, a Democrat.`,
			[]wantFound{{source: "Sen. Jane Roe, a Democrat", cue: "said", sourceType: SourceNamedPerson}}},
		{"Jane Roe, who is a nurse, also denied the report.",
			[]wantFound{{source: "Jane Roe, who is a nurse,", cue: "also denied", sourceType: SourceNamedPerson}}},
		{`"The vote was close," said Tom Hale, referring to the recount.`,
			[]wantFound{{source: "Tom Hale", cue: "said"}, {source: "Tom Hale", cue: "referring to"}}},
		{"Tom Hale often takes full credit for the new pier and has promised that he would build another.",
			[]wantFound{{source: "Tom Hale", cue: "has promised", content: "that he would build another"}}},
		{"Readers respond to our coverage of the transit strike.", nil},
		{"The Journal said the board met last month, citing people familiar with the matter.",
			[]wantFound{{source: "The Journal", cue: "said", content: "the board met last month", sourceType: SourceMediaOutlet}}},
	} {
		res, err := c.Classify(context.Background(), Page{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Attributions) != len(tc.want) {
			t.Errorf("%s\n  got %d attributions %s, want %d", tc.text, len(res.Attributions), attrSummary(res), len(tc.want))
			continue
		}
		for i, w := range tc.want {
			checkFound(t, tc.text, res.Attributions[i], w)
		}
	}
}

func checkFound(t *testing.T, text string, a Attribution, w wantFound) {
	t.Helper()
	var more []string
	for _, m := range a.MoreContent {
		more = append(more, m.Text)
	}
	for _, c := range []struct{ what, got, want string }{
		{"source", a.Source.Text, w.source},
		{"cue", a.Cue.Text, w.cue},
		{"content", a.Content.Text, w.content},
		{"source type", string(a.SourceType), string(w.sourceType)},
		{"cue kind", string(a.CueKind), string(w.cueKind)},
	} {
		if c.want != "" && c.got != c.want {
			t.Errorf("%s\n  %s = %q, want %q", text, c.what, c.got, c.want)
		}
	}
	if w.more != nil && !slices.Equal(more, w.more) {
		t.Errorf("%s\n  more content = %q, want %q", text, more, w.more)
	}
	if w.antecedent != "" && (a.Antecedent == nil || a.Antecedent.Text != w.antecedent) {
		t.Errorf("%s\n  antecedent = %v, want %q", text, a.Antecedent, w.antecedent)
	}
}

// TestSourcingCountsClaims: a thought and a refusal to comment are listed
// but source nothing.
func TestSourcingCountsClaims(t *testing.T) {
	c := newClassifier(t, Options{})
	page := "Markets fell sharply on Tuesday after the central bank raised rates again.\n\n" +
		"The governor believes inflation will ease by spring, and traders expect one more rise before then.\n\n" +
		"The bank declined to comment on the timing of further moves.\n"
	res, err := c.Classify(context.Background(), Page{Text: page})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Attributions) < 2 {
		t.Fatalf("want the thought and the refusal listed, got %s", attrSummary(res))
	}
	if s := res.Page.Sourcing; s.Attributions != 0 || s.Label != SourcingUnsourced {
		t.Errorf("sourcing = %d attributions, %s; want 0, unsourced (thoughts and no-comments only): %s", s.Attributions, s.Label, attrSummary(res))
	}
}
