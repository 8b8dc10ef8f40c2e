package classify

import (
	"os"
	"path/filepath"
	"testing"
)

// checkSpans fails the test unless every span of res indexes text, the page
// text that res's offsets refer to.
func checkSpans(t testing.TB, text string, res *Result) {
	t.Helper()
	check := func(what string, s Span) {
		t.Helper()
		if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
			t.Fatalf("%s span %d:%d %q does not index the text", what, s.Start, s.End, s.Text)
		}
	}
	for _, b := range res.Blocks {
		check("block", Span{b.Start, b.End, b.Text})
	}
	for _, s := range res.Sentences {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			t.Fatalf("sentence %d:%d outside the text", s.Start, s.End)
		}
		for _, l := range s.LoadedTerms {
			check("loaded term", l)
		}
	}
	for _, a := range res.Attributions {
		check("source", a.Source)
		check("cue", a.Cue)
		check("content", a.Content)
	}
}

// addSeeds adds the files matching glob, then extra, to a fuzz corpus.
func addSeeds(f *testing.F, glob string, extra ...string) {
	files, _ := filepath.Glob(glob)
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range extra {
		f.Add(s)
	}
}
