package classify

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// checkHTMLResult requires every span of res to index res.Text, and the
// text to be valid UTF-8 without NULs.
func checkHTMLResult(t testing.TB, res *Result) {
	t.Helper()
	text := res.Text
	if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
		t.Fatalf("extracted text is not clean UTF-8")
	}
	checkSpans(t, text, res)
}

type wantHTMLBlock struct {
	prefix  string // the block whose text starts so
	kind    Kind
	role    Role
	article bool
}

func TestHTMLFixtures(t *testing.T) {
	c := newClassifier(t, Options{})
	for _, tc := range []struct {
		file     string
		url      string
		genre    Genre
		evidence []string // each must be in page.genre_evidence
		blocks   []wantHTMLBlock
	}{
		{"news-article.html", "https://coastal.example/business/port", GenreNews, []string{"json-ld:NewsArticle"}, []wantHTMLBlock{
			{"Opinion", KindBoilerplate, RoleNav, false}, // a menu item opens no opinion section
			{"Advertisement", KindBoilerplate, RoleAd, false},
			{"Harbor authority delays", KindNews, RoleHeadline, true},
			{"By Dana Whitfield", KindNews, RoleByline, true},
			{"March 14, 2026", KindNews, RoleDateline, true},
			{"Share on Facebook", KindBoilerplate, RoleShare, false},
			{"Cranes stand idle", KindBoilerplate, RoleCaption, false},
			{"The harbor authority said", KindNews, RoleParagraph, true},
			{"Repairs could take a month", KindNews, RoleSectionHeader, true},
			{"Dockworkers, who have", KindNews, RoleParagraph, true},
			{"Read more:", KindBoilerplate, RoleRelated, false},
			{"Sign up for our newsletter", KindBoilerplate, RoleNewsletter, false},
			{"Related stories", KindBoilerplate, RoleRelated, false},
			{"Storm leaves thousands", KindBoilerplate, RoleRelated, false},
			{"This is a disgrace", KindBoilerplate, RoleComments, false},
			{"© 2026", KindBoilerplate, RoleFooter, false},
		}},
		{"opinion-column.html", "https://coastal.example/opinion/2026/03/port", GenreOpinion,
			[]string{"json-ld:OpinionNewsArticle", "json-ld:articleSection:opinion", "meta:article:section:opinion", "title:opinion", "byline:columnist", "url:/opinion/"}, []wantHTMLBlock{
				{"Home News Opinion", KindBoilerplate, RoleNav, false},
				{"The port closure shows", KindOpinion, RoleHeadline, true},
				{"By Martin Osei", KindOpinion, RoleByline, true},
				{"Nobody should be surprised", KindOpinion, RoleParagraph, true},
				{"More Opinion", KindOpinion, RoleSectionHeader, false},
				{"Why the city must rethink", KindOpinion, RoleTeaser, false},
				{"Copyright 2026", KindBoilerplate, RoleFooter, false},
			}},
		{"opinion-rail.html", "", GenreNews, nil, []wantHTMLBlock{
			{"City council approves", KindNews, RoleHeadline, true},
			{"The city council approved", KindNews, RoleParagraph, true},
			{"Opinion", KindOpinion, RoleSectionHeader, false},
			{"The budget is a missed chance", KindOpinion, RoleTeaser, false},
			{"Why more police", KindOpinion, RoleTeaser, false},
			{"Most Popular", KindBoilerplate, RoleSectionHeader, false},
			{"Bridge closure snarls", KindBoilerplate, RoleRelated, false},
		}},
		// A section front: its main column is a list of teasers, not an
		// article.
		{"section-front.html", "https://coastal.example/news/", GenreOther, nil, []wantHTMLBlock{
			{"Harbor reopens after", KindBoilerplate, RoleTeaser, false},
			{"Ships queued off the coast", KindBoilerplate, RoleTeaser, false},
			{"Fishing fleet reports", KindBoilerplate, RoleTeaser, false},
			{"Next page", KindBoilerplate, RoleNav, false},
		}},
		// A tag page says what it is in its JSON-LD, however much prose
		// its entries hold.
		{"tag-page.html", "https://ledger.example/tag/climate/", GenreOther, nil, []wantHTMLBlock{
			{"Batteries are cheaper", KindNews, RoleParagraph, false},
			{"A tax on methane leaks", KindNews, RoleParagraph, false},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata/html", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Classify(context.Background(), Page{ID: tc.file, URL: tc.url, HTML: string(raw)})
			if err != nil {
				t.Fatal(err)
			}
			checkHTMLResult(t, res)
			if strings.Contains(res.Text, "not text") || strings.Contains(res.Text, "dataLayer") {
				t.Error("script text leaked into the page text")
			}
			if res.Page.Genre != tc.genre {
				t.Errorf("genre %s, want %s (evidence %v, opinion score %v)", res.Page.Genre, tc.genre, res.Page.GenreEvidence, res.Page.OpinionScore)
			}
			for _, ev := range tc.evidence {
				if !slices.Contains(res.Page.GenreEvidence, ev) {
					t.Errorf("genre evidence %v lacks %q", res.Page.GenreEvidence, ev)
				}
			}
			for _, w := range tc.blocks {
				i := slices.IndexFunc(res.Blocks, func(b Block) bool { return strings.HasPrefix(b.Text, w.prefix) })
				if i < 0 {
					t.Errorf("no block starts %q", w.prefix)
					continue
				}
				b := res.Blocks[i]
				if b.Kind != w.kind || b.Role != w.role || b.Article != w.article {
					t.Errorf("%q: %s/%s article=%v, want %s/%s article=%v", w.prefix, b.Kind, b.Role, b.Article, w.kind, w.role, w.article)
				}
			}
		})
	}
}

