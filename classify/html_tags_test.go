package classify

import (
	"strings"
	"testing"
)

// TestClassWordLists holds the class/id word lists to what classSignals
// can match, and the look-up built from them to the lists. An entry with a
// hyphen or a capital, or longer than maxClassWord, would never be found,
// and a token in two role lists (or two kind lists) would silently take
// the first.
func TestClassWordLists(t *testing.T) {
	roles, kinds := classRoleLists(), classKindLists()
	checkWord := func(w string, seen map[string]bool) {
		t.Helper()
		if len(w) > maxClassWord {
			t.Errorf("%q is longer than maxClassWord", w)
		}
		for i := range len(w) {
			if !isTokenByte(w[i]) {
				t.Errorf("%q is not one class token", w)
				break
			}
		}
		if seen[w] {
			t.Errorf("%q is in two lists of a group", w)
		}
		seen[w] = true
	}
	classes := newLexicon().classes
	seen := map[string]bool{}
	for _, l := range roles {
		for _, w := range strings.Fields(l.list) {
			checkWord(w, seen)
			if got := classes.token([]byte(w)).role; got != l.role {
				t.Errorf("class token %q: role %q, want %q", w, got, l.role)
			}
		}
	}
	seen = map[string]bool{}
	for _, l := range kinds {
		for _, w := range strings.Fields(l.list) {
			checkWord(w, seen)
			if got := classes.token([]byte(w)).kind; got != l.kind {
				t.Errorf("class token %q: kind %d, want %d", w, got, l.kind)
			}
		}
	}
	for _, w := range []string{"", "x", "navs", "articles", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "9", "é"} {
		if ct := classes.token([]byte(w)); ct != (classToken{}) {
			t.Errorf("unlisted %q looked up as %+v", w, ct)
		}
	}
}

func TestIsOpinionSectionWholeWords(t *testing.T) {
	lx := newClassifier(t, Options{}).lex
	for s, want := range map[string]bool{
		"Opinion":                 true,
		"Opinions":                true,
		"Editorials & Letters":    true,
		"Guest Column":            true,
		"Op-Ed":                   true,
		"Latest Commentary":       true,
		"Developed World":         false,
		"Newsletters":             false,
		"Columns":                 false,
		"Editorial standards":     false,
		"Our editorial policy":    false,
		"Letters to the Editor":   true,
		"Technology":              false,
		"Perspective: the budget": true,
	} {
		if got := lx.isOpinionSection(s); got != want {
			t.Errorf("isOpinionSection(%q) = %v, want %v", s, got, want)
		}
	}
}
