// Package testpages reads the readability test pages of the shared data
// folder (readability-pages/test-pages): a folder a page, holding the page
// as served (source.html) and the main content readability extracts from
// it (expected.html). The HTML development-set tests, the composed pages
// of slant eval and the comparison program in tools/htmlcompare read them
// the same way.
package testpages

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Page is one test page.
type Page struct {
	Name             string // the folder's name
	Source, Expected string // source.html and expected.html
}

// Load reads every folder under dir that holds both files, sorted by name.
// A folder missing either is passed over. When no page is found the error
// wraps fs.ErrNotExist, so that tests can skip on it.
func Load(dir string) ([]Page, error) {
	dirs, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return nil, err
	}
	var pages []Page
	for _, d := range dirs {
		src, err1 := os.ReadFile(filepath.Join(d, "source.html"))
		exp, err2 := os.ReadFile(filepath.Join(d, "expected.html"))
		if err1 != nil || err2 != nil {
			continue
		}
		pages = append(pages, Page{filepath.Base(d), string(src), string(exp)})
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no pages with source.html and expected.html under %s: %w", dir, fs.ErrNotExist)
	}
	slices.SortFunc(pages, func(a, b Page) int { return strings.Compare(a.Name, b.Name) })
	return pages, nil
}
