// Package e2e_test runs slant the way an operator does: a `slant serve`
// process with its embedded NATS server, a real Prometheus scraping it with
// the rules from deploy/prometheus, and pages published over JetStream. It
// then reads the results back through the Prometheus HTTP API.
package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/testbin"
)

const (
	goodPages = 40
	// Poison pages go out in two batches: the first makes the dead-letter
	// series exist, the second is what increase() then sees. A counter that
	// appears already at its final value shows no increase.
	poisonFirst, poisonSecond = 1, 12
	allowedSite               = "example.com"
)

func TestServeWithPrometheus(t *testing.T) {
	if testing.Short() {
		t.Skip("starts slant and Prometheus")
	}
	prometheus := testbin.Find(t, "prometheus")
	promtool := testbin.Find(t, "promtool")
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	dir := t.TempDir()

	slant := buildSlant(ctx, t, dir)
	natsAddr, metricsAddr, promAddr := freeAddr(t), freeAddr(t), freeAddr(t)

	serve := start(ctx, t, "slant serve", slant, []string{
		"serve",
		"--store", filepath.Join(dir, "nats"),
		"--nats-listen", natsAddr,
		"--metrics", metricsAddr,
		"--workers", "2",
	}, "SLANT_METRICS_SITES="+allowedSite+",wire.example")
	waitHTTP(ctx, t, "http://"+metricsAddr+"/readyz", serve)

	promConfig := writePrometheusConfig(t, dir, metricsAddr)
	prom := start(ctx, t, "prometheus", prometheus, []string{
		"--config.file=" + promConfig,
		"--storage.tsdb.path=" + filepath.Join(dir, "prom"),
		"--web.listen-address=" + promAddr,
		"--log.level=warn",
	})
	waitHTTP(ctx, t, "http://"+promAddr+"/-/ready", prom)
	api := promAPI{base: "http://" + promAddr}

	nc, err := nats.Connect("nats://"+natsAddr, nats.Name("slant e2e test"))
	if err != nil {
		t.Fatalf("connect to slant's embedded NATS: %v", err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}

	for i := range goodPages {
		// Every fourth page sits under /opinion/: the same text, presented
		// as opinion by its URL (page.presented_as "opinion").
		section := "news"
		if i%4 == 0 {
			section = "opinion"
		}
		env, err := json.Marshal(map[string]string{
			"id":   fmt.Sprintf("e2e-%03d", i),
			"url":  fmt.Sprintf("https://%s/%s/%d", allowedSite, section, i),
			"site": allowedSite,
			"text": pageText(i),
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := js.Publish(ctx, "pages.example_com", env, jetstream.WithMsgID(fmt.Sprintf("e2e-%03d", i))); err != nil {
			t.Fatalf("publish page %d: %v", i, err)
		}
	}
	publishPoison(ctx, t, js, 0, poisonFirst)
	api.waitValue(ctx, t, `sum(slant_pages_dead_lettered_total{job="slant"})`, poisonFirst)
	publishPoison(ctx, t, js, poisonFirst, poisonSecond)

	// The counters, as Prometheus scraped them, equal what was sent.
	api.waitValue(ctx, t, `sum(slant_pages_classified_total{job="slant"})`, goodPages)
	api.waitValue(ctx, t, `sum(slant_pages_classified_total{job="slant", site="example.com"})`, goodPages)
	api.waitValue(ctx, t, `sum(slant_pages_dead_lettered_total{job="slant"})`, poisonFirst+poisonSecond)
	api.waitValue(ctx, t, `sum(slant_pages_dead_lettered_total{job="slant", site="other"})`, poisonFirst+poisonSecond)
	if got := api.value(ctx, t, `sum(slant_pages_received_total{job="slant"})`); got < goodPages+poisonFirst+poisonSecond {
		t.Errorf("received %v, want at least the %d pages sent", got, goodPages+poisonFirst+poisonSecond)
	}
	if got := api.value(ctx, t, `sum(slant_page_opinion_score_count{job="slant"})`); got != goodPages {
		t.Errorf("opinion score observations %v, want %d", got, goodPages)
	}
	// What the pages say, as counted, matches the results in SCORES.
	results := readScores(ctx, t, js, goodPages)
	byGenre, byPresented, attributions := map[string]float64{}, map[string]float64{}, 0.0
	for _, r := range results {
		byGenre[string(r.Page.Genre)]++
		byPresented[string(r.Page.PresentedAs)]++
		for _, n := range r.Page.Sourcing.ByType {
			attributions += float64(n)
		}
	}
	for genre, n := range byGenre {
		if got := api.value(ctx, t, `sum(slant_pages_classified_total{job="slant", genre="`+genre+`"})`); got != n {
			t.Errorf("pages of genre %s: Prometheus has %v, SCORES has %v", genre, got, n)
		}
	}
	// SlantOpinionInNews reads the opinion-score histogram by presented.
	if byPresented["news"] == 0 || byPresented["opinion"] == 0 {
		t.Errorf("results presented as %v: the test wants pages presented both as news and as opinion", byPresented)
	}
	for presented, n := range byPresented {
		if got := api.value(ctx, t, `sum(slant_page_opinion_score_count{job="slant", presented="`+presented+`"})`); got != n {
			t.Errorf("pages presented as %s: Prometheus has %v, SCORES has %v", presented, got, n)
		}
	}
	if got := api.value(ctx, t, `sum(slant_attributions_by_source_type_total{job="slant"})`); got != attributions {
		t.Errorf("attributions: Prometheus has %v, SCORES has %v", got, attributions)
	}
	api.waitValue(ctx, t, `sum(slant_pages_in_flight{job="slant"})`, 0)

	// A real alert from deploy/prometheus/rules goes pending (its for: is
	// longer than this test) or firing.
	api.waitAlert(ctx, t, "SlantDeadLetters")

	// Every rule loaded and evaluates without error.
	api.checkRulesHealthy(ctx, t)
	// Every dashboard query is valid PromQL that Prometheus accepts.
	api.checkDashboardQueries(ctx, t, "../../deploy/grafana/dashboards/slant.json")

	// promtool lints a scrape of the running slant serve.
	_, body := httpGet(ctx, t, "http://"+metricsAddr+"/metrics")
	lint := exec.CommandContext(ctx, promtool, "check", "metrics")
	lint.Stdin = strings.NewReader(body)
	if out, err := lint.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics on slant serve: %v\n%s", err, out)
	}

	// SIGTERM drains and exits 0.
	if err := serve.stop(30 * time.Second); err != nil {
		t.Errorf("slant serve after SIGTERM: %v\n%s", err, serve.output())
	}
}

// readScores reads n results from the SCORES stream.
func readScores(ctx context.Context, t *testing.T, js jetstream.JetStream, n int) []classify.Result {
	t.Helper()
	cons, err := js.OrderedConsumer(ctx, "SCORES", jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatalf("read SCORES: %v", err)
	}
	var out []classify.Result
	for len(out) < n {
		msg, err := cons.Next(jetstream.FetchMaxWait(10 * time.Second))
		if err != nil {
			t.Fatalf("read SCORES after %d results: %v", len(out), err)
		}
		var r classify.Result
		if err := json.Unmarshal(msg.Data(), &r); err != nil {
			t.Fatalf("result %s: %v", msg.Subject(), err)
		}
		out = append(out, r)
	}
	return out
}

func pageText(i int) string {
	return fmt.Sprintf(`Council approves budget for bridge repair %d

The city council voted 7-2 on Tuesday to fund repairs to the Harbor Street bridge, closing a debate that lasted most of the year.

"We cannot keep patching this bridge and hoping," Mayor Ana Lopez said after the vote.

According to a report by the county transportation office, the bridge carries 40,000 vehicles a day. Sources familiar with the plan said work could begin in the spring.
`, i)
}

func publishPoison(ctx context.Context, t *testing.T, js jetstream.JetStream, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		// A broken page envelope: dead-lettered as bad_envelope.
		body := []byte(fmt.Sprintf(`{"id": "poison-%d", "text": `, i))
		if _, err := js.Publish(ctx, "pages.nowhere_example", body, jetstream.WithMsgID(fmt.Sprintf("poison-%d", i))); err != nil {
			t.Fatalf("publish poison %d: %v", i, err)
		}
	}
}

func buildSlant(ctx context.Context, t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "slant")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/slantwire/slant/cmd/slant")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/slant: %v\n%s", err, out)
	}
	return bin
}

