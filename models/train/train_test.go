package train

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/shareddata"
	"github.com/slantwire/slant/models"
)

const dataDir = "../../../shared/data"

func needData(t *testing.T) {
	t.Helper()
	for _, p := range []string{checkthatPath(dataDir, "train"), checkthatPath(dataDir, "dev"), babePath(dataDir), filepath.Join(dataDir, "polnear", "dev")} {
		if _, err := os.Stat(p); err != nil {
			shareddata.Skipf(t, "training data not present (%v): it lives in the shared data folder beside the repository, ../shared/data", err)
		}
	}
}

// TestTrainEvalRoundTrip trains on a slice of the data (150 examples per
// data set) twice, requires the
// same bytes both times (determinism), loads the artifacts and evaluates
// them: every figure is a number in [0,1] and the sentence models beat
// chance.
func TestTrainEvalRoundTrip(t *testing.T) {
	needData(t)
	ctx := context.Background()
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		if err := Train(ctx, Config{Data: dataDir, Out: d, Limit: 150}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{SubjectivityFile, BiasFile, LoadedFile, TaggerFile} {
		a, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two trainings on the same data", name)
		}
	}
	m, err := models.Parse(os.DirFS(dirs[0]))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Evaluate(ctx, m, nil, nil, Config{Data: dataDir, Limit: 150})
	if err != nil {
		t.Fatal(err)
	}
	core, classes := 0, 0
	for _, r := range rows {
		if strings.HasPrefix(r.Task, "source:") || strings.HasPrefix(r.Task, "cue:") {
			classes++
		} else {
			core++
		}
	}
	// subjectivity and bias (macro-F1 and AUC each), loaded terms, the tagger
	// (3 roles × exact and overlap), subjectivity on BABE's opinion labels
	// (2) and the two single-source models on 3 sets each (12)
	if core != 25 || classes == 0 {
		t.Fatalf("%d rows and %d structure-class rows, want 25 (subjectivity, bias, loaded terms, tagger, cross-domain) and some", core, classes)
	}
	for _, r := range rows {
		t.Logf("%s %s %.3f (n=%d)", r.Task, r.Metric, r.Value, r.N)
		if r.N == 0 || r.Value < 0 || r.Value > 1 {
			t.Errorf("%s: n=%d value=%v", r.Task, r.N, r.Value)
		}
		// A model that always answers one class scores at most 0.5 on a
		// two-class macro-F1 (0 on one class, under 1 on the other), so
		// "learned something" means above that: 0.55 (0.61 and 0.66
		// measured on the slice). A cue tagger that finds nothing scores 0.
		floor := 0.0
		switch {
		case strings.Contains(r.Task, "cross-domain"):
			// trained on about 60 BABE sentences, a model's threshold does
			// not carry to CheckThat (macro-F1 0.43–0.56 on the slice), its
			// ranking does (AUC 0.58–0.88)
			if r.Metric == "AUC" {
				floor = 0.55
			}
		case strings.HasPrefix(r.Task, "subjectivity") || strings.HasPrefix(r.Task, "bias"):
			floor = 0.55
		case strings.HasPrefix(r.Task, "attribution cue") && r.Metric == "exact-span F1":
			floor = 0.3
		}
		if r.Value < floor {
			t.Errorf("%s %s %.3f after training on a slice, floor %.2f: the model learned nothing", r.Task, r.Metric, r.Value, floor)
		}
	}
	var out bytes.Buffer
	if err := PrintRows(&out, rows); err != nil || !strings.Contains(out.String(), "macro-F1") {
		t.Errorf("table %q, %v", out.String(), err)
	}
}

func TestParseWordList(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"[]", ""},
		{"['bizarre', 'characteristically']", "bizarre|characteristically"},
		{`["Trump's", 'far-left mob']`, "trump's|far-left|mob"},
	} {
		if got := strings.Join(parseWordList(tc.in), "|"); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHeldOutFoldIsStable(t *testing.T) {
	n := 0
	for i := range 1000 {
		if heldOutFold(strings.Repeat("x", i)) {
			n++
		}
	}
	if n < 150 || n > 250 {
		t.Errorf("%d of 1000 held out, want about 200", n)
	}
	// The fold is pinned: these sentences' folds must never move, or the
	// held-out figures would stop being comparable across versions.
	for _, tc := range []struct {
		text string
		held bool
	}{{"a", true}, {"b", false}, {"c", false}, {"j", false}} {
		if heldOutFold(tc.text) != tc.held {
			t.Errorf("heldOutFold(%q) = %v, want %v", tc.text, !tc.held, tc.held)
		}
	}
}
