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
	fmt.Printf("%d pages from %s, median of %d runs per page\n\n", len(pages), *dir, *runs)
	fmt.Println("| extractor | body F1 | precision | recall | mean time per page | median time per page | failures |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for _, x := range extractors {
		var sp, sr, sf float64
		var times []time.Duration
		var total time.Duration
		fails := 0
		for _, p := range pages {
			var got string
			var err error
			var per []time.Duration
			for range *runs {
				t0 := time.Now()
				got, err = x.run(p.source)
				per = append(per, time.Since(t0))
			}
			slices.Sort(per)
			times = append(times, per[len(per)/2])
			total += per[len(per)/2]
			if err != nil {
				fails++
				got = ""
			}
			pr, rc, f := shingle.Score(got, shingle.HTMLText(p.expected))
			if *verbose {
				fmt.Fprintf(os.Stderr, "%-16s %-40s P %.3f R %.3f F1 %.3f %v\n", x.name, p.name, pr, rc, f, per[len(per)/2])
			}
			sp, sr, sf = sp+pr, sr+rc, sf+f
		}
		n := float64(len(pages))
		slices.Sort(times)
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %.2f ms | %.2f ms | %d |\n", x.name, sf/n, sp/n, sr/n,
			float64(total.Microseconds())/1000/n, float64(times[len(times)/2].Microseconds())/1000, fails)
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
