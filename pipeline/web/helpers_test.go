package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/pipeline"
	"github.com/slantwire/slant/pipeline/alert"
)

// refPage is the reference page of the shared examples.
const refPage = "../../../shared/examples/us-iraq-coalition-page.txt"

// rig is a real pipeline in this process: an embedded NATS server, the
// workers, the slant.classify service, and the web view on a loopback
// HTTP server.
type rig struct {
	url  string
	nc   *nats.Conn
	js   jetstream.JetStream
	topo pipeline.Topology
}

func newRig(t *testing.T, o Options) *rig {
	t.Helper()
	srv, err := pipeline.StartServer(pipeline.ServerOptions{Listen: "127.0.0.1:0", StoreDir: t.TempDir(), Name: "web-test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	ctx, cancel := context.WithCancel(context.Background())
	nc, err := pipeline.Connect(ctx, pipeline.ConnectOptions{URL: srv.ClientURL(), Name: t.Name()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	topo := pipeline.Topology{Memory: true}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if err := pipeline.EnsureStreams(ctx, js, topo); err != nil {
		t.Fatal(err)
	}
	c, err := classify.New(classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rules, err := alert.Load("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Conn: nc, Topology: topo, Workers: 2, Classify: c.Classify, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	if _, err := pipeline.StartService(ctx, pipeline.ServiceOptions{Conn: nc, Classify: c.Classify, Concurrency: 2}); err != nil {
		t.Fatal(err)
	}
	o.Conn, o.Topology = nc, topo
	h, err := New(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	// Cleanups run last first: stop the feeds and workers, then HTTP.
	t.Cleanup(hs.Close)
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("pipeline: %v", err)
		}
	})
	return &rig{url: hs.URL, nc: nc, js: js, topo: topo}
}

// publish sends a page and waits for its result in SCORES.
func (r *rig) publish(t *testing.T, env classify.Envelope) {
	t.Helper()
	sub, err := r.nc.SubscribeSync(r.topo.WithDefaults().ScoresPrefix + ".>")
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	body, _ := json.Marshal(env)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m := &nats.Msg{Subject: r.topo.PageSubject(env.Site), Header: nats.Header{pipeline.HeaderMsgID: {env.ID}}, Data: body}
	if _, err := r.js.PublishMsg(ctx, m); err != nil {
		t.Fatal(err)
	}
	for {
		got, err := sub.NextMsgWithContext(ctx)
		if err != nil {
			t.Fatalf("no result for %q: %v", env.ID, err)
		}
		if got.Header.Get(pipeline.HeaderPageID) == env.ID {
			r.waitStored(ctx, t, got)
			return
		}
	}
}

// waitStored waits until SCORES holds the result m: a subscriber can see a
// result before the stream has stored it, and the view reads the stream.
func (r *rig) waitStored(ctx context.Context, t *testing.T, m *nats.Msg) {
	t.Helper()
	s, err := r.js.Stream(ctx, r.topo.WithDefaults().ScoresStream)
	if err != nil {
		t.Fatal(err)
	}
	for {
		last, err := s.GetLastMsgForSubject(ctx, m.Subject)
		if err == nil && last.Header.Get(pipeline.HeaderPageID) == m.Header.Get(pipeline.HeaderPageID) {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("SCORES does not hold the result for %q: %v", m.Header.Get(pipeline.HeaderPageID), err)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// waitAlerts waits until ALERTS holds n alerts (they are stored just after
// their result).
func (r *rig) waitAlerts(t *testing.T, n uint64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		s, err := r.js.Stream(ctx, r.topo.WithDefaults().AlertsStream)
		if err != nil {
			t.Fatal(err)
		}
		if s.CachedInfo().State.Msgs >= n {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("ALERTS has %d alerts, want %d", s.CachedInfo().State.Msgs, n)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// get fetches a path and returns the response and its body.
func (r *rig) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(r.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent (the shared examples sit beside the repository)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// hostilePages try to break out of every place the web view writes a
// page's id, site, URL, title or text.
func hostilePages() []classify.Envelope {
	return []classify.Envelope{
		{ID: `</title><script>alert("id")</script>`, Site: `<img src=x onerror=alert("site")>`,
			URL: `javascript:alert("url")`, Text: "Breaking: </title><script>alert(\"text\")</script> minister quits\n\nThe minister said <img src=x onerror=alert(2)> it was a lie, according to <a href=\"javascript:alert(4)\">Reuters</a>.\n"},
		{ID: `x" onmouseover="alert('attr')`, Site: "evil.example", URL: `https://evil.example/"><script>alert(5)</script>`,
			HTML: `<html><head><title></title><script>alert(6)</script></title><meta property="og:title" content="&quot;><script>alert(7)</script>"></head><body><article><h1>"><script>alert(7)</script> Officials quit</h1><p>Officials said <img src=x onerror=alert(8)> the <a href="javascript:alert(9)">plan</a> was <b onclick=alert(10)>outrageous</b>, according to Reuters.</p><p>&lt;script&gt;alert(11)&lt;/script&gt; critics said.</p></article></body></html>`},
	}
}

// unsafeOutside lists what could run in a page of the web view, the feed's
// own script tag aside.
func unsafeOutside(bad []string, body string) []string {
	var out []string
	for _, b := range bad {
		if b == "<script> element" && strings.Count(body, "<script") == 1 && strings.Contains(body, `<script src="/static/feed.js"></script>`) {
			continue
		}
		out = append(out, b)
	}
	return out
}
