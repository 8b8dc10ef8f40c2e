package features

import (
	"strings"
	"testing"
)

// TestEvaluativeSuffix checks the last-byte shortcut against the plain
// loop, on words where Unicode case folding could matter ("ſ" folds to
// "s").
func TestEvaluativeSuffix(t *testing.T) {
	ref := func(w string) bool {
		for _, suf := range [...]string{"ous", "ive", "ful", "less", "able", "ible"} {
			if len(w) > len(suf) && strings.EqualFold(w[len(w)-len(suf):], suf) {
				return true
			}
		}
		return false
	}
	for _, w := range []string{"", "s", "ous", "famous", "FAMOUS", "famouſ", "careleſs", "massive", "MASSIVE", "awful",
		"AWFUL", "careless", "capable", "CAPABLE", "horrible", "table", "tabl\xff", "said", "house", "mouse", "ful", "x\u212aful"} {
		if got, want := evaluativeSuffix(w), ref(w); got != want {
			t.Errorf("evaluativeSuffix(%q) = %v, want %v", w, got, want)
		}
	}
	if lexClasses != clLexStrong|clLexWeak|clLexIntens|clLexOpinion|clLexStance|clLexLoaded {
		t.Errorf("lexClasses %b", lexClasses)
	}
}
