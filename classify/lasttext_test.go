package classify

import (
	"context"
	"strings"
	"testing"
)

// TestLastTextIsASentence: a page's last text is a sentence even without
// final punctuation — a one-line page of 2 KB is read, not skipped as a
// title — while a short last line (a footer link) stays furniture.
func TestLastTextIsASentence(t *testing.T) {
	c := newClassifier(t, Options{})
	clause := "the minister said the plan would cut waiting times by half and that hospitals would get more staff over the next year according to officials "
	oneLine := strings.TrimSpace(strings.Repeat(clause, 15)) // ~2 KB, no full stop anywhere
	for name, tc := range map[string]struct {
		text          string
		wantSentences bool
		lastRole      Role
	}{
		"one line, 2 KB":               {oneLine, true, RoleParagraph},
		"one line, short":              {"The minister said the plan would cut waiting times by half and more", true, RoleParagraph},
		"last paragraph unpunctuated":  {"Budget passes\n\nThe council approved the budget, the mayor said.\n\n" + clause, true, RoleParagraph},
		"short footer stays furniture": {"Budget passes\n\nThe council approved the budget, the mayor said.\n\nContact us", true, RoleFooter},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), Page{ID: name, Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(res.Sentences) > 0; got != tc.wantSentences {
				t.Errorf("%d sentences", len(res.Sentences))
			}
			if last := res.Blocks[len(res.Blocks)-1]; last.Role != tc.lastRole {
				t.Errorf("last block is %s/%s, want role %s", last.Kind, last.Role, tc.lastRole)
			}
			if tc.lastRole == RoleParagraph && len(tc.text) > 1000 && res.Page.Genre == GenreOther {
				t.Errorf("genre %s", res.Page.Genre)
			}
		})
	}
}
