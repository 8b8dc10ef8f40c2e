package pipeline

// The fault run: load, kill -9 and SIGTERM against the real `slant serve`
// binary and a real nats-server, checking that every accepted page gets
// exactly one result. It takes minutes, so it runs only when asked:
//
//	go test -run Fault -faults -v -timeout 60m ./pipeline
//	go test -run Fault -faults -fault-scale 0.1 -v ./pipeline   # a quick pass
//
// README ("Fault run") has the figures of the last full run.

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/syncbuf"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

var (
	faultsFlag = flag.Bool("faults", false, "run the fault-injection scenarios against slant serve (minutes)")
	faultScale = flag.Float64("fault-scale", 1, "scale the page counts of the fault scenarios")
)

func faultPages(t *testing.T, n int) int {
	t.Helper()
	if !*faultsFlag {
		t.Skip("fault run: pass -faults (see faults_test.go)")
	}
	return max(1, int(float64(n)**faultScale))
}

// buildSlant builds the slant binary once per test.
func buildSlant(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "slant")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/slant").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is a child process (slant serve or nats-server) whose log is kept.
type proc struct {
	t    *testing.T
	name string
	args []string
	cmd  *exec.Cmd
	log  *syncbuf.Buffer
	done chan struct{}
}

func (p *proc) start(ready string) {
	p.t.Helper()
	p.log = &syncbuf.Buffer{}
	p.cmd = exec.Command(p.name, p.args...)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	p.done = make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	waitFor(p.t, 60*time.Second, p.name+" ready", func() bool {
		select {
		case <-p.done:
			p.t.Fatalf("%s exited:\n%s", p.name, p.log)
		default:
		}
		return strings.Contains(p.log.String(), ready)
	})
}

// stop signals the process and returns how long it took to exit.
func (p *proc) stop(sig syscall.Signal) time.Duration {
	t0 := time.Now()
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
		p.t.Errorf("%s did not exit 60 s after %v", p.name, sig)
	}
	return time.Since(t0)
}

// peakRSS is the process's resident set high-water mark, in MB.
func (p *proc) peakRSS() int {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return kb / 1024
		}
	}
	return -1
}

// after returns the text after marker up to the next space or newline.
func after(log, marker string) string {
	_, rest, ok := strings.Cut(log, marker)
	if !ok {
		return ""
	}
	return strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == '\n' })[0]
}

// startServe runs slant serve; with natsURL empty on its embedded server
// at listen (127.0.0.1:0 the first time), and returns the NATS URL.
func startServe(t *testing.T, bin, store, listen, natsURL string) (*proc, string) {
	args := []string{"serve", "--store", store, "--metrics", "", "--workers", "2", "--drain-timeout", "20s"}
	if natsURL != "" {
		args = append(args, "--nats", natsURL)
	} else {
		args = append(args, "--nats-listen", listen)
	}
	p := &proc{t: t, name: bin, args: args}
	p.start("slant serving")
	if natsURL == "" {
		natsURL = after(p.log.String(), `embedded NATS started" url=`)
	}
	return p, natsURL
}

// faultPage is a page of 1 to maxKB KB of prose, numbered i.
func faultPage(i, maxKB int) []byte {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	size := 1024 + r.IntN(maxKB*1024-1023)
	var b strings.Builder
	for j := 0; b.Len() < size; j++ {
		b.WriteString(pageText(i*1000 + j))
	}
	return envelope(fmt.Sprintf("f-%06d", i), "faults", b.String())
}

// publishAll publishes pages 0..n-1 with `workers` publishers, each page
// retried (same Nats-Msg-Id) until accepted, whatever happens to the
// servers; progress counts the accepted pages.
func publishAll(ctx context.Context, t *testing.T, url string, n, maxKB int, progress *atomic.Int64) <-chan struct{} {
	nc := connect(t, url)
	js := newJS(t, nc)
	done := make(chan struct{})
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				m := &nats.Msg{Subject: "pages.faults", Data: faultPage(i, maxKB),
					Header: nats.Header{HeaderMsgID: {PageKey("faults", fmt.Sprintf("f-%06d", i))}}}
				for ctx.Err() == nil {
					pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
					_, err := js.PublishMsg(pctx, m)
					cancel()
					if err == nil {
						progress.Add(1)
						break
					}
					select {
					case <-ctx.Done():
					case <-time.After(100 * time.Millisecond):
					}
				}
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	return done
}

