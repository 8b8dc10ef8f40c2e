package pipeline

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/syncbuf"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/testbin"
)

// tool finds a test binary (nats-server, nats); see testbin.Find.
func tool(t testing.TB, name string) string { return testbin.Find(t, name) }

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// serverProc is a nats-server child process.
type serverProc struct {
	t    testing.TB
	bin  string
	conf string
	port int // 0 until the first start picked one
	cmd  *exec.Cmd
	log  *syncbuf.Buffer
	// writeConf writes the configuration for a port (-1: any free one).
	writeConf func(port int)
}

func (s *serverProc) url() string { return fmt.Sprintf("nats://127.0.0.1:%d", s.port) }

func (s *serverProc) start() {
	s.t.Helper()
	s.log = &syncbuf.Buffer{}
	s.cmd = exec.Command(s.bin, "-c", s.conf)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	// The server picks its port the first time (no free-port guess that
	// another process could take first) and keeps it for restarts.
	const listening = "Listening for client connections on 127.0.0.1:"
	waitFor(s.t, 20*time.Second, "nats-server listening", func() bool { return strings.Contains(s.log.String(), listening) })
	if s.port == 0 {
		port, err := strconv.Atoi(after(s.log.String(), listening))
		if err != nil {
			s.t.Fatalf("nats-server port: %v\n%s", err, s.log)
		}
		s.port = port
		s.writeConf(port)
	}
}

func (s *serverProc) signal(sig syscall.Signal) {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(sig)
	_ = s.cmd.Wait()
	s.cmd = nil
}

func newServerProc(t testing.TB, name, extra string) *serverProc {
	t.Helper()
	dir := t.TempDir()
	s := &serverProc{t: t, bin: tool(t, "nats-server"), conf: filepath.Join(dir, name+".conf")}
	s.writeConf = func(port int) {
		// max_file_store: room for the streams' default byte limits (15 GiB)
		// whatever the disk of the machine running the tests.
		conf := fmt.Sprintf("server_name: %s\nlisten: 127.0.0.1:%d\njetstream { store_dir: %q, max_file_store: 20G }\n%s", name, port, filepath.Join(dir, "store"), extra)
		if err := os.WriteFile(s.conf, []byte(conf), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s.writeConf(-1)
	t.Cleanup(func() { s.signal(syscall.SIGKILL) })
	return s
}

// steadyPublisher publishes pages at a steady pace like a crawler: each
// page is retried (same Nats-Msg-Id) until the server accepts it.
func steadyPublisher(ctx context.Context, t testing.TB, js jetstream.JetStream, n int, every time.Duration) (accepted func() []string, done <-chan struct{}) {
	var mu sync.Mutex
	var ids []string
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		for i := 0; i < n && ctx.Err() == nil; i++ {
			id := fmt.Sprintf("p-%05d", i)
			m := &nats.Msg{Subject: "pages.steady", Data: envelope(id, "steady", pageText(i)), Header: nats.Header{HeaderMsgID: {id}}}
			for ctx.Err() == nil {
				pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
				_, err := js.PublishMsg(pctx, m)
				cancel()
				if err == nil {
					mu.Lock()
					ids = append(ids, id)
					mu.Unlock()
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			time.Sleep(every)
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), ids...)
	}, ch
}

// TestServerKilledMidStream kills a real nats-server with SIGKILL while
// pages flow, restarts it on the same store, and checks every accepted page
// gets exactly one result.
func TestServerKilledMidStream(t *testing.T) {
	srv := newServerProc(t, "solo", "")
	srv.start()
	pub := connect(t, srv.url())
	js := newJS(t, pub)
	o := testOptions(connect(t, srv.url()))
	o.Classify = stubClassify // the test is about transport; keep the CPU for it
	startPipeline(t, o)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	accepted, done := steadyPublisher(ctx, t, js, 600, 2*time.Millisecond)
	waitFor(t, 30*time.Second, "results before the kill", func() bool { return streamCount(t, js, "SCORES") >= 100 })
	srv.signal(syscall.SIGKILL)
	killedAt := len(accepted())
	time.Sleep(300 * time.Millisecond)
	srv.start()
	<-done
	ids := accepted()
	if len(ids) != 600 || killedAt >= 600 {
		t.Fatalf("publisher: %d accepted, %d at the kill (the kill must land mid-stream)", len(ids), killedAt)
	}
	waitFor(t, 60*time.Second, "every accepted page scored", func() bool { return streamCount(t, js, "SCORES") >= uint64(len(ids)) })
	waitIdle(t, js)
	checkOneResultEach(t, js, ids)
	t.Logf("killed after %d pages accepted", killedAt)
}

// TestClusterNodeStopped runs three nats-servers in a JetStream cluster
// with replicas 3, stops one while pages flow, and checks nothing is lost.
func TestClusterNodeStopped(t *testing.T) {
	const n = 3
	var procs []*serverProc
	cports := []int{freePort(t), freePort(t), freePort(t)}
	var routes []string
	for _, p := range cports {
		routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", p))
	}
	for i := range n {
		extra := fmt.Sprintf("cluster { name: slant, listen: 127.0.0.1:%d, routes: [%s] }\n", cports[i], strings.Join(routes, ", "))
		procs = append(procs, newServerProc(t, fmt.Sprintf("n%d", i+1), extra))
	}
	var urls []string
	for _, p := range procs {
		p.start()
		urls = append(urls, p.url())
	}
	all := strings.Join(urls, ",")
	pub := connect(t, all)
	js := newJS(t, pub)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	// The cluster needs a meta leader before streams can be made.
	if err := EnsureStreams(ctx, js, Topology{Replicas: 3}); err != nil {
		t.Fatalf("%v\n%s\n%s\n%s", err, procs[0].log, procs[1].log, procs[2].log)
	}
	o := testOptions(connect(t, all))
	o.Topology.Replicas = 3
	o.Classify = stubClassify
	startPipeline(t, o)

	accepted, done := steadyPublisher(ctx, t, js, 500, 3*time.Millisecond)
	waitFor(t, 30*time.Second, "results before the stop", func() bool { return streamCount(t, js, "SCORES") >= 100 })
	// Stop the node the worker is connected to, the hardest case: it has to
	// fail over as well.
	victim := 0
	for i, u := range urls {
		if o.Conn.ConnectedUrl() == u {
			victim = i
		}
	}
	procs[victim].signal(syscall.SIGKILL)
	<-done
	ids := accepted()
	if len(ids) != 500 {
		t.Fatalf("publisher: %d accepted", len(ids))
	}
	waitFor(t, 60*time.Second, "every accepted page scored", func() bool { return streamCount(t, js, "SCORES") >= uint64(len(ids)) })
	waitIdle(t, js)
	checkOneResultEach(t, js, ids)
}

func stubClassify(_ context.Context, p classify.Page) (*classify.Result, error) {
	return stubResult(p), nil
}
