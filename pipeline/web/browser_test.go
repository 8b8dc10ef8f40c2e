package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/browser"
)

// waitJS polls a JavaScript condition in the tab until it holds.
func waitJS(t *testing.T, tab *browser.Tab, cond string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		if browser.Eval[bool](t, tab, cond) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not hold within %v", cond, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// inert is true when the document has no script but the feed's own and no
// element with an event handler or a javascript: link.
const inert = `[...document.scripts].every((s) => s.src.endsWith('/static/feed.js')) &&
  ![...document.querySelectorAll('*')].some((e) => [...e.attributes].some((a) =>
    a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)))`

// TestBrowser drives the web view of a real pipeline in headless Chromium
// (one browser, a tab per subtest): the live feed fills as pages are scored,
// a row leads to the annotated page, the paste form annotates a page, and
// hostile pages run nothing anywhere.
func TestBrowser(t *testing.T) {
	b := browser.Start(t)
	r := newRig(t, Options{})
	ref := readFile(t, refPage)
	// The page view marks one source per attribution of the stored result.
	want := referenceAttributions(t, ref)
	r.publish(t, classify.Envelope{ID: "wire", Site: "example.com", Text: readFile(t, "../../classify/testdata/pages/wire-story.txt")})

	t.Run("live feed and page view", func(t *testing.T) {
		tab := b.Tab(t, 60*time.Second)
		tab.Do(t, chromedp.Navigate(r.url+"/"), chromedp.WaitReady(chromedp.ID("feed-rows")))
		if n := browser.Eval[int](t, tab, `document.querySelectorAll('#feed-rows tr[data-key]').length`); n != 1 {
			t.Fatalf("feed shows %d rows, want 1", n)
		}
		// Give the feed's EventSource a moment to connect; what is stored
		// in between is sent anyway (it resumes after the page's sequence).
		r.publish(t, classify.Envelope{ID: "ref", Site: "example.com", Text: ref})
		waitJS(t, tab, `document.querySelectorAll('#feed-rows tr[data-key="example_com/ref"] .alert').length === 2`, 10*time.Second)
		row := browser.Eval[string](t, tab, `document.querySelector('#feed-rows tr').innerText`)
		for _, want := range []string{"example.com", "US, Iraq move toward end", "news", "weak", "weak_sourcing", "secondhand_reliance"} {
			if !strings.Contains(row, want) {
				t.Errorf("new top row %q lacks %q", row, want)
			}
		}
		if s := browser.Eval[string](t, tab, `document.getElementById('feed-status').textContent`); !strings.Contains(s, "1 new page") {
			t.Errorf("status %q", s)
		}
		tab.Screenshot(t, "feed")
		// Click through to the annotated page.
		tab.Do(t, chromedp.Click(chromedp.CSS(`#feed-rows tr[data-key="example_com/ref"] a`)), chromedp.WaitReady(chromedp.ID("verdict")))
		if n := browser.Eval[int](t, tab, `document.querySelectorAll('#page .src[id^="src-"]').length`); n != want {
			t.Errorf("page view marks %d sources, want the reference page's %d", n, want)
		}
		if n := browser.Eval[int](t, tab, `document.querySelectorAll('#verdict .alerts li').length`); n != 2 {
			t.Errorf("page view lists %d alerts, want the reference page's 2", n)
		}
		if s := browser.Eval[string](t, tab, `getComputedStyle(document.getElementById('src-1')).borderTopStyle`); s != "dotted" {
			t.Errorf("first source (anonymous, weak) has a %s border: the style sheet did not apply", s)
		}
		tab.Screenshot(t, "page")
		tab.Clean(t)
	})

	t.Run("paste form", func(t *testing.T) {
		tab := b.Tab(t, 60*time.Second)
		tab.Do(t, chromedp.Navigate(r.url+"/classify"), chromedp.WaitReady(chromedp.ID("page")),
			chromedp.SetValue(chromedp.ID("page"), ref),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
			chromedp.WaitReady(chromedp.ID("verdict")))
		if n := browser.Eval[int](t, tab, `document.querySelectorAll('#page .src[id^="src-"]').length`); n != want {
			t.Errorf("pasted page marks %d sources, want %d", n, want)
		}
		tab.Screenshot(t, "pasted")
		tab.Clean(t)
	})

	t.Run("hostile pages", func(t *testing.T) {
		tab := b.Tab(t, 60*time.Second)
		tab.Do(t, chromedp.Navigate(r.url+"/"), chromedp.WaitReady(chromedp.ID("feed-rows")))
		envs := hostilePages()
		for _, env := range envs {
			r.publish(t, env)
		}
		// They arrive live (built by the feed's script) ...
		waitJS(t, tab, fmt.Sprintf(`document.querySelectorAll('#feed-rows tr[data-key]').length === %d`, 2+len(envs)), 10*time.Second)
		if !browser.Eval[bool](t, tab, inert) {
			t.Error("live feed holds a script, an event handler or a javascript: link")
		}
		// ... and on a fresh load (rendered by the server).
		tab.Do(t, chromedp.Navigate(r.url+"/"), chromedp.WaitReady(chromedp.ID("feed-rows")))
		if !browser.Eval[bool](t, tab, inert) {
			t.Error("feed holds a script, an event handler or a javascript: link")
		}
		hrefs := browser.Eval[[]string](t, tab, `[...document.querySelectorAll('#feed-rows a')].map((a) => a.getAttribute('href'))`)
		for _, h := range hrefs {
			tab.Do(t, chromedp.Navigate(r.url+h), chromedp.WaitReady(chromedp.ID("verdict")))
			if !browser.Eval[bool](t, tab, inert) {
				t.Errorf("%s holds a script, an event handler or a javascript: link", h)
			}
		}
		for _, env := range envs {
			page := env.Text + env.HTML
			tab.Do(t, chromedp.Navigate(r.url+"/classify"), chromedp.WaitReady(chromedp.ID("page")),
				chromedp.SetValue(chromedp.ID("page"), page),
				chromedp.SetValue(chromedp.ID("url"), env.URL),
				chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
				chromedp.WaitReady(chromedp.ID("verdict")))
			if !browser.Eval[bool](t, tab, inert) {
				t.Error("a pasted hostile page holds a script, an event handler or a javascript: link")
			}
		}
		time.Sleep(200 * time.Millisecond) // let a late script show itself
		tab.Clean(t)                       // an alert that ran is a dialog here
	})
}

// referenceAttributions is how many attributions the default analysis
// finds on the reference page.
func referenceAttributions(t *testing.T, text string) int {
	t.Helper()
	c, err := classify.New(classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Classify(context.Background(), classify.Page{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Attributions) < 8 {
		t.Fatalf("the reference page gives %d attributions, want at least the 8 the rules find", len(res.Attributions))
	}
	return len(res.Attributions)
}
