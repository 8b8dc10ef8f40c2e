package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
)

// verdict is how a delivery ends.
type verdict int

const (
	ack   verdict = iota // result stored
	dead                 // never succeeds: copy to DEAD, Term
	retry                // transient: NakWithDelay
)

// outcome is how a delivery ends and why.
type outcome struct {
	verdict verdict
	reason  classify.Reason // why there is no result; "" for ack
	err     error
	page    classify.Page // as far as it was read: the dead letter names it
}

// deadEnd is the outcome of a page that can never succeed; its reason is
// ReasonOf(err), as in every other path.
func deadEnd(page classify.Page, err error) outcome {
	return outcome{verdict: dead, reason: classify.ReasonOf(err), err: err, page: page}
}

// handle takes one delivery to its end: ack, dead letter or nak.
func (p *Pipeline) handle(ctx context.Context, msg jetstream.Msg) {
	site := siteOf(p.o.Topology.PagesPrefix, msg.Subject())
	p.obs.PageReceived(site)
	p.obs.InFlight(1)
	defer p.obs.InFlight(-1)

	md, err := msg.Metadata()
	if err != nil {
		// Not a JetStream delivery: nothing to ack, nothing to redeliver.
		p.log.Error("delivery without metadata", "subject", msg.Subject(), "err", err)
		return
	}
	var out outcome
	if md.NumDelivered > uint64(p.o.MaxDeliver) {
		// Delivered MaxDeliver times already, each ending without an ack
		// (a page that crashes or stalls its worker): give up before it
		// does so again.
		// (An unreadable envelope keeps its own reason: it costs nothing.)
		env, err := parseEnvelope(msg.Data(), msg.Headers(), site)
		if err == nil {
			err = fmt.Errorf("%w (%d deliveries: it crashed, stalled or kept failing its workers)",
				classify.ErrMaxDeliveries, md.NumDelivered-1)
		}
		out = deadEnd(env.Page(), err)
	} else {
		stop := p.keepAlive(msg)
		out = p.process(ctx, msg, md, site)
		stop()
	}
	if out.verdict == retry && out.reason != classify.ReasonShutdown && md.NumDelivered >= uint64(p.o.MaxDeliver) {
		// The last delivery failed too.
		out = deadEnd(out.page, fmt.Errorf("%w (%d deliveries; the last: %v)", classify.ErrMaxDeliveries, md.NumDelivered, out.err))
	}

	switch out.verdict {
	case ack:
		if err := msg.Ack(); err != nil {
			// The result is stored; a lost ack means a redelivery whose
			// result the SCORES window drops.
			p.log.Warn("ack", "seq", md.Sequence.Stream, "err", err)
		}
	case dead:
		p.obs.PageFailed(site, string(out.reason))
		d := deadLetter{failure: classify.NewFailure(out.page, out.err), site: site, subject: msg.Subject(),
			stream: md.Stream, seq: md.Sequence.Stream, deliveries: md.NumDelivered, data: msg.Data()}
		if err := p.deadLetter(ctx, d); err != nil {
			// The consumer has no MaxDeliver of its own, so the page comes
			// back until DEAD takes it: never lost.
			p.log.Warn("dead letter not stored, will retry", "seq", md.Sequence.Stream, "reason", out.reason, "err", err)
			_ = msg.NakWithDelay(p.retryDelay(md.NumDelivered))
			return
		}
		if err := msg.TermWithReason(string(out.reason)); err != nil {
			p.log.Warn("term", "seq", md.Sequence.Stream, "err", err)
		}
	case retry:
		p.obs.PageFailed(site, string(out.reason))
		delay := p.retryDelay(md.NumDelivered)
		if out.reason == classify.ReasonShutdown {
			delay = 0 // another worker can take it now
		}
		p.log.Debug("retry", "seq", md.Sequence.Stream, "reason", out.reason, "err", out.err, "delay", delay)
		if err := msg.NakWithDelay(delay); err != nil {
			p.log.Warn("nak", "seq", md.Sequence.Stream, "err", err)
		}
	}
}

