package classify

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/shareddata"
	"github.com/slantwire/slant/models/train"
)

// sharedData is the shared data folder beside the repository.
const sharedData = "../../shared/data"

// TestHTMLGenreLabels measures the page verdict on our genre labels of real
// HTML pages (models/train/htmlgenre.tsv: every readability test page and
// every fifth trafilatura-eval page), with the rules and with the models,
// per half of the labels' fixed split (train.HTMLGenreLabel.Half): the
// genre rules were chosen on the "tune" half, the "report" half only
// measures them. It logs precision and recall per genre and the confusion
// matrices; -v also lists the tuning half's pages called wrong (the report
// half's errors are not listed, so that they are not read while tuning).
// A trafilatura page is classified with its URL from the set's index, as the
// pipeline would; a readability page has none.
//
// The floors (htmlGenreFloors) are the figures reached on each half when
// the rules were last chosen, so that the verdict cannot fall back without
// a test saying so; raise them when it improves.
func TestHTMLGenreLabels(t *testing.T) {
	pages, err := train.ReadHTMLGenrePages(sharedData)
	if errors.Is(err, fs.ErrNotExist) {
		shareddata.Skipf(t, "HTML page sets not present (%v): they live in the shared data folder beside the repository; page genre on HTML not measured", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
	}{{"rules", Options{Rules: true}}, {"models", Options{}}} {
		floors := htmlGenreFloors[tc.name]
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Limits = Limits{MaxBytes: 16 << 20}
			c := newClassifier(t, opts)
			read := func(ctx context.Context, html, url string) (string, error) {
				res, err := c.Classify(ctx, Page{URL: url, HTML: html})
				if err != nil {
					return "", err
				}
				return string(res.Page.Genre), nil
			}
			scores, err := train.ScoreHTMLGenre(context.Background(), read, pages)
			if err != nil {
				t.Fatal(err)
			}
			if testing.Verbose() {
				for _, p := range pages {
					if p.Half() != "tune" {
						continue
					}
					if pred, _ := read(context.Background(), p.HTML, p.URL); pred != p.Genre {
						t.Logf("%-70s gold %-7s called %-7s %s", p.ID(), p.Genre, pred, p.Note)
					}
				}
			}
			for i, half := range train.HTMLGenreHalves() {
				s := &scores[i]
				t.Logf("%s, %s half: %d pages; %s", tc.name, half, s.N, s.Summary())
				t.Logf("%s, %s half, confusion matrix:\n%s", tc.name, half, s.Matrix())
				errs := 0
				for _, g := range train.HTMLGenres() {
					errs += s.Count(g, "error")
				}
				if errs > 0 {
					t.Errorf("%s half: %d pages failed to classify", half, errs)
				}
				for _, f := range floors[i] {
					p, r, _, _ := s.PR(f.genre)
					if p < f.precision || r < f.recall {
						t.Errorf("%s half: %s precision %.3f recall %.3f, floor %.3f / %.3f", half, f.genre, p, r, f.precision, f.recall)
					}
				}
			}
			if n := scores[0].N + scores[1].N; n != len(pages) {
				t.Errorf("classified %d pages, want %d", n, len(pages))
			}
		})
	}
}

// htmlGenreFloor is the least precision and recall of one genre on one half
// of the HTML labels.
type htmlGenreFloor struct {
	genre             string
	precision, recall float64
}

// htmlGenreFloors are the figures TestHTMLGenreLabels reached, per system
// and half (tune, report), rounded down.
var htmlGenreFloors = map[string][2][]htmlGenreFloor{
	"models": {
		{{"opinion", 0.933, 0.538}, {"news", 0.609, 0.847}, {"other", 0.9, 0.576}},
		{{"opinion", 0.857, 0.285}, {"news", 0.610, 0.892}, {"other", 0.833, 0.522}},
	},
	"rules": {
		{{"opinion", 0.928, 0.5}, {"news", 0.589, 0.779}, {"other", 0.9, 0.576}},
		{{"opinion", 0.625, 0.238}, {"news", 0.604, 0.846}, {"other", 0.837, 0.537}},
	},
}

