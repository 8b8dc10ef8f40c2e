package classify

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/shareddata"
)

// The golden tests hold the whole result of every fixture page, the
// reference page and a sample of the HTML development pages, with the rules
// and with the models, against the last accepted output: a change in any
// byte of any result fails them. Regenerate with
//
//	go test ./classify -run Golden -update
//
// and read the diff before committing it. Fixture results are stored whole
// (testdata/golden/*.golden.json); pages from the shared data folder, which
// must not be copied into the repository, are stored as SHA-256 digests of
// their result (testdata/golden/shared.golden.json); -golden.dump DIR writes
// their full results to DIR to diff two builds.
var (
	update     = flag.Bool("update", false, "rewrite the golden files from the current output")
	goldenDump = flag.String("golden.dump", "", "write the full results of the shared pages to this directory")
)

const goldenDir = "testdata/golden"

// goldenMode is one analysis the goldens cover.
type goldenMode struct {
	name string
	opts Options
}

var goldenModes = []goldenMode{
	{"rules", Options{Limits: Limits{MaxBytes: 16 << 20}, Rules: true}},
	{"models", Options{Limits: Limits{MaxBytes: 16 << 20}}},
}

// goldenPage is one input of the golden tests.
type goldenPage struct {
	name string // unique, used in file names and keys
	page Page
}

func fixturePages(t *testing.T) []goldenPage {
	t.Helper()
	var pages []goldenPage
	for _, glob := range []string{"testdata/pages/*.txt", "testdata/html/*.html"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f)
			p := Page{ID: name, Site: "example"}
			if strings.HasSuffix(name, ".html") {
				p.HTML = string(b)
			} else {
				p.Text = string(b)
			}
			pages = append(pages, goldenPage{name, p})
			if strings.Contains(name, "opinion") {
				// The same page under an opinion URL: genre evidence from the path.
				p.URL = "https://news.example/opinion/2026/" + strings.TrimSuffix(name, filepath.Ext(name))
				pages = append(pages, goldenPage{"url-" + name, p})
			}
		}
	}
	if len(pages) == 0 {
		t.Fatal("no fixture pages found")
	}
	return pages
}

// sharedPages are the reference page, every readability page and every
// tenth trafilatura-eval page (in file-name order), when present.
func sharedPages(t *testing.T) []goldenPage {
	t.Helper()
	var pages []goldenPage
	if b, err := os.ReadFile(referencePage); err == nil {
		pages = append(pages, goldenPage{"reference", Page{ID: "reference", Text: string(b)}})
	}
	dirs, _ := filepath.Glob(filepath.Join(devSet, "*"))
	for _, d := range dirs {
		if b, err := os.ReadFile(filepath.Join(d, "source.html")); err == nil {
			name := "readability/" + filepath.Base(d)
			pages = append(pages, goldenPage{name, Page{ID: name, HTML: string(b)}})
		}
	}
	files, _ := filepath.Glob("../../shared/data/trafilatura-eval/html/*.gz")
	sort.Strings(files)
	for i := 0; i < len(files); i += 10 {
		b, err := readGzip(files[i])
		if err != nil {
			t.Fatal(err)
		}
		name := "trafilatura/" + strings.TrimSuffix(filepath.Base(files[i]), ".gz")
		pages = append(pages, goldenPage{name, Page{ID: name, HTML: string(b)}})
	}
	return pages
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// goldenJSON is the canonical encoding the goldens compare: the result, or
// for a page that fails, its failure record.
func goldenJSON(t *testing.T, c *Classifier, p Page) []byte {
	t.Helper()
	var v any
	res, err := c.Classify(context.Background(), p)
	if err != nil {
		v = NewFailure(p, err)
	} else {
		v = res
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func TestGoldenFixtures(t *testing.T) {
	pages := fixturePages(t)
	for _, m := range goldenModes {
		c := newClassifier(t, m.opts)
		for _, gp := range pages {
			got := goldenJSON(t, c, gp.page)
			path := filepath.Join(goldenDir, gp.name+"."+m.name+".golden.json")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s (%s): result differs from %s at %s", gp.name, m.name, path, firstDiff(got, want))
			}
		}
	}
}

func TestGoldenSharedPages(t *testing.T) {
	pages := sharedPages(t)
	if len(pages) == 0 {
		shareddata.Skipf(t, "shared data folder absent (../shared): reference and development pages not checked")
	}
	path := filepath.Join(goldenDir, "shared.golden.json")
	want := map[string]string{}
	if !*update {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]string{}
	for _, m := range goldenModes {
		c := newClassifier(t, m.opts)
		for _, gp := range pages {
			b := goldenJSON(t, c, gp.page)
			key := gp.name + "." + m.name
			sum := sha256.Sum256(b)
			got[key] = hex.EncodeToString(sum[:])
			if *goldenDump != "" {
				out := filepath.Join(*goldenDump, strings.ReplaceAll(key, "/", "_")+".json")
				if err := os.MkdirAll(*goldenDump, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(out, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if *update {
				continue
			}
			w, ok := want[key]
			switch {
			case !ok:
				// A page added to the shared folder since the goldens were
				// written: not a change in output.
				t.Logf("%s: no golden digest", key)
			case w != got[key]:
				t.Errorf("%s: result differs from its golden digest", key)
			}
		}
	}
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for key := range want {
		if _, ok := got[key]; !ok {
			t.Logf("%s: in the goldens but not in the shared folder", key)
		}
	}
}

// firstDiff describes where two encodings part: line and the two lines.
func firstDiff(got, want []byte) string {
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if gl[i] != wl[i] {
			return fmt.Sprintf("line %d: got %s, want %s", i+1, strings.TrimSpace(gl[i]), strings.TrimSpace(wl[i]))
		}
	}
	return fmt.Sprintf("line %d: lengths differ", min(len(gl), len(wl))+1)
}
