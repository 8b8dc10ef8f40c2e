package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/pipeline/alert"
)

func TestThousandPagesOneResultEach(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	// Two processes share the durable consumer: scaling out.
	obs, obs2 := newCountingObserver(), newCountingObserver()
	o := testOptions(nc)
	o.Observer = obs
	startPipeline(t, o)
	o2 := testOptions(connect(t, s.ClientURL()))
	o2.Observer = obs2
	o2.Classify = func(ctx context.Context, p classify.Page) (*classify.Result, error) {
		time.Sleep(time.Millisecond) // let the first process win some pages
		return stubResult(p), nil
	}
	startPipeline(t, o2)

	ids := publishPages(t, js, "example_com", 0, 1000, true)
	waitFor(t, 60*time.Second, "1000 results", func() bool { return streamCount(t, js, "SCORES") >= 1000 })
	// Stragglers (a wrongly duplicated result) come from deliveries not yet
	// acked: once none is left, SCORES is final.
	waitIdle(t, js)
	checkOneResultEach(t, js, ids)
	waitFor(t, 5*time.Second, "acks", func() bool { return consumerInfo(t, js).NumAckPending == 0 })
	n1 := obs.get(func(o *countingObserver) int { return o.classified })
	n2 := obs2.get(func(o *countingObserver) int { return o.classified })
	if n1+n2 != 1000 || n1 == 0 || n2 == 0 {
		t.Errorf("processes classified %d and %d pages, want 1000 in all, shared", n1, n2)
	}
	if got := obs.get(func(o *countingObserver) int { return o.inFlight }); got != 0 {
		t.Errorf("in flight after the run: %d", got)
	}
	if got := obs.get(func(o *countingObserver) int { return o.stateReports }); got == 0 {
		t.Error("no consumer state reported")
	}
	for _, m := range streamMsgs(t, js, "SCORES")[:3] {
		if m.Subject() != "scores.example_com" {
			t.Errorf("result on %q, want scores.example_com", m.Subject())
		}
	}
}

// TestPoisonGoesToDead sends every kind of page that can never succeed and
// checks each lands in DEAD once, with its reason and where it came from,
// and is not delivered again.
func TestPoisonGoesToDead(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Limits = classify.Limits{MaxBytes: 1000}
	real, err := classify.New(classify.Options{Limits: o.Limits})
	if err != nil {
		t.Fatal(err)
	}
	o.Classify = func(ctx context.Context, p classify.Page) (*classify.Result, error) {
		switch p.ID {
		case "crash":
			panic("boom")
		case "broken":
			return nil, errors.New("model file missing")
		}
		return real.Classify(ctx, p)
	}
	obs := newCountingObserver()
	o.Observer = obs
	startPipeline(t, o)

	tests := []struct {
		name, site string
		body       []byte
		reason     classify.Reason
		id         string
	}{
		{"broken json", "a", []byte(`{"id": "x", "text": `), classify.ReasonBadEnvelope, ""},
		{"raw text with nul bytes", "a", []byte("raw\x00text"), "binary", ""},
		{"invalid utf8", "b", []byte("{\"id\":\"u\",\"text\":\"caf\xe9\"}"), classify.ReasonInvalidUTF8, ""},
		{"no text", "b", envelope("empty", "b", "   \n"), "empty", "empty"},
		{"too large", "c", envelope("big", "c", strings.Repeat("word ", 300)), "too_large", "big"},
		{"nul bytes", "c", envelope("nul", "c", "abc\x00def"), "binary", "nul"},
		{"html without text", "d", []byte(`{"id":"h","html":"<html><script>var x = 1;</script></html>"}`), "empty", "h"},
		{"classifier error", "d", envelope("broken", "d", "Some text."), classify.ReasonError, "broken"},
		{"classifier panic", "d", envelope("crash", "d", "Some text."), classify.ReasonPanic, "crash"},
	}
	seqs := map[uint64]int{}
	for i, tc := range tests {
		pa, err := js.Publish(context.Background(), "pages."+tc.site, tc.body)
		if err != nil {
			t.Fatal(err)
		}
		seqs[pa.Sequence] = i
	}
	good := publishPages(t, js, "a", 0, 5, true)

	waitFor(t, 20*time.Second, "dead letters", func() bool { return streamCount(t, js, "DEAD") >= uint64(len(tests)) })
	waitFor(t, 20*time.Second, "good results", func() bool { return streamCount(t, js, "SCORES") >= 5 })
	waitIdle(t, js)
	checkOneResultEach(t, js, good)

	dead := streamMsgs(t, js, "DEAD")
	if len(dead) != len(tests) {
		t.Errorf("%d dead letters, want %d", len(dead), len(tests))
	}
	for _, m := range dead {
		seq, _ := strconv.ParseUint(m.Headers().Get(HeaderOrigSequence), 10, 64)
		i, ok := seqs[seq]
		if !ok {
			t.Errorf("dead letter with unknown sequence %q", m.Headers().Get(HeaderOrigSequence))
			continue
		}
		tc := tests[i]
		t.Run(tc.name, func(t *testing.T) {
			h := m.Headers()
			if got := classify.Reason(h.Get(HeaderReason)); got != tc.reason {
				t.Errorf("reason %q, want %q (error: %s)", got, tc.reason, h.Get(HeaderError))
			}
			if got := h.Get(HeaderOrigSubject); got != "pages."+tc.site {
				t.Errorf("original subject %q", got)
			}
			if m.Subject() != "dead."+tc.site {
				t.Errorf("dead letter on %q, want dead.%s", m.Subject(), tc.site)
			}
			if h.Get(HeaderOrigStream) != "PAGES" || h.Get(HeaderError) == "" {
				t.Errorf("headers incomplete: %v", h)
			}
			if tc.id != "" && h.Get(HeaderPageID) != tc.id {
				t.Errorf("page id header %q, want %q", h.Get(HeaderPageID), tc.id)
			}
			if string(m.Data()) != string(tc.body) {
				t.Errorf("dead letter body differs from the page")
			}
		})
	}
	// Terminated, so nothing is pending or redelivered.
	waitIdle(t, js)
	if ci := consumerInfo(t, js); ci.NumRedelivered != 0 {
		t.Errorf("%d redelivered, want 0", ci.NumRedelivered)
	}
	if got := obs.get(func(o *countingObserver) int { return o.dead }); got != len(tests) {
		t.Errorf("observer saw %d dead letters, want %d", got, len(tests))
	}
}

