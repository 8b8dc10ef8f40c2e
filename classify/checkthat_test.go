package classify

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/shareddata"
)

const checkthatDir = "../../shared/data/checkthat-subjectivity"

// TestSubjectivityOnCheckThat measures the baseline's sentence subjectivity
// on the CheckThat! English splits (run with -v to see the figures). The
// floors are the figures measured when the decision point was set on train,
// less 0.02: a drop below them is a regression.
func TestSubjectivityOnCheckThat(t *testing.T) {
	c := newClassifier(t, Options{})
	for _, tc := range []struct {
		split string
		floor float64
	}{{"train", 0.67}, {"dev", 0.60}} {
		path := checkthatDir + "/" + tc.split + "_en.tsv"
		f, err := os.Open(path)
		if err != nil {
			shareddata.Skipf(t, "CheckThat data not present at %s (it lives in the shared data folder): %v", path, err)
		}
		var tp, fp, fn, tn int
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for header := true; sc.Scan(); header = false {
			cols := strings.Split(sc.Text(), "\t")
			if header || len(cols) < 3 {
				continue
			}
			p, err := c.SentenceSubjectivity(cols[1])
			if err != nil {
				t.Fatal(err)
			}
			switch pred, gold := p >= subjectiveAt, cols[2] == "SUBJ"; {
			case pred && gold:
				tp++
			case pred:
				fp++
			case gold:
				fn++
			default:
				tn++
			}
		}
		f.Close()
		// A file that parses to nothing would give 0/0 = NaN, which no
		// floor comparison catches.
		if n := tp + fp + fn + tn; n < 100 || tp+fn == 0 || tn+fp == 0 {
			t.Fatalf("CheckThat %s: %d sentences read (%d SUBJ) from %s: the file is not what this test expects", tc.split, n, tp+fn, path)
		}
		f1 := func(tp, fp, fn int) float64 { return 2 * float64(tp) / float64(2*tp+fp+fn) }
		macro := (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2
		t.Logf("CheckThat %s: %d sentences, macro-F1 %.3f (SUBJ F1 %.3f, OBJ F1 %.3f)", tc.split, tp+fp+fn+tn, macro, f1(tp, fp, fn), f1(tn, fn, fp))
		if macro < tc.floor {
			t.Errorf("CheckThat %s macro-F1 %.3f is below %.2f", tc.split, macro, tc.floor)
		}
	}
}
