package classify

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/shareddata"
	"github.com/slantwire/slant/models/train"
)

// sharedData is the shared data folder beside the repository.
const sharedData = "../../shared/data"

// htmlGenreScores counts one system's page verdicts against the HTML genre
// labels: gold genre (news, opinion, other) by predicted genre.
type htmlGenreScores struct {
	n     int
	cells map[[2]string]int // {gold, predicted}
}

// htmlGenrePredicted are the confusion matrix's columns: classify's four
// genres and a failed page.
var htmlGenrePredicted = []string{"news", "mixed", "opinion", "other", "error"}

func (s *htmlGenreScores) add(gold, pred string) {
	if s.cells == nil {
		s.cells = map[[2]string]int{}
	}
	s.n++
	s.cells[[2]string{gold, pred}]++
}

// pr is the precision and recall of genre g: mixed counts as neither news
// nor opinion. A genre never predicted (or never labelled) has precision
// (recall) 0.
func (s *htmlGenreScores) pr(g string) (p, r float64, predicted, gold int) {
	tp := s.cells[[2]string{g, g}]
	for k, v := range s.cells {
		if k[1] == g {
			predicted += v
		}
		if k[0] == g {
			gold += v
		}
	}
	if predicted > 0 {
		p = float64(tp) / float64(predicted)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	return p, r, predicted, gold
}

func (s *htmlGenreScores) matrix() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s", "gold \\ called")
	for _, p := range htmlGenrePredicted {
		fmt.Fprintf(&b, " %7s", p)
	}
	for _, g := range train.HTMLGenres() {
		fmt.Fprintf(&b, "\n%-14s", g)
		for _, p := range htmlGenrePredicted {
			fmt.Fprintf(&b, " %7d", s.cells[[2]string{g, p}])
		}
	}
	return b.String()
}

// trafilaturaURLs maps each trafilatura-eval file name (without .gz) to its
// page's URL, from the set's index. Some index keys are not URLs
// ("hard::name.html"); those pages map to "".
func trafilaturaURLs(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedData, "trafilatura-eval", "evaldata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var idx map[string]struct {
		File string `json:"file"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		t.Fatal(err)
	}
	urls := make(map[string]string, len(idx))
	for u, e := range idx {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			u = ""
		}
		urls[e.File] = u
	}
	return urls
}

// TestHTMLGenreLabels measures the page verdict on our genre labels of real
// HTML pages (models/train/htmlgenre.tsv: every readability test page and
// every fifth trafilatura-eval page), with the rules and with the models,
// and logs opinion and news precision and recall and the confusion matrix
// (run with -v; -v also lists the pages called wrong). A trafilatura page
// is classified with its URL from the set's index, as the pipeline would
// (where the index has one); a readability page has none.
//
// It holds only what is true today: every labelled page is read and
// classified, and the figures are computed. There is no accuracy floor
// yet; the page-verdict rework will set one from these figures.
func TestHTMLGenreLabels(t *testing.T) {
	for _, dir := range []string{"readability-pages/test-pages", "trafilatura-eval/html"} {
		if _, err := os.Stat(filepath.Join(sharedData, dir)); err != nil {
			shareddata.Skipf(t, "HTML page sets not present (%v): they live in the shared data folder beside the repository; page genre on HTML not measured", err)
		}
	}
	labels, err := train.ReadHTMLGenreLabels()
	if err != nil {
		t.Fatal(err)
	}
	urls := trafilaturaURLs(t)
	pages := make([]Page, len(labels))
	for i, l := range labels {
		var b []byte
		if l.Set == "trafilatura" {
			b, err = readGzip(l.Path(sharedData))
		} else {
			b, err = os.ReadFile(l.Path(sharedData))
		}
		if err != nil {
			t.Fatalf("%s/%s: %v", l.Set, l.Page, err)
		}
		url, indexed := urls[l.Page]
		if l.Set == "trafilatura" && !indexed {
			t.Errorf("%s/%s: not in evaldata.json", l.Set, l.Page)
		}
		pages[i] = Page{ID: l.Set + "/" + l.Page, URL: url, HTML: string(b)}
	}
	for _, tc := range []struct {
		name string
		opts Options
	}{{"rules", Options{Rules: true}}, {"models", Options{}}} {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Limits = Limits{MaxBytes: 16 << 20}
			c := newClassifier(t, opts)
			var s htmlGenreScores
			for i, l := range labels {
				pred := "error"
				res, err := c.Classify(context.Background(), pages[i])
				if err != nil {
					t.Logf("%s: %v", pages[i].ID, err)
				} else {
					pred = string(res.Page.Genre)
				}
				s.add(l.Genre, pred)
				if testing.Verbose() && pred != l.Genre {
					t.Logf("%-70s gold %-7s called %-7s %s", pages[i].ID, l.Genre, pred, l.Note)
				}
			}
			op, or, opN, ogN := s.pr("opinion")
			np, nr, npN, ngN := s.pr("news")
			t.Logf("%s: %d pages; opinion precision %.3f recall %.3f (%d called, %d labelled); news precision %.3f recall %.3f (%d called, %d labelled)",
				tc.name, s.n, op, or, opN, ogN, np, nr, npN, ngN)
			t.Logf("%s confusion matrix:\n%s", tc.name, s.matrix())
			if s.n != len(labels) {
				t.Errorf("classified %d pages, want %d", s.n, len(labels))
			}
			if s.cells[[2]string{"news", "error"}]+s.cells[[2]string{"opinion", "error"}]+s.cells[[2]string{"other", "error"}] > 0 {
				t.Errorf("pages failed to classify")
			}
			for _, f := range []float64{op, or, np, nr} {
				if f < 0 || f > 1 {
					t.Errorf("precision or recall %v outside [0,1]", f)
				}
			}
			if opN == 0 && ogN == 0 || npN == 0 || ngN == 0 {
				t.Errorf("precision and recall not computed: opinion %d called / %d labelled, news %d / %d", opN, ogN, npN, ngN)
			}
		})
	}
}
