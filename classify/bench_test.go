package classify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/shareddata"
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

// BenchmarkClassify reports throughput (MB/s), allocations and CPU time
// per page, with the learned models (the default) and with the rules alone.
// CPU time (the process's user+system time, so it includes the garbage
// collector) is the figure to compare on a shared machine, where wall time
// also counts the other processes' turns.
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
				cpu0 := cpuTime()
				for b.Loop() {
					if _, err := c.Classify(context.Background(), Page{Text: text}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// BenchmarkClassifyNewsSet classifies every PolNeAR article (train and
// dev, 924 news and opinion articles of 2016, about 5 KB each) in both
// analyses: realistic pages that are nearly all prose, where the learned
// models read every sentence. The fixture pages above are shorter and carry
// more furniture, which the models skip. Needs the shared data folder.
func BenchmarkClassifyNewsSet(b *testing.B) {
	texts, total := newsSet(b)
	for _, mode := range []struct {
		name string
		opts Options
	}{{"models", Options{}}, {"rules", Options{Rules: true}}} {
		c := newClassifier(b, mode.opts)
		b.Run(mode.name, func(b *testing.B) {
			b.SetBytes(int64(total))
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				for _, text := range texts {
					if _, err := c.Classify(context.Background(), Page{Text: text}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/float64(len(texts)), "cpu-ns/page")
		})
	}
}

func newsSet(b *testing.B) (texts []string, total int) {
	files, _ := filepath.Glob(filepath.Join(polnearDir, "*", "text", "*.txt"))
	if len(files) == 0 {
		shareddata.Skipf(b, "PolNeAR not present at %s (it lives in the shared data folder)", polnearDir)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(raw))
		total += len(raw)
	}
	return texts, total
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