// process classifies a delivery and stores its result and alerts.
func (p *Pipeline) process(ctx context.Context, msg jetstream.Msg, md *jetstream.MsgMetadata, site string) outcome {
	env, err := parseEnvelope(msg.Data(), msg.Headers(), site)
	if err != nil {
		return deadEnd(env.Page(), err)
	}
	page := env.Page()
	key := PageKey(site, env.ID)
	if !p.o.Rescore && p.scoredBefore(ctx, site, env.ID, md) {
		// Delivered again after the de-duplication window (a deleted or
		// renamed consumer, a republished page): its result is stored.
		p.obs.PageFailed(site, string(classify.ReasonAlreadyScored))
		return outcome{verdict: ack}
	}
	msgID := key
	if p.o.Rescore {
		msgID = key + "#" + p.o.Durable
	}
	t0 := time.Now()
	res, err := p.o.Classify(ctx, page)
	classifyTime := time.Since(t0)
	if err != nil {
		return p.classifyFailure(ctx, err, page)
	}
	res.ID = env.ID
	if res.Site == "" {
		res.Site = site
	}
	rb, body, err := p.results.encode(res)
	if err != nil {
		return deadEnd(page, fmt.Errorf("encoding result: %w", err))
	}
	// body is published (copied into the connection's buffer) by the time
	// process returns, whichever way.
	defer p.results.put(rb)
	hv := [...]string{msgID, env.ID} // one allocation for both header values
	rm := &nats.Msg{
		Subject: p.o.Topology.ScoresPrefix + "." + site,
		Header:  nats.Header{HeaderMsgID: hv[0:1:1], HeaderPageID: hv[1:2:2]},
		Data:    body,
	}
	if err := p.fits(rm, len(msg.Data())); err != nil {
		p.log.Warn("result too large to store: dead-lettered", "site", site, "id", headerSafe(env.ID),
			"page_bytes", len(msg.Data()), "result_bytes", len(body), "max_payload", p.o.Conn.MaxPayload())
		return deadEnd(page, err)
	}
	pa, err := p.publish(ctx, rm)
	if err != nil {
		return p.publishFailure(ctx, err, page)
	}
	// Alerts go out before the ack too, so a crash between the two
	// redelivers the page and the alerts are published again; their
	// Nats-Msg-Id makes that harmless.
	for _, a := range p.o.Rules.Evaluate(res, time.Now()) {
		ab, err := json.Marshal(a)
		if err != nil {
			return deadEnd(page, fmt.Errorf("encoding alert: %w", err))
		}
		am := &nats.Msg{
			Subject: p.o.Topology.AlertsPrefix + "." + site,
			Header:  nats.Header{HeaderMsgID: {msgID + "/" + a.Rule}, HeaderPageID: {env.ID}, HeaderRule: {a.Rule}},
			Data:    ab,
		}
		aa, err := p.publish(ctx, am)
		if err != nil {
			return p.publishFailure(ctx, err, page)
		}
		if !aa.Duplicate {
			p.obs.AlertEmitted(a.Rule, site)
		}
	}
	// Remembered last: a crash before this redelivers the page, and the
	// SCORES window absorbs its second result.
	p.markScored(site, env.ID, md)
	if pa.Duplicate {
		// Another delivery of this page stored its result first.
		p.obs.PageFailed(site, string(classify.ReasonDuplicate))
	} else {
		p.obs.PageClassified(site, res, classifyTime, time.Since(md.Timestamp))
	}
	return outcome{verdict: ack}
}

// fits checks that m is within the server's max payload (headers count), so
// that a result that can never be stored is dead-lettered at once rather
// than retried until MaxDeliver.
func (p *Pipeline) fits(m *nats.Msg, pageBytes int) error {
	size, limit := msgSize(m), p.o.Conn.MaxPayload()
	if size <= limit {
		return nil
	}
	return fmt.Errorf("%w: the result of a %d-byte page is %d bytes with headers, over the server's max payload of %d bytes",
		classify.ErrResultTooLarge, pageBytes, size, limit)
}

// msgSize is what the server counts against its max payload: the body and
// the encoded headers.
func msgSize(m *nats.Msg) int64 {
	n := len(m.Data)
	if len(m.Header) > 0 {
		n += len("NATS/1.0\r\n\r\n")
		for k, vs := range m.Header {
			for _, v := range vs {
				n += len(k) + len(": \r\n") + len(v)
			}
		}
	}
	return int64(n)
}

func (p *Pipeline) publish(ctx context.Context, m *nats.Msg) (*jetstream.PubAck, error) {
	ctx, cancel := context.WithTimeout(ctx, p.o.PublishTimeout)
	defer cancel()
	return p.js.PublishMsg(ctx, m)
}

func (p *Pipeline) publishFailure(ctx context.Context, err error, page classify.Page) outcome {
	if ctx.Err() != nil {
		return outcome{verdict: retry, reason: classify.ReasonShutdown, err: err, page: page}
	}
	return outcome{verdict: retry, reason: classify.ReasonPublish, err: err, page: page}
}