// checkFaultResults waits until SCORES holds n results and the consumer is
// idle, then reads them all: exactly one per page.
func checkFaultResults(t *testing.T, url string, n int) {
	t.Helper()
	nc := connect(t, url)
	js := newJS(t, nc)
	waitFor(t, 20*time.Minute, fmt.Sprintf("%d results", n), func() bool { return streamCount(t, js, "SCORES") >= uint64(n) })
	waitFor(t, 5*time.Minute, "consumer idle", func() bool {
		ci := consumerInfo(t, js)
		return ci.NumPending == 0 && ci.NumAckPending == 0
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cons, err := js.OrderedConsumer(ctx, "SCORES", jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	total := int(streamCount(t, js, "SCORES"))
	seen := make(map[string]int, n)
	for range total {
		m, err := cons.Next(jetstream.FetchMaxWait(30 * time.Second))
		if err != nil {
			t.Fatalf("reading SCORES: %v", err)
		}
		seen[m.Headers().Get(HeaderPageID)]++
	}
	dups, missing := 0, 0
	for i := range n {
		switch c := seen[fmt.Sprintf("f-%06d", i)]; {
		case c == 0:
			missing++
		case c > 1:
			dups += c - 1
		}
	}
	t.Logf("SCORES: %d results for %d pages: %d missing, %d duplicated; DEAD %d", total, n, missing, dups, streamCount(t, js, "DEAD"))
	if missing != 0 || dups != 0 || total != n {
		t.Errorf("%d missing, %d duplicated, %d results for %d pages", missing, dups, total, n)
	}
}

// TestFaultLoad: pages of 1–50 KB, each scored exactly once; the peak RSS
// of slant serve (embedded server included).
func TestFaultLoad(t *testing.T) {
	n := faultPages(t, 20000)
	bin := buildSlant(t)
	serve, url := startServe(t, bin, filepath.Join(t.TempDir(), "data"), "127.0.0.1:0", "")
	t0 := time.Now()
	var accepted atomic.Int64
	<-publishAll(context.Background(), t, url, n, 50, &accepted)
	checkFaultResults(t, url, n)
	t.Logf("load: %d pages of 1-50 KB in %s, peak RSS of slant serve %d MB", n, time.Since(t0).Round(time.Second), serve.peakRSS())
	serve.stop(syscall.SIGTERM)
}

// TestFaultKillServe: slant serve (and with it the embedded server) is
// killed with SIGKILL 9 times while pages flow, and restarted on its store.
func TestFaultKillServe(t *testing.T) {
	n := faultPages(t, 30000)
	const kills = 9
	bin := buildSlant(t)
	store := filepath.Join(t.TempDir(), "data")
	serve, url := startServe(t, bin, store, "127.0.0.1:0", "")
	listen := strings.TrimPrefix(url, "nats://")
	var accepted atomic.Int64
	done := publishAll(context.Background(), t, url, n, 10, &accepted)
	for k := range kills {
		target := int64(n) * int64(k+1) / (kills + 1)
		waitFor(t, 10*time.Minute, "publishing progress", func() bool { return accepted.Load() >= target })
		serve.stop(syscall.SIGKILL)
		serve, _ = startServe(t, bin, store, listen, "")
	}
	<-done
	checkFaultResults(t, url, n)
	t.Logf("kill -9 of slant serve %d times over %d pages", kills, n)
	serve.stop(syscall.SIGTERM)
}

// TestFaultKillNATS: an external nats-server is killed with SIGKILL twice
// while pages flow, and restarted on its store; slant serve reconnects.
func TestFaultKillNATS(t *testing.T) {
	n := faultPages(t, 10000)
	const kills = 2
	bin := buildSlant(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "nats.conf")
	writeConf := func(port string) {
		c := fmt.Sprintf("listen: 127.0.0.1:%s\nmax_payload: 8MB\njetstream { store_dir: %q, max_file_store: 20G }\n", port, filepath.Join(dir, "store"))
		if err := os.WriteFile(conf, []byte(c), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	writeConf("-1") // a port of the server's choosing, kept for the restarts
	ns := &proc{t: t, name: tool(t, "nats-server"), args: []string{"-c", conf}}
	ns.start("Server is ready")
	port := after(ns.log.String(), "Listening for client connections on 127.0.0.1:")
	url := "nats://127.0.0.1:" + port
	writeConf(port)
	serve, _ := startServe(t, bin, t.TempDir(), "", url)
	var accepted atomic.Int64
	done := publishAll(context.Background(), t, url, n, 10, &accepted)
	for k := range kills {
		target := int64(n) * int64(k+1) / (kills + 1)
		waitFor(t, 10*time.Minute, "publishing progress", func() bool { return accepted.Load() >= target })
		ns.stop(syscall.SIGKILL)
		ns.start("Server is ready")
	}
	<-done
	checkFaultResults(t, url, n)
	t.Logf("kill -9 of nats-server %d times over %d pages", kills, n)
	serve.stop(syscall.SIGTERM)
	ns.stop(syscall.SIGTERM)
}

// TestFaultSIGTERM: SIGTERM while pages are in flight: serve exits quickly,
// and after a restart every page has exactly one result.
func TestFaultSIGTERM(t *testing.T) {
	n := faultPages(t, 5000)
	bin := buildSlant(t)
	store := filepath.Join(t.TempDir(), "data")
	serve, url := startServe(t, bin, store, "127.0.0.1:0", "")
	listen := strings.TrimPrefix(url, "nats://")
	var accepted atomic.Int64
	done := publishAll(context.Background(), t, url, n, 10, &accepted)
	waitFor(t, 10*time.Minute, "half published", func() bool { return accepted.Load() >= int64(n/2) })
	took := serve.stop(syscall.SIGTERM)
	if !strings.Contains(serve.log.String(), "in-flight pages finished") {
		t.Errorf("serve did not drain:\n%s", serve.log)
	}
	serve, _ = startServe(t, bin, store, listen, "")
	<-done
	checkFaultResults(t, url, n)
	t.Logf("SIGTERM under load: exit in %s", took.Round(10*time.Millisecond))
	serve.stop(syscall.SIGTERM)
}