// freeAddr returns a loopback address with a port that was free a moment
// ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func writePrometheusConfig(t *testing.T, dir, target string) string {
	t.Helper()
	rules, err := filepath.Abs("../../deploy/prometheus/rules")
	if err != nil {
		t.Fatal(err)
	}
	// The job is "slant", as the rules expect; intervals are short so the
	// test sees rates and alerts within seconds.
	cfg := fmt.Sprintf(`global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - %s/*.yml
scrape_configs:
  - job_name: slant
    static_configs:
      - targets: [%q]
`, rules, target)
	path := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// process is a child process whose output is kept for failure messages.
type process struct {
	name string
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
	err  error
}

func (p *process) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Write(b)
}

func (p *process) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop sends SIGTERM and waits up to grace for a clean exit.
func (p *process) stop(grace time.Duration) error {
	if p.exited() {
		return fmt.Errorf("%s had already exited: %v", p.name, p.err)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-p.done:
		return p.err
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.done
		return fmt.Errorf("%s did not exit within %v of SIGTERM", p.name, grace)
	}
}

func start(ctx context.Context, t *testing.T, name, bin string, args []string, env ...string) *process {
	t.Helper()
	p := &process{name: name, done: make(chan struct{})}
	p.cmd = exec.CommandContext(ctx, bin, args...)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p, p
	p.cmd.WaitDelay = 5 * time.Second
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		if !p.exited() {
			_ = p.cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			t.Logf("%s output:\n%s", name, p.output())
		}
	})
	return p
}

