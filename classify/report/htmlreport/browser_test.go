package htmlreport

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/browser"
)

// strengthStyle is how each strength must look: border colour (the CSS
// custom properties --strong, --moderate, --weak) and border style, so that
// strength never rests on colour alone.
var strengthStyle = map[classify.Strength][2]string{
	classify.StrengthStrong:   {"rgb(17, 99, 41)", "solid"},
	classify.StrengthModerate: {"rgb(125, 78, 0)", "dashed"},
	classify.StrengthWeak:     {"rgb(164, 14, 38)", "dotted"},
}

// domReport is what the browser reads back from a report.
type domReport struct {
	Sources []struct {
		ID       string `json:"id"`
		Class    string `json:"cls"`
		Color    string `json:"color"`
		Style    string `json:"style"`
		TabIndex int    `json:"tab"`
		Text     string `json:"text"`
	} `json:"sources"`
	Cues     int    `json:"cues"`
	Contents int    `json:"contents"`
	Rows     int    `json:"rows"`
	Blocks   int    `json:"blocks"`
	Legend   string `json:"legend"`
	Verdict  string `json:"verdict"`
	Scripts  int    `json:"scripts"`
	Handlers int    `json:"handlers"`
}

const readReport = `(() => {
  const q = (s) => [...document.querySelectorAll(s)];
  // A mark's own text: without the badges of marks nested in it (two
  // attributions of one source mark the same words twice).
  const own = (e) => { const c = e.cloneNode(true); c.querySelectorAll('.badge').forEach((b) => b.remove()); return c.textContent; };
  return {
    sources: q('#page .src[id^="src-"]').map((e) => ({
      id: e.id, cls: e.className, text: own(e), tab: e.tabIndex,
      color: getComputedStyle(e).borderTopColor, style: getComputedStyle(e).borderTopStyle,
    })),
    cues: q('#page .cue[id^="cue-"]').length,
    contents: q('#page .content[id^="content-"]').length,
    rows: q('tr[id^="attr-"]').length,
    blocks: q('#page div.block').length,
    legend: document.querySelector('.legend') ? document.querySelector('.legend').innerText : '',
    verdict: document.querySelector('#verdict') ? document.querySelector('#verdict').innerText : '',
    scripts: document.scripts.length,
    handlers: q('*').filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
  };
})()`

// contrastCheck lists the text elements of the report whose contrast with
// their background is below 4.5:1.
const contrastCheck = `(() => {
  const lum = (c) => {
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      v = v / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const bg = (e) => {
    for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      const m = c.match(/[\d.]+/g);
      if (m && (m.length < 4 || +m[3] > 0.5)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const bad = [];
  const sel = '.blabel, .btext, .src, .badge, .pill, .cue, .legend li, .verdict dd, .verdict dt, td, th, .meta, .hint';
  for (const e of document.querySelectorAll(sel)) {
    const a = lum(getComputedStyle(e).color), b = lum(bg(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) bad.push(e.className + ' ' + JSON.stringify(e.textContent.slice(0, 30)) + ': contrast ' + ratio.toFixed(2));
  }
  return bad.slice(0, 10);
})()`

