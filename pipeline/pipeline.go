package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/pipeline/alert"
)

// ClassifyFunc scores one page. It has the contract of
// (*classify.Classifier).Classify: a result, or an error that
// classify.ReasonOf names — *classify.InputError for pages that can never
// succeed, an error wrapping classify.ErrTimeout for a page over its budget,
// ctx.Err() when ctx ends. The worker and the service call it through
// recovering, so a panic in it fails the page (classify.ReasonPanic)
// instead of the process.
type ClassifyFunc func(ctx context.Context, p classify.Page) (*classify.Result, error)

// classifyFunc returns f, or when f is nil the Classify of a classifier with
// limits, made safe by recovering.
func classifyFunc(f ClassifyFunc, limits classify.Limits) (ClassifyFunc, error) {
	if f == nil {
		c, err := classify.New(classify.Options{Limits: limits})
		if err != nil {
			return nil, err
		}
		f = c.Classify
	}
	return recovering(f), nil
}

// recovering returns f with a panic turned into a *classify.PanicError and
// an answer of neither result nor error turned into an error. Options.Classify
// may be any function, and one page must not take down a worker or the
// service; (*classify.Classifier).Classify already recovers its own panics,
// and the second guard costs a defer.
func recovering(f ClassifyFunc) ClassifyFunc {
	return func(ctx context.Context, p classify.Page) (res *classify.Result, err error) {
		defer func() {
			if v := recover(); v != nil {
				res, err = nil, &classify.PanicError{Value: v, Stack: debug.Stack()}
			}
		}()
		res, err = f(ctx, p)
		if res == nil && err == nil {
			err = errors.New("classifier returned neither a result nor an error")
		}
		return res, err
	}
}

// Options configure a Pipeline. Only Conn is required.
type Options struct {
	// Conn is the connection to use; the caller owns it (Run does not close
	// it) and should set it to reconnect forever (see Connect).
	Conn *nats.Conn
	// Topology names the streams; it must match the publishers'.
	Topology Topology
	// SkipStreams leaves stream creation to someone else (an operator with
	// more rights than the worker, say); by default Run creates the streams
	// if missing and updates them to Topology.
	SkipStreams bool

	// Durable is the name of the pull consumer all workers share. Default
	// DefaultDurable.
	Durable string
	// Workers is how many pages this process works on at once. Default
	// DefaultWorkers(), one per CPU.
	Workers int
	// Prefetch is how many messages the client buffers ahead of the
	// workers. Buffered messages are already counted against AckWait, so it
	// is kept small: default 2×Workers.
	Prefetch int
	// MaxAckPending bounds the pages delivered and not yet acknowledged
	// across every process sharing the consumer. Default DefaultMaxAckPending.
	MaxAckPending int
	// AckWait is how long the server waits for an ack before redelivering
	// on the first delivery. Workers send InProgress every AckWait/3 while a
	// page is being worked on, so it bounds the time to notice a dead worker,
	// not the time a page may take. Default DefaultAckWait.
	AckWait time.Duration
	// MaxDeliver bounds deliveries of one page: the worker dead-letters a
	// page (reason max_deliveries) whose last allowed delivery failed, or
	// that comes back after MaxDeliver deliveries without an ack (it
	// crashed or stalled its workers). The worker counts, not the server:
	// the consumer itself redelivers without limit, so a page whose dead
	// letter cannot be stored (DEAD unavailable) comes back until it can.
	// Default DefaultMaxDeliver.
	MaxDeliver int
	// RetryDelay is the first NakWithDelay for a transient failure; it
	// doubles with each delivery up to one minute. Default DefaultRetryDelay.
	//
	// It is the only retry schedule: the consumer has no BackOff, because
	// the server adds a BackOff step to every NakWithDelay (measured: 1 s,
	// 32 s, 94 s… instead of 1 s, 2 s, 4 s…). A page whose worker went
	// silent is redelivered after AckWait.
	RetryDelay time.Duration

	// Rescore scores pages again that the SCORED bucket says were scored,
	// and gives their results and alerts a
	// Nats-Msg-Id of their own ("<site>/<id>#<durable>"), so a replay under
	// a new Durable stores a fresh result per page even within the
	// de-duplication window. Off, a page delivered again is acked without a
	// second result, however long after (`slant serve --rescore`).
	Rescore bool

	// Classify replaces the classifier (benchmarks use a no-op). Default:
	// a classify.Classifier built with Limits.
	Classify ClassifyFunc
	Limits   classify.Limits
	// Rules produce alerts; nil publishes none.
	Rules *alert.Rules

	// Observer is told what happens (metrics). Default NopObserver.
	Observer Observer
	// StateInterval is how often consumer info is polled for
	// Observer.ConsumerState. Default DefaultStateInterval.
	StateInterval time.Duration
	// PublishTimeout bounds the wait for a publish ack. Default
	// DefaultPublishTimeout.
	PublishTimeout time.Duration
	// DrainTimeout bounds the time Run spends finishing in-flight pages
	// after its context ends; what is left is nak'ed for another worker.
	// Default DefaultDrainTimeout.
	DrainTimeout time.Duration
	// Logger reports problems that are handled (a failed ack, a reconnect).
	// Default: discard.
	Logger *slog.Logger
}

