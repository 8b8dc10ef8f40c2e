package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
)

// startServer runs an in-process nats-server with JetStream on a random
// port and a fresh store.
func startServer(t testing.TB) *server.Server {
	t.Helper()
	s, err := StartServer(ServerOptions{Listen: "127.0.0.1:0", StoreDir: t.TempDir(), Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	return s
}

func connect(t testing.TB, url string) *nats.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	nc, err := Connect(ctx, ConnectOptions{URL: url, ReconnectWait: 100 * time.Millisecond, Name: t.Name()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

func newJS(t testing.TB, nc *nats.Conn) jetstream.JetStream {
	t.Helper()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// testOptions are fast-failing options for tests: short ack wait and retry.
func testOptions(nc *nats.Conn) Options {
	return Options{
		Conn:          nc,
		Workers:       4,
		AckWait:       2 * time.Second,
		RetryDelay:    50 * time.Millisecond,
		StateInterval: 200 * time.Millisecond,
		DrainTimeout:  10 * time.Second,
	}
}

// running is a Pipeline started in the background.
type running struct {
	p      *Pipeline
	cancel context.CancelFunc
	done   chan struct{} // closed when Run returns
	err    error
}

// stop cancels the pipeline and waits for Run to return.
func (r *running) stop(t testing.TB) {
	t.Helper()
	r.cancel()
	select {
	case <-r.done:
		if r.err != nil {
			t.Errorf("Run: %v", r.err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return 30 s after cancel")
	}
}

func startPipeline(t testing.TB, o Options) *running {
	t.Helper()
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{p: p, cancel: cancel, done: make(chan struct{})}
	go func() { r.err = p.Run(ctx); close(r.done) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(30 * time.Second):
		}
	})
	waitFor(t, 20*time.Second, "pipeline ready", func() bool { return p.Ready() == nil })
	return r
}

func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func envelope(id, site, text string) []byte {
	b, _ := json.Marshal(classify.Envelope{ID: id, Site: site, Text: text})
	return b
}

// publishPages publishes n pages p-<first>..; withMsgID sets Nats-Msg-Id.
func publishPages(t testing.TB, js jetstream.JetStream, site string, first, n int, withMsgID bool) []string {
	t.Helper()
	ids := make([]string, 0, n)
	for i := first; i < first+n; i++ {
		id := fmt.Sprintf("p-%05d", i)
		ids = append(ids, id)
		m := &nats.Msg{Subject: "pages." + site, Data: envelope(id, site, pageText(i)), Header: nats.Header{}}
		if withMsgID {
			m.Header.Set(HeaderMsgID, id)
		}
		if _, err := js.PublishMsgAsync(m); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-js.PublishAsyncComplete():
	case <-time.After(30 * time.Second):
		t.Fatal("publish acks did not arrive")
	}
	return ids
}

func pageText(i int) string {
	return fmt.Sprintf("Council approves budget %d\n\nThe city council approved the budget on Tuesday, the mayor said. "+
		"\"We kept our promise,\" Mayor Jane Smith said in a statement.\n", i)
}

// storedMsg is a message read back from a stream.
type storedMsg struct{ raw *jetstream.RawStreamMsg }

func (m storedMsg) Subject() string      { return m.raw.Subject }
func (m storedMsg) Data() []byte         { return m.raw.Data }
func (m storedMsg) Headers() nats.Header { return m.raw.Header }

// streamMsgs reads every message of a stream by sequence (direct gets,
// which any replica answers: robust while a cluster fails over).
func streamMsgs(t testing.TB, js jetstream.JetStream, stream string) []storedMsg {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var s jetstream.Stream
	var info *jetstream.StreamInfo
	var err error
	for {
		if s, err = js.Stream(ctx, stream); err == nil {
			if info, err = s.Info(ctx); err == nil {
				break
			}
		}
		if ctx.Err() != nil {
			t.Fatalf("stream %s: %v", stream, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	var out []storedMsg
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		for {
			m, err := s.GetMsg(ctx, seq)
			if err == nil {
				out = append(out, storedMsg{m})
				break
			}
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				break // deleted
			}
			if ctx.Err() != nil {
				t.Fatalf("%s seq %d: %v", stream, seq, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return out
}

func streamCount(t testing.TB, js jetstream.JetStream, stream string) uint64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := js.Stream(ctx, stream)
	if err != nil {
		return 0 // not created yet
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0 // a cluster between leaders; ask again
	}
	return info.State.Msgs
}

// checkOneResultEach fails unless SCORES holds exactly one result per id and
// nothing else.
func checkOneResultEach(t testing.TB, js jetstream.JetStream, ids []string) {
	t.Helper()
	counts := map[string]int{}
	for _, m := range streamMsgs(t, js, "SCORES") {
		var r classify.Result
		if err := json.Unmarshal(m.Data(), &r); err != nil {
			t.Fatalf("result is not JSON: %v", err)
		}
		if r.Schema != classify.SchemaVersion {
			t.Errorf("result %s has schema %q", r.ID, r.Schema)
		}
		if got, want := m.Headers().Get(HeaderMsgID), PageKey(siteOf("scores", m.Subject()), r.ID); got != want {
			t.Errorf("result %s has Nats-Msg-Id %q, want %q", r.ID, got, want)
		}
		counts[r.ID]++
	}
	for _, id := range ids {
		if counts[id] != 1 {
			t.Errorf("page %s has %d results, want 1", id, counts[id])
		}
		delete(counts, id)
	}
	for id, n := range counts {
		t.Errorf("unexpected result for %s (%d)", id, n)
	}
}

// waitIdle waits until the consumer has nothing pending or unacked: every
// result that will ever be stored for what was published is stored.
func waitIdle(t testing.TB, js jetstream.JetStream) {
	t.Helper()
	waitFor(t, 60*time.Second, "consumer idle", func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		c, err := js.Consumer(ctx, "PAGES", "slant")
		if err != nil {
			return false
		}
		ci, err := c.Info(ctx)
		return err == nil && ci.NumPending == 0 && ci.NumAckPending == 0
	})
}

func consumerInfo(t testing.TB, js jetstream.JetStream) *jetstream.ConsumerInfo {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := js.Consumer(ctx, "PAGES", "slant")
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// countingObserver records what the pipeline reports.
type countingObserver struct {
	NopObserver
	mu                                  sync.Mutex
	received, classified, dead, alerts  int
	failed                              map[string]int
	inFlight, maxInFlight, stateReports int
	streams                             map[string][3]uint64 // msgs, bytes, max bytes
}

func newCountingObserver() *countingObserver {
	return &countingObserver{failed: map[string]int{}, streams: map[string][3]uint64{}}
}

func (o *countingObserver) StreamState(stream string, msgs, bytes, maxBytes uint64) {
	o.mu.Lock()
	o.streams[stream] = [3]uint64{msgs, bytes, maxBytes}
	o.mu.Unlock()
}

func (o *countingObserver) PageReceived(string) { o.mu.Lock(); o.received++; o.mu.Unlock() }
func (o *countingObserver) PageClassified(string, *classify.Result, time.Duration, time.Duration) {
	o.mu.Lock()
	o.classified++
	o.mu.Unlock()
}
func (o *countingObserver) PageFailed(_, reason string) {
	o.mu.Lock()
	o.failed[reason]++
	o.mu.Unlock()
}
func (o *countingObserver) PageDeadLettered(string, string) { o.mu.Lock(); o.dead++; o.mu.Unlock() }
func (o *countingObserver) AlertEmitted(string, string)     { o.mu.Lock(); o.alerts++; o.mu.Unlock() }
func (o *countingObserver) InFlight(d int) {
	o.mu.Lock()
	o.inFlight += d
	o.maxInFlight = max(o.maxInFlight, o.inFlight)
	o.mu.Unlock()
}
func (o *countingObserver) ConsumerState(uint64, uint64, uint64) {
	o.mu.Lock()
	o.stateReports++
	o.mu.Unlock()
}
func (o *countingObserver) get(f func(o *countingObserver) int) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return f(o)
}

// fixtureFile is one of classify's fixture pages.
type fixtureFile struct {
	name, body string
	html       bool
}

// fixtureFiles reads classify's fixture pages, text then HTML.
func fixtureFiles(t testing.TB) []fixtureFile {
	t.Helper()
	var out []fixtureFile
	for _, glob := range []string{"../classify/testdata/pages/*.txt", "../classify/testdata/html/*.html"} {
		files, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fixtureFile{filepath.Base(f), string(b), strings.HasSuffix(f, ".html")})
		}
	}
	if len(out) == 0 {
		t.Fatal("no fixture pages in ../classify/testdata")
	}
	return out
}
