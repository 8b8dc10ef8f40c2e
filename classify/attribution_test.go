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
		{"pronoun after a named person no cue credited", "Senator Jane Roe toured the flooded plant on Monday. She said the repairs would take a year.",
			[]want{{"She", "said", "the repairs would take a year", SourceNamedPerson, QuoteIndirect, "Jane Roe"}}},
		{"pronoun takes the mention of its gender", "Mr. Tom Hale met Mrs. Ann Poole at the depot. She said the talks went well.",
			[]want{{"She", "said", "the talks went well", SourceNamedPerson, QuoteIndirect, "Ann Poole"}}},
		{"pronoun after an attribution in the sentence before", "A witness said Tom Hale was driving. She added that the car was red.",
			[]want{{"A witness", "said", "Tom Hale was driving", SourceUnnamedPerson, QuoteIndirect, ""},
				{"She", "added", "the car was red", SourceUnnamedPerson, QuoteIndirect, "A witness"}}},
		{"it after an organisation no cue credited", "The Justice Department opened an inquiry on Monday. It said the review would take months.",
			[]want{{"It", "said", "the review would take months", SourceNamedOrganization, QuoteIndirect, "The Justice Department"}}},
		{"it with nothing to stand for is no source", "Rain fell all day. It said nothing about the storm.",
			nil},
		{"definite description after a titled name", "President Ann Poole visited the site. The president said the plant would reopen.",
			[]want{{"The president", "said", "the plant would reopen", SourceNamedPerson, QuoteIndirect, "Ann Poole"}}},
		{"named people's supporters are a group", "Poole supporters said the rally was a success.",
			[]want{{"Poole supporters", "said", "the rally was a success", SourceUnnamedGroup, QuoteIndirect, ""}}},
		{"a share of voters is a group", "Twelve percent of voters said the economy mattered most.",
			[]want{{"Twelve percent of voters", "said", "the economy mattered most", SourceUnnamedGroup, QuoteIndirect, ""}}},
		{"a counted plural is a group", "Two speechwriters said the draft was rewritten overnight.",
			[]want{{"Two speechwriters", "said", "the draft was rewritten overnight", SourceUnnamedGroup, QuoteIndirect, ""}}},
		{"a plural demonym is a group", "Many Canadians said the new border rules were unfair.",
			[]want{{"Many Canadians", "said", "the new border rules were unfair", SourceUnnamedGroup, QuoteIndirect, ""}}},
		{"a bare share is a group", "Sixty percent said the economy was weak.",
			[]want{{"Sixty percent", "said", "the economy was weak", SourceUnnamedGroup, QuoteIndirect, ""}}},
		{"a person at an outlet is a person", "MSNBC host Jane Roe said the debate was over.",
			[]want{{"MSNBC host Jane Roe", "said", "the debate was over", SourceNamedPerson, QuoteIndirect, ""}}},
		{"a home state is no cue", "Jane Roe beat Tom Hale in his home state of Ohio, officials said.",
			[]want{{"officials", "said", "Jane Roe beat Tom Hale in his home state of Ohio", SourceUnnamedOfficial, QuoteIndirect, ""}}},
		{"a filing that states", "The filing states that the firm broke the law.",
			[]want{{"The filing", "states", "the firm broke the law", SourceDocument, QuoteIndirect, ""}}},
		{"a party and state in parentheses go with the name", "Sen. Jane Roe (D-Ore.) said the bill was dead.",
			[]want{{"Sen. Jane Roe (D-Ore.)", "said", "the bill was dead", SourceNamedPerson, QuoteIndirect, ""}}},
		{"an adverb set off by commas", "The Herald, however, says the board never met.",
			[]want{{"The Herald", "says", "the board never met", SourceMediaOutlet, QuoteIndirect, ""}}},
		{"an abbreviated title after the cue", `"We will win," said Sen. Jane Roe.`,
			[]want{{"Sen. Jane Roe", "said", `"We will win,"`, SourceNamedPerson, QuoteDirect, ""}}},
		{"an abbreviated title after a channel", "According to Gov. Jane Roe, the plan failed.",
			[]want{{"Gov. Jane Roe", "According to", "the plan failed", SourceNamedPerson, QuoteIndirect, ""}}},
		{"an abbreviated title before the cue", "Mr. Tom Hale said the plan failed.",
			[]want{{"Mr. Tom Hale", "said", "the plan failed", SourceNamedPerson, QuoteIndirect, ""}}},
		{"an apposition before the cue keeps its closing comma", "Tom Hale, a Republican, said the vote was rigged.",
			[]want{{"Tom Hale, a Republican,", "said", "the vote was rigged", SourceNamedPerson, QuoteIndirect, ""}}},
		{"an apposition that opens with a name", "Jane Roe, Harbor Watch's director, said the pier was unsafe.",
			[]want{{"Jane Roe, Harbor Watch's director,", "said", "the pier was unsafe", SourceNamedPerson, QuoteIndirect, ""}}},
		{"a prepositional phrase set off by commas", "Tom Hale, for his part, has denied the report.",
			[]want{{"Tom Hale", "has denied", "the report", SourceNamedPerson, QuoteIndirect, ""}}},
		{"a participle after a closing quotation mark", "Tom Hale defended the “new plan,” saying it would work.",
			[]want{{"Tom Hale", "saying", "it would work", SourceNamedPerson, QuoteIndirect, ""}}},
		{"an office is no cue", "The former secretary of state said the talks had stalled.",
			[]want{{"The former secretary of state", "said", "the talks had stalled", SourceUnnamedOfficial, QuoteIndirect, ""}}},
		{"a coordinated verb keeps the source", "Jane Roe denied the report and said it was false.",
			[]want{{"Jane Roe", "denied", "the report", SourceNamedPerson, QuoteIndirect, ""},
				{"Jane Roe", "said", "it was false", SourceNamedPerson, QuoteIndirect, ""}}},
		{"a participle after a comma keeps the source", `"The plan is sound," the mayor said, adding that work would start in May.`,
			[]want{{"the mayor", "said", `"The plan is sound,"`, SourceUnnamedOfficial, QuoteDirect, ""},
				{"the mayor", "adding", "work would start in May", SourceUnnamedOfficial, QuoteIndirect, ""}}},
		{"a source after its cue runs to the sentence's end", `"We will rebuild," said Jane Roe, a lawyer for the family, who met the mayor on Friday.`,
			[]want{{"Jane Roe, a lawyer for the family, who met the mayor on Friday", "said", `"We will rebuild,"`, SourceNamedPerson, QuoteDirect, ""}}},
		{"but not over a second cue", `"We will rebuild," said Jane Roe, adding that the mayor agreed.`,
			[]want{{"Jane Roe", "said", `"We will rebuild,"`, SourceNamedPerson, QuoteDirect, ""},
				{"Jane Roe", "adding", "the mayor agreed", SourceNamedPerson, QuoteIndirect, ""}}},
		{"a channel participle names its own source", "The Herald said the board met, citing two people at the meeting.",
			[]want{{"The Herald", "said", "the board met", SourceMediaOutlet, QuoteIndirect, ""}}},
		{"a speaker and a colon open a transcript", "Jane Roe: We are not leaving this town. Not now, not ever.",
			[]want{{"Jane Roe", ":", "We are not leaving this town. Not now, not ever.", SourceNamedPerson, QuoteIndirect, ""}}},
		{"a headline's speaker and colon, without its closing period", "Jane Roe: Our Town Will Not Give Up on the Plant.",
			[]want{{"Jane Roe", ":", "Our Town Will Not Give Up on the Plant", SourceNamedPerson, QuoteIndirect, ""}}},
		{"a figure after a colon is no statement", "Jane Roe: 1,769.",
			nil},
		{"a one-word label is no speaker", "Editorial: The New Voting Law Is a Solution in Search of a Problem.",
			nil},
		{"a label with a determiner is no speaker", "The Latest: the mayor leaves town.",
			nil},
		{"a coordinated verb takes the sentence's subject", "Jane Roe toured the plant and said it was safe.",
			[]want{{"Jane Roe", "said", "it was safe", SourceNamedPerson, QuoteIndirect, ""}}},
		{"a participle takes the subject after a fronted phrase", "In May, the judge imposed a long sentence, saying the harm was grave.",
			[]want{{"the judge", "saying", "the harm was grave", SourceUnnamedOfficial, QuoteIndirect, ""}}},
		{"a verb with its own source continues nothing", "Prices fell overnight and analysts said more falls were coming.",
			[]want{{"analysts", "said", "more falls were coming", SourceUnnamedGroup, QuoteIndirect, ""}}},
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