func (o Options) withDefaults() (Options, error) {
	if o.Conn == nil {
		return o, errors.New("pipeline: Options.Conn is required")
	}
	o.Topology = o.Topology.withDefaults()
	if o.Durable == "" {
		o.Durable = DefaultDurable
	}
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers()
	}
	if o.Prefetch <= 0 {
		o.Prefetch = 2 * o.Workers
	}
	if o.MaxAckPending <= 0 {
		o.MaxAckPending = DefaultMaxAckPending
	}
	if o.AckWait <= 0 {
		o.AckWait = DefaultAckWait
	}
	if o.MaxDeliver <= 0 {
		o.MaxDeliver = DefaultMaxDeliver
	}
	if o.RetryDelay <= 0 {
		o.RetryDelay = DefaultRetryDelay
	}
	f, err := classifyFunc(o.Classify, o.Limits)
	if err != nil {
		return o, fmt.Errorf("pipeline: %w", err)
	}
	o.Classify = f
	if o.Observer == nil {
		o.Observer = NopObserver{}
	}
	if o.StateInterval <= 0 {
		o.StateInterval = DefaultStateInterval
	}
	if o.PublishTimeout <= 0 {
		o.PublishTimeout = DefaultPublishTimeout
	}
	if o.DrainTimeout <= 0 {
		o.DrainTimeout = DefaultDrainTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}

// Pipeline consumes PAGES and produces SCORES, ALERTS and DEAD.
type Pipeline struct {
	o     Options
	js    jetstream.JetStream
	log   *slog.Logger
	obs   Observer
	bound atomic.Bool
	// scored is the SCORED bucket and pagesCreated the creation time of
	// PAGES; set by Run before the workers start (scored nil if the bucket
	// could not be opened).
	scored       jetstream.KeyValue
	pagesCreated time.Time
	results      *resultWriter // encodes results (result_json.go)
}

// New checks opts and returns a Pipeline ready to Run.
func New(opts Options) (*Pipeline, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	p := &Pipeline{o: o, log: o.Logger, obs: o.Observer, results: newResultWriter()}
	js, err := jetstream.New(o.Conn, jetstream.WithPublishAsyncErrHandler(func(_ jetstream.JetStream, m *nats.Msg, err error) {
		// Only SCORED marks are published asynchronously.
		p.log.Debug("SCORED mark not stored", "subject", m.Subject, "err", err)
	}))
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	p.js = js
	return p, nil
}

// ConsumerConfig is the durable consumer every worker binds to.
func (p *Pipeline) ConsumerConfig() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       p.o.Durable,
		Description:   "slant workers",
		FilterSubject: p.o.Topology.PagesPrefix + ".>",
		DeliverPolicy: jetstream.DeliverAllPolicy,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       p.o.AckWait,
		MaxDeliver:    -1, // counted by the worker (Options.MaxDeliver)
		MaxAckPending: p.o.MaxAckPending,
	}
}

// Ready reports whether the pipeline is connected and bound to its
// consumer: the readiness probe.
func (p *Pipeline) Ready() error {
	if !p.o.Conn.IsConnected() {
		return fmt.Errorf("not connected to NATS (%s)", p.o.Conn.Status())
	}
	if !p.bound.Load() {
		return errors.New("consumer not bound yet")
	}
	return nil
}

// Run works until ctx ends, then drains: it stops fetching, finishes the
// pages it holds (at most DrainTimeout) and returns nil. It returns an error
// only if it cannot set up (streams, consumer) before ctx ends.
func (p *Pipeline) Run(ctx context.Context) error {
	if !p.o.SkipStreams {
		if err := EnsureStreams(ctx, p.js, p.o.Topology); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("pipeline: %w", err)
		}
	}
	p.scored, p.pagesCreated = p.openScored(ctx)
	cons, err := p.bind(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}

	// Pages in hand are finished with workCtx, which outlives ctx by at
	// most DrainTimeout so a shutdown does not throw work away.
	workCtx, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	stopDrainTimer := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(p.o.DrainTimeout, cancelWork)
		<-workCtx.Done()
		t.Stop()
	})
	defer stopDrainTimer()

	var bg sync.WaitGroup
	bg.Go(func() { p.pollState(ctx, cons) })

	work := make(chan jetstream.Msg)
	var workers sync.WaitGroup
	for range p.o.Workers {
		workers.Go(func() {
			for msg := range work {
				p.handle(workCtx, msg)
			}
		})
	}
	p.fetch(ctx, cons, work)
	close(work)
	workers.Wait()
	p.bound.Store(false)
	bg.Wait()
	// Acks are fire-and-forget publishes: flush them before the caller
	// closes the connection.
	if err := p.o.Conn.FlushTimeout(5 * time.Second); err != nil && p.o.Conn.IsConnected() {
		p.log.Warn("flushing acks", "err", err)
	}
	return nil
}

