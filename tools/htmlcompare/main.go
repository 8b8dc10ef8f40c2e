// Command htmlcompare scores slant's HTML body extraction beside
// go-trafilatura and go-readability on the readability test pages: per page
// 4-word-shingle precision and recall of the extracted body against
// expected.html, macro-averaged, and the median time per page, every
// extractor run in the same process on the same pages. It prints a markdown
// table. It is its own module so that neither comparison library enters
// slant's go.mod.
//
//	cd tools/htmlcompare && go run . [-pages DIR] [-runs N]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-shiori/go-readability"
	"github.com/markusmobius/go-trafilatura"
	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/shingle"
)

type page struct{ name, source, expected string }

type extractor struct {
	name string
	run  func(src string) (string, error)
}

func main() {
	dir := flag.String("pages", "../../../shared/data/readability-pages/test-pages", "directory of page folders with source.html and expected.html")
	runs := flag.Int("runs", 5, "timed runs per page and extractor (the median counts)")
	verbose := flag.Bool("v", false, "print per-page scores")
	flag.Parse()
	pages, err := load(*dir)
	if err != nil {
		log.Fatal(err)
	}
	c, err := classify.New(classify.Options{Limits: classify.Limits{MaxBytes: 16 << 20}})
	if err != nil {
		log.Fatal(err)
	}
	extractors := []extractor{
		{"slant", func(src string) (string, error) {
			res, err := c.Classify(context.Background(), classify.Page{HTML: src})
			if err != nil {
				return "", err
			}
			return res.ArticleBody(), nil
		}},
		{"go-trafilatura", func(src string) (string, error) {
			res, err := trafilatura.Extract(strings.NewReader(src), trafilatura.Options{ExcludeComments: true})
			if err != nil {
				return "", err
			}
			return res.ContentText, nil
		}},
		{"go-readability", func(src string) (string, error) {
			a, err := readability.FromReader(strings.NewReader(src), nil)
			if err != nil {
				return "", err
			}
			return a.TextContent, nil
		}},
	}
	// Runs interleave the extractors page by page, so that a change in the
	// machine's load during the run falls on all of them alike.
	type tally struct {
		p, r, f float64
		times   []time.Duration
		total   time.Duration
		fails   int
	}
	tallies := make([]tally, len(extractors))
	for _, p := range pages {
		want := shingle.HTMLText(p.expected)
		got := make([]string, len(extractors))
		errs := make([]error, len(extractors))
		per := make([][]time.Duration, len(extractors))
		for range *runs {
			for xi, x := range extractors {
				t0 := time.Now()
				got[xi], errs[xi] = x.run(p.source)
				per[xi] = append(per[xi], time.Since(t0))
			}
		}
		for xi, x := range extractors {
			t := &tallies[xi]
			slices.Sort(per[xi])
			med := per[xi][len(per[xi])/2]
			t.times = append(t.times, med)
			t.total += med
			if errs[xi] != nil {
				t.fails++
				got[xi] = ""
			}
			pr, rc, f := shingle.Score(got[xi], want)
			if *verbose {
				fmt.Fprintf(os.Stderr, "%-16s %-40s P %.3f R %.3f F1 %.3f %v\n", x.name, p.name, pr, rc, f, med)
			}
			t.p, t.r, t.f = t.p+pr, t.r+rc, t.f+f
		}
	}
	n := float64(len(pages))
	fmt.Printf("%d pages from %s, median of %d interleaved runs per page and extractor\n\n", len(pages), *dir, *runs)
	fmt.Println("| extractor | body F1 | precision | recall | mean time per page | median time per page | failures |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for xi, x := range extractors {
		t := tallies[xi]
		slices.Sort(t.times)
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %.2f ms | %.2f ms | %d |\n", x.name, t.f/n, t.p/n, t.r/n,
			float64(t.total.Microseconds())/1000/n, float64(t.times[len(t.times)/2].Microseconds())/1000, t.fails)
	}
}

func load(dir string) ([]page, error) {
	dirs, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, d := range dirs {
		src, err1 := os.ReadFile(filepath.Join(d, "source.html"))
		exp, err2 := os.ReadFile(filepath.Join(d, "expected.html"))
		if err1 != nil || err2 != nil {
			continue
		}
		pages = append(pages, page{filepath.Base(d), string(src), string(exp)})
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no pages with source.html and expected.html under %s", dir)
	}
	slices.SortFunc(pages, func(a, b page) int { return strings.Compare(a.name, b.name) })
	return pages, nil
}
