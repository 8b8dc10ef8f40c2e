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
