package models

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkTagSentence measures TagSentence over the classify fixtures and
// the shared reference page, paragraph by paragraph as classify calls it
// (go test -run '^$' -bench TagSentence -cpu 1 ./models).
func BenchmarkTagSentence(b *testing.B) {
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob("../classify/testdata/pages/*.txt")
	files = append(files, "../../shared/examples/us-iraq-coalition-page.txt")
	var paras []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue // the shared page is not in every checkout
		}
		paras = append(paras, strings.Split(string(raw), "\n\n")...)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			m.TagSentence(p)
		}
	}
}
