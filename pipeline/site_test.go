package pipeline

import (
	"strings"
	"testing"
)

func TestSiteToken(t *testing.T) {
	tests := map[string]string{
		"example":                "example",
		"www.Example.com":        "www_example_com",
		"Le Monde":               "le-monde",
		"a>b*c":                  "a-b-c",
		"":                       "unknown",
		"日本":                     "------",
		strings.Repeat("x", 100): strings.Repeat("x", 64),
	}
	for in, want := range tests {
		if got := SiteToken(in); got != want {
			t.Errorf("SiteToken(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSiteTokenStable: a token is its own token (SiteToken returns it
// without copying), so publishers and the pipeline, which apply it again to
// tokens, agree.
func TestSiteTokenStable(t *testing.T) {
	for _, in := range []string{"example", "www.Example.com", "Le Monde", "", "日本", "a_b-c9", "A", "a.b",
		strings.Repeat("x", 64), strings.Repeat("x", 65), strings.Repeat("é", 40)} {
		tok := SiteToken(in)
		if again := SiteToken(tok); again != tok {
			t.Errorf("SiteToken(%q) = %q, but SiteToken(%q) = %q", in, tok, tok, again)
		}
		if isSiteToken(in) && tok != in {
			t.Errorf("isSiteToken(%q) but SiteToken changes it to %q", in, tok)
		}
	}
}
