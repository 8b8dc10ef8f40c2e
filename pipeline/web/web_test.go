package web

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/htmlcheck"
)

// Every page of the view carries the security headers, and its policy
// allows no inline script.
func checkHeaders(t *testing.T, what string, resp *http.Response) {
	t.Helper()
	h := resp.Header
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") ||
		strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("%s: Content-Security-Policy %q", what, csp)
	}
	if s := h.Get("script-src"); s != "" && s != "'self'" {
		t.Errorf("%s: script-src %q", what, s)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
		t.Errorf("%s: headers %v", what, h)
	}
}

var hrefRe = regexp.MustCompile(`href="(/pages/[^"]+)"`)

func TestFeedAndPages(t *testing.T) {
	r := newRig(t, Options{})
	// An empty feed says how to fill it.
	resp, body := r.get(t, "/")
	if resp.StatusCode != 200 || !strings.Contains(body, "No result yet") {
		t.Fatalf("empty feed: %d\n%s", resp.StatusCode, body)
	}
	r.publish(t, classify.Envelope{ID: "ref", Site: "example.com", Text: readFile(t, refPage)})
	r.publish(t, classify.Envelope{ID: "wire/1", Site: "example.com", Text: readFile(t, "../../classify/testdata/pages/wire-story.txt")})
	r.waitAlerts(t, 2)

	resp, body = r.get(t, "/")
	checkHeaders(t, "feed", resp)
	for _, want := range []string{"US, Iraq move toward end of US-led military coaltion", "weak_sourcing", "secondhand_reliance",
		`data-key="example_com/ref"`, `data-after="2"`, `<script src="/static/feed.js"></script>`} {
		if !strings.Contains(body, want) {
			t.Errorf("feed lacks %s", want)
		}
	}
	if strings.Index(body, `data-key="example_com/wire/1"`) > strings.Index(body, `data-key="example_com/ref"`) {
		t.Error("feed is not newest first")
	}
	links := hrefRe.FindAllStringSubmatch(body, -1)
	if len(links) != 2 || links[0][1] != "/pages/example_com/wire%2F1?seq=2" {
		t.Fatalf("feed links %q", links)
	}
	for _, l := range links {
		resp, page := r.get(t, strings.ReplaceAll(l[1], "&amp;", "&"))
		checkHeaders(t, l[1], resp)
		if resp.StatusCode != 200 || !strings.Contains(page, `id="src-1"`) || !strings.Contains(page, `href="/"`) {
			t.Errorf("%s: %d, not an annotated page with the nav", l[1], resp.StatusCode)
		}
	}
	// The page view lists the alerts the page fired.
	if _, page := r.get(t, "/pages/example_com/ref"); !strings.Contains(page, `<h3>Alerts</h3>`) ||
		!strings.Contains(page, `<span class="alert">weak_sourcing</span>`) || !strings.Contains(page, `<span class="alert">secondhand_reliance</span>`) {
		t.Error("the reference page's view does not list its alerts")
	}
	if _, page := r.get(t, "/pages/example_com/wire%2F1"); strings.Contains(page, `<h3>Alerts</h3>`) {
		t.Error("the wire story's view lists alerts it did not fire")
	}
	// Without the sequence (a link typed by hand, or a stale one), the
	// page is found by its id.
	for _, path := range []string{"/pages/example_com/ref", "/pages/example_com/ref?seq=2", "/pages/example_com/wire%2F1?seq=999"} {
		resp, page := r.get(t, path)
		if resp.StatusCode != 200 || !strings.Contains(page, `id="src-1"`) {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	// Unknown pages and sites that are not subject tokens are not found; a
	// wildcard in the path cannot widen the search.
	for _, path := range []string{"/pages/example_com/nope", "/pages/nosuch/ref", "/pages/%3E/ref", "/pages/%2A/ref", "/pages/Example_com/ref", "/pages/example_com.x/ref"} {
		resp, _ := r.get(t, path)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
	resp, _ = r.get(t, "/static/feed.js")
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("feed.js: %d %s", resp.StatusCode, ct)
	}
}

// readEvents reads server-sent events until n of the named kinds came.
func readEvents(t *testing.T, body *bufio.Reader, n int) []string {
	t.Helper()
	var evs []string
	var cur strings.Builder
	for len(evs) < n {
		line, err := body.ReadString('\n')
		if err != nil {
			t.Fatalf("events: %v (after %q)", err, evs)
		}
		if line == "\n" {
			if strings.Contains(cur.String(), "event: ") {
				evs = append(evs, cur.String())
			}
			cur.Reset()
			continue
		}
		cur.WriteString(line)
	}
	return evs
}

func TestLiveEvents(t *testing.T) {
	r := newRig(t, Options{MaxFeeds: 1})
	r.publish(t, classify.Envelope{ID: "before", Site: "a", Text: readFile(t, "../../classify/testdata/pages/wire-story.txt")})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", r.url+"/events?after=1&alerts=0", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// One feed at most: a second is refused.
	busy, _ := r.get(t, "/events")
	if busy.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("second feed with MaxFeeds 1: %d, want 503", busy.StatusCode)
	}
	r.publish(t, classify.Envelope{ID: "live", Site: "a", Text: readFile(t, refPage)})
	// The result and its two alerts (weak sourcing, second-hand), in the
	// order their streams deliver them: the feed reads SCORES and ALERTS
	// side by side.
	evs := readEvents(t, bufio.NewReader(resp.Body), 3)
	results, alerts := 0, 0
	for _, ev := range evs {
		switch {
		case strings.Contains(ev, "event: result\n"):
			results++
			if !strings.Contains(ev, `"key":"a/live"`) || !strings.Contains(ev, `"href":"/pages/a/live?seq=2"`) {
				t.Errorf("result event %q", ev)
			}
		case strings.Contains(ev, "event: alert\n"):
			alerts++
			if !strings.Contains(ev, `"key":"a/live"`) {
				t.Errorf("alert event %q", ev)
			}
		default:
			t.Errorf("event %q is neither a result nor an alert", ev)
		}
	}
	if results != 1 || alerts != 2 {
		t.Errorf("%d results and %d alerts, want 1 and 2: %q", results, alerts, evs)
	}
	if strings.Contains(strings.Join(evs, ""), `"before"`) {
		t.Error("the feed repeats a result the page already showed")
	}
}

func TestPaste(t *testing.T) {
	r := newRig(t, Options{MaxPaste: 64 << 10})
	resp, body := r.get(t, "/classify")
	checkHeaders(t, "form", resp)
	if !strings.Contains(body, `<form class="form" method="post" action="/classify">`) || !strings.Contains(body, "at most 65536 bytes") {
		t.Fatalf("form:\n%s", body)
	}
	post := func(form url.Values, header http.Header) (*http.Response, string) {
		req, _ := http.NewRequest("POST", r.url+"/classify", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range header {
			req.Header[k] = v
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		_, _ = bufio.NewReader(resp.Body).WriteTo(&b)
		return resp, b.String()
	}
	wire := readFile(t, "../../classify/testdata/pages/wire-story.txt")
	resp, body = post(url.Values{"page": {wire}, "type": {"auto"}}, nil)
	checkHeaders(t, "pasted page", resp)
	if resp.StatusCode != 200 || !strings.Contains(body, `id="src-1"`) || !strings.Contains(body, "id <b>pasted</b>") {
		t.Errorf("pasted page: %d\n%.500s", resp.StatusCode, body)
	}
	resp, body = post(url.Values{"page": {"   "}}, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "empty: ") {
		t.Errorf("empty page: %d\n%.500s", resp.StatusCode, body)
	}
	resp, body = post(url.Values{"page": {strings.Repeat("word ", 14<<10)}}, nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "limit is 64 KiB") {
		t.Errorf("70 KB page with a 64 KiB limit: %d", resp.StatusCode)
	}
	resp, _ = post(url.Values{"page": {strings.Repeat("%", 200<<10)}}, nil)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("form body over the limit: %d", resp.StatusCode)
	}
	// A form posted from another site is refused.
	resp, _ = post(url.Values{"page": {wire}}, http.Header{"Sec-Fetch-Site": {"cross-site"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", resp.StatusCode)
	}
	resp, _ = post(url.Values{"page": {wire}}, http.Header{"Origin": {"https://evil.example"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST from another origin: %d, want 403", resp.StatusCode)
	}
}

func TestPasteWithoutService(t *testing.T) {
	r := newRig(t, Options{ServiceSubject: "nobody.listens"})
	req, _ := http.NewRequest("POST", r.url+"/classify", strings.NewReader("page=The+minister+said+so."))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("no service: %d, want 503", resp.StatusCode)
	}
}

// Hostile ids, sites, URLs, titles and texts come out as text in the feed,
// the live events and the page view.
func TestHostilePagesAreInert(t *testing.T) {
	r := newRig(t, Options{})
	for _, env := range hostilePages() {
		r.publish(t, env)
	}
	resp, body := r.get(t, "/")
	if resp.StatusCode != 200 {
		t.Fatalf("feed: %d", resp.StatusCode)
	}
	for _, bad := range unsafeOutside(htmlcheck.Unsafe(body), body) {
		t.Errorf("feed: %s", bad)
	}
	links := hrefRe.FindAllStringSubmatch(body, -1)
	if len(links) != 2 {
		t.Fatalf("feed links %q", links)
	}
	for _, l := range links {
		path := strings.ReplaceAll(l[1], "&amp;", "&")
		resp, page := r.get(t, path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
		for _, bad := range htmlcheck.Unsafe(page) {
			t.Errorf("%s: %s", path, bad)
		}
	}
	if !strings.Contains(body, "&lt;/title&gt;&lt;script&gt;alert(&#34;id&#34;)&lt;/script&gt;") {
		t.Errorf("the hostile id is not shown as text:\n%s", body)
	}
}

// A request that names the view by a host name it does not know (a page
// rebinding its own name to 127.0.0.1) is refused; IP addresses, localhost
// and the names of Options.Hosts are served.
func TestHostNames(t *testing.T) {
	r := newRig(t, Options{Hosts: []string{"slant.internal"}})
	for host, want := range map[string]int{
		"evil.example":           http.StatusMisdirectedRequest,
		"evil.example:80":        http.StatusMisdirectedRequest,
		"localhost.evil.example": http.StatusMisdirectedRequest,
		"127.0.0.1:9479":         http.StatusOK,
		"[::1]:9479":             http.StatusOK,
		"localhost:9479":         http.StatusOK,
		"LOCALHOST.":             http.StatusOK,
		"slant.internal":         http.StatusOK,
		"Slant.Internal:9479":    http.StatusOK,
	} {
		req, _ := http.NewRequest("GET", r.url+"/classify", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: %d, want %d", host, resp.StatusCode, want)
		}
	}
}
