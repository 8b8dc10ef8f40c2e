package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/syncbuf"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
)

// startServerWith runs an in-process nats-server with o (a random port and a
// fresh store unless o says otherwise).
func startServerWith(t testing.TB, o ServerOptions) *server.Server {
	t.Helper()
	if o.Listen == "" {
		o.Listen = "127.0.0.1:0"
	}
	if o.StoreDir == "" {
		o.StoreDir = t.TempDir()
	}
	s, err := StartServer(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	return s
}

// TestResultTooLargeDeadLetteredAtOnce: on a server whose max payload is
// below a page's result, the page goes to DEAD on its first delivery as
// result_too_large, with the sizes, instead of being retried as a publish
// failure until MaxDeliver; smaller pages are scored as usual.
func TestResultTooLargeDeadLetteredAtOnce(t *testing.T) {
	s := startServerWith(t, ServerOptions{MaxPayload: 64 << 10})
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Classify = nil // the real classifier: its results are several times the page
	startPipeline(t, o)

	story, err := os.ReadFile("../classify/testdata/pages/wire-story.txt")
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat(string(story)+"\n\n", 10) // ~20 KB page, ~95 KB result
	if _, err := js.Publish(context.Background(), "pages.big", envelope("big", "big", big)); err != nil {
		t.Fatal(err)
	}
	good := publishPages(t, js, "big", 0, 3, true)
	waitFor(t, 20*time.Second, "dead letter", func() bool { return streamCount(t, js, "DEAD") >= 1 })
	waitFor(t, 20*time.Second, "results", func() bool { return streamCount(t, js, "SCORES") >= 3 })
	checkOneResultEach(t, js, good)
	d := streamMsgs(t, js, "DEAD")[0]
	h := d.Headers()
	if got := classify.Reason(h.Get(HeaderReason)); got != classify.ReasonResultTooLarge {
		t.Fatalf("reason %q (%s), want result_too_large", got, h.Get(HeaderError))
	}
	if msg := h.Get(HeaderError); !strings.Contains(msg, "65536") || !strings.Contains(msg, "-byte page") {
		t.Errorf("Slant-Error does not give the sizes: %q", msg)
	}
	if got := h.Get(HeaderDeliveries); got != "1" {
		t.Errorf("dead-lettered after %s deliveries, want 1", got)
	}
	if MaxPageBytes(64<<10)*ResultExpansion > 64<<10 || MaxPageBytes(nc.MaxPayload()) < len(pageText(0)) {
		t.Errorf("MaxPageBytes(%d) = %d", nc.MaxPayload(), MaxPageBytes(nc.MaxPayload()))
	}
}

// TestDefaultPayloadFitsPageLimit: the embedded server's default max payload
// holds the result of a page at the classifier's default limit.
func TestDefaultPayloadFitsPageLimit(t *testing.T) {
	s := startServerWith(t, ServerOptions{})
	nc := connect(t, s.ClientURL())
	if got := MaxPageBytes(nc.MaxPayload()); got < classify.DefaultMaxBytes {
		t.Errorf("embedded server: pages up to %d bytes fit, below the documented %d", got, classify.DefaultMaxBytes)
	}
}

// TestLongIDDeadLettered: an id over DefaultMaxIDBytes goes to DEAD at once
// as id_too_long, with a shortened id in its headers.
func TestLongIDDeadLettered(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	startPipeline(t, testOptions(nc))
	long := strings.Repeat("x", 40<<10)
	if _, err := js.Publish(context.Background(), "pages.ids", envelope(long, "ids", "The mayor said so.")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "dead letter", func() bool { return streamCount(t, js, "DEAD") >= 1 })
	h := streamMsgs(t, js, "DEAD")[0].Headers()
	if got := classify.Reason(h.Get(HeaderReason)); got != classify.ReasonIDTooLong {
		t.Errorf("reason %q (%s), want id_too_long", got, h.Get(HeaderError))
	}
	if len(h.Get(HeaderPageID)) > 100 {
		t.Errorf("dead letter carries a %d-byte page id", len(h.Get(HeaderPageID)))
	}
}

// TestSameIDTwoSites: two sites publishing the same page id each get their
// result and their alerts; the key is (site, id) everywhere.
func TestSameIDTwoSites(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Classify = func(_ context.Context, p classify.Page) (*classify.Result, error) { return stubResult(p), nil }
	o.Rules = mustRules(t, alwaysRule)
	startPipeline(t, o)
	for _, site := range []string{"one", "two"} {
		// Once keyed by the publisher (slant publish's Nats-Msg-Id), once
		// only by the envelope id.
		m := &nats.Msg{Subject: "pages." + site, Data: envelope("index", site, "The mayor said so."),
			Header: nats.Header{HeaderMsgID: {PageKey(site, "index")}}}
		if _, err := js.PublishMsg(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		if _, err := js.Publish(context.Background(), "pages."+site, envelope("home", site, "The mayor said so.")); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, 20*time.Second, "4 results", func() bool { return streamCount(t, js, "SCORES") >= 4 })
	waitFor(t, 20*time.Second, "4 alerts", func() bool { return streamCount(t, js, "ALERTS") >= 4 })
	waitFor(t, 5*time.Second, "acks", func() bool { return consumerInfo(t, js).NumAckPending == 0 })
	got := map[string]int{}
	for _, m := range streamMsgs(t, js, "SCORES") {
		var r classify.Result
		if err := json.Unmarshal(m.Data(), &r); err != nil {
			t.Fatal(err)
		}
		got[m.Subject()+" "+r.ID]++
	}
	for _, k := range []string{"scores.one index", "scores.two index", "scores.one home", "scores.two home"} {
		if got[k] != 1 {
			t.Errorf("%s: %d results, want 1 (all: %v)", k, got[k], got)
		}
	}
	if n := streamCount(t, js, "ALERTS"); n != 4 {
		t.Errorf("%d alerts, want 4", n)
	}
}

// TestPageIDFallbacks: without an envelope id the page id is the
// Nats-Msg-Id (less its "<site>/"), else a hash of the body, and either
// de-duplicates: the same body twice yields one result.
func TestPageIDFallbacks(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Classify = func(_ context.Context, p classify.Page) (*classify.Result, error) { return stubResult(p), nil }
	startPipeline(t, o)
	body := []byte(`{"text":"The mayor said the budget passed."}`)
	m := &nats.Msg{Subject: "pages.fb", Data: body, Header: nats.Header{HeaderMsgID: {"fb/from-header"}}}
	if _, err := js.PublishMsg(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	for range 2 { // no id anywhere: the body's hash, twice
		if _, err := js.Publish(context.Background(), "pages.fb", body); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, 20*time.Second, "acks", func() bool {
		ci := consumerInfo(t, js)
		return ci.NumAckPending == 0 && ci.NumPending == 0 && ci.Delivered.Consumer >= 3
	})
	env, _ := parseEnvelope(body, nil, "fb")
	if !strings.HasPrefix(env.ID, "sha256-") {
		t.Fatalf("hash id %q", env.ID)
	}
	checkOneResultEach(t, js, []string{"from-header", env.ID})
}

// TestRetrySchedule: a transient failure is retried after RetryDelay, 2×,
// 4×… and nothing else: the consumer's redelivery delay (AckWait, here far
// longer) does not stack on the nak delays. The page then reaches DEAD as
// max_deliveries.
func TestRetrySchedule(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.AckWait = 5 * time.Second
	o.RetryDelay = 200 * time.Millisecond
	o.MaxDeliver = 4
	calls := make(chan time.Time, 10)
	o.Classify = func(context.Context, classify.Page) (*classify.Result, error) {
		calls <- time.Now()
		return nil, fmt.Errorf("slow machine: %w", classify.ErrTimeout)
	}
	startPipeline(t, o)
	publishPages(t, js, "retry", 0, 1, true)
	var at []time.Time
	for range o.MaxDeliver {
		select {
		case c := <-calls:
			at = append(at, c)
		case <-time.After(20 * time.Second):
			t.Fatalf("%d deliveries, want %d", len(at), o.MaxDeliver)
		}
	}
	for i := 1; i < len(at); i++ {
		want := o.RetryDelay << (i - 1)
		// Generous above (a loaded CI machine under -race), still far below
		// the 5 s AckWait that a stacked BackOff step would add.
		if got := at[i].Sub(at[i-1]); got < want-50*time.Millisecond || got > want+1500*time.Millisecond {
			t.Errorf("retry %d after %s, want %s", i, got.Round(time.Millisecond), want)
		}
	}
	waitFor(t, 20*time.Second, "dead letter", func() bool { return streamCount(t, js, "DEAD") >= 1 })
	if got := streamMsgs(t, js, "DEAD")[0].Headers().Get(HeaderReason); got != string(classify.ReasonMaxDeliveries) {
		t.Errorf("reason %q, want max_deliveries", got)
	}
	if ci := consumerInfo(t, js); len(ci.Config.BackOff) != 0 || ci.Config.AckWait != o.AckWait {
		t.Errorf("consumer BackOff %v, AckWait %s", ci.Config.BackOff, ci.Config.AckWait)
	}
}

// TestConsumerDeletedMidRunNoRescore: the durable consumer is deleted
// while the workers run (as an operator might, or a rename does). The
// workers bind again, the new consumer starts from the beginning of PAGES,
// and the pages already scored are acked without being classified again or
// firing their alerts again — beyond any de-duplication window. New pages
// are scored. A replay on purpose (Rescore, another durable) scores all.
func TestConsumerDeletedMidRunNoRescore(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	var calls atomic.Int32
	o := testOptions(nc)
	o.Classify = func(_ context.Context, p classify.Page) (*classify.Result, error) {
		calls.Add(1)
		return stubResult(p), nil
	}
	o.Rules = mustRules(t, alwaysRule)
	// A short window, so that the pages delivered again are beyond it, as
	// after a real consumer deletion: SCORES alone would take a second
	// result.
	o.Topology.DedupWindow = 250 * time.Millisecond
	obs := newCountingObserver()
	o.Observer = obs
	r := startPipeline(t, o)
	ids := publishPages(t, js, "replay", 0, 20, true)
	waitFor(t, 20*time.Second, "20 results", func() bool { return streamCount(t, js, "SCORES") >= 20 })
	waitIdle(t, js)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := js.DeleteConsumer(ctx, "PAGES", "slant"); err != nil {
		t.Fatal(err)
	}
	ids = append(ids, publishPages(t, js, "replay", 20, 10, true)...)
	waitFor(t, 30*time.Second, "the old pages delivered again and the new scored", func() bool {
		c, err := js.Consumer(ctx, "PAGES", "slant")
		if err != nil {
			return false
		}
		ci, err := c.Info(ctx)
		return err == nil && ci.NumPending == 0 && ci.NumAckPending == 0 && ci.Delivered.Consumer >= 30 &&
			streamCount(t, js, "SCORES") >= 30
	})
	checkOneResultEach(t, js, ids)
	if n := calls.Load(); n != 30 {
		t.Errorf("classified %d times, want 30 (the first 20 again after the consumer was recreated?)", n)
	}
	if n := streamCount(t, js, "ALERTS"); n != 30 {
		t.Errorf("%d alerts, want 30", n)
	}
	if n := obs.get(func(o *countingObserver) int { return o.failed[string(classify.ReasonAlreadyScored)] }); n != 20 {
		t.Errorf("%d deliveries counted as already_scored, want 20", n)
	}
	r.stop(t)

	// A replay on purpose: another durable with Rescore scores every page
	// again and stores a second result for each.
	o2 := o
	o2.Durable, o2.Rescore = "replay-1", true
	startPipeline(t, o2)
	waitFor(t, 30*time.Second, "60 results", func() bool { return streamCount(t, js, "SCORES") >= 60 })
	if n := calls.Load(); n != 60 {
		t.Errorf("classified %d times after the replay, want 60", n)
	}
}

// TestStreamLimits: the streams get the default ages and byte limits (PAGES
// refusing new pages when full), flags override them, and the observer is
// told how full each stream is.
func TestStreamLimits(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Topology = Topology{PagesMaxBytes: 1 << 20, ScoresMaxAge: -1}
	obs := newCountingObserver()
	o.Observer = obs
	startPipeline(t, o)
	publishPages(t, js, "lim", 0, 3, true)
	waitFor(t, 20*time.Second, "stream state", func() bool {
		return obs.get(func(o *countingObserver) int { return int(o.streams["PAGES"][0]) }) >= 3 &&
			obs.get(func(o *countingObserver) int { return len(o.streams) }) == 5
	})
	if got := obs.get(func(o *countingObserver) int { return int(o.streams["PAGES"][2]) }); got != 1<<20 {
		t.Errorf("PAGES max bytes reported %d", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	want := map[string]struct {
		age     time.Duration
		bytes   int64
		discard jetstream.DiscardPolicy
	}{
		"PAGES":           {DefaultPagesMaxAge, 1 << 20, jetstream.DiscardNew},
		"SCORES":          {0, DefaultScoresMaxBytes, jetstream.DiscardOld},
		"ALERTS":          {DefaultAlertsMaxAge, DefaultAlertsMaxBytes, jetstream.DiscardOld},
		"DEAD":            {DefaultDeadMaxAge, DefaultDeadMaxBytes, jetstream.DiscardOld},
		"KV_SLANT_SCORED": {DefaultPagesMaxAge, DefaultScoredMaxBytes, jetstream.DiscardNew},
	}
	for name, w := range want {
		st, err := js.Stream(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		c := st.CachedInfo().Config
		if c.MaxAge != w.age || c.MaxBytes != w.bytes || c.Discard != w.discard {
			t.Errorf("%s: max age %s, max bytes %d, discard %v; want %s, %d, %v", name, c.MaxAge, c.MaxBytes, c.Discard, w.age, w.bytes, w.discard)
		}
	}
}

// TestOneLinePageScored: a 2 KB one-line page without final punctuation,
// through the pipeline with the real classifier, gets sentences and a
// genre (its last text is a sentence).
func TestOneLinePageScored(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Classify = nil
	startPipeline(t, o)
	text := strings.TrimSpace(strings.Repeat("the minister said the plan would cut waiting times by half according to officials ", 25))
	if _, err := js.Publish(context.Background(), "pages.line", envelope("line", "line", text)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "result", func() bool { return streamCount(t, js, "SCORES") >= 1 })
	var r classify.Result
	if err := json.Unmarshal(streamMsgs(t, js, "SCORES")[0].Data(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Sentences) == 0 || r.Page.Genre == classify.GenreOther {
		t.Errorf("one-line page: %d sentences, genre %s", len(r.Sentences), r.Page.Genre)
	}
}

// TestDeadUnavailableNotLost: while DEAD cannot take a dead letter, a page
// that can never succeed is not lost — not after MaxDeliver deliveries
// either: it comes back until DEAD is there again, then lands in it once.
func TestDeadUnavailableNotLost(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.MaxDeliver = 2
	startPipeline(t, o)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := js.DeleteStream(ctx, "DEAD"); err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(ctx, "pages.nodead", []byte(`{"not an envelope`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "deliveries past MaxDeliver", func() bool { return consumerInfo(t, js).Delivered.Consumer > 4 })
	if err := EnsureStreams(ctx, js, Topology{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "dead letter", func() bool { return streamCount(t, js, "DEAD") >= 1 })
	waitIdle(t, js)
	if n := streamCount(t, js, "DEAD"); n != 1 {
		t.Errorf("%d dead letters, want 1", n)
	}
	if got := streamMsgs(t, js, "DEAD")[0].Headers().Get(HeaderReason); got != string(classify.ReasonBadEnvelope) { // its own reason, not max_deliveries
		t.Errorf("reason %q, want bad_envelope", got)
	}
}

// TestAlertPublishFails: while ALERTS cannot take an alert, the page is not
// acked (its result is stored once); once ALERTS is back, the alert is
// stored and the page acked, still with one result.
func TestAlertPublishFails(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.MaxDeliver = 100
	o.Classify = func(_ context.Context, p classify.Page) (*classify.Result, error) { return stubResult(p), nil }
	o.Rules = mustRules(t, alwaysRule)
	obs := newCountingObserver()
	o.Observer = obs
	startPipeline(t, o)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := js.DeleteStream(ctx, "ALERTS"); err != nil {
		t.Fatal(err)
	}
	ids := publishPages(t, js, "noalerts", 0, 1, true)
	waitFor(t, 20*time.Second, "publish failures", func() bool {
		return obs.get(func(o *countingObserver) int { return o.failed[string(classify.ReasonPublish)] }) >= 2
	})
	if ci := consumerInfo(t, js); ci.NumAckPending+int(ci.NumPending) == 0 {
		t.Error("page acked without its alert")
	}
	if err := EnsureStreams(ctx, js, Topology{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "alert", func() bool { return streamCount(t, js, "ALERTS") >= 1 })
	waitIdle(t, js)
	checkOneResultEach(t, js, ids)
}

// TestNeitherResultNorError: a classifier that returns nil, nil fails its
// page as an error (a bug): DEAD, reason error.
func TestNeitherResultNorError(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Classify = func(context.Context, classify.Page) (*classify.Result, error) { return nil, nil }
	startPipeline(t, o)
	publishPages(t, js, "nil", 0, 1, true)
	waitFor(t, 20*time.Second, "dead letter", func() bool { return streamCount(t, js, "DEAD") >= 1 })
	h := streamMsgs(t, js, "DEAD")[0].Headers()
	if h.Get(HeaderReason) != string(classify.ReasonError) || !strings.Contains(h.Get(HeaderError), "neither a result nor an error") {
		t.Errorf("dead letter headers %v", h)
	}
}

// TestDeliveryWithoutMetadata: a message that reaches the workers' pull
// subscription without being a JetStream delivery (published straight to
// its inbox) is dropped with an error log; the worker carries on.
func TestDeliveryWithoutMetadata(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Workers = 1
	o.Classify = func(_ context.Context, p classify.Page) (*classify.Result, error) { return stubResult(p), nil }
	var logs syncbuf.Buffer
	o.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	obs := newCountingObserver()
	o.Observer = obs
	startPipeline(t, o)
	cid, err := nc.GetClientID()
	if err != nil {
		t.Fatal(err)
	}
	// Ready means the client holds the pull subscription; the server may
	// not have read its SUB yet, so wait until it lists the inbox.
	var inboxes []string
	waitFor(t, 20*time.Second, "the pull inbox on the server", func() bool {
		cz, err := s.Connz(&server.ConnzOptions{CID: cid, Subscriptions: true})
		if err != nil || len(cz.Conns) != 1 {
			t.Fatalf("connz: %v", err)
		}
		inboxes = inboxes[:0]
		for _, sub := range cz.Conns[0].Subs {
			if strings.HasPrefix(sub, "_INBOX.") && !strings.ContainsAny(sub, "*>") {
				inboxes = append(inboxes, sub)
			}
		}
		return len(inboxes) > 0
	})
	stray := connect(t, s.ClientURL())
	for _, sub := range inboxes {
		if err := stray.Publish(sub, envelope("stray", "stray", "not from JetStream")); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, 20*time.Second, "the stray logged", func() bool { return strings.Contains(logs.String(), "delivery without metadata") })
	ids := publishPages(t, js, "after", 0, 3, true)
	waitFor(t, 20*time.Second, "results", func() bool { return streamCount(t, js, "SCORES") >= 3 })
	waitIdle(t, js)
	checkOneResultEach(t, js, ids)
}

// TestPageAtLimitStored: on the embedded server's defaults, a page just
// under the documented 4 MiB limit, dense with attributions, gets its
// result stored (about 19 MB of JSON).
func TestPageAtLimitStored(t *testing.T) {
	s := startServerWith(t, ServerOptions{})
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	o := testOptions(nc)
	o.Classify = nil
	o.PublishTimeout = time.Minute
	// What is tested is the 19 MB result's storage, not the speed of
	// classifying 4 MiB (BenchmarkClassify measures that): under the race
	// detector the page takes longer than the default 10 s budget.
	o.Limits.Timeout = 2 * time.Minute
	startPipeline(t, o)
	story, err := os.ReadFile("../classify/testdata/pages/wire-story.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat(string(story)+"\n\n", (classify.DefaultMaxBytes-1024)/(len(story)+2))
	m := &nats.Msg{Subject: "pages.big", Data: envelope("big", "big", text)}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := js.PublishMsg(ctx, m); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 2*time.Minute, "the result", func() bool { return streamCount(t, js, "SCORES")+streamCount(t, js, "DEAD") >= 1 })
	if n := streamCount(t, js, "DEAD"); n != 0 {
		t.Fatalf("dead-lettered: %s", streamMsgs(t, js, "DEAD")[0].Headers().Get(HeaderError))
	}
	st, err := js.Stream(ctx, "SCORES")
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("a %d-byte page: SCORES holds %d bytes", len(text), info.State.Bytes)
}

// TestRawPagesOnPAGES: a page published as it is, text or HTML, without an
// envelope (`nats pub pages.example "The minister said…"`), is scored
// under the id of its Nats-Msg-Id header, as slant.classify scores a raw
// request.
func TestRawPagesOnPAGES(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s.ClientURL())
	js := newJS(t, nc)
	startPipeline(t, testOptions(nc))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for id, body := range map[string]string{
		"raw-text": "The minister said on Friday that the port would reopen on Monday.",
		"raw-html": "<!doctype html><html><body><article><p>The minister said on Friday that the port would reopen on Monday, after a week of talks.</p></article></body></html>",
	} {
		m := &nats.Msg{Subject: "pages.example", Header: nats.Header{HeaderMsgID: {PageKey("example", id)}}, Data: []byte(body)}
		if _, err := js.PublishMsg(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, 20*time.Second, "results", func() bool { return streamCount(t, js, "SCORES") >= 2 })
	checkOneResultEach(t, js, []string{"raw-text", "raw-html"})
	if n := streamCount(t, js, "DEAD"); n != 0 {
		t.Errorf("%d dead letters, want none", n)
	}
	for _, m := range streamMsgs(t, js, "SCORES") {
		var res classify.Result
		if err := json.Unmarshal(m.Data(), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Attributions) == 0 || res.Attributions[0].Source.Text != "The minister" {
			t.Errorf("%s: attributions %+v, want the minister's", res.ID, res.Attributions)
		}
		if (res.ID == "raw-html") != (res.Text != "") {
			t.Errorf("%s: read as the wrong kind of page (text %q)", res.ID, res.Text)
		}
	}
}