// openScored opens the SCORED bucket. Without it the pipeline still scores
// every page exactly once within the de-duplication window, so it warns
// rather than refuses to run.
func (p *Pipeline) openScored(ctx context.Context) (jetstream.KeyValue, time.Time) {
	var kv jetstream.KeyValue
	var created time.Time
	err := retrying(ctx, "bucket "+p.o.Topology.ScoredBucket, func(ctx context.Context) error {
		var err error
		if kv, err = p.js.KeyValue(ctx, p.o.Topology.ScoredBucket); err != nil {
			return err
		}
		st, err := p.js.Stream(ctx, p.o.Topology.PagesStream)
		if err != nil {
			return err
		}
		created = st.CachedInfo().Created
		return nil
	})
	if err != nil {
		p.log.Warn("SCORED bucket unavailable: pages delivered again after the de-duplication window will be scored again", "err", err)
		return nil, time.Time{}
	}
	return kv, created
}

// bind creates or updates the durable consumer, retrying while the server
// is unreachable or has no leader.
func (p *Pipeline) bind(ctx context.Context) (jetstream.Consumer, error) {
	for {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		cons, err := p.js.CreateOrUpdateConsumer(actx, p.o.Topology.PagesStream, p.ConsumerConfig())
		cancel()
		if err == nil {
			return cons, nil
		}
		if !retryableJSError(err) {
			return nil, fmt.Errorf("pipeline: consumer %s: %w", p.o.Durable, err)
		}
		p.log.Warn("binding consumer", "err", err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// fetch feeds work from the consumer until ctx ends, then drains the
// client-side buffer into work. If the iterator dies under it (the consumer
// was deleted, a cluster lost it), it binds again.
func (p *Pipeline) fetch(ctx context.Context, cons jetstream.Consumer, work chan<- jetstream.Msg) {
	for {
		iter, err := cons.Messages(jetstream.PullMaxMessages(p.o.Prefetch))
		if err != nil {
			p.log.Warn("starting to fetch", "err", err)
			if cons, err = p.rebind(ctx); err != nil {
				return
			}
			continue
		}
		p.bound.Store(true)
		for {
			msg, err := iter.Next(jetstream.NextContext(ctx))
			if err == nil {
				work <- msg
				continue
			}
			if ctx.Err() != nil {
				// Stop fetching; hand over what is already buffered.
				iter.Drain()
				for {
					// Bounded: with the server gone, the drain of the
					// subscription would wait for a flush that never comes.
					msg, err := iter.Next(jetstream.NextMaxWait(p.o.DrainTimeout))
					if err != nil {
						iter.Stop()
						return
					}
					work <- msg
				}
			}
			if errors.Is(err, jetstream.ErrMsgIteratorClosed) || errors.Is(err, jetstream.ErrConsumerDeleted) ||
				errors.Is(err, jetstream.ErrBadRequest) {
				p.bound.Store(false)
				iter.Stop()
				if p.o.Conn.IsClosed() {
					// Someone closed the connection under us: nothing
					// more can be fetched or acked.
					p.log.Error("NATS connection closed; workers stop", "err", err)
					return
				}
				p.log.Warn("consumer lost, binding again", "err", err)
				if cons, err = p.rebind(ctx); err != nil {
					return
				}
				break
			}
			// Anything else (a status message, a leadership change) the
			// iterator recovers from by itself.
			p.log.Debug("fetch", "err", err)
		}
	}
}

func (p *Pipeline) rebind(ctx context.Context) (jetstream.Consumer, error) {
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(500 * time.Millisecond):
	}
	if !p.o.SkipStreams {
		if err := EnsureStreams(ctx, p.js, p.o.Topology); err != nil {
			return nil, err
		}
	}
	return p.bind(ctx)
}

// pollStreams reports each stream's use to the observer.
func (p *Pipeline) pollStreams(ctx context.Context) {
	for _, name := range p.o.Topology.StreamNames() {
		rctx, cancel := context.WithTimeout(ctx, p.o.StateInterval)
		st, err := p.js.Stream(rctx, name)
		var info *jetstream.StreamInfo
		if err == nil {
			info, err = st.Info(rctx)
		}
		cancel()
		if err != nil {
			if ctx.Err() == nil {
				p.log.Debug("stream info", "stream", name, "err", err)
			}
			continue
		}
		p.obs.StreamState(name, info.State.Msgs, info.State.Bytes, uint64(max(info.Config.MaxBytes, 0)))
	}
}

// pollState reports consumer info to the observer until ctx ends.
func (p *Pipeline) pollState(ctx context.Context, cons jetstream.Consumer) {
	t := time.NewTicker(p.o.StateInterval)
	defer t.Stop()
	for {
		rctx, cancel := context.WithTimeout(ctx, p.o.StateInterval)
		info, err := cons.Info(rctx)
		cancel()
		if err == nil {
			p.obs.ConsumerState(info.NumPending, uint64(info.NumAckPending), uint64(info.NumRedelivered))
		} else if ctx.Err() == nil {
			p.log.Debug("consumer info", "err", err)
		}
		p.pollStreams(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
