package classify

import (
	"context"
	"testing"
)

// BenchmarkExtractHTMLSet runs the extraction stage alone (extractHTML:
// decoding, tokenizing, the page text and its blocks) over the
// development set, and reports the mean time per page and the process's
// CPU time per op (less disturbed than wall time on a shared machine).
func BenchmarkExtractHTMLSet(b *testing.B) {
	pages := loadDevSet(b)
	c := newClassifier(b, Options{Rules: true, Limits: Limits{MaxBytes: 16 << 20}})
	total := 0
	for _, p := range pages {
		total += len(p.Source)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, p := range pages {
			if _, err := c.extractHTML(context.Background(), p.Source); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(pages)), "µs/page")
}
