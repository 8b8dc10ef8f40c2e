package classify

import (
	"context"
	"errors"
	"testing"
)

// FuzzClassify feeds arbitrary text to Classify: it must return a result
// whose spans index the text, or an error, and never panic.
func FuzzClassify(f *testing.F) {
	addSeeds(f, "testdata/pages/*.txt",
		`"a," said. per per , according to to "`, "U.S. U.S.\n\n“”„«»", "They said. It said. The outlet said.",
		"Mr. Dr. No. 2 ... … !? \"\"\"", ", who said, said", "a\r\n\r\nb\r\n", "'s s' '' ’s")
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
		checkSpans(t, text, res)
	})
}