// TestMarkupGenreCategories checks the opinion evidence of a CMS's wrapper
// classes, review keywords and a JSON-LD Review: the post's own category
// counts, a teaser's does not; a Review beside a Recipe is the readers'
// ratings, not a critic's piece.
func TestMarkupGenreCategories(t *testing.T) {
	c := newClassifier(t, Options{Rules: true})
	for _, tc := range []struct {
		name, html string
		want       string // "" for no opinion evidence
	}{
		{"wordpress post category", `<body class="single single-post postid-12"><article class="post-12 post type-post category-kolumne"><p>Text.</p></article></body>`, "class:category-kolumne"},
		{"wordpress hyphenated category", `<body class="single postid-12"><article class="post-12 post category-gast-kommentar"><p>Text.</p></article></body>`, "class:category-gast-kommentar"},
		{"wordpress teaser category", `<body class="single postid-12"><article class="post-12 post category-politik"><p>Text.</p></article><article class="post-99 post category-kommentar"><p>Teaser.</p></article></body>`, ""},
		{"category without a post id", `<body class="home"><article class="post-12 post category-meinung"><p>Text.</p></article></body>`, ""},
		{"drupal node type", `<body class="not-front node-type-chronique"><p>Text.</p></body>`, "class:node-type-chronique"},
		{"drupal 8 node type", `<body class="path-node page-node--type-kommentar"><p>Text.</p></body>`, "class:page-node--type-kommentar"},
		{"page type on html", `<html class="js content-type-opinion"><body><p>Text.</p></body></html>`, "class:content-type-opinion"},
		{"drupal news node type", `<body class="not-front node-type-article"><p>Text.</p></body>`, ""},
		{"review keyword", `<head><meta name="keywords" content="Technologie, Review, Android"></head><body><p>Text.</p></body>`, "meta:keywords:review"},
		{"review inside a keyword", `<head><meta name="keywords" content="peer review, science"></head><body><p>Text.</p></body>`, ""},
		{"review section", `<head><meta property="article:section" content="Rezension"></head><body><p>Text.</p></body>`, "meta:article:section:rezension"},
		{"json-ld review", `<head><script type="application/ld+json">{"@type":"Review","name":"X"}</script></head><body><p>Text.</p></body>`, "json-ld:Review"},
		{"json-ld recipe ratings", `<head><script type="application/ld+json">{"@type":"Recipe","review":[{"@type":"Review"}]}</script></head><body><p>Text.</p></body>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.html
			if !strings.HasPrefix(src, "<html") {
				src = "<html>" + src + "</html>"
			}
			hp, err := c.extractHTML(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			op, _ := hp.markupGenre()
			switch {
			case tc.want == "" && len(op) > 0:
				t.Errorf("opinion evidence %v, want none", op)
			case tc.want != "" && !slices.Contains(op, tc.want):
				t.Errorf("opinion evidence %v, want %q", op, tc.want)
			}
		})
	}
}

// TestIntlOpinionURLSegment checks the opinion evidence of a URL: a
// section segment, or the genre word that opens or closes the page's own
// slug, but not a section front's short slug nor a recap's "year in
// review".
func TestIntlOpinionURLSegment(t *testing.T) {
	for url, want := range map[string]string{
		"https://example.de/politik/kolumnen/spahns-spitzwege/":           "url:/kolumnen/",
		"https://example.de/politik/kommentar-die-rente-ist-sicher-123":   "url:slug:kommentar",
		"https://example.com/games/dune-part-two-review/":                 "url:slug:review",
		"https://example.blogspot.com/2020/05/pamela-reif-rezension.html": "url:slug:rezension",
		"https://example.com/2021/01/opinion-why-we-should-care.html":     "url:slug:opinion",
		"https://example.com/news/2021-year-in-review/":                   "",
		"https://example.com/science/the-case-for-peer-review":            "",
		"https://example.de/kolumnen":                                     "",
		"https://example.com/reviews":                                     "",
		"https://example.com/news/council-approves-budget":                "",
		"": "",
	} {
		if got := intlOpinionURLSegment(url); got != want {
			t.Errorf("%q: %q, want %q", url, got, want)
		}
	}
}

// TestBylineLabel checks the genre label that opens a block in the
// article's head: "Ein Kommentar von …" counts, a reader's "Kommentar von
// …" and a block outside the article do not.
func TestBylineLabel(t *testing.T) {
	lx := newLexicon()
	for _, tc := range []struct {
		blocks []block
		want   string
	}{
		{[]block{{article: true, label: "streit um die rente"}, {article: true, label: "ein kommentar von ingo arzt"}}, "byline:ein kommentar von"},
		{[]block{{article: true, label: "une tribune de jeanne martin"}}, "byline:une tribune de"},
		{[]block{{article: true, label: "kommentar von mareike"}}, ""},
		{[]block{{label: "eine kolumne von nils pickert"}, {article: true, label: "text"}}, ""},
		{[]block{{article: true, label: "eine kolumnenreihe"}}, ""},
	} {
		hp := &htmlPage{lx: lx, blocks: tc.blocks}
		if got := hp.bylineLabel(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.blocks, got, tc.want)
		}
	}
}

// TestTitleReview checks the titles that call their page a review.
func TestTitleReview(t *testing.T) {
	for title, want := range map[string]bool{
		"Through the Darkest of Times review | PC Gamer":                             true,
		"Hyundai Santa Fe Luxury Line 1,6 T-GDI Plug-in 4WD im Test | auto-motor.at": true,
		"Im Test: Plantur 39 Color Braun Shampoo - Happyface313":                     true,
		"Strong & Beautiful - Pamela Reif [Rezension] - Plentylife":                  true,
		"Review: The new opera house is a triumph":                                   true,
		"2020 Year in Review | City News":                                            false,
		"Antibiotics for otitis media: a systematic review":                          false,
		"Council approves budget - City News":                                        false,
		"Review":                                                                     false,
	} {
		if got := titleReview(title); got != want {
			t.Errorf("%q: %v, want %v", title, got, want)
		}
	}
}

// TestBylineLink checks the evidence of an article byline that links to
// the writer's column, and that a rail teaser's byline link does not
// count.
func TestBylineLink(t *testing.T) {
	c := newClassifier(t, Options{Rules: true})
	body := strings.Repeat("<p>The council met on Tuesday and approved the harbour budget after a long debate about the dredging contract and its costs.</p>", 6)
	for _, tc := range []struct {
		name, html, want string
	}{
		{"column byline", `<article><h1>Shareholders left with little say</h1><p class="byline-column"><a href="http://www.example.com/column/deal-professor">Deal Professor</a></p>` + body + `</article>`, "byline:link:/column/"},
		{"kolumne byline", `<article><h1>Die Rente ist sicher</h1><p class="author">Von <a href="/category/kolumne/" rel="author">Anna Muster</a></p>` + body + `</article>`, "byline:link:/kolumne/"},
		{"teaser byline", `<article><h1>Council approves budget</h1>` + body + `</article><aside><h3>More</h3><p class="byline"><a href="/column/other">Other Columnist</a></p></aside>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), Page{HTML: `<html><head><meta property="og:type" content="article"></head><body>` + tc.html + "</body></html>"})
			if err != nil {
				t.Fatal(err)
			}
			found := ""
			for _, ev := range res.Page.GenreEvidence {
				if strings.HasPrefix(ev, "byline:link:") {
					found = ev
				}
			}
			if found != tc.want {
				t.Errorf("byline link evidence %q, want %q (evidence %v)", found, tc.want, res.Page.GenreEvidence)
			}
		})
	}
}