// tooltipOf focuses an element and returns its tooltip as drawn.
func tooltipOf(id string) string {
	return fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.focus();
  return document.activeElement === e ? getComputedStyle(e, '::after').content : 'not focusable'; })()`, id)
}

// TestBrowser opens reports in headless Chromium (one browser for all
// subtests) and checks what a reader gets: every attribution marked,
// strengths by colour and border, tooltips with the resolution chain on
// keyboard focus, the legend and verdict, a print layout, no console error
// and, for a hostile page, nothing run.
func TestBrowser(t *testing.T) {
	b := browser.Start(t)
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	open := func(t *testing.T, res *classify.Result) (*browser.Tab, domReport) {
		t.Helper()
		var buf bytes.Buffer
		if err := r.Result(&buf, res, Options{}); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "report.html")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		tab := b.Tab(t, 30*time.Second)
		tab.Do(t, chromedp.Navigate("file://"+file), chromedp.WaitReady(chromedp.ID("verdict")))
		return tab, browser.Eval[domReport](t, tab, readReport)
	}
	checkMarked := func(t *testing.T, res *classify.Result, d domReport) {
		t.Helper()
		contents := 0 // an attribution may have no content ("expressed concern")
		for _, a := range res.Attributions {
			if a.Content.End > a.Content.Start {
				contents++
			}
		}
		if len(d.Sources) != len(res.Attributions) || d.Cues != len(res.Attributions) ||
			d.Contents != contents || d.Rows != len(res.Attributions) {
			t.Errorf("%d attributions, but %d sources, %d cues, %d contents and %d list rows marked",
				len(res.Attributions), len(d.Sources), d.Cues, d.Contents, d.Rows)
		}
		for i, s := range d.Sources {
			if i >= len(res.Attributions) {
				break
			}
			a := res.Attributions[i]
			want := strengthStyle[a.Strength]
			if s.ID != fmt.Sprintf("src-%d", i+1) || s.Text != a.Source.Text {
				t.Errorf("source %d: %s %q, want %q", i+1, s.ID, s.Text, a.Source.Text)
			}
			if s.Color != want[0] || s.Style != want[1] || !strings.Contains(s.Class, "str-"+string(a.Strength)) {
				t.Errorf("source %d (%s): border %s %s, want %s %s", i+1, a.Strength, s.Color, s.Style, want[0], want[1])
			}
			if s.TabIndex != 0 {
				t.Errorf("source %d cannot be reached with the keyboard (tabIndex %d)", i+1, s.TabIndex)
			}
		}
		if d.Blocks != len(res.Blocks) {
			t.Errorf("%d blocks shown, want %d", d.Blocks, len(res.Blocks))
		}
		for _, w := range []string{"news", "opinion", "boilerplate", "strong", "moderate", "weak", "cue", "loaded term", "subjective"} {
			if !strings.Contains(d.Legend, w) {
				t.Errorf("legend lacks %q", w)
			}
		}
		if !strings.Contains(d.Verdict, "genre") || !strings.Contains(d.Verdict, string(res.Page.Genre)) ||
			!strings.Contains(strings.ToLower(d.Verdict), string(res.Page.Sourcing.Label)) {
			t.Errorf("verdict panel lacks the genre or sourcing:\n%s", d.Verdict)
		}
		if d.Scripts != 0 || d.Handlers != 0 {
			t.Errorf("%d scripts and %d elements with event handlers in a report", d.Scripts, d.Handlers)
		}
	}

	t.Run("reference page", func(t *testing.T) {
		res := classifyFile(t, refPage)
		tab, d := open(t, res)
		checkMarked(t, res, d)
		// With the keyboard alone: the first Tab reaches the skip link,
		// the next ones the marks, each showing its tooltip.
		tab.Do(t, chromedp.KeyEvent(kb.Tab))
		if c := browser.Eval[string](t, tab, `document.activeElement.className`); c != "skip" {
			t.Errorf("first Tab focuses %q, want the skip link", c)
		}
		tab.Do(t, chromedp.KeyEvent(kb.Tab))
		if tip := browser.Eval[string](t, tab, `getComputedStyle(document.activeElement, '::after').content`); !strings.Contains(tip, "·") && !strings.Contains(tip, "loaded term") {
			t.Errorf("second Tab focuses %s, which shows no tooltip (%s)",
				browser.Eval[string](t, tab, `document.activeElement.outerHTML.slice(0, 80)`), tip)
		}
		// "per the outlet" resolves to Reuters: the tooltip says so, on
		// keyboard focus.
		n := 0
		for i, a := range res.Attributions {
			if a.Source.Text == "the outlet" {
				n = i + 1
			}
		}
		if n == 0 {
			t.Fatal("the reference page no longer has \"the outlet\"")
		}
		tip := browser.Eval[string](t, tab, tooltipOf(fmt.Sprintf("src-%d", n)))
		for _, w := range []string{"media outlet", "weak", "the outlet → Reuters"} {
			if !strings.Contains(tip, w) {
				t.Errorf("tooltip of \"the outlet\" is %s, lacks %q", tip, w)
			}
		}
		tab.ScreenshotViewport(t, "reference-page-tooltip") // docs/report.png
		// Text and labels are readable: WCAG AA contrast (4.5:1) for the
		// text on each tint and badge.
		for _, c := range browser.Eval[[]string](t, tab, contrastCheck) {
			t.Error(c)
		}
		tab.Screenshot(t, "reference-page")
		// Printed, the side panel follows the text and tooltips are gone.
		if _, err := chromedp.Call(tab.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		pos := browser.Eval[string](t, tab, `getComputedStyle(document.getElementById('verdict')).position + ' ' + getComputedStyle(document.querySelector('.layout')).display`)
		if pos != "static block" {
			t.Errorf("print layout: verdict panel and layout are %q, want static block", pos)
		}
		tab.Clean(t)
	})

	t.Run("HTML fixture", func(t *testing.T) {
		res := classifyFile(t, "../../testdata/html/news-article.html")
		tab, d := open(t, res)
		checkMarked(t, res, d)
		tab.Screenshot(t, "news-article")
		tab.Clean(t)
	})

	t.Run("hostile page", func(t *testing.T) {
		res := classifyPage(t, `x"><script>alert("id")</script>`, hostile)
		res.URL = `javascript:alert("url")//</title><script>alert("url2")</script>`
		res.Site = `<img src=x onerror=alert("site")>`
		tab, d := open(t, res)
		checkMarked(t, res, d)
		tab.Clean(t) // a dialog would be an alert that ran

		res = classifyAs(t, classify.Page{ID: `</title><script>alert("id")</script>`, Text: hostileText})
		tab, d = open(t, res)
		checkMarked(t, res, d)
		title := browser.Eval[string](t, tab, `document.title`)
		if !strings.Contains(title, `</title><script>alert("id")</script>`) {
			t.Errorf("title %q does not show the id's markup as text", title)
		}
		tab.Clean(t)
	})
}