// waitHTTP polls url until it answers 200, failing early if p exits.
func waitHTTP(ctx context.Context, t *testing.T, url string, p *process) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if p.exited() {
			t.Fatalf("%s exited (%v) before %s answered:\n%s", p.name, p.err, url, p.output())
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("%s did not answer 200 within 60s:\n%s", url, p.output())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func httpGet(ctx context.Context, t *testing.T, u string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// promAPI reads from Prometheus's HTTP API.
type promAPI struct{ base string }

type apiResponse struct {
	Status    string          `json:"status"`
	Error     string          `json:"error"`
	ErrorType string          `json:"errorType"`
	Data      json.RawMessage `json:"data"`
}

func (a promAPI) get(ctx context.Context, t *testing.T, path string, q url.Values) (json.RawMessage, error) {
	t.Helper()
	code, body := httpGet(ctx, t, a.base+path+"?"+q.Encode())
	var r apiResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		return nil, fmt.Errorf("%s: HTTP %d: %w: %s", path, code, err, body)
	}
	if r.Status != "success" {
		return nil, fmt.Errorf("%s %v: %s: %s", path, q, r.ErrorType, r.Error)
	}
	return r.Data, nil
}

// query returns the single value of an instant query, ok false when the
// result is empty.
func (a promAPI) query(ctx context.Context, t *testing.T, expr string) (float64, bool) {
	t.Helper()
	data, err := a.get(ctx, t, "/api/v1/query", url.Values{"query": {expr}})
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		ResultType string `json:"resultType"`
		Result     []struct {
			Value [2]any `json:"value"`
		} `json:"result"`
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Result) == 0 {
		return 0, false
	}
	if len(res.Result) > 1 {
		t.Fatalf("%s: %d series, want one", expr, len(res.Result))
	}
	s, _ := res.Result[0].Value[1].(string)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%s: value %q: %v", expr, s, err)
	}
	return v, true
}

func (a promAPI) value(ctx context.Context, t *testing.T, expr string) float64 {
	t.Helper()
	v, _ := a.query(ctx, t, expr)
	return v
}

// waitValue polls expr until it equals want; it fails if the value goes
// past want or the wait runs out.
func (a promAPI) waitValue(ctx context.Context, t *testing.T, expr string, want float64) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	var last float64
	var seen bool
	for time.Now().Before(deadline) && ctx.Err() == nil {
		last, seen = a.query(ctx, t, expr)
		if seen && last == want {
			return
		}
		if seen && last > want {
			t.Fatalf("%s = %v, more than the %v sent", expr, last, want)
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("%s = %v (present: %v), want %v", expr, last, seen, want)
}

func (a promAPI) waitAlert(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var states []string
	for time.Now().Before(deadline) && ctx.Err() == nil {
		data, err := a.get(ctx, t, "/api/v1/alerts", nil)
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Alerts []struct {
				Labels map[string]string `json:"labels"`
				State  string            `json:"state"`
			} `json:"alerts"`
		}
		if err := json.Unmarshal(data, &res); err != nil {
			t.Fatal(err)
		}
		states = states[:0]
		for _, al := range res.Alerts {
			states = append(states, al.Labels["alertname"]+"="+al.State)
			if al.Labels["alertname"] == name && (al.State == "pending" || al.State == "firing") {
				t.Logf("alert %s is %s", name, al.State)
				return
			}
		}
		time.Sleep(time.Second)
	}
	t.Fatalf("alert %s never went pending or firing; alerts: %v", name, states)
}

func (a promAPI) checkRulesHealthy(ctx context.Context, t *testing.T) {
	t.Helper()
	data, err := a.get(ctx, t, "/api/v1/rules", nil)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Groups []struct {
			Name  string `json:"name"`
			Rules []struct {
				Name      string `json:"name"`
				Health    string `json:"health"`
				LastError string `json:"lastError"`
			} `json:"rules"`
		} `json:"groups"`
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range res.Groups {
		for _, r := range g.Rules {
			n++
			if r.Health == "err" {
				t.Errorf("rule %s/%s: %s", g.Name, r.Name, r.LastError)
			}
		}
	}
	if n == 0 {
		t.Error("Prometheus loaded no rules from deploy/prometheus/rules")
	}
}

func (a promAPI) checkDashboardQueries(ctx context.Context, t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	// What Grafana substitutes before sending a query.
	vars := strings.NewReplacer(`$__rate_interval`, "1m", `$job`, ".*", `$site`, ".*")
	n := 0
	for _, p := range d.Panels {
		for _, tg := range p.Targets {
			n++
			if _, err := a.get(ctx, t, "/api/v1/query", url.Values{"query": {vars.Replace(tg.Expr)}}); err != nil {
				t.Errorf("panel %q: %v", p.Title, err)
			}
		}
	}
	if n == 0 {
		t.Error("dashboard has no queries")
	}
}