// classifyFailure decides what becomes of a page whose classification
// failed. The reason is ReasonOf the error, as for the CLI and the service;
// the verdict is the worker's own: a page that can never succeed is
// dead-lettered whatever else is going on; anything else that failed while
// the worker shuts down is handed back for another worker; a timeout is
// retried later; a panic or an unknown error is a bug and goes to DEAD, where
// it can be filed.
func (p *Pipeline) classifyFailure(ctx context.Context, err error, page classify.Page) outcome {
	if pe := (*classify.PanicError)(nil); errors.As(err, &pe) {
		p.log.Error("classifier panic", "id", page.ID, "panic", pe.Value, "stack", string(pe.Stack))
	}
	var ie *classify.InputError
	switch reason := classify.ReasonOf(err); {
	case errors.As(err, &ie):
		return deadEnd(page, err)
	case ctx.Err() != nil:
		return outcome{verdict: retry, reason: classify.ReasonShutdown, err: err, page: page}
	case reason == classify.ReasonTimeout, reason == classify.ReasonShutdown:
		// ReasonShutdown here is a context error that is not ours: the
		// classifier's own business, so it may go better next time.
		return outcome{verdict: retry, reason: reason, err: err, page: page}
	default:
		return deadEnd(page, err)
	}
}

// parseEnvelope reads a PAGES message body of site: a page envelope
// (classify.ParseEnvelope) when it is a JSON object, else the page itself,
// raw text or HTML, as `nats pub pages.example "…"` sends it (rawPage).
// The page id is the envelope's, else the Nats-Msg-Id header (less a
// leading "<site>/", the form PageKey gives it).
//
// Without an id anywhere the id is a hash of the body (so identical bodies
// published twice still share one result). An id over DefaultMaxIDBytes
// fails with classify.ErrIDTooLong: it would not fit in the headers of its
// result.
func parseEnvelope(data []byte, hdr nats.Header, site string) (classify.Envelope, error) {
	var env classify.Envelope
	if isEnvelope(data) {
		var err error
		if env, err = decodeEnvelope(data); err != nil {
			return env, err
		}
	} else {
		env = rawPage(data)
	}
	if env.ID == "" {
		env.ID = strings.TrimPrefix(hdr.Get(HeaderMsgID), site+"/")
	}
	if env.ID == "" {
		sum := sha256.Sum256(data)
		env.ID = "sha256-" + hex.EncodeToString(sum[:16])
	}
	if len(env.ID) > DefaultMaxIDBytes {
		n := len(env.ID)
		env.ID = env.ID[:64] + "..."
		return env, &classify.InputError{Reason: classify.ReasonIDTooLong,
			Err: fmt.Errorf("%w: %d bytes, at most %d", classify.ErrIDTooLong, n, DefaultMaxIDBytes)}
	}
	return env, nil
}

// isEnvelope reports a message body that is a JSON object: a page
// envelope, or a broken one.
func isEnvelope(data []byte) bool {
	trimmed := bytes.TrimSpace(data)
	return len(trimmed) > 0 && trimmed[0] == '{'
}

// rawPage is a page sent as it is: HTML if it starts like markup, sniffed
// as `slant classify --type auto` sniffs standard input, else text.
func rawPage(data []byte) classify.Envelope {
	if classify.LooksLikeHTML(string(data)) {
		return classify.Envelope{HTML: string(data)}
	}
	return classify.Envelope{Text: string(data)}
}

// scoredKey is the SCORED bucket's key of a page: the site token and a hash
// of the id (ids may hold any byte; keys may not).
func scoredKey(site, id string) string {
	var buf [maxSiteToken + 1 + 32]byte
	return string(appendScoredKey(buf[:0], site, id))
}

func appendScoredKey(b []byte, site, id string) []byte {
	sum := sha256.Sum256([]byte(id))
	b = append(b, SiteToken(site)...)
	b = append(b, '.')
	return hex.AppendEncode(b, sum[:16])
}

// scoredMark is what SCORED holds for a page: the PAGES message scored
// last for it, as the stream's creation time (a recreated stream numbers
// from 1 again) and the message's stream sequence.
func (p *Pipeline) scoredMark(seq uint64) string {
	return string(p.appendScoredMark(nil, seq))
}

func (p *Pipeline) appendScoredMark(b []byte, seq uint64) []byte {
	b = strconv.AppendInt(b, p.pagesCreated.UnixNano(), 10)
	b = append(b, ':')
	return strconv.AppendUint(b, seq, 10)
}

