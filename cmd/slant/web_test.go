package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/syncbuf"
)

// TestServeWebView runs a real `slant serve` with its embedded server and
// checks the web view on the metrics listener: the feed lists a published
// page, its link shows the annotated page, /metrics is still there, and an
// open live feed does not hold up the shutdown.
func TestServeWebView(t *testing.T) {
	dir := t.TempDir()
	natsAddr, httpAddr := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var serveErr syncbuf.Buffer
	served := make(chan int, 1)
	go func() {
		served <- run(ctx, env{strings.NewReader(""), &syncbuf.Buffer{}, &serveErr},
			[]string{"serve", "--store", filepath.Join(dir, "data"), "--nats-listen", natsAddr, "--workers", "1", "--metrics", httpAddr})
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(serveErr.String(), "slant serving") {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", serveErr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), env{strings.NewReader(""), &out, &errOut},
		[]string{"publish", "--nats", "nats://" + natsAddr, "--wait", "--timeout", "30s", "--site", "example.com",
			filepath.Join(fixtures, "wire-story.txt")}); code != 0 {
		t.Fatalf("publish exit %d: %s", code, errOut.String())
	}
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get("http://" + httpAddr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, feed := get("/")
	if code != 200 || !strings.Contains(feed, "Live feed") || !strings.Contains(feed, "UN agency says aid convoys") {
		t.Fatalf("GET /: %d\n%s", code, feed)
	}
	link := regexp.MustCompile(`href="(/pages/[^"]+)"`).FindStringSubmatch(feed)
	if link == nil {
		t.Fatal("feed has no page link")
	}
	if code, page := get(strings.ReplaceAll(link[1], "&amp;", "&")); code != 200 || !strings.Contains(page, `id="src-1"`) {
		t.Errorf("GET %s: %d", link[1], code)
	}
	if code, m := get("/metrics"); code != 200 || !strings.Contains(m, "slant_") {
		t.Errorf("GET /metrics: %d", code)
	}
	if code, h := get("/healthz"); code != 200 || h != "ok\n" {
		t.Errorf("GET /healthz: %d %q", code, h)
	}
	// A live feed stays open until serve stops.
	resp, err := http.Get("http://" + httpAddr + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if line, _ := bufio.NewReader(resp.Body).ReadString('\n'); !strings.HasPrefix(line, "retry:") {
		t.Fatalf("events: %q", line)
	}
	cancel()
	select {
	case code := <-served:
		if code != 0 {
			t.Errorf("serve exit %d:\n%s", code, serveErr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop with a live feed open")
	}
}
