package train

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slantwire/slant/internal/shareddata"
	"github.com/slantwire/slant/models"
)

// TestSourceTypeLabels checks every row of the embedded source-type labels
// on its own: a known type, a span with start < end, span text no longer
// than MaxSourceTypeSpan and free of tabs and newlines, a note on every
// writer and none row, rows sorted by article then start with no span twice,
// and every article one of the 84 dev articles the genre labels list.
func TestSourceTypeLabels(t *testing.T) {
	labels, err := ReadSourceTypeLabels()
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) < 550 {
		t.Fatalf("%d source type labels, want at least 550", len(labels))
	}
	genres, err := ReadGenreLabels()
	if err != nil {
		t.Fatal(err)
	}
	dev := map[string]bool{}
	for _, g := range genres {
		if g.Split == "dev" {
			dev[g.Name] = true
		}
	}
	counts := map[string]int{}
	for i, l := range labels {
		at := l.Name + ":" + strconv.Itoa(l.Start)
		if l.Split != "dev" {
			t.Errorf("%s: split %q, want dev", at, l.Split)
		}
		if !dev[l.Name] {
			t.Errorf("%s: not a dev article of polnear-genre.tsv", at)
		}
		if l.Start < 0 || l.Start >= l.End {
			t.Errorf("%s: bad span [%d,%d)", at, l.Start, l.End)
		}
		if !slices.Contains(SourceTypeLabelNames(), l.Type) {
			t.Errorf("%s: unknown type %q", at, l.Type)
		}
		if n := utf8.RuneCountInString(l.Source); n == 0 || n > MaxSourceTypeSpan {
			t.Errorf("%s: source text of %d characters", at, n)
		}
		if strings.ContainsAny(l.Source, "\t\r\n") {
			t.Errorf("%s: source text %q has a tab or newline", at, l.Source)
		}
		if (l.Type == "writer" || l.Type == "none") && l.Note == "" {
			t.Errorf("%s: %s without a note", at, l.Type)
		}
		if i > 0 {
			p := labels[i-1]
			if p.Name > l.Name || p.Name == l.Name && (p.Start > l.Start || p.Start == l.Start && p.End >= l.End) {
				t.Errorf("%s: out of order or repeated after %s:%d", at, p.Name, p.Start)
			}
		}
		counts[l.Type]++
	}
	for _, ty := range SourceTypeLabelNames() {
		t.Logf("%-18s %4d", ty, counts[ty])
	}
}

// TestSourceTypeLabelsMatchPolNeAR checks the labels against the corpus:
// each row's span text is the article's text at [start,end) in code points
// (tabs and newlines as spaces, cut to MaxSourceTypeSpan), and each labelled
// article's rows are exactly the Source spans of the .ann file readPolNEAR
// reads for it (the first in name order), so no span is missing or labelled
// twice.
func TestSourceTypeLabelsMatchPolNeAR(t *testing.T) {
	dir := filepath.Join(dataDir, "polnear", "dev")
	if _, err := os.Stat(dir); err != nil {
		shareddata.Skipf(t, "PolNeAR dev not present (%v): it lives in the shared data folder beside the repository, ../shared/data", err)
	}
	labels, err := ReadSourceTypeLabels()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string][]SourceTypeLabel{}
	for _, l := range labels {
		byName[l.Name] = append(byName[l.Name], l)
	}
	articles, err := readPolNEAR(dataDir, "dev", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range articles {
		ls, ok := byName[a.Name]
		if !ok {
			continue
		}
		delete(byName, a.Name)
		text := []rune(a.Text)
		byteAt := runeOffsets(a.Text)
		var got []models.Span
		for _, l := range ls {
			if l.End > len(text) {
				t.Errorf("%s:%d: span end %d past the text's %d code points", a.Name, l.Start, l.End, len(text))
				continue
			}
			if got := sourceTypeSpanText(string(text[l.Start:l.End])); got != l.Source {
				t.Errorf("%s:%d: text at [%d,%d) is %q, the labels say %q", a.Name, l.Start, l.Start, l.End, got, l.Source)
			}
			got = append(got, models.Span{Start: byteAt[l.Start], End: byteAt[l.End]})
		}
		want := distinctSpans(a.Gold[models.RoleSource])
		if len(got) != len(want) {
			t.Errorf("%s: %d labelled spans, its .ann file has %d Source spans", a.Name, len(got), len(want))
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: labelled span %v, its .ann file has %v (bytes)", a.Name, got[i], want[i])
			}
		}
	}
	for name := range byName {
		t.Errorf("%s: labelled, but not a PolNeAR dev article", name)
	}
}

// distinctSpans returns spans without repeats, sorted by start then end.
func distinctSpans(spans []models.Span) []models.Span {
	out := slices.Clone(spans)
	slices.SortFunc(out, func(x, y models.Span) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	})
	return slices.Compact(out)
}

// sourceTypeSpanText is the labels' form of a span's text: tabs, carriage
// returns and newlines become spaces, and it is cut to MaxSourceTypeSpan
// characters.
func sourceTypeSpanText(s string) string {
	s = strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(s)
	if r := []rune(s); len(r) > MaxSourceTypeSpan {
		s = string(r[:MaxSourceTypeSpan])
	}
	return s
}
