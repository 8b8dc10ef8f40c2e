package classify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchPages returns the fixture pages, the reference page when present, and
// a composite news page of about 8 KB made of fixture bodies: realistic
// 1–10 KB inputs with furniture, quotes and attributions.
func benchPages(b *testing.B) map[string]string {
	pages := map[string]string{}
	files, _ := filepath.Glob("testdata/pages/*.txt")
	var composite strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages[strings.TrimSuffix(filepath.Base(f), ".txt")] = string(raw)
		composite.Write(raw)
		composite.WriteString("\n\n")
	}
	pages["composite-8k"] = composite.String()
	if raw, err := os.ReadFile(referencePage); err == nil {
		pages["us-iraq-reference"] = string(raw)
	}
	return pages
}

// BenchmarkClassify reports throughput (MB/s) and allocations per page, with
// the learned models (the default) and with the rules alone.
func BenchmarkClassify(b *testing.B) {
	pages := benchPages(b)
	for _, mode := range []struct {
		name string
		opts Options
	}{{"models", Options{}}, {"rules", Options{Rules: true}}} {
		c := newClassifier(b, mode.opts)
		for _, name := range []string{"composite-8k", "wire-story", "opinion-column", "us-iraq-reference"} {
			text, ok := pages[name]
			if !ok {
				continue
			}
			b.Run(mode.name+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.Classify(context.Background(), Page{Text: text}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
