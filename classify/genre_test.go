package classify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/shareddata"
	"github.com/slantwire/slant/models/train"
)

const polnearDir = "../../shared/data/polnear"

// TestPageGenreOnPolNeAR measures the page verdict on our genre labels of
// PolNeAR articles (models/train/polnear-genre.tsv; run with -v to see the
// figures). The floors are the dev news/opinion F1 (the mean of the two
// genres the labels have enough of) measured when the thresholds were set,
// less 0.02: a drop below them is a regression.
func TestPageGenreOnPolNeAR(t *testing.T) {
	if _, err := os.Stat(polnearDir); err != nil {
		shareddata.Skipf(t, "PolNeAR not present at %s (it lives in the shared data folder): %v", polnearDir, err)
	}
	labels, err := train.ReadGenreLabels()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		opts  Options
		floor float64
	}{{"rules", Options{Rules: true}, 0.62}, {"models", Options{}, 0.72}} {
		t.Run(tc.name, func(t *testing.T) {
			c := newClassifier(t, tc.opts)
			var s train.GenreScores
			for _, l := range labels {
				if l.Split != "dev" {
					continue
				}
				text, err := os.ReadFile(filepath.Join(polnearDir, "dev", "text", l.Name+".txt"))
				if err != nil {
					t.Fatal(err)
				}
				res, err := c.Classify(context.Background(), Page{Text: string(text)})
				if err != nil {
					t.Fatalf("%s: %v", l.Name, err)
				}
				s.Add(string(res.Page.Genre), l.Genre)
			}
			t.Logf("%s: %d dev pages, news/opinion F1 %.3f, macro-F1 %.3f (news %.3f, mixed %.3f, opinion %.3f)", tc.name, s.N, s.NewsOpinionF1(), s.MacroF1(), s.F1(0), s.F1(1), s.F1(2))
			if s.N != 84 {
				t.Errorf("%d labelled dev pages, want 84", s.N)
			}
			if s.NewsOpinionF1() < tc.floor {
				t.Errorf("news/opinion F1 %.3f below the floor %.2f", s.NewsOpinionF1(), tc.floor)
			}
		})
	}
}

// voiceClass finds every listed word, whatever its case or apostrophe, and
// no other: the first-letter filter rules out no listed word.
func TestVoiceClass(t *testing.T) {
	lx := newLexicon()
	for w, cls := range lx.voiceWords.words {
		for _, form := range []string{w, strings.ToUpper(w[:1]) + w[1:], strings.ReplaceAll(w, "'", "’")} {
			if got := lx.voiceClass(form); got != cls {
				t.Errorf("voiceClass(%q) = %d, want %d", form, got, cls)
			}
		}
	}
	for _, w := range []string{"said", "The2", "zzz", "Ünder", "", "theory", "i'ma"} {
		if got := lx.voiceClass(w); got != 0 {
			t.Errorf("voiceClass(%q) = %d, want 0", w, got)
		}
	}
}
