package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/syncbuf"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"

	"github.com/slantwire/slant/pipeline"
)

// TestServePublishTail is the zero-setup story end to end, in-process:
// slant serve with its embedded server, slant publish --wait from "a second
// terminal", slant tail, then a graceful stop.
func TestServePublishTail(t *testing.T) {
	dir := t.TempDir()
	url, serveErr, stop := startServe(t)

	pages := filepath.Join(dir, "pages")
	must(t, os.MkdirAll(filepath.Join(pages, "sub"), 0o755))
	must(t, os.WriteFile(filepath.Join(pages, "budget.txt"), []byte("Council passes budget\n\nThe city council approved the budget on Tuesday, the mayor said.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(pages, "sub", "wire.txt"), []byte("Talks stall\n\nTalks stalled, according to Reuters.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(pages, "feed.jsonl"), []byte(`{"id":"j1","site":"www.Example.com","text":"Officials said the bridge will reopen."}`+"\n"+`{"id":"j2","site":"www.Example.com","text":""}`+"\n"), 0o644))

	publish := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), env{strings.NewReader(""), &out, &errOut}, append([]string{"publish", "--nats", url}, args...))
		return code, out.String(), errOut.String()
	}
	// j2 is empty and goes to DEAD: the run says so and exits 1.
	code, out, errOut := publish("--wait", "--timeout", "30s", pages)
	if code != 1 || !strings.Contains(errOut, "1 pages were dead-lettered") {
		t.Fatalf("publish exit %d, want 1 for the dead-lettered page:\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "results: 3 scored, 0 already scored, 1 dead-lettered, 0 without result") {
		t.Errorf("publish --wait summary:\n%s", errOut)
	}
	for _, want := range []string{"SCORE  default", "budget", "sub/wire", "SCORE  www_example_com  j1", "DEAD   www_example_com  j2", "empty"} {
		if !strings.Contains(out, want) {
			t.Errorf("publish --wait output lacks %q:\n%s", want, out)
		}
	}
	// Again: the input stream recognises every page, and --wait shows the
	// stored results of the three that were scored.
	code, out, errOut = publish("--wait", "--timeout", "10s", pages)
	if code != 0 || !strings.Contains(errOut, "(0 new, 4 duplicates") || !strings.Contains(errOut, "results: 0 scored, 3 already scored") ||
		!strings.Contains(out, "SCORE  www_example_com  j1") || strings.Count(out, "SCORE") != 3 {
		t.Errorf("second publish exit %d:\n%s\n%s", code, out, errOut)
	}
	// Raw text on stdin.
	var sout, serr bytes.Buffer
	code = run(context.Background(), env{strings.NewReader("The minister said the plan works."), &sout, &serr},
		[]string{"publish", "--nats", url, "--wait", "--format", "json", "--id", "stdin-1", "--site", "news.example", "-"})
	if code != 0 || !strings.Contains(sout.String(), `"id":"stdin-1"`) {
		t.Errorf("publish - exit %d:\n%s\n%s", code, sout.String(), serr.String())
	}

	// The same id on two sites is two pages (slant publish names a page
	// after its file): both are scored and --wait sees both.
	twoSites := filepath.Join(dir, "two-sites.jsonl")
	must(t, os.WriteFile(twoSites, []byte(`{"id":"index","site":"a.example","text":"The mayor said the plan works."}`+"\n"+
		`{"id":"index","site":"b.example","text":"The minister said the plan fails."}`+"\n"), 0o644))
	code, out, errOut = publish("--wait", "--timeout", "30s", twoSites)
	if code != 0 || !strings.Contains(errOut, "results: 2 scored") || !strings.Contains(out, "a_example") || !strings.Contains(out, "b_example") {
		t.Errorf("same id, two sites: exit %d:\n%s\n%s", code, out, errOut)
	}
	// The same id twice on one site would lose one: refused.
	oneSite := filepath.Join(dir, "one-site.jsonl")
	must(t, os.WriteFile(oneSite, []byte(`{"id":"index","site":"a.example","text":"One."}`+"\n"+
		`{"id":"index","site":"a.example","text":"Two."}`+"\n"), 0o644))
	if code, _, errOut = publish(oneSite); code != 1 || !strings.Contains(errOut, `are both page "index" of site "a_example"`) {
		t.Errorf("same id, one site: exit %d:\n%s", code, errOut)
	}

	var tout, terr bytes.Buffer
	tctx, tcancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer tcancel()
	code = run(tctx, env{strings.NewReader(""), &tout, &terr},
		[]string{"tail", "--nats", url, "--all", "--dead", "--format", "text", "--site", "www.example.com", "-n", "3"})
	if code != 0 {
		t.Fatalf("tail exit %d: %s", code, terr.String())
	}
	// j1 is one sentence with one unnamed official: its own article, weakly
	// sourced, so the weak_sourcing rule fires for it.
	for _, want := range []string{"SCORE  www_example_com  j1", "ALERT  www_example_com  j1", "weak_sourcing", "DEAD   www_example_com  j2"} {
		if !strings.Contains(tout.String(), want) {
			t.Errorf("tail output lacks %q:\n%s", want, tout.String())
		}
	}

	if code := stop(); code != 0 {
		t.Errorf("serve exit %d after SIGINT-like cancel:\n%s", code, serveErr.String())
	}
	if !strings.Contains(serveErr.String(), "in-flight pages finished") {
		t.Errorf("serve log:\n%s", serveErr.String())
	}
}

func TestPublishErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	must(t, os.WriteFile(bad, []byte("{not json\n"), 0o644))
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"publish", "--nats", "nats://127.0.0.1:1", filepath.Join(dir, "missing.txt")}, 1, "no such file"},
		{[]string{"publish", bad}, 1, "bad.jsonl:1: not a page envelope"},
		{[]string{"publish", "--format", "yaml", bad}, 2, "--format"},
		{[]string{"serve", "extra"}, 2, "unexpected arguments"},
		{[]string{"serve", "--alerts", filepath.Join(dir, "none.json")}, 1, "alert rules"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.args), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), env{strings.NewReader(""), &out, &errOut}, tc.args)
			if code != tc.code || !strings.Contains(errOut.String(), tc.want) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant %q", code, tc.code, errOut.String(), tc.want)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// startServe runs serve in the background with args and returns the URL of
// its embedded server (listening on a port the server picked itself), its
// log and a stop function that returns the exit code.
func startServe(t *testing.T, args ...string) (url string, log *syncbuf.Buffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log = &syncbuf.Buffer{}
	served := make(chan int, 1)
	go func() {
		served <- run(ctx, env{strings.NewReader(""), &syncbuf.Buffer{}, log},
			append([]string{"serve", "--store", filepath.Join(t.TempDir(), "data"), "--nats-listen", "127.0.0.1:0",
				"--workers", "2", "--metrics", ""}, args...))
	}()
	stop = func() int {
		cancel()
		select {
		case code := <-served:
			return code
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}
	t.Cleanup(func() { cancel() })
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(log.String(), "slant serving") {
		select {
		case code := <-served:
			t.Fatalf("serve exited %d:\n%s", code, log.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, rest, _ := strings.Cut(log.String(), `embedded NATS started" url=`)
	url, _, _ = strings.Cut(rest, " ")
	return url, log, stop
}

// TestServeAuth: the embedded server takes serve's credentials and a
// publisher's, and refuses to listen beyond loopback without them.
func TestServeAuth(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), env{strings.NewReader(""), &out, &errOut},
		[]string{"serve", "--store", t.TempDir(), "--nats-listen", "0.0.0.0:0", "--metrics", ""})
	if code == 0 || !strings.Contains(errOut.String(), "without authentication") {
		t.Errorf("serve on 0.0.0.0 without auth: exit %d:\n%s", code, errOut.String())
	}

	url, log, stop := startServe(t, "--user", "slant", "--password", "s3cret-worker",
		"--publisher-user", "crawler", "--publisher-password", "s3cret-crawler")
	page := filepath.Join(t.TempDir(), "p.txt")
	must(t, os.WriteFile(page, []byte("The minister said the plan works.\n"), 0o644))
	publish := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), env{strings.NewReader(""), &out, &errOut},
			append([]string{"publish", "--nats", url, "--wait", "--timeout", "20s"}, append(args, page)...))
		return code, errOut.String()
	}
	if code, msg := publish(); code == 0 {
		t.Errorf("anonymous publish succeeded:\n%s", msg)
	}
	if code, msg := publish("--user", "crawler", "--password", "s3cret-crawler"); code != 0 || !strings.Contains(msg, "1 scored") {
		t.Errorf("publish as the publisher: exit %d:\n%s", code, msg)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exit %d:\n%s", code, log.String())
	}
	if strings.Contains(log.String(), "s3cret") {
		t.Errorf("serve logged a password:\n%s", log.String())
	}
}

