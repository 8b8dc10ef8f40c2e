package train

// Composed pages: PolNeAR dev's news articles laid out as a scraped page
// is, with real furniture around and between their paragraphs — the lines
// of the readability test pages that are not their main content (menus,
// share bars, captions, related links, footers). Every byte's truth is
// known: the article's paragraphs are news, the furniture boilerplate. The
// figure is the share of those bytes whose block gets that kind, which
// catches both failures a reader sees: furniture read as article, and a
// news article's paragraphs called opinion.

import (
	"context"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"slices"
	"strings"

	"github.com/slantwire/slant/internal/testpages"
	"golang.org/x/net/html"
)

// KindSpan is a block's kind ("news", "opinion", "boilerplate") over
// text[Start:End].
type KindSpan struct {
	Start, End int
	Kind       string
}

// KindReader returns the block kinds a system gives a plain-text page.
type KindReader func(ctx context.Context, text string) ([]KindSpan, error)

// KindSystem is a named KindReader.
type KindSystem struct {
	Name string
	Read KindReader
}

// The shape of a composed page: furniture lines before and after the
// article, and one furniture line after every furnitureEvery paragraphs.
const (
	headerLines    = 4
	footerLines    = 5
	furnitureEvery = 3
	// Furniture lines are the short text blocks of a page: menus, labels,
	// captions, headlines of other pages. Longer blocks outside the main
	// content are mostly comments and teasers' prose, whose truth is not
	// plainly boilerplate.
	maxFurnitureWords = 16
)

// ComposedRows measures each system's block kinds on the composed pages
// of PolNeAR dev's news articles and of its labelled train sample's (the
// set the plain-text genre thresholds were chosen on).
func ComposedRows(ctx context.Context, systems []KindSystem, cfg Config) ([]Row, error) {
	pool, err := readFurniture(filepath.Join(cfg.Data, "readability-pages", "test-pages"))
	if err != nil {
		return nil, err
	}
	var rows []Row
	for _, split := range []struct{ name, data string }{{"dev", "composed pages, PolNeAR dev"}, {"train", "composed pages, PolNeAR train sample"}} {
		pages, err := composedPages(cfg, split.name, pool)
		if err != nil {
			return nil, err
		}
		for _, s := range systems {
			var k kindScores
			for _, p := range pages {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				got, err := s.Read(ctx, p.text)
				if err != nil {
					return nil, fmt.Errorf("composed page %s: %w", p.name, err)
				}
				k.add(p, got)
			}
			rows = append(rows, Row{
				Task: "block kinds (" + s.Name + ")", Data: split.data, N: len(pages),
				Metric: "byte accuracy", Value: k.accuracy(),
				Detail: fmt.Sprintf("news bytes: %.3f news, %.3f opinion; furniture bytes: %.3f boilerplate, %.3f news; news articles with %d furniture lines from the readability pages",
					k.share("news", "news"), k.share("news", "opinion"), k.share("boilerplate", "boilerplate"), k.share("boilerplate", "news"), len(pool)),
			})
		}
	}
	return rows, nil
}

// composed is one composed page and its truth.
type composed struct {
	name  string
	text  string
	truth []KindSpan // the title is in none: it is not scored
}

