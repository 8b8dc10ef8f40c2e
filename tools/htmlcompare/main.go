// Command htmlcompare scores slant's HTML body extraction beside
// go-trafilatura and go-readability on two sets, every extractor run in the
// same process on the same pages, interleaved page by page:
//
//   - the readability test pages: per page 4-word-shingle precision and
//     recall of the extracted body against expected.html, macro-averaged;
//   - trafilatura's benchmark (trafilatura-eval): snippets the main text
//     must and must not contain, precision and recall over all snippets as
//     trafilatura scores them, reported for the development half (file
//     names hashing even), the other half and the whole set.
//
// Times are the median of the runs per page; the table gives their mean
// and median over the pages. It prints markdown tables. It is its own
// module so that neither comparison library enters slant's go.mod.
//
//	cd tools/htmlcompare && go run . [-pages DIR] [-trafeval DIR] [-runs N]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/go-shiori/go-readability"
	"github.com/markusmobius/go-trafilatura"
	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/shingle"
	"github.com/slantwire/slant/internal/snippets"
	"github.com/slantwire/slant/internal/testpages"
)

func main() {
	dir := flag.String("pages", "../../../shared/data/readability-pages/test-pages", "directory of page folders with source.html and expected.html")
	teDir := flag.String("trafeval", "../../../shared/data/trafilatura-eval", "trafilatura's benchmark: evaldata.json and html/ (\"\" to skip it)")
	runs := flag.Int("runs", 5, "timed runs per page and extractor (the median counts)")
	verbose := flag.Bool("v", false, "print per-page scores")
	flag.Parse()
	pages, err := testpages.Load(*dir)
	if err != nil {
		log.Fatal(err)
	}
	var tePages []snippets.Page
	if *teDir != "" {
		if tePages, err = snippets.Load(*teDir); err != nil {
			log.Fatal(err)
		}
	}
	extractors := newExtractors()

	// Readability pages.
	tallies := make([]tally, len(extractors))
	for _, p := range pages {
		want := shingle.HTMLText(p.Expected)
		got, errs := timed(extractors, tallies, p.Source, "", *runs)
		for xi, x := range extractors {
			t := &tallies[xi]
			if errs[xi] != nil {
				t.fails++
				got[xi] = ""
			}
			pr, rc, f := shingle.Score(got[xi], want)
			if *verbose {
				fmt.Fprintf(os.Stderr, "%-16s %-40s P %.3f R %.3f F1 %.3f\n", x.name, p.Name, pr, rc, f)
			}
			t.p, t.r, t.f = t.p+pr, t.r+rc, t.f+f
		}
	}
	n := float64(len(pages))
	fmt.Printf("%d readability pages from %s, median of %d interleaved runs per page and extractor\n\n", len(pages), *dir, *runs)
	fmt.Println("| extractor | body F1 | precision | recall | mean time per page | median time per page | failures |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for xi, x := range extractors {
		t := tallies[xi]
		mean, med := t.meanMedian()
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %.2f ms | %.2f ms | %d |\n", x.name, t.f/n, t.p/n, t.r/n, mean, med, t.fails)
	}
	if len(tePages) == 0 {
		return
	}

	// trafilatura-eval.
	teTallies := make([]tally, len(extractors))
	dev := make([]snippets.Tally, len(extractors))
	other := make([]snippets.Tally, len(extractors))
	for i := range tePages {
		p := &tePages[i]
		got, errs := timed(extractors, teTallies, p.HTML, p.URL, *runs)
		for xi, x := range extractors {
			if errs[xi] != nil {
				teTallies[xi].fails++
				got[xi] = ""
			}
			var one snippets.Tally
			one.Add(p, got[xi])
			if p.Dev {
				dev[xi].Merge(one)
			} else {
				other[xi].Merge(one)
			}
			if *verbose {
				fmt.Fprintf(os.Stderr, "%-16s %-50s tp %d fn %d fp %d\n", x.name, p.File, one.TP, one.FN, one.FP)
			}
		}
	}
	fmt.Printf("\n%d trafilatura-eval pages from %s (dev half %d pages), median of %d interleaved runs per page and extractor; snippet F1 (precision / recall)\n\n",
		len(tePages), *teDir, countDev(tePages), *runs)
	fmt.Println("| extractor | F1 dev half | F1 other half | F1 all | precision | recall | mean time per page | median time per page | failures |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for xi, x := range extractors {
		all := dev[xi]
		all.Merge(other[xi])
		_, _, fd := dev[xi].Scores()
		_, _, fo := other[xi].Scores()
		pa, ra, fa := all.Scores()
		mean, med := teTallies[xi].meanMedian()
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f ms | %.2f ms | %d |\n", x.name, fd, fo, fa, pa, ra, mean, med, teTallies[xi].fails)
	}
	mean0, _ := teTallies[0].meanMedian()
	mean1, _ := teTallies[1].meanMedian()
	r0, _ := tallies[0].meanMedian()
	r1, _ := tallies[1].meanMedian()
	fmt.Printf("\nslant's mean time per page against go-trafilatura's: %.2f× on trafilatura-eval, %.2f× on the readability pages\n", mean0/mean1, r0/r1)
}

type extractor struct {
	name string
	run  func(src, url string) (string, error)
}

func newExtractors() []extractor {
	c, err := classify.New(classify.Options{Limits: classify.Limits{MaxBytes: 16 << 20}})
	if err != nil {
		log.Fatal(err)
	}
	return []extractor{
		{"slant", func(src, url string) (string, error) {
			res, err := c.Classify(context.Background(), classify.Page{HTML: src, URL: url})
			if err != nil {
				return "", err
			}
			return res.ArticleBody(), nil
		}},
		{"go-trafilatura", func(src, _ string) (string, error) {
			res, err := trafilatura.Extract(strings.NewReader(src), trafilatura.Options{ExcludeComments: true})
			if err != nil {
				return "", err
			}
			return res.ContentText, nil
		}},
		{"go-readability", func(src, _ string) (string, error) {
			a, err := readability.FromReader(strings.NewReader(src), nil)
			if err != nil {
				return "", err
			}
			return a.TextContent, nil
		}},
	}
}

// tally is one extractor's sums over a set.
type tally struct {
	p, r, f float64
	times   []time.Duration
	total   time.Duration
	fails   int
}

// meanMedian is the mean and median of the per-page times, in ms.
func (t tally) meanMedian() (mean, median float64) {
	if len(t.times) == 0 {
		return 0, 0
	}
	ts := slices.Clone(t.times)
	slices.Sort(ts)
	return float64(t.total.Microseconds()) / 1000 / float64(len(ts)), float64(ts[len(ts)/2].Microseconds()) / 1000
}

// timed runs every extractor runs times on one page, interleaved so that a
// change in the machine's load falls on all of them alike, adds each one's
// median time to its tally and returns the last run's outputs.
func timed(extractors []extractor, tallies []tally, src, url string, runs int) ([]string, []error) {
	got := make([]string, len(extractors))
	errs := make([]error, len(extractors))
	per := make([][]time.Duration, len(extractors))
	for range runs {
		for xi, x := range extractors {
			t0 := time.Now()
			got[xi], errs[xi] = x.run(src, url)
			per[xi] = append(per[xi], time.Since(t0))
		}
	}
	for xi := range extractors {
		slices.Sort(per[xi])
		med := per[xi][len(per[xi])/2]
		tallies[xi].times = append(tallies[xi].times, med)
		tallies[xi].total += med
	}
	return got, errs
}

func countDev(pages []snippets.Page) int {
	n := 0
	for _, p := range pages {
		if p.Dev {
			n++
		}
	}
	return n
}
