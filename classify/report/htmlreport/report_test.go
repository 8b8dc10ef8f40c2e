package htmlreport

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/htmlcheck"
	"github.com/slantwire/slant/internal/shareddata"
)

// refPage is the reference page of the shared examples.
const refPage = "../../../../shared/examples/us-iraq-coalition-page.txt"

func classifyFile(t *testing.T, path string) *classify.Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		shareddata.Skipf(t, "%s is absent (the shared examples sit beside the repository)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return classifyPage(t, filepath.Base(path), string(b))
}

func classifyPage(t *testing.T, id, content string) *classify.Result {
	t.Helper()
	page := classify.Page{ID: id}
	if classify.LooksLikeHTML(content) {
		page.HTML = content
	} else {
		page.Text = content
	}
	return classifyAs(t, page)
}

func classifyAs(t *testing.T, page classify.Page) *classify.Result {
	t.Helper()
	c, err := classify.New(classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Classify(context.Background(), page)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func render(t *testing.T, res *classify.Result, o Options) string {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Result(&b, res, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Every attribution's source, cue and content is marked, with its number,
// strength and a tooltip that carries the resolution chain.
func TestEveryAttributionMarked(t *testing.T) {
	for _, p := range []string{refPage, "../../testdata/html/news-article.html", "../../testdata/pages/rewrite-secondhand.txt"} {
		t.Run(filepath.Base(p), func(t *testing.T) {
			res := classifyFile(t, p)
			out := render(t, res, Options{})
			if len(res.Attributions) == 0 {
				t.Fatal("fixture has no attribution")
			}
			for i, a := range res.Attributions {
				n := i + 1
				wants := []string{
					fmt.Sprintf(`class="src str-%s" id="src-%d"`, a.Strength, n),
					fmt.Sprintf(`id="cue-%d"`, n),
					fmt.Sprintf(`id="attr-%d"`, n),
				}
				if a.Content.End > a.Content.Start {
					wants = append(wants, fmt.Sprintf(`id="content-%d"`, n))
				}
				for _, want := range wants {
					if !strings.Contains(out, want) {
						t.Errorf("attribution %d (%q): no %s", n, a.Source.Text, want)
					}
				}
			}
		})
	}
	out := render(t, classifyFile(t, refPage), Options{})
	if !strings.Contains(out, "the outlet → Reuters") {
		t.Error("the reference page's resolution chain \"the outlet → Reuters\" is not shown")
	}
}

// The CSP meta element allows exactly the inline style sheet, by its hash.
func TestPolicyHashesTheStyle(t *testing.T) {
	out := render(t, classifyFile(t, "../../testdata/pages/wire-story.txt"), Options{})
	_, rest, _ := strings.Cut(out, "<style>")
	css, _, _ := strings.Cut(rest, "</style>")
	sum := sha256.Sum256([]byte(css))
	want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if !strings.Contains(html.UnescapeString(out), `http-equiv="Content-Security-Policy" content="default-src 'none'; style-src `+want+";") {
		t.Errorf("CSP does not allow the style sheet's hash %s", want)
	}
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Error("the report carries a script")
	}
}

// hostile is a page whose text, id, URL and title try to break out of every
// context the report writes them in.
const hostile = `<html><head><title></title><script>alert(1)</script></title></head><body><article>
<h1>Breaking: </title><script>alert("h1")</script> minister quits</h1>
<p>The minister said <img src=x onerror=alert(2)> that "<script>alert(3)</script>" was a lie, according to <a href="javascript:alert(4)">Reuters</a>.</p>
<p>&lt;script&gt;alert(5)&lt;/script&gt; officials said the " onmouseover="alert(6)" plan was <b onclick=alert(7)>outrageous</b>.</p>
</article></body></html>`

// hostileText is a plain-text page whose words are markup: a text page is
// shown as it is, so every tag must come out as text.
const hostileText = `Breaking: </title><script>alert("h1")</script> minister quits

The minister said <img src=x onerror=alert(2)> that "<script>alert(3)</script>" was a lie, according to <a href="javascript:alert(4)">Reuters</a>.

Officials said the " onmouseover="alert(6)" plan was <b onclick=alert(7)>outrageous</b>, per the outlet.
`

func TestHostilePageIsEscaped(t *testing.T) {
	res := classifyPage(t, `x"><script>alert(8)</script>`, hostile)
	res.URL = `javascript:alert(9)//</title><script>alert(10)</script>`
	res.Site = `<img src=x onerror=alert(11)>`
	out := render(t, res, Options{})
	for _, bad := range htmlcheck.Unsafe(out) {
		t.Errorf("report carries %s", bad)
	}
	if !strings.Contains(out, "&lt;script&gt;alert(5)&lt;/script&gt;") {
		t.Error("page text that reads as markup is not shown as text")
	}
	out = render(t, classifyAs(t, classify.Page{ID: `</title><script>alert("id")</script>`, Text: hostileText}), Options{})
	for _, bad := range htmlcheck.Unsafe(out) {
		t.Errorf("report of a text page carries %s", bad)
	}
	if strings.Count(out, "<title>") != 1 || !strings.Contains(out, "<title>slant: &lt;/title&gt;&lt;script&gt;") {
		t.Error("the id's </title><script> is not escaped in the title")
	}
}

// A page over the size limit is cut at a block, and the report says how
// much is missing.
func TestSizeLimit(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "Paragraph %d: officials said on Tuesday that the port would reopen on Monday.\n\n", i)
	}
	res := classifyPage(t, "long", b.String())
	out := render(t, res, Options{MaxText: 2000})
	if !strings.Contains(out, "more blocks (") || !strings.Contains(out, " attributions) are not shown") ||
		strings.Count(out, `class="block `) > 30 || strings.Count(out, `<tr id="attr-`) > 30 {
		t.Errorf("a 16 KB page rendered with MaxText 2000 is not cut (%d blocks)", strings.Count(out, `class="block `))
	}
	if len(out) > 100<<10 {
		t.Errorf("cut report is %d bytes", len(out))
	}
}

// Spans that cross each other's ends nest as a tree, and the text reads the
// same with the markup taken out.
func TestNestSplitsCrossingSpans(t *testing.T) {
	text := "abcdefghij"
	marks := []mark{
		{start: 2, end: 6, prio: prioContent, proto: node{Class: "content", ID: "c"}},
		{start: 4, end: 9, prio: prioSource, proto: node{Class: "src", ID: "s", Badge: "1"}},
		{start: 0, end: 10, prio: prioSentence, proto: node{Class: "sent"}},
		{start: 5, end: 5, prio: prioCue, proto: node{Class: "cue"}},
	}
	nodes := nest(text, 0, 10, marks)
	var flat func([]node) string
	ids := map[string]int{}
	flat = func(ns []node) string {
		var b strings.Builder
		for _, n := range ns {
			if n.ID != "" {
				ids[n.ID]++
			}
			if n.Tag {
				b.WriteString("[" + flat(n.Children) + "]")
			} else {
				b.WriteString(n.Text)
			}
		}
		return b.String()
	}
	got := flat(nodes)
	if strings.NewReplacer("[", "", "]", "").Replace(got) != text {
		t.Fatalf("nested text %q loses text", got)
	}
	if got != "[ab[cd[ef]][ghi]j]" {
		t.Errorf("nesting %q, want [ab[cd[ef]][ghi]j]", got)
	}
	if ids["s"] != 1 || ids["c"] != 1 {
		t.Errorf("ids %v: a split span keeps its id on its first piece only", ids)
	}
}

// Fields of newer engines are shown when a stored result carries them.
func TestNewerFields(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	data := []byte(`{"schema":"slant/v1","id":"x","page":{"genre":"news","sourcing":{"label":"strong"}},
"blocks":[{"kind":"news","role":"paragraph","start":0,"end":43,"text":"\"We will win,\" she said, \"and soon,\" today."}],
"sentences":[{"block":0,"start":0,"end":43}],
"attributions":[{"sentence":0,"source":{"start":15,"end":18,"text":"she"},"cue":{"start":19,"end":23,"text":"said"},
"content":{"start":0,"end":14,"text":"\"We will win,\""},"more_content":[{"start":25,"end":36,"text":"\"and soon,\""}],
"cue_kind":"speech","source_type":"unnamed_person","quote":"direct","strength":"weak","score":0.3}]}`)
	var b bytes.Buffer
	if err := r.JSON(&b, data, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`class="content more q-direct"`, "cue: speech", `&#34;We will win,&#34; … &#34;and soon,&#34;`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s", want)
		}
	}
}
