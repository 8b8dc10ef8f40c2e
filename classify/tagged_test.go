package classify

import (
	"context"
	"testing"
)

// TestTaggedAttributions: with the models, the tagger adds attributions the
// rules miss, typed by the rules' own logic; the rules-only classifier does
// not see them, and the tagger never overrides a sentence the rules read.
func TestTaggedAttributions(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		source     string
		rulesOnly  int // attributions without models
	}{
		{"cue outside the rules' lexicon", "Senator Elizabeth Warren hopes that the bill will fail in the House.", "Senator Elizabeth Warren", 0},
		{"rules path kept", "Senator Elizabeth Warren said the bill will fail in the House.", "Senator Elizabeth Warren", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := Page{Text: "Bill in trouble\n\n" + tc.text + "\n"}
			rules, err := newClassifier(t, Options{Rules: true}).Classify(context.Background(), page)
			if err != nil {
				t.Fatal(err)
			}
			if len(rules.Attributions) != tc.rulesOnly {
				t.Errorf("rules only: %d attributions, want %d", len(rules.Attributions), tc.rulesOnly)
			}
			res, err := newClassifier(t, Options{}).Classify(context.Background(), page)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Attributions) != 1 {
				t.Fatalf("with models: %d attributions, want 1", len(res.Attributions))
			}
			a := res.Attributions[0]
			if a.Source.Text != tc.source || a.SourceType != SourceNamedPerson || a.Strength != StrengthStrong {
				t.Errorf("source %q %s %s, want %q named_person strong", a.Source.Text, a.SourceType, a.Strength, tc.source)
			}
			if page.Text[a.Cue.Start:a.Cue.End] != a.Cue.Text || page.Text[a.Content.Start:a.Content.End] != a.Content.Text {
				t.Errorf("spans are not byte offsets into the page: %+v", a)
			}
		})
	}
}
