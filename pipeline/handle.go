package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
)

// Dead-letter reasons set by the pipeline itself; classify.InputError
// reasons ("empty", "too_large", ...) are passed through.
const (
	ReasonBadEnvelope   = "bad_envelope"
	ReasonInvalidUTF8   = "invalid_utf8"
	ReasonClassifier    = "classifier_error"
	ReasonPanic         = "panic"
	ReasonMaxDeliveries = "max_deliveries"
)

// Failure codes for transient failures (Observer.PageFailed), besides the
// dead-letter reasons.
const (
	failTimeout   = "timeout"
	failPublish   = "publish"
	failShutdown  = "shutdown"
	failDuplicate = "duplicate"
)

// verdict is how a delivery ends.
type verdict int

const (
	ack   verdict = iota // result stored
	dead                 // never succeeds: copy to DEAD, Term
	retry                // transient: NakWithDelay
)

type outcome struct {
	verdict verdict
	reason  string // failure code or dead-letter reason
	err     error
	pageID  string
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
	stop := p.keepAlive(msg)
	out := p.process(ctx, msg, md, site)
	stop()

	switch out.verdict {
	case ack:
		if err := msg.Ack(); err != nil {
			// The result is stored; a lost ack means a redelivery whose
			// result the SCORES window drops.
			p.log.Warn("ack", "seq", md.Sequence.Stream, "err", err)
		}
	case dead:
		p.obs.PageFailed(site, out.reason)
		d := deadLetter{site: site, reason: out.reason, err: out.err, subject: msg.Subject(),
			stream: md.Stream, seq: md.Sequence.Stream, deliveries: md.NumDelivered, pageID: out.pageID, data: msg.Data()}
		if err := p.deadLetter(ctx, d); err != nil {
			p.log.Warn("dead letter not stored, will retry", "seq", md.Sequence.Stream, "err", err)
			_ = msg.NakWithDelay(p.retryDelay(md.NumDelivered))
			return
		}
		if err := msg.TermWithReason(out.reason); err != nil {
			p.log.Warn("term", "seq", md.Sequence.Stream, "err", err)
		}
	case retry:
		p.obs.PageFailed(site, out.reason)
		delay := p.retryDelay(md.NumDelivered)
		if out.reason == failShutdown {
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
	env, out := parseEnvelope(msg.Data(), msg.Headers())
	if out != nil {
		return *out
	}
	page := env.Page()
	t0 := time.Now()
	res, err := p.classify(ctx, page)
	classifyTime := time.Since(t0)
	if err != nil {
		return p.classifyFailure(ctx, err, env.ID)
	}
	res.ID = env.ID
	if res.Site == "" {
		res.Site = site
	}
	body, err := json.Marshal(res)
	if err != nil {
		return outcome{verdict: dead, reason: ReasonClassifier, err: fmt.Errorf("encoding result: %w", err), pageID: env.ID}
	}
	rm := &nats.Msg{
		Subject: p.o.Topology.ScoresPrefix + "." + site,
		Header:  nats.Header{HeaderMsgID: {env.ID}, HeaderPageID: {env.ID}},
		Data:    body,
	}
	pa, err := p.publish(ctx, rm)
	if err != nil {
		return p.publishFailure(ctx, err)
	}
	// Alerts go out before the ack too, so a crash between the two
	// redelivers the page and the alerts are published again; their
	// Nats-Msg-Id makes that harmless.
	for _, a := range p.o.Rules.Evaluate(res, time.Now()) {
		ab, err := json.Marshal(a)
		if err != nil {
			return outcome{verdict: dead, reason: ReasonClassifier, err: fmt.Errorf("encoding alert: %w", err), pageID: env.ID}
		}
		am := &nats.Msg{
			Subject: p.o.Topology.AlertsPrefix + "." + site,
			Header:  nats.Header{HeaderMsgID: {env.ID + "/" + a.Rule}, HeaderPageID: {env.ID}, HeaderRule: {a.Rule}},
			Data:    ab,
		}
		aa, err := p.publish(ctx, am)
		if err != nil {
			return p.publishFailure(ctx, err)
		}
		if !aa.Duplicate {
			p.obs.AlertEmitted(a.Rule, site)
		}
	}
	if pa.Duplicate {
		// Another delivery of this page id stored its result first.
		p.obs.PageFailed(site, failDuplicate)
	} else {
		p.obs.PageClassified(site, res, classifyTime, time.Since(md.Timestamp))
	}
	return outcome{verdict: ack}
}

func (p *Pipeline) publish(ctx context.Context, m *nats.Msg) (*jetstream.PubAck, error) {
	ctx, cancel := context.WithTimeout(ctx, p.o.PublishTimeout)
	defer cancel()
	return p.js.PublishMsg(ctx, m)
}

func (p *Pipeline) publishFailure(ctx context.Context, err error) outcome {
	if ctx.Err() != nil {
		return outcome{verdict: retry, reason: failShutdown, err: err}
	}
	return outcome{verdict: retry, reason: failPublish, err: err}
}

// classify runs the classifier, turning a panic into an error: a page that
// crashes the classifier would otherwise crash every worker it reaches.
func (p *Pipeline) classify(ctx context.Context, page classify.Page) (res *classify.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &panicError{value: r, stack: debug.Stack()}
		}
	}()
	res, err = p.o.Classify(ctx, page)
	if res == nil && err == nil {
		err = errors.New("classifier returned neither a result nor an error")
	}
	return res, err
}

