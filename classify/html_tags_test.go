package classify

import (
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/wordlists"
)

// TestClassWordListsAreTokens holds the class/id word lists to what
// classSignals can match: an entry with a hyphen or a capital would never
// be looked up, and a token in two role lists (or two kind lists) would
// silently take the first.
func TestClassWordListsAreTokens(t *testing.T) {
	for _, group := range [][]string{
		{wordlists.NavClassTokens, wordlists.AdClassTokens, wordlists.RelatedClassTokens, wordlists.ShareClassTokens,
			wordlists.CommentClassTokens, wordlists.NewsletterClassTokens, wordlists.FooterClassTokens},
		{wordlists.BylineClassTokens, wordlists.DateClassTokens, wordlists.PositiveClassTokens, wordlists.NegativeClassTokens},
	} {
		seen := map[string]bool{}
		for _, list := range group {
			for _, w := range strings.Fields(list) {
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
		}
	}
	if classWords.token([]byte("sharebar")).role != RoleShare || classWords.token([]byte("storybody")).kind != tokenPositive {
		t.Errorf("the class vocabulary misses listed tokens")
	}
}
