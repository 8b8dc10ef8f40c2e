package classify

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzClassify feeds arbitrary text to Classify: it must return a result
// whose spans index the text, or an error, and never panic.
func FuzzClassify(f *testing.F) {
	files, _ := filepath.Glob("testdata/pages/*.txt")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, s := range []string{
		`"a," said. per per , according to to "`, "U.S. U.S.\n\n“”„«»", "They said. It said. The outlet said.",
		"Mr. Dr. No. 2 ... … !? \"\"\"", ", who said, said", "a\r\n\r\nb\r\n", "'s s' '' ’s",
	} {
		f.Add(s)
	}
	c, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res, err := c.Classify(context.Background(), Page{Text: text})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		check := func(what string, s Span) {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
				t.Fatalf("%s span %d:%d %q does not index the text", what, s.Start, s.End, s.Text)
			}
		}
		for _, b := range res.Blocks {
			check("block", Span{b.Start, b.End, b.Text})
		}
		for _, s := range res.Sentences {
			check("sentence", Span{s.Start, s.End, text[s.Start:s.End]})
			for _, l := range s.LoadedTerms {
				check("loaded", l)
			}
		}
		for _, a := range res.Attributions {
			check("source", a.Source)
			check("cue", a.Cue)
			check("content", a.Content)
		}
	})
}