// TestWorkerDiesMidBatch: a worker takes pages and dies without acking any;
// the server redelivers them to the next worker and every page gets exactly
// one result.
func TestWorkerDiesMidBatch(t *testing.T) {
	s := startServer(t)
	js := newJS(t, connect(t, s.ClientURL()))

	nc1 := connect(t, s.ClientURL())
	var taken atomic.Int32
	block := make(chan struct{})
	defer close(block)
	o1 := testOptions(nc1)
	o1.AckWait = time.Second
	o1.Classify = func(ctx context.Context, p classify.Page) (*classify.Result, error) {
		taken.Add(1)
		select { // never finishes: the process dies first
		case <-block:
			return nil, errors.New("test over")
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	first := startPipeline(t, o1)
	ids := publishPages(t, js, "x", 0, 200, true)
	waitFor(t, 10*time.Second, "worker 1 to take pages", func() bool { return taken.Load() >= int32(o1.Workers) })
	// Die: the connection goes away with the pages unacked.
	nc1.Close()
	first.cancel()

	nc2 := connect(t, s.ClientURL())
	o2 := testOptions(nc2)
	o2.AckWait = time.Second
	startPipeline(t, o2)
	waitFor(t, 60*time.Second, "200 results", func() bool { return streamCount(t, js, "SCORES") >= 200 })
	waitIdle(t, js)
	checkOneResultEach(t, js, ids)
	// The pages the dead worker held were delivered again.
	if ci := consumerInfo(t, js); ci.Delivered.Consumer <= 200 {
		t.Errorf("%d deliveries for 200 pages: nothing was redelivered", ci.Delivered.Consumer)
	}
}

// TestSamePagesTwice publishes the same pages twice, once with Nats-Msg-Id
// (the input stream drops the copies) and once without (both copies are
// scored; SCORES drops the second result).
func TestSamePagesTwice(t *testing.T) {
	for _, withMsgID := range []bool{true, false} {
		t.Run(fmt.Sprintf("msgid=%v", withMsgID), func(t *testing.T) {
			s := startServer(t)
			nc := connect(t, s.ClientURL())
			js := newJS(t, nc)
			obs := newCountingObserver()
			o := testOptions(nc)
			o.Observer = obs
			o.Rules = mustRules(t, alwaysRule)
			startPipeline(t, o)
			ids := publishPages(t, js, "s", 0, 100, withMsgID)
			publishPages(t, js, "s", 0, 100, withMsgID)
			wantPages := uint64(200)
			if withMsgID {
				wantPages = 100
			}
			if got := streamCount(t, js, "PAGES"); got != wantPages {
				t.Errorf("PAGES holds %d, want %d", got, wantPages)
			}
			waitFor(t, 30*time.Second, "all deliveries done", func() bool {
				ci := consumerInfo(t, js)
				return ci.NumPending == 0 && ci.NumAckPending == 0
			})
			checkOneResultEach(t, js, ids)
			if got := streamCount(t, js, "ALERTS"); got != 100 {
				t.Errorf("%d alerts, want 100 (one per page)", got)
			}
			if !withMsgID {
				// The second copy is caught by SCORED before classifying
				// (already_scored) or, when both copies are in flight at
				// once, by the SCORES window (duplicate).
				if got := obs.get(func(o *countingObserver) int {
					return o.failed[string(classify.ReasonDuplicate)] + o.failed[string(classify.ReasonAlreadyScored)]
				}); got != 100 {
					t.Errorf("observer saw %d duplicates, want 100", got)
				}
			}
		})
	}
}

// TestShutdownDrains cancels a busy pipeline: Run returns promptly with
// nothing left unacked, and a second run finishes the rest.
func TestShutdownDrains(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	slow := func(ctx context.Context, p classify.Page) (*classify.Result, error) {
		select {
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return stubResult(p), nil
	}
	o := testOptions(nc)
	o.AckWait = 30 * time.Second // a page left unacked would not come back during the test
	o.Classify = slow
	obs := newCountingObserver()
	o.Observer = obs
	r := startPipeline(t, o)
	ids := publishPages(t, js, "d", 0, 400, true)
	waitFor(t, 30*time.Second, "some results", func() bool { return streamCount(t, js, "SCORES") >= 50 })
	t0 := time.Now()
	r.stop(t)
	if d := time.Since(t0); d > 5*time.Second {
		t.Errorf("drain took %s", d)
	}
	if got := obs.get(func(o *countingObserver) int { return o.inFlight }); got != 0 {
		t.Errorf("%d pages still in flight after Run returned", got)
	}
	// The server applies acks asynchronously, so allow it a moment; a page
	// left unacked would stay pending for the 30 s AckWait.
	deadline := time.Now().Add(3 * time.Second)
	ci := consumerInfo(t, js)
	for ci.NumAckPending != 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		ci = consumerInfo(t, js)
	}
	if ci.NumAckPending != 0 {
		t.Errorf("%d pages left unacked after a graceful shutdown", ci.NumAckPending)
	}
	done := streamCount(t, js, "SCORES")
	if done == 400 {
		t.Fatal("everything finished before the shutdown; the test proves nothing")
	}
	if got := obs.get(func(o *countingObserver) int { return o.failed[string(classify.ReasonShutdown)] }); got != 0 {
		t.Errorf("%d pages abandoned at shutdown", got)
	}
	t.Logf("%d of 400 done at shutdown, %d pending", done, ci.NumPending)

	o.Observer = nil
	startPipeline(t, o)
	waitFor(t, 60*time.Second, "all results", func() bool { return streamCount(t, js, "SCORES") >= 400 })
	waitIdle(t, js)
	checkOneResultEach(t, js, ids)
}

// TestMaxDeliveriesToDead: a page that fails every delivery with a
// transient error ends in DEAD through the max-deliveries advisory.
func TestMaxDeliveriesToDead(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	var attempts atomic.Int32
	o := testOptions(nc)
	o.MaxDeliver = 3
	o.AckWait = 500 * time.Millisecond // the advisory waits for the backoff step
	o.Classify = func(ctx context.Context, p classify.Page) (*classify.Result, error) {
		if p.ID == "slowpoke" {
			attempts.Add(1)
			return nil, fmt.Errorf("%w after 10s", classify.ErrTimeout)
		}
		return stubResult(p), nil
	}
	startPipeline(t, o)
	pa, err := js.Publish(context.Background(), "pages.slow", envelope("slowpoke", "slow", "text"))
	if err != nil {
		t.Fatal(err)
	}
	ids := publishPages(t, js, "slow", 0, 3, true)
	waitFor(t, 30*time.Second, "dead letter", func() bool { return streamCount(t, js, "DEAD") >= 1 })
	dead := streamMsgs(t, js, "DEAD")
	if len(dead) != 1 {
		t.Fatalf("%d dead letters", len(dead))
	}
	h := dead[0].Headers()
	if classify.Reason(h.Get(HeaderReason)) != classify.ReasonMaxDeliveries || h.Get(HeaderOrigSequence) != strconv.FormatUint(pa.Sequence, 10) ||
		h.Get(HeaderPageID) != "slowpoke" || h.Get(HeaderOrigSubject) != "pages.slow" || dead[0].Subject() != "dead.slow" {
		t.Errorf("dead letter: subject %s headers %v", dead[0].Subject(), h)
	}
	if n := attempts.Load(); n != 3 {
		t.Errorf("%d attempts, want MaxDeliver=3", n)
	}
	waitFor(t, 10*time.Second, "good pages", func() bool { return streamCount(t, js, "SCORES") >= 3 })
	checkOneResultEach(t, js, ids)
}

// TestServiceRequestReply calls slant.classify the way a moderation tool
// would: good pages get results, bad ones an immediate service error.
func TestServiceRequestReply(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	real, _ := classify.New(classify.Options{Limits: classify.Limits{MaxBytes: 500}})
	_, err := StartService(ctx, ServiceOptions{Conn: nc, Classify: func(ctx context.Context, p classify.Page) (*classify.Result, error) {
		switch p.ID {
		case "slow":
			return nil, fmt.Errorf("%w after 1ms", classify.ErrTimeout)
		case "crash":
			panic("boom")
		case "broken":
			return nil, errors.New("model file missing")
		}
		return real.Classify(ctx, p)
	}})
	if err != nil {
		t.Fatal(err)
	}
	client := connect(t, s.ClientURL())
	tests := []struct {
		name   string
		body   []byte
		code   string
		reason classify.Reason
		id     string
	}{
		{"raw text", []byte("The mayor said the budget passed."), "", "", ""},
		{"envelope", envelope("e1", "x", "The mayor said the budget passed."), "", "", "e1"},
		{"empty", []byte("  "), CodeBadRequest, "empty", ""},
		{"bad envelope", []byte(`{"id": 3`), CodeBadRequest, classify.ReasonBadEnvelope, ""},
		{"too large", []byte(strings.Repeat("x", 600)), CodeBadRequest, "too_large", ""},
		{"invalid utf8", []byte("caf\xe9"), CodeBadRequest, "invalid_utf8", ""},
		{"html", []byte(`{"id":"h","html":"<article><p>The mayor said the budget passed.</p></article>"}`), "", "", "h"},
		{"html without text", []byte(`{"id":"h","html":"<script>x</script>"}`), CodeBadRequest, "empty", ""},
		{"raw html", []byte(`<!DOCTYPE html><p>The mayor said the budget passed.</p>`), "", "", ""},
		{"timeout", envelope("slow", "", "text"), CodeTimeout, "timeout", ""},
		{"classifier panic", envelope("crash", "", "text"), CodeInternal, classify.ReasonPanic, ""},
		{"classifier error", envelope("broken", "", "text"), CodeInternal, classify.ReasonError, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := client.Request("slant.classify", tc.body, 2*time.Second)
			if err != nil {
				t.Fatalf("request: %v (bad input must be answered, not time out)", err)
			}
			code := resp.Header.Get("Nats-Service-Error-Code")
			if code != tc.code {
				t.Fatalf("error code %q, want %q (%s)", code, tc.code, resp.Header.Get("Nats-Service-Error"))
			}
			if tc.code != "" {
				if got := classify.Reason(resp.Header.Get(HeaderReason)); got != tc.reason {
					t.Errorf("reason %q, want %q", got, tc.reason)
				}
				if !strings.HasPrefix(resp.Header.Get("Nats-Service-Error"), string(tc.reason)+": ") {
					t.Errorf("description %q", resp.Header.Get("Nats-Service-Error"))
				}
				// The body is the failure record of `slant classify`, and
				// the headers say the same.
				var f classify.Failure
				if err := json.Unmarshal(resp.Data, &f); err != nil || f.Schema != classify.SchemaVersion ||
					f.Error.Reason != tc.reason || f.Error.Message == "" || resp.Header.Get(HeaderError) != f.Error.Message {
					t.Errorf("error body %s (%v), headers %v", resp.Data, err, resp.Header)
				}
				return
			}
			var r classify.Result
			if err := json.Unmarshal(resp.Data, &r); err != nil || r.Schema != classify.SchemaVersion {
				t.Fatalf("reply is not a result: %v %s", err, resp.Data)
			}
			if r.ID != tc.id {
				t.Errorf("id %q, want %q", r.ID, tc.id)
			}
			if strings.Contains(tc.name, "html") && !strings.Contains(r.Text, "The mayor said the budget passed.") {
				t.Errorf("HTML not read as HTML: text %q", r.Text)
			}
		})
	}
}

// TestAlertsOncePerPageAndRule redelivers a page after its alerts were
// published (the ack is lost) and checks no alert is doubled.
func TestAlertsOncePerPageAndRule(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.AckWait = time.Second
	o.Rules = mustRules(t, alwaysRule)
	nc1 := connect(t, s.ClientURL())
	o1 := o
	o1.Conn = nc1
	p1, err := New(o1)
	if err != nil {
		t.Fatal(err)
	}
	// Publish results and alerts without acking, as a crash between the
	// two would leave them.
	msg := &nats.Msg{Subject: "pages.al", Data: envelope("a1", "al", "text")}
	if err := EnsureStreams(context.Background(), js, Topology{}); err != nil {
		t.Fatal(err)
	}
	if _, err := js.PublishMsg(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	cons, err := p1.bind(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	batch, err := cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for m := range batch.Messages() {
		md, _ := m.Metadata()
		if out := p1.process(context.Background(), m, md, "al"); out.verdict != ack {
			t.Fatalf("process: %+v", out)
		}
		// no ack: crash
	}
	nc1.Close()
	if got := streamCount(t, js, "ALERTS"); got != 1 {
		t.Fatalf("%d alerts after the first delivery", got)
	}
	startPipeline(t, o)
	waitIdle(t, js)
	if got := streamCount(t, js, "ALERTS"); got != 1 {
		t.Errorf("%d alerts after redelivery, want 1", got)
	}
	checkOneResultEach(t, js, []string{"a1"})
	a := streamMsgs(t, js, "ALERTS")[0]
	if a.Subject() != "alerts.al" || a.Headers().Get(HeaderMsgID) != "al/a1/always" {
		t.Errorf("alert %s %v", a.Subject(), a.Headers())
	}
}

// stubResult is a valid result without analysis, for tests that are about
// transport.
func stubResult(p classify.Page) *classify.Result {
	return &classify.Result{Schema: classify.SchemaVersion, ID: p.ID, URL: p.URL, Site: p.Site, Model: "stub",
		Page: classify.PageVerdict{Genre: classify.GenreNews, Sourcing: classify.Sourcing{
			Label: classify.SourcingUnsourced, ByType: map[classify.SourceType]int{}, ByStrength: map[classify.Strength]int{}, SecondhandFrom: []string{}}},
		Blocks: []classify.Block{}, Sentences: []classify.Sentence{}, Attributions: []classify.Attribution{}}
}

const alwaysRule = `{"rules":[{"name":"always","metric":"opinion_score","above":-1}]}`

func mustRules(t testing.TB, s string) *alert.Rules {
	t.Helper()
	r, err := alert.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSlowPageKeptAlive: a page that takes several AckWaits is not
// redelivered, because the worker reports progress.
func TestSlowPageKeptAlive(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	var calls atomic.Int32
	o := testOptions(nc)
	o.AckWait = 600 * time.Millisecond
	o.Classify = func(ctx context.Context, p classify.Page) (*classify.Result, error) {
		calls.Add(1)
		time.Sleep(2 * time.Second)
		return stubResult(p), nil
	}
	startPipeline(t, o)
	ids := publishPages(t, js, "slow", 0, 1, true)
	waitFor(t, 10*time.Second, "result", func() bool { return streamCount(t, js, "SCORES") >= 1 })
	checkOneResultEach(t, js, ids)
	if n := calls.Load(); n != 1 {
		t.Errorf("classified %d times, want 1 (redelivered while in progress)", n)
	}
	if ci := consumerInfo(t, js); ci.Delivered.Consumer != 1 {
		t.Errorf("%d deliveries, want 1", ci.Delivered.Consumer)
	}
}