// scoredBefore reports whether this PAGES message, or a later one of the
// same page, was scored: a replay of PAGES (a consumer deleted, renamed or
// started anew) must not score it twice. Only messages older than half the
// de-duplication window are looked up: for younger ones the SCORES window
// already drops a second result, and the lookup would cost every page a
// round trip. Any doubt (no bucket, a failed read) says no: scoring again is
// safe within the window, losing a page is not.
func (p *Pipeline) scoredBefore(ctx context.Context, site, id string, md *jetstream.MsgMetadata) bool {
	if p.scored == nil || time.Since(md.Timestamp) < p.o.Topology.DedupWindow/2 {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, p.o.PublishTimeout)
	defer cancel()
	e, err := p.scored.Get(ctx, scoredKey(site, id))
	if err != nil {
		if !errors.Is(err, jetstream.ErrKeyNotFound) {
			p.log.Debug("reading SCORED", "site", site, "err", err)
		}
		return false
	}
	created, seqStr, ok := strings.Cut(string(e.Value()), ":")
	seq, err := strconv.ParseUint(seqStr, 10, 64)
	return ok && err == nil && created == strconv.FormatInt(p.pagesCreated.UnixNano(), 10) && md.Sequence.Stream <= seq
}

// markScored records in SCORED that this PAGES message of the page is
// scored. The put is asynchronous, so it costs a page no round trip: if
// the process dies before it is stored, a replay beyond the window scores
// that one page again.
func (p *Pipeline) markScored(site, id string, md *jetstream.MsgMetadata) {
	if p.scored == nil {
		return
	}
	var subj [128]byte
	m := &nats.Msg{
		Subject: string(appendScoredKey(append(append(append(subj[:0], "$KV."...), p.o.Topology.ScoredBucket...), '.'), site, id)),
		Data:    p.appendScoredMark(make([]byte, 0, 40), md.Sequence.Stream),
	}
	if _, err := p.js.PublishMsgAsync(m); err != nil {
		p.log.Debug("recording the page in SCORED", "site", site, "err", err)
	}
}

// PageKey is the key of a page wherever the pipeline de-duplicates: the
// Nats-Msg-Id of its result ("<site>/<id>", alerts add "/<rule>"), the
// Nats-Msg-Id `slant publish` gives it in PAGES and the key of its
// SCORED entry. Page ids are the publisher's and only unique within a site,
// so the key carries the site token (SiteToken, the subject token).
func PageKey(site, id string) string { return SiteToken(site) + "/" + id }

// retryDelay grows RetryDelay with the delivery count, up to maxRetryDelay.
func (p *Pipeline) retryDelay(delivered uint64) time.Duration {
	d := p.o.RetryDelay
	for i := uint64(1); i < delivered && d < maxRetryDelay; i++ {
		d *= 2
	}
	return min(d, maxRetryDelay)
}

// keepAlive tells the server the page is still being worked on every
// AckWait/3, so a slow page is not redelivered to a second worker. The
// returned stop waits for an InProgress under way, and none is sent after
// it returns, so no InProgress races the final ack. A timer rather than a
// goroutine per page: most pages end long before the first tick.
func (p *Pipeline) keepAlive(msg jetstream.Msg) (stop func()) {
	k := &progress{msg: msg, every: p.o.AckWait / 3}
	k.mu.Lock()
	k.t = time.AfterFunc(k.every, k.tick)
	k.mu.Unlock()
	return k.stop
}

// progress is the keepAlive of one delivery.
type progress struct {
	mu      sync.Mutex
	stopped bool
	t       *time.Timer
	msg     jetstream.Msg
	every   time.Duration
}

func (k *progress) tick() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.stopped {
		return
	}
	_ = k.msg.InProgress()
	k.t.Reset(k.every)
}

func (k *progress) stop() {
	k.mu.Lock()
	k.stopped = true
	k.t.Stop()
	k.mu.Unlock()
}

// deadLetter is a page on its way to DEAD.
type deadLetter struct {
	failure         classify.Failure
	site            string
	subject, stream string
	seq, deliveries uint64
	data            []byte
}

// deadLetter stores d on dead.<site>, with the failure in the headers of
// failureHeader. Its Nats-Msg-Id is "<stream>/<seq>", so two copies of one
// page (a redelivery after a dead letter stored but not terminated) store
// one dead letter.
func (p *Pipeline) deadLetter(ctx context.Context, d deadLetter) error {
	h := failureHeader(d.failure)
	h.Set(HeaderMsgID, d.stream+"/"+strconv.FormatUint(d.seq, 10))
	h.Set(HeaderOrigSubject, d.subject)
	h.Set(HeaderOrigStream, d.stream)
	h.Set(HeaderOrigSequence, strconv.FormatUint(d.seq, 10))
	h.Set(HeaderDeliveries, strconv.FormatUint(d.deliveries, 10))
	pa, err := p.publish(ctx, &nats.Msg{Subject: p.o.Topology.DeadPrefix + "." + d.site, Header: h, Data: d.data})
	if err != nil {
		return fmt.Errorf("publishing dead letter: %w", err)
	}
	if !pa.Duplicate {
		p.obs.PageDeadLettered(d.site, string(d.failure.Error.Reason))
	}
	return nil
}
