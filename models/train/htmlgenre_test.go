package train

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/shareddata"
)

// TestHTMLGenreLabels checks every row of the embedded HTML genre labels on
// its own: a known set and genre, a page name free of path separators, a
// note on every opinion and other row, rows sorted by set then page with no
// page twice, and both sets present.
func TestHTMLGenreLabels(t *testing.T) {
	labels, err := ReadHTMLGenreLabels()
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) < 200 {
		t.Fatalf("%d HTML genre labels, want at least 200", len(labels))
	}
	counts := map[string]map[string]int{}
	hard := 0
	for i, l := range labels {
		at := l.Set + "/" + l.Page
		if !slices.Contains(HTMLGenreSets(), l.Set) {
			t.Errorf("%s: unknown set %q", at, l.Set)
		}
		if !slices.Contains(HTMLGenres(), l.Genre) {
			t.Errorf("%s: unknown genre %q", at, l.Genre)
		}
		if l.Page == "" || strings.ContainsAny(l.Page, "/\\") || l.Page == "." || l.Page == ".." {
			t.Errorf("%s: bad page name %q", at, l.Page)
		}
		if l.Set == "trafilatura" && !strings.HasSuffix(l.Page, ".html") {
			t.Errorf("%s: trafilatura page without .html", at)
		}
		if (l.Genre == "opinion" || l.Genre == "other") && strings.TrimSpace(l.Note) == "" {
			t.Errorf("%s: %s without a note", at, l.Genre)
		}
		if strings.HasPrefix(l.Note, "hard:") && strings.TrimSpace(strings.TrimPrefix(l.Note, "hard:")) == "" {
			t.Errorf("%s: hard call without a reason", at)
		}
		if strings.HasPrefix(l.Note, "hard:") {
			hard++
		}
		if i > 0 {
			p := labels[i-1]
			if p.Set > l.Set || p.Set == l.Set && p.Page >= l.Page {
				t.Errorf("%s: out of order or repeated after %s/%s", at, p.Set, p.Page)
			}
		}
		if counts[l.Set] == nil {
			counts[l.Set] = map[string]int{}
		}
		counts[l.Set][l.Genre]++
	}
	for _, s := range HTMLGenreSets() {
		if len(counts[s]) == 0 {
			t.Errorf("no labels from set %s", s)
		}
		t.Logf("%-12s news %3d  opinion %3d  other %3d", s, counts[s]["news"], counts[s]["opinion"], counts[s]["other"])
	}
	t.Logf("%d rows, %d hard calls", len(labels), hard)
}

// TestHTMLGenreLabelsPagesExist checks, when the shared data folder is
// present, that every labelled page's file is there.
func TestHTMLGenreLabelsPagesExist(t *testing.T) {
	for _, dir := range []string{"readability-pages/test-pages", "trafilatura-eval/html"} {
		if _, err := os.Stat(filepath.Join(dataDir, dir)); err != nil {
			shareddata.Skipf(t, "HTML page sets not present (%v): they live in the shared data folder beside the repository, ../shared/data", err)
		}
	}
	labels, err := ReadHTMLGenreLabels()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range labels {
		if _, err := os.Stat(l.Path(dataDir)); err != nil {
			t.Errorf("%s/%s: %v", l.Set, l.Page, err)
		}
	}
}
