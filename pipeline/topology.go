package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Topology names the streams and subject prefixes the pipeline uses and how
// the streams are stored. Zero fields take the Default* constants (the
// stream names and prefixes of the package documentation); every process
// that shares the pipeline must agree on it.
type Topology struct {
	PagesStream, ScoresStream, AlertsStream, DeadStream string
	// Subject prefixes: a page for site s is published on PagesPrefix+"."+s.
	PagesPrefix, ScoresPrefix, AlertsPrefix, DeadPrefix string
	// ScoredBucket is the key-value bucket that remembers, per page, the
	// PAGES message scored last, so that a message delivered again after
	// the de-duplication window (a deleted or renamed consumer) is not
	// scored twice. Default DefaultScoredBucket.
	ScoredBucket string
	// Replicas of every stream (1 for a single server, 3 for a cluster).
	// Default DefaultReplicas.
	Replicas int
	// DedupWindow is how long PAGES, SCORES and ALERTS remember Nats-Msg-Id
	// values. Within it a page id yields one result whatever happens; beyond
	// it the page is scored again. The server keeps every id of the window in
	// memory, so size it to the traffic (about 100 bytes per id). Default
	// DefaultDedupWindow.
	DedupWindow time.Duration
	// MaxAge bounds how long messages are kept and MaxBytes how much a
	// stream may hold; zero takes the Default* constant and a negative
	// value means no limit. PAGES keeps pages after they are scored so that
	// a dead letter can point at the original by sequence and operators can
	// replay. When PAGES is full, new pages are refused (publishers get an
	// error, nothing unscored is dropped); when SCORES, ALERTS or DEAD is
	// full, their oldest messages go.
	PagesMaxAge, ScoresMaxAge, AlertsMaxAge, DeadMaxAge         time.Duration
	PagesMaxBytes, ScoresMaxBytes, AlertsMaxBytes, DeadMaxBytes int64
	// ScoredMaxBytes bounds the SCORED bucket; its entries live as long as
	// PAGES keeps pages (PagesMaxAge), the longest a page can come back.
	ScoredMaxBytes int64
	// Memory stores the streams in memory instead of files (tests, benchmarks).
	Memory bool
}

func (t Topology) withDefaults() Topology {
	orDefault(&t.PagesStream, DefaultPagesStream)
	orDefault(&t.ScoresStream, DefaultScoresStream)
	orDefault(&t.AlertsStream, DefaultAlertsStream)
	orDefault(&t.DeadStream, DefaultDeadStream)
	orDefault(&t.PagesPrefix, DefaultPagesPrefix)
	orDefault(&t.ScoresPrefix, DefaultScoresPrefix)
	orDefault(&t.AlertsPrefix, DefaultAlertsPrefix)
	orDefault(&t.DeadPrefix, DefaultDeadPrefix)
	orDefault(&t.ScoredBucket, DefaultScoredBucket)
	orDefault(&t.PagesMaxAge, DefaultPagesMaxAge)
	orDefault(&t.ScoresMaxAge, DefaultScoresMaxAge)
	orDefault(&t.AlertsMaxAge, DefaultAlertsMaxAge)
	orDefault(&t.DeadMaxAge, DefaultDeadMaxAge)
	orDefault(&t.PagesMaxBytes, DefaultPagesMaxBytes)
	orDefault(&t.ScoresMaxBytes, DefaultScoresMaxBytes)
	orDefault(&t.AlertsMaxBytes, DefaultAlertsMaxBytes)
	orDefault(&t.DeadMaxBytes, DefaultDeadMaxBytes)
	orDefault(&t.ScoredMaxBytes, DefaultScoredMaxBytes)
	if t.Replicas <= 0 {
		t.Replicas = DefaultReplicas
	}
	if t.DedupWindow <= 0 {
		t.DedupWindow = DefaultDedupWindow
	}
	return t
}

// orDefault sets *field to def when it is the zero value.
func orDefault[T comparable](field *T, def T) {
	var zero T
	if *field == zero {
		*field = def
	}
}

// WithDefaults returns t with its zero fields set to the defaults.
func (t Topology) WithDefaults() Topology { return t.withDefaults() }

// PageSubject is the subject a page of site is published on.
func (t Topology) PageSubject(site string) string {
	return t.withDefaults().PagesPrefix + "." + SiteToken(site)
}

// siteOf returns the site token of a subject under prefix: "pages.a.b" → "a_b".
func siteOf(prefix, subject string) string {
	rest, ok := strings.CutPrefix(subject, prefix+".")
	if !ok {
		return SiteToken("")
	}
	return SiteToken(rest)
}

