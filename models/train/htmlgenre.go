package train

import (
	_ "embed"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// htmlGenreLabels are our own page-genre labels of real HTML pages: every
// readability test page and every fifth trafilatura-eval page in file-name
// order. They measure the page verdict on pages as they come (section
// fronts, blogs, product pages, many languages), where PolNeAR's article
// texts cannot. Only page names, labels and short notes are here; the pages
// stay in the shared data folder. See models/README.md, "Page genre on real
// HTML (labelled set)".
//
//go:embed htmlgenre.tsv
var htmlGenreLabels string

// HTMLGenreSets are the page sets the HTML genre labels draw on, in the
// order the file lists them.
func HTMLGenreSets() []string { return []string{"readability", "trafilatura"} }

// HTMLGenres are the genres the HTML labels use: a news report, an opinion
// piece, or no single news or opinion article (an index, a product page, a
// how-to, a forum thread). There is no mixed label: a page's main content is
// judged as a whole.
func HTMLGenres() []string { return []string{"news", "opinion", "other"} }

// HTMLGenreLabel is one labelled page.
type HTMLGenreLabel struct {
	// Set is "readability" or "trafilatura".
	Set string
	// Page is the readability folder name, or the trafilatura file name
	// without ".gz".
	Page  string
	Genre string
	// Note is the reason for the call; every opinion and other row has one,
	// and a hard call starts with "hard:".
	Note string
}

// Path is the page's HTML file under the shared data folder data; a
// trafilatura page is gzipped.
func (l HTMLGenreLabel) Path(data string) string {
	if l.Set == "readability" {
		return filepath.Join(data, "readability-pages", "test-pages", l.Page, "source.html")
	}
	return filepath.Join(data, "trafilatura-eval", "html", l.Page+".gz")
}

// ReadHTMLGenreLabels parses the embedded labels.
func ReadHTMLGenreLabels() ([]HTMLGenreLabel, error) {
	var out []HTMLGenreLabel
	for i, line := range strings.Split(strings.TrimRight(htmlGenreLabels, "\r\n"), "\n") {
		if i == 0 {
			if line != "set\tpage\tgenre\tnote" {
				return nil, fmt.Errorf("html genre labels: header %q", line)
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			return nil, fmt.Errorf("html genre labels line %d: %d columns, want 4", i+1, len(cols))
		}
		l := HTMLGenreLabel{Set: cols[0], Page: cols[1], Genre: cols[2], Note: cols[3]}
		if !slices.Contains(HTMLGenreSets(), l.Set) {
			return nil, fmt.Errorf("html genre labels line %d: unknown set %q", i+1, l.Set)
		}
		if !slices.Contains(HTMLGenres(), l.Genre) {
			return nil, fmt.Errorf("html genre labels line %d: unknown genre %q", i+1, l.Genre)
		}
		out = append(out, l)
	}
	return out, nil
}