type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("classifier panic: %v", e.value) }

func (p *Pipeline) classifyFailure(ctx context.Context, err error, id string) outcome {
	var ie *classify.InputError
	var pe *panicError
	switch {
	case errors.As(err, &ie):
		return outcome{verdict: dead, reason: ie.Reason, err: err, pageID: id}
	case errors.As(err, &pe):
		p.log.Error("classifier panic", "id", id, "panic", pe.value, "stack", string(pe.stack))
		return outcome{verdict: dead, reason: ReasonPanic, err: err, pageID: id}
	case errors.Is(err, classify.ErrTimeout):
		return outcome{verdict: retry, reason: failTimeout, err: err}
	case ctx.Err() != nil:
		return outcome{verdict: retry, reason: failShutdown, err: err}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		// A context error that is not ours: treat as over budget.
		return outcome{verdict: retry, reason: failTimeout, err: err}
	default:
		return outcome{verdict: dead, reason: ReasonClassifier, err: err, pageID: id}
	}
}

// parseEnvelope reads a PAGES message body. The page id is the envelope's
// id, else the Nats-Msg-Id header, else a hash of the body (so identical
// bodies published twice still share one result).
func parseEnvelope(data []byte, hdr nats.Header) (classify.Envelope, *outcome) {
	var env classify.Envelope
	// encoding/json would quietly turn invalid UTF-8 into U+FFFD; a page
	// that is not UTF-8 must be rejected, not scored with holes in it.
	if !utf8.Valid(data) {
		return env, &outcome{verdict: dead, reason: ReasonInvalidUTF8, err: errors.New("message body is not valid UTF-8")}
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return env, &outcome{verdict: dead, reason: ReasonBadEnvelope, err: fmt.Errorf("body is not a page envelope (JSON object with id and text): %w", err)}
	}
	if env.ID == "" {
		env.ID = hdr.Get(HeaderMsgID)
	}
	if env.ID == "" {
		sum := sha256.Sum256(data)
		env.ID = "sha256-" + hex.EncodeToString(sum[:16])
	}
	return env, nil
}

// retryDelay grows RetryDelay with the delivery count, up to a minute.
func (p *Pipeline) retryDelay(delivered uint64) time.Duration {
	d := p.o.RetryDelay
	for i := uint64(1); i < delivered && d < time.Minute; i++ {
		d *= 2
	}
	return min(d, time.Minute)
}

// keepAlive tells the server the page is still being worked on every
// AckWait/3, so a slow page is not redelivered to a second worker. The
// returned stop waits for the ticker goroutine so no InProgress races the
// final ack.
func (p *Pipeline) keepAlive(msg jetstream.Msg) (stop func()) {
	every := p.o.BackOff[0] / 3
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTimer(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = msg.InProgress()
				t.Reset(every)
			}
		}
	}()
	return func() { close(done); <-exited }
}

// deadLetter is a page on its way to DEAD.
type deadLetter struct {
	site, reason    string
	err             error
	subject, stream string
	seq, deliveries uint64
	pageID          string
	data            []byte
}

// deadLetter stores d on dead.<site>. Its Nats-Msg-Id is "<stream>/<seq>",
// so two copies of one delivery (a Term racing the advisory, two processes
// handling one advisory) store one dead letter.
func (p *Pipeline) deadLetter(ctx context.Context, d deadLetter) error {
	h := nats.Header{
		HeaderMsgID:        {d.stream + "/" + strconv.FormatUint(d.seq, 10)},
		HeaderReason:       {d.reason},
		HeaderOrigSubject:  {d.subject},
		HeaderOrigStream:   {d.stream},
		HeaderOrigSequence: {strconv.FormatUint(d.seq, 10)},
		HeaderDeliveries:   {strconv.FormatUint(d.deliveries, 10)},
	}
	if d.err != nil {
		h.Set(HeaderError, headerSafe(d.err.Error()))
	}
	if d.pageID != "" {
		h.Set(HeaderPageID, headerSafe(d.pageID))
	}
	pa, err := p.publish(ctx, &nats.Msg{Subject: p.o.Topology.DeadPrefix + "." + d.site, Header: h, Data: d.data})
	if err != nil {
		return fmt.Errorf("publishing dead letter: %w", err)
	}
	if !pa.Duplicate {
		p.obs.PageDeadLettered(d.site, d.reason)
	}
	return nil
}

// headerSafe keeps a header value on one line and short.
func headerSafe(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\r' || c == '\n' {
			b[i] = ' '
		}
	}
	if len(b) > 512 {
		b = append(b[:509], "..."...)
	}
	return strings.ToValidUTF8(string(b), "")
}
