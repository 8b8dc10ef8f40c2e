package classify

import (
	"context"
	"testing"
)

// TestModelName checks that results say what produced their scores, and
// that the learned models move sentence subjectivity in the reader's
// direction on a clear opinion sentence.
func TestModelName(t *testing.T) {
	text := "Council approves budget\n\nThe council voted 7-2 on Tuesday to approve the budget, officials said.\n\nFrankly, this reckless budget is a disgrace and an insult to every taxpayer in the city.\n"
	scores := map[string]float64{}
	for _, tc := range []struct {
		opts  Options
		model string
	}{{Options{}, Model}, {Options{Rules: true}, BaselineModel}} {
		res, err := newClassifier(t, tc.opts).Classify(context.Background(), Page{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if res.Model != tc.model {
			t.Errorf("model %q, want %q", res.Model, tc.model)
		}
		n := len(res.Sentences)
		if n < 2 {
			t.Fatalf("%d sentences, want the two body sentences at least", n)
		}
		last, factual := res.Sentences[n-1], res.Sentences[n-2]
		if !last.Subjective {
			t.Errorf("%s: %q not subjective (%.3f)", tc.model, text[last.Start:last.End], last.Subjectivity)
		}
		if factual.Subjective {
			t.Errorf("%s: %q reads subjective (%.3f)", tc.model, text[factual.Start:factual.End], factual.Subjectivity)
		}
		scores[tc.model] = last.Subjectivity
	}
	t.Logf("opinion sentence: rules %.3f, with models %.3f", scores[BaselineModel], scores[Model])
}