// TestServeHealthBeforeConnecting: with a wrong password, serve says so at
// warn at once, never prints the password, and its health endpoints answer
// from the start: /healthz 200, /readyz 503 with the reason.
func TestServeHealthBeforeConnecting(t *testing.T) {
	srv, err := pipeline.StartServer(pipeline.ServerOptions{Listen: "127.0.0.1:0", StoreDir: t.TempDir(),
		Worker: pipeline.Credentials{User: "slant", Password: "right"}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
	url := strings.Replace(srv.ClientURL(), "nats://", "nats://slant:hunter2@", 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var log syncbuf.Buffer
	served := make(chan int, 1)
	go func() {
		served <- run(ctx, env{strings.NewReader(""), &syncbuf.Buffer{}, &log}, []string{"serve", "--nats", url, "--metrics", "127.0.0.1:0"})
	}()
	waitLog := func(want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(strings.ToLower(log.String()), want) {
			if time.Now().After(deadline) {
				t.Fatalf("serve log lacks %q:\n%s", want, log.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitLog("metrics: serving")
	_, rest, _ := strings.Cut(log.String(), "metrics: serving\" addr=")
	addr, _, _ := strings.Cut(strings.TrimSpace(rest), "\n")
	waitLog("authorization violation")
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("/healthz %d", code)
	}
	if code, body := get("/readyz"); code != 503 || !strings.Contains(strings.ToLower(body), "authorization violation") {
		t.Errorf("/readyz %d %q", code, body)
	}
	if !strings.Contains(log.String(), "level=WARN") || strings.Contains(log.String(), "hunter2") {
		t.Errorf("serve log:\n%s", log.String())
	}
	cancel()
	select {
	case <-served:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestServeRedactsURL: a password in --nats never reaches the log.
func TestServeRedactsURL(t *testing.T) {
	srv, err := pipeline.StartServer(pipeline.ServerOptions{Listen: "127.0.0.1:0", StoreDir: t.TempDir(),
		Worker: pipeline.Credentials{User: "slant", Password: "s3cretpw"}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
	_, log, stop := startServe(t, "--nats", strings.Replace(srv.ClientURL(), "nats://", "nats://slant:s3cretpw@", 1))
	if code := stop(); code != 0 {
		t.Errorf("serve exit %d", code)
	}
	if strings.Contains(log.String(), "s3cretpw") || !strings.Contains(log.String(), "slant:xxxxx@") {
		t.Errorf("serve log:\n%s", log.String())
	}
}

// TestServeFlagsReachServer: serve's NKey and storage flags reach the
// embedded server and the streams.
func TestServeFlagsReachServer(t *testing.T) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := kp.Seed()
	seedFile := filepath.Join(t.TempDir(), "worker.nk")
	must(t, os.WriteFile(seedFile, seed, 0o600))
	url, log, stop := startServe(t, "--nkey", seedFile, "--scores-max-bytes", "123456789", "--pages-max-age", "48h")
	anon, cancelAnon := context.WithTimeout(context.Background(), time.Second)
	defer cancelAnon()
	if _, err := pipeline.Connect(anon, pipeline.ConnectOptions{URL: url}); err == nil {
		t.Error("connected without the nkey")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	nc, err := pipeline.Connect(ctx, pipeline.ConnectOptions{URL: url, NKeyFile: seedFile})
	if err != nil {
		t.Fatalf("with the nkey: %v\n%s", err, log.String())
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	for name, check := range map[string]func(jetstream.StreamConfig) bool{
		"SCORES": func(c jetstream.StreamConfig) bool { return c.MaxBytes == 123456789 },
		"PAGES":  func(c jetstream.StreamConfig) bool { return c.MaxAge == 48*time.Hour },
	} {
		st, err := js.Stream(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if c := st.CachedInfo().Config; !check(c) {
			t.Errorf("%s: max bytes %d, max age %s", name, c.MaxBytes, c.MaxAge)
		}
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exit %d:\n%s", code, log.String())
	}
}