// TestHTMLAttributions checks that the shared steps run on HTML: the news
// fixture's quote is credited to the harbor master, strong and on record.
func TestHTMLAttributions(t *testing.T) {
	raw, err := os.ReadFile("testdata/html/news-article.html")
	if err != nil {
		t.Fatal(err)
	}
	res, err := newClassifier(t, Options{}).Classify(context.Background(), Page{HTML: string(raw)})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range res.Attributions {
		if a.Source.Text == "Harbor Master Ana Ruiz" && a.SourceType == SourceNamedPerson && a.Strength == StrengthStrong {
			found = true
		}
	}
	if !found {
		t.Errorf("no strong named_person attribution to Harbor Master Ana Ruiz in %+v", res.Attributions)
	}
	if res.Page.Sourcing.Attributions == 0 {
		t.Error("the article's attributions are not counted in its sourcing")
	}
}

// TestTextResultHasNoTextField: for plain text the input is the text, so
// the result does not repeat it.
func TestTextResultHasNoTextField(t *testing.T) {
	res, err := newClassifier(t, Options{}).Classify(context.Background(), Page{Text: "The mayor said the budget passed."})
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "" {
		t.Errorf("text result carries text %q", res.Text)
	}
}

// TestHostileHTML feeds markup built to exhaust a parser. Each case must end
// in the named InputError or in a valid result, within the time bound.
func TestHostileHTML(t *testing.T) {
	para := "<p>The minister said the talks would resume in May, according to officials.</p>"
	nested := func(open, close string, n int) string {
		return strings.Repeat(open, n) + para + strings.Repeat(close, n)
	}
	big := 64 << 20
	for _, tc := range []struct {
		name   string
		html   string
		limits Limits
		reason Reason // "" wants a result
	}{
		{"100,000 nested divs", nested("<div>", "</div>", 100000), Limits{}, "too_deep"},
		{"100,000 nested divs, depth limit raised", nested("<div>", "</div>", 100000), Limits{MaxDepth: 200000}, ""},
		{"100,000 unclosed divs", strings.Repeat("<div>", 100000) + para, Limits{MaxDepth: 200000}, ""},
		{"unclosed tags", "<html><body><p>First paragraph, which is never closed <b>bold <i>italic" + strings.Repeat("<p>Another paragraph of text that runs on. <li>item <td>cell ", 2000), Limits{}, ""},
		{"stray end tags", strings.Repeat("</div></p></table></li>", 50000) + para, Limits{}, ""},
		{"50 MB inline script", "<html><body>" + para + "<script>" + strings.Repeat("var x = '<p>not text</p>'; ", 50<<20/28) + "</script>" + para + "</body></html>", Limits{MaxBytes: big}, ""},
		{"unterminated script", "<html><body>" + para + "<script>" + strings.Repeat("if (a < b) {} ", 100000), Limits{}, ""},
		{"invalid UTF-8 in attributes", "<div class=\"\xff\xfe ad\" id=\"\xc3\x28\"><p title=\"\xe2\x82\">Officials said \xff the port \xc0\xaf was closed.</p></div>" + para, Limits{}, ""},
		{"NUL bytes", "<p>Officials\x00 said the port was closed.\x00</p>", Limits{}, ""},
		{"deeply nested tables", nested("<table><tr><td>", "</td></tr></table>", 20000), Limits{}, "too_deep"},
		{"nested tables within the limit", nested("<table><tr><td>", "</td></tr></table>", 150), Limits{}, ""},
		{"entity flood", "<p>" + strings.Repeat("&amp;&lt;&#x10FFFF;&#0;&bogus;&NotNestedGreaterGreater;", 100000) + "</p>" + para, Limits{MaxBytes: big}, ""},
		{"attribute flood", "<p " + strings.Repeat("a=b ", 200000) + ">text</p>" + para, Limits{}, ""},
		{"too many elements", strings.Repeat("<span></span>", 300000) + para, Limits{MaxBytes: big}, "too_many_nodes"},
		{"comment flood", strings.Repeat("<!-- x -->", 200000) + para, Limits{}, ""},
		{"only markup", "<html><head><title>x</title></head><body><script>x</script></body></html>", Limits{}, "empty"},
		{"over the size limit", "<p>" + strings.Repeat("word ", 100) + "</p>", Limits{MaxBytes: 100}, "too_large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The default time budget holds without the race detector,
			// which slows the 50 MB cases tenfold; under it the budget is
			// the test's own bound below.
			if raceEnabled && tc.limits.Timeout == 0 {
				tc.limits.Timeout = 30 * time.Second
			}
			c := newClassifier(t, Options{Limits: tc.limits})
			start := time.Now()
			res, err := c.Classify(context.Background(), Page{HTML: tc.html})
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %s", d)
			}
			if tc.reason != "" {
				var ie *InputError
				if !errors.As(err, &ie) || ie.Reason != tc.reason {
					t.Fatalf("got %v, want an InputError %q", err, tc.reason)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want a result", err)
			}
			checkHTMLResult(t, res)
			if strings.Contains(res.Text, "not text") {
				t.Error("script text leaked into the page text")
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"\uFEFF  \n<html lang=en>", true},
		{"<div class=x>text</div>", true},
		{"<!-- saved page -->\n<p>", true},
		{"The <b> tag is bold.", false},
		{"Port to reopen Monday", false},
		{"<3 my city", false},
		{"", false},
	} {
		if got := LooksLikeHTML(tc.in); got != tc.want {
			t.Errorf("LooksLikeHTML(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// FuzzClassifyHTML feeds arbitrary markup to Classify: it must return a
// result whose spans index its text, or an InputError, and never panic.
func FuzzClassifyHTML(f *testing.F) {
	addSeeds(f, "testdata/html/*.html",
		"<p>a</p>", "<div><p>x<li>y<td>z</table></div>", "<script type=application/ld+json>{\"@type\":[\"OpinionNewsArticle\"]}</script><h1>T</h1><p>x.</p>",
		"<p>\xff\xfe</p><div class=\"\xc3\x28\">", "<br/><br></br><p/>", "&amp;&#0;&#xD800;", "<nav><h1>Opinion</h1></nav><aside><h2>More Opinion</h2><a>x</a></aside>",
		"<meta property=og:title content=\"Opinion | x\"><title>Opinion: y</title><h1>y</h1>",
		"<meta charset=windows-1252><p>Z\xfcrich caf\xe9 \x80 5</p>", "\xff\xfe<\x00p\x00>\x00x\x00", "\xef\xbb\xbf<p>a</p>",
		"<meta http-equiv=content-type content='text/html; charset=gbk'><p>\xb1\xb1\xbe\xa9</p>", "<p>long enough line of text here that goes on<br>and on</p>")
	c, err := New(Options{Limits: Limits{MaxDepth: 64, MaxNodes: 5000}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		res, err := c.Classify(context.Background(), Page{HTML: src, URL: "https://x.example/opinion/a"})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		checkHTMLResult(t, res)
	})
}

// TestHTMLWrapperClassRetry: a site-wide wrapper whose class names a
// furniture word ("social") must not hide the article; the layout retries
// with tag roles only, as readability retries without its class filter.
func TestHTMLWrapperClassRetry(t *testing.T) {
	body := strings.Repeat("<p>The council approved the budget on Thursday, officials said, after a debate that ran past midnight.</p>", 6)
	src := `<html><body><div class="js-social-anchor page-wrap"><nav><a href="/">Home</a></nav><h1>Council approves budget after long debate</h1>` + body + `</div><footer>© 2026</footer></body></html>`
	c := newClassifier(t, Options{})
	var first *Result
	for range 2 {
		res, err := c.Classify(context.Background(), Page{HTML: src})
		if err != nil {
			t.Fatal(err)
		}
		checkHTMLResult(t, res)
		if res.Page.Genre != GenreNews || !strings.Contains(res.ArticleBody(), "The council approved the budget") {
			t.Fatalf("article hidden by its wrapper's class: genre %s, body %q", res.Page.Genre, res.ArticleBody())
		}
		if first != nil && !reflect.DeepEqual(first, res) {
			t.Fatal("the same page classified twice gives different results")
		}
		first = res
	}
}

// TestHTMLHeadLeftOpen reads a page that never closes its <head> nor opens
// a <body>: its body starts at the first element a head cannot hold.
func TestHTMLHeadLeftOpen(t *testing.T) {
	const p = "The council met on Tuesday and the mayor said the plan would go ahead as agreed by all parties."
	src := "<!doctype html><html><head><meta charset=utf-8><title>T</title><noscript><div>pixel</div></noscript>" +
		"<div class=story><h1>Plan goes ahead</h1><p>" + p + "</p><p>" + p + "</p></div></html>"
	res, err := newClassifier(t, Options{}).Classify(context.Background(), Page{HTML: src})
	if err != nil {
		t.Fatal(err)
	}
	checkHTMLResult(t, res)
	if !strings.Contains(res.ArticleBody(), p) {
		t.Errorf("article body %q lacks the paragraph; text %q", res.ArticleBody(), res.Text)
	}
}
