package classify

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/slantwire/slant/models"
)

// TestModelsWithoutArtifacts checks what slant train --exclude leaves the
// product with: a model set with no artifacts (every data source left out)
// scores subjectivity, loaded terms and attributions exactly as the rules
// do, while still naming the model set it ran with.
func TestModelsWithoutArtifacts(t *testing.T) {
	empty, err := models.Parse(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Council approves budget\n\nThe council voted 7-2 on Tuesday to approve the budget, officials said.\n\nFrankly, this reckless budget is a disgrace and an insult to every taxpayer in the city, the mayor said.\n"
	ctx := context.Background()
	got, err := newClassifier(t, Options{ModelSet: empty}).Classify(ctx, Page{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	want, err := newClassifier(t, Options{Rules: true}).Classify(ctx, Page{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if got.Model != Model {
		t.Errorf("model %q, want %q", got.Model, Model)
	}
	if len(got.Sentences) != len(want.Sentences) || len(got.Sentences) < 2 {
		t.Fatalf("%d sentences, rules %d", len(got.Sentences), len(want.Sentences))
	}
	for i, s := range got.Sentences {
		w := want.Sentences[i]
		if s.Subjectivity != w.Subjectivity || len(s.LoadedTerms) != len(w.LoadedTerms) {
			t.Errorf("sentence %d: subjectivity %.4f with %d loaded terms, rules %.4f with %d", i, s.Subjectivity, len(s.LoadedTerms), w.Subjectivity, len(w.LoadedTerms))
		}
	}
	if len(got.Attributions) != len(want.Attributions) || len(want.Attributions) == 0 {
		t.Errorf("%d attributions, rules %d (want the same, and some)", len(got.Attributions), len(want.Attributions))
	}
}
