package metrics_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/testbin"
	"github.com/slantwire/slant/metrics"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", url, err)
	}
	return resp.StatusCode, string(body)
}

// TestServeProbesAndScrape runs the real HTTP server on a loopback port and
// checks the probes, then hands the scraped exposition to promtool.
func TestServeProbesAndScrape(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	m := newTestMetrics()
	var notReady atomic.Pointer[error]
	errNoConsumer := errors.New("consumer not bound")
	notReady.Store(&errNoConsumer)
	ready := func() error {
		if e := notReady.Load(); e != nil {
			return *e
		}
		return nil
	}
	srv, err := metrics.Serve(ctx, "127.0.0.1:0", m.Handler(ready), nil)
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + srv.Addr

	if code, body := get(t, base+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d %q", code, body)
	}
	if code, body := get(t, base+"/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "consumer not bound") {
		t.Errorf("/readyz before ready: %d %q, want 503 with the reason", code, body)
	}
	notReady.Store(nil)
	if code, body := get(t, base+"/readyz"); code != http.StatusOK {
		t.Errorf("/readyz when ready: %d %q", code, body)
	}
	if code, _ := get(t, base+"/nope"); code != http.StatusNotFound {
		t.Errorf("/nope: %d, want 404", code)
	}

	m.PageReceived("example.com")
	m.PageClassified("example.com", page(classify.GenreNews, 0.4, classify.SourcingWeak, 0.3,
		map[classify.SourceType]classify.Strength{classify.SourceAnonymous: classify.StrengthWeak}), 3*time.Millisecond, 80*time.Millisecond)
	// Opinion presented as news that the verdict, from the text, calls
	// opinion: what SlantOpinionInNews counts
	// (genre="opinion", presented="news").
	calledOpinion := page(classify.GenreOpinion, 0.7, classify.SourcingUnsourced, 0, nil)
	calledOpinion.Page.PresentedAs = classify.GenreNews
	m.PageClassified("example.com", calledOpinion, time.Millisecond, time.Millisecond)
	m.PageFailed("example.com", "too_large")
	m.ConsumerState(7, 2, 1)
	code, body := get(t, base+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for _, line := range []string{
		`slant_pages_received_total{site="example.com"} 1`,
		`slant_pages_classified_total{genre="news",site="example.com"} 1`,
		`slant_pages_failed_total{reason="too_large",site="example.com"} 1`,
		`slant_page_opinion_score_count{genre="news",presented="news",site="example.com"} 1`,
		`slant_page_opinion_score_bucket{genre="opinion",presented="news",site="example.com",le="0.4"} 0`,
		`slant_page_opinion_score_bucket{genre="opinion",presented="news",site="example.com",le="0.7"} 1`,
		`slant_consumer_pending_messages 7`,
		`slant_build_info{goversion=`,
		`go_goroutines `,
		`process_cpu_seconds_total `,
	} {
		if !strings.Contains(body, line) {
			t.Errorf("scrape lacks %q", line)
		}
	}

	promtool := testbin.Find(t, "promtool")
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, promtool, "check", "metrics")
	cmd.Stdin = strings.NewReader(body)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("promtool check metrics: %v\n%s", err, out.String())
	}

	cancel()
	if err := srv.Wait(); err != nil {
		t.Fatalf("server stopped with %v", err)
	}
	if c, err := net.DialTimeout("tcp", srv.Addr, time.Second); err == nil {
		c.Close()
		t.Fatal("still accepting connections after the context ended")
	}
}

func TestServeReportsAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = metrics.Serve(t.Context(), ln.Addr().String(), newTestMetrics().Handler(nil), nil)
	if err == nil || !strings.Contains(err.Error(), ln.Addr().String()) {
		t.Fatalf("Serve on a taken address: %v, want an error naming it", err)
	}
}