// composedPages lays out every PolNeAR article of split labelled news.
func composedPages(cfg Config, split string, pool []string) ([]composed, error) {
	labels, err := ReadGenreLabels()
	if err != nil {
		return nil, err
	}
	news := map[string]bool{}
	for _, l := range labels {
		if l.Split == split && l.Genre == "news" {
			news[l.Name] = true
		}
	}
	arts, err := readPolNEAR(cfg.Data, split, 0)
	if err != nil {
		return nil, err
	}
	var out []composed
	for _, a := range arts {
		if news[a.Name] && (cfg.Limit <= 0 || len(out) < cfg.Limit) {
			out = append(out, compose(a, pool))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("composed pages: no PolNeAR %s article is labelled news", split)
	}
	return out, nil
}

// compose lays a out with furniture drawn from pool by a hash of its name,
// so that the pages are the same on every run.
func compose(a article, pool []string) composed {
	h := fnv.New64a()
	h.Write([]byte(a.Name))
	next := h.Sum64()
	draw := func() string {
		next = next*6364136223846793005 + 1442695040888963407
		return pool[(next>>33)%uint64(len(pool))]
	}
	p := composed{name: a.Name}
	var b strings.Builder
	add := func(s, kind, sep string) {
		start := b.Len()
		b.WriteString(s)
		if kind != "" {
			p.truth = append(p.truth, KindSpan{start, b.Len(), kind})
		}
		b.WriteString(sep)
	}
	for i := range headerLines {
		sep := "\n"
		if i == headerLines-1 {
			sep = "\n\n"
		}
		add(draw(), "boilerplate", sep)
	}
	paras := strings.Split(strings.TrimSpace(a.Text), "\n")
	paras = slices.DeleteFunc(paras, func(s string) bool { return strings.TrimSpace(s) == "" })
	for i, para := range paras {
		if i == 0 {
			add(strings.TrimSpace(para), "", "\n\n") // the title
			continue
		}
		add(strings.TrimSpace(para), "news", "\n\n")
		if i%furnitureEvery == 0 && i < len(paras)-1 {
			add(draw(), "boilerplate", "\n\n")
		}
	}
	for range footerLines {
		add(draw(), "boilerplate", "\n")
	}
	p.text = b.String()
	return p
}

// kindScores counts bytes (not spaces) by their true and given kinds.
type kindScores struct {
	n map[[2]string]int
}

func (k *kindScores) add(p composed, got []KindSpan) {
	if k.n == nil {
		k.n = map[[2]string]int{}
	}
	kindAt := make([]string, len(p.text))
	for _, s := range got {
		for i := max(s.Start, 0); i < min(s.End, len(kindAt)); i++ {
			kindAt[i] = s.Kind
		}
	}
	for _, t := range p.truth {
		for i := t.Start; i < t.End; i++ {
			if c := p.text[i]; c != ' ' && c != '\t' {
				k.n[[2]string{t.Kind, kindAt[i]}]++
			}
		}
	}
}

// accuracy is the share of scored bytes whose kind is their truth's.
func (k *kindScores) accuracy() float64 {
	right, all := 0, 0
	for key, n := range k.n {
		all += n
		if key[0] == key[1] {
			right += n
		}
	}
	return ratio(right, all)
}

// share is the share of truth's bytes given kind.
func (k *kindScores) share(truth, kind string) float64 {
	of, all := 0, 0
	for key, n := range k.n {
		if key[0] == truth {
			all += n
			if key[1] == kind {
				of += n
			}
		}
	}
	return ratio(of, all)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// readFurniture collects the furniture lines of the readability test
// pages: the text blocks of source.html, of 1 to maxFurnitureWords words,
// that are not in expected.html (the page's main content), each once, in
// page order.
func readFurniture(dir string) ([]string, error) {
	pages, err := testpages.Load(dir)
	if err != nil {
		return nil, fmt.Errorf("composed pages: %w", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range pages {
		main := strings.Join(textBlocks(p.Expected), " ")
		for _, s := range textBlocks(p.Source) {
			if n := len(strings.Fields(s)); n == 0 || n > maxFurnitureWords || seen[s] || strings.Contains(main, s) {
				continue
			}
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("composed pages: no furniture in %s", dir)
	}
	return out, nil
}

// textBlocks returns the text of a page block by block: a block ends at
// every tag that starts a line in a browser. Script, style and the like
// are not text.
func textBlocks(page string) []string {
	z := html.NewTokenizer(strings.NewReader(page))
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(cur.String()), " "); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
				cur.WriteByte(' ')
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch tag := string(name); {
			case isNonText(tag):
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case isBlockTag(tag):
				flush()
			}
		}
	}
}

// isNonText reports the elements whose text a reader does not see.
func isNonText(tag string) bool {
	switch tag {
	case "script", "style", "noscript", "template", "svg", "title", "select", "textarea":
		return true
	}
	return false
}

// isBlockTag reports the elements that start a line in a browser.
func isBlockTag(tag string) bool {
	switch tag {
	case "p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "td", "tr", "table",
		"section", "article", "header", "footer", "nav", "aside", "figure", "figcaption", "blockquote",
		"form", "button", "dd", "dt", "main", "body", "hr":
		return true
	}
	return false
}
