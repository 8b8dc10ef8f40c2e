package train

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slantwire/slant/internal/shareddata"
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
		if !isSourceTypeLabel(l.Type) {
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
	anns := firstAnnPerArticle(t, dir)
	for name, ls := range byName {
		raw, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		text := []rune(string(raw))
		for _, l := range ls {
			if l.End > len(text) {
				t.Errorf("%s:%d: span end %d past the text's %d code points", name, l.Start, l.End, len(text))
				continue
			}
			if got := sourceTypeSpanText(string(text[l.Start:l.End])); got != l.Source {
				t.Errorf("%s:%d: text at [%d,%d) is %q, the labels say %q", name, l.Start, l.Start, l.End, got, l.Source)
			}
		}
		ann, ok := anns[name]
		if !ok {
			t.Errorf("%s: no .ann file", name)
			continue
		}
		want := sourceSpans(t, ann)
		var got [][2]int
		for _, l := range ls {
			got = append(got, [2]int{l.Start, l.End})
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d labelled spans, %s has %d Source spans", name, len(got), filepath.Base(ann), len(want))
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: labelled span %v, %s has %v", name, got[i], filepath.Base(ann), want[i])
			}
		}
	}
}

// firstAnnPerArticle maps each article name to the first of its .ann files
// in name order, as readPolNEAR chooses.
func firstAnnPerArticle(t *testing.T, dir string) map[string]string {
	t.Helper()
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(anns)
	out := map[string]string{}
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		name := base[:strings.LastIndexByte(base, '_')]
		if _, ok := out[name]; !ok {
			out[name] = ann
		}
	}
	return out
}

// sourceSpans are the distinct Source spans of one .ann file, as code-point
// [start,end) pairs sorted by start then end; a discontinuous span counts as
// its fragments.
func sourceSpans(t *testing.T, ann string) [][2]int {
	t.Helper()
	f, err := os.Open(ann)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[[2]int]bool{}
	var out [][2]int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		cols := strings.SplitN(sc.Text(), "\t", 3)
		if len(cols) < 2 || !strings.HasPrefix(cols[0], "T") {
			continue
		}
		kind, ranges, _ := strings.Cut(cols[1], " ")
		if kind != "Source" {
			continue
		}
		for _, frag := range strings.Split(ranges, ";") {
			s, e, _ := strings.Cut(frag, " ")
			si, err1 := strconv.Atoi(s)
			ei, err2 := strconv.Atoi(e)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: bad span %q", ann, cols[1])
			}
			if sp := [2]int{si, ei}; !seen[sp] {
				seen[sp] = true
				out = append(out, sp)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
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