// TestCloseQuote: a content that stops before the marks closing its
// quotation takes them, and nothing else.
func TestCloseQuote(t *testing.T) {
	for _, tc := range []struct{ text, content, want string }{
		{`She said it was ''a disaster.'' Then she left.`, `She said it was ''a disaster`, `She said it was ''a disaster.''`},
		{`He called it “a farce,” and left.`, `He called it “a farce`, `He called it “a farce,”`},
		{`"We won" she said.`, `"We won`, `"We won"`},
		{`He said it was over. Then he left.`, `He said it was over`, `He said it was over`},
		{`They cited the players’ union.`, `They cited the players`, `They cited the players`},
	} {
		sp := Span{Start: 0, End: len(tc.content), Text: tc.content}
		closeQuote(tc.text, &sp)
		if sp.Text != tc.want || tc.text[sp.Start:sp.End] != sp.Text {
			t.Errorf("%s: content %q, want %q", tc.text, sp.Text, tc.want)
		}
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

// A content that is, or opens with, a no-comment phrase sources nothing,
// whatever its case; a longer word that starts like one does.
func TestSaysNothing(t *testing.T) {
	lx := newLexicon()
	for content, want := range map[string]bool{
		"to comment": true, "To Comment on the timing": true, "COMMENT": true, "to elaborate further": true,
		"to commentate": false, "the plan was to comment": false, "comments were made": false, "": false, "to": false,
	} {
		if got := lx.saysNothing(content); got != want {
			t.Errorf("saysNothing(%q) = %v, want %v", content, got, want)
		}
	}
}