// streamConfigs returns the configuration of the four streams.
func (t Topology) streamConfigs() []jetstream.StreamConfig {
	t = t.withDefaults()
	storage := jetstream.FileStorage
	if t.Memory {
		storage = jetstream.MemoryStorage
	}
	mk := func(name, prefix, desc string, maxAge time.Duration, maxBytes int64, discard jetstream.DiscardPolicy) jetstream.StreamConfig {
		return jetstream.StreamConfig{
			Name:        name,
			Description: desc,
			Subjects:    []string{prefix + ".>"},
			Retention:   jetstream.LimitsPolicy,
			Storage:     storage,
			Replicas:    t.Replicas,
			MaxAge:      max(maxAge, 0),
			MaxBytes:    unlimited(maxBytes),
			Duplicates:  t.DedupWindow,
			Discard:     discard,
			// Direct gets let `nats stream get` and the dead-letter copier
			// read from any replica.
			AllowDirect: true,
		}
	}
	// DEAD's ids are "<stream>/<seq>" and only guard against two workers
	// copying the same delivery. PAGES refuses new pages when full rather
	// than drop pages not yet scored.
	return []jetstream.StreamConfig{
		mk(t.PagesStream, t.PagesPrefix, "slant input: page envelopes", t.PagesMaxAge, t.PagesMaxBytes, jetstream.DiscardNew),
		mk(t.ScoresStream, t.ScoresPrefix, "slant results, schema slant/v1, one per page", t.ScoresMaxAge, t.ScoresMaxBytes, jetstream.DiscardOld),
		mk(t.AlertsStream, t.AlertsPrefix, "slant alerts, one per page and rule", t.AlertsMaxAge, t.AlertsMaxBytes, jetstream.DiscardOld),
		mk(t.DeadStream, t.DeadPrefix, "slant dead letters: pages that can never succeed", t.DeadMaxAge, t.DeadMaxBytes, jetstream.DiscardOld),
	}
}

// unlimited maps a negative limit to JetStream's -1 (none).
func unlimited(n int64) int64 {
	if n < 0 {
		return -1
	}
	return n
}

// scoredConfig is the SCORED bucket: page key → the PAGES message scored.
func (t Topology) scoredConfig() jetstream.KeyValueConfig {
	t = t.withDefaults()
	storage := jetstream.FileStorage
	if t.Memory {
		storage = jetstream.MemoryStorage
	}
	return jetstream.KeyValueConfig{
		Bucket:      t.ScoredBucket,
		Description: "slant: pages scored (page key → PAGES message), so a replay does not score them again",
		History:     1,
		TTL:         max(t.PagesMaxAge, 0),
		MaxBytes:    unlimited(t.ScoredMaxBytes),
		Storage:     storage,
		Replicas:    t.Replicas,
	}
}

// reserve is the storage the streams and the bucket of t may take, for the
// embedded server's JetStream limit; 0 if one of them is unlimited.
func (t Topology) reserve() int64 {
	t = t.withDefaults()
	var sum int64
	for _, n := range []int64{t.PagesMaxBytes, t.ScoresMaxBytes, t.AlertsMaxBytes, t.DeadMaxBytes, t.ScoredMaxBytes} {
		if n < 0 {
			return 0
		}
		sum += n
	}
	return sum
}

// StreamNames are the streams of t, the SCORED bucket's included.
func (t Topology) StreamNames() []string {
	t = t.withDefaults()
	return []string{t.PagesStream, t.ScoresStream, t.AlertsStream, t.DeadStream, "KV_" + t.ScoredBucket}
}

// EnsureStreams creates the four streams, or updates them to t where they
// exist. It retries while the server has no JetStream leader yet (a cluster
// that is still forming) until ctx ends.
func EnsureStreams(ctx context.Context, js jetstream.JetStream, t Topology) error {
	for _, cfg := range t.streamConfigs() {
		if err := retrying(ctx, "stream "+cfg.Name, func(ctx context.Context) error {
			_, err := js.CreateOrUpdateStream(ctx, cfg)
			return err
		}); err != nil {
			return err
		}
	}
	return retrying(ctx, "bucket "+t.withDefaults().ScoredBucket, func(ctx context.Context) error {
		_, err := js.CreateOrUpdateKeyValue(ctx, t.scoredConfig())
		return err
	})
}

// retrying calls f until it succeeds, fails for good, or ctx ends.
func retrying(ctx context.Context, what string, f func(context.Context) error) error {
	for {
		// Each attempt gets its own deadline: a request sent before a new
		// cluster has a meta leader is never answered.
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := f(actx)
		cancel()
		if err == nil {
			return nil
		}
		if !retryableJSError(err) {
			return fmt.Errorf("%s: %w", what, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w (last error: %w)", what, ctx.Err(), err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// errCodeInsufficientStorage is JetStream's "insufficient storage resources
// available": a stream's byte limit over what the server can reserve.
const errCodeInsufficientStorage = 10047

// retryableJSError reports errors that go away when a cluster settles or a
// connection comes back.
func retryableJSError(err error) bool {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		// 503: JetStream not ready / no leader; 10008: cluster not available.
		// A 500 is mostly a cluster in flux, but not running out of storage.
		if apiErr.ErrorCode == errCodeInsufficientStorage {
			return false
		}
		return apiErr.Code == 503 || apiErr.ErrorCode == jetstream.JSErrCodeJetStreamNotEnabled ||
			apiErr.Code == 500
	}
	return errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, jetstream.ErrNoStreamResponse) || isTransportError(err)
}
