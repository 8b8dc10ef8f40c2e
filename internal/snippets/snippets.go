// Package snippets loads trafilatura's extraction benchmark
// (../shared/data/trafilatura-eval) and scores extracted text against it as
// trafilatura's own evaluation does: each page names snippets its main text
// must contain ("with") and snippets it must not ("without"); after white
// space is normalised, a "with" snippet found is a true positive and one
// missed a false negative, a "without" snippet found a false positive.
// Precision, recall and F1 are taken over all snippets of all pages. It
// lives apart from classify so that the data test in classify and the
// comparison program in tools/htmlcompare score every extractor alike.
package snippets

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Page is one benchmark page: its markup, raw bytes as served, and its
// snippets.
type Page struct {
	URL, File     string
	HTML          string
	With, Without []string
	// Dev is the half of the set that choices are made on (file names whose
	// FNV-1a hash is even); the other half is reported beside it.
	Dev bool
}

// maxPageBytes bounds one decompressed page.
const maxPageBytes = 64 << 20

// Load reads evaldata.json and every page under dir/html, sorted by file
// name.
func Load(dir string) ([]Page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return nil, fmt.Errorf("snippets: %w", err)
	}
	var idx map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &idx); err != nil {
		return nil, fmt.Errorf("snippets: evaldata.json: %w", err)
	}
	pages := make([]Page, 0, len(idx))
	for url, e := range idx {
		src, err := readGz(filepath.Join(dir, "html", e.File+".gz"))
		if err != nil {
			return nil, fmt.Errorf("snippets: %s: %w", e.File, err)
		}
		pages = append(pages, Page{URL: url, File: e.File, HTML: src, With: e.With, Without: e.Without, Dev: IsDev(e.File)})
	}
	slices.SortFunc(pages, func(a, b Page) int { return strings.Compare(a.File, b.File) })
	return pages, nil
}

// IsDev reports whether the page file name falls in the development half.
func IsDev(file string) bool {
	h := fnv.New32a()
	h.Write([]byte(file))
	return h.Sum32()%2 == 0
}

func readGz(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if _, err := io.Copy(&b, io.LimitReader(z, maxPageBytes)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Normalize turns every run of white space into one space and trims the
// ends.
func Normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// Tally counts snippet outcomes.
type Tally struct{ TP, FN, FP, TN int }

// Add scores one page's extracted text.
func (t *Tally) Add(p *Page, got string) {
	got = Normalize(got)
	for _, s := range p.With {
		if strings.Contains(got, Normalize(s)) {
			t.TP++
		} else {
			t.FN++
		}
	}
	for _, s := range p.Without {
		if strings.Contains(got, Normalize(s)) {
			t.FP++
		} else {
			t.TN++
		}
	}
}

// Merge adds u's counts to t.
func (t *Tally) Merge(u Tally) { t.TP, t.FN, t.FP, t.TN = t.TP+u.TP, t.FN+u.FN, t.FP+u.FP, t.TN+u.TN }

// Scores are precision, recall and F1.
func (t Tally) Scores() (p, r, f1 float64) {
	if t.TP+t.FP > 0 {
		p = float64(t.TP) / float64(t.TP+t.FP)
	}
	if t.TP+t.FN > 0 {
		r = float64(t.TP) / float64(t.TP+t.FN)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}
