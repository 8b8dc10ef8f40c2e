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
	// ScoredBucket is the key-value bucket that remembers, per page
	// (PageKey), the digest of the body that was scored, so that a page
	// delivered again after the de-duplication window (a deleted or renamed
	// consumer, a republish) is not scored twice. Default
	// DefaultScoredBucket.
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
	// MaxAge bounds how long messages are kept (0 keeps them forever).
	// PAGES keeps pages after they are scored so that a dead letter can point
	// at the original by sequence and operators can replay. Defaults
	// DefaultPagesMaxAge and DefaultDeadMaxAge; SCORES and ALERTS keep
	// everything.
	PagesMaxAge, ScoresMaxAge, AlertsMaxAge, DeadMaxAge time.Duration
	// Memory stores the streams in memory instead of files (tests, benchmarks).
	Memory bool
}

func (t Topology) withDefaults() Topology {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&t.PagesStream, DefaultPagesStream)
	def(&t.ScoresStream, DefaultScoresStream)
	def(&t.AlertsStream, DefaultAlertsStream)
	def(&t.DeadStream, DefaultDeadStream)
	def(&t.PagesPrefix, DefaultPagesPrefix)
	def(&t.ScoresPrefix, DefaultScoresPrefix)
	def(&t.AlertsPrefix, DefaultAlertsPrefix)
	def(&t.DeadPrefix, DefaultDeadPrefix)
	def(&t.ScoredBucket, DefaultScoredBucket)
	if t.Replicas <= 0 {
		t.Replicas = DefaultReplicas
	}
	if t.DedupWindow <= 0 {
		t.DedupWindow = DefaultDedupWindow
	}
	if t.PagesMaxAge == 0 {
		t.PagesMaxAge = DefaultPagesMaxAge
	}
	if t.DeadMaxAge == 0 {
		t.DeadMaxAge = DefaultDeadMaxAge
	}
	return t
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
	mk := func(name, prefix, desc string, maxAge, dedup time.Duration) jetstream.StreamConfig {
		return jetstream.StreamConfig{
			Name:        name,
			Description: desc,
			Subjects:    []string{prefix + ".>"},
			Retention:   jetstream.LimitsPolicy,
			Storage:     storage,
			Replicas:    t.Replicas,
			MaxAge:      maxAge,
			Duplicates:  dedup,
			Discard:     jetstream.DiscardOld,
			// Direct gets let `nats stream get` and the dead-letter copier
			// read from any replica.
			AllowDirect: true,
		}
	}
	// DEAD keeps a short window: its ids are "<stream>/<seq>" and only guard
	// against two workers copying the same delivery.
	return []jetstream.StreamConfig{
		mk(t.PagesStream, t.PagesPrefix, "slant input: page envelopes", t.PagesMaxAge, t.DedupWindow),
		mk(t.ScoresStream, t.ScoresPrefix, "slant results, schema slant/v1, one per page id", t.ScoresMaxAge, t.DedupWindow),
		mk(t.AlertsStream, t.AlertsPrefix, "slant alerts, one per page id and rule", t.AlertsMaxAge, t.DedupWindow),
		mk(t.DeadStream, t.DeadPrefix, "slant dead letters: pages that can never succeed", t.DeadMaxAge, t.DedupWindow),
	}
}

// EnsureStreams creates the four streams, or updates them to t where they
// exist. It retries while the server has no JetStream leader yet (a cluster
// that is still forming) until ctx ends.
func EnsureStreams(ctx context.Context, js jetstream.JetStream, t Topology) error {
	for _, cfg := range t.streamConfigs() {
		for {
			// Each attempt gets its own deadline: a request sent before a
			// new cluster has a meta leader is never answered.
			actx, cancel := context.WithTimeout(ctx, 5*time.Second)
			_, err := js.CreateOrUpdateStream(actx, cfg)
			cancel()
			if err == nil {
				break
			}
			if !retryableJSError(err) {
				return fmt.Errorf("stream %s: %w", cfg.Name, err)
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("stream %s: %w (last error: %w)", cfg.Name, ctx.Err(), err)
			case <-time.After(250 * time.Millisecond):
			}
		}
	}
	return nil
}

// retryableJSError reports errors that go away when a cluster settles or a
// connection comes back.
func retryableJSError(err error) bool {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		// 503: JetStream not ready / no leader; 10008: cluster not available.
		return apiErr.Code == 503 || apiErr.ErrorCode == jetstream.JSErrCodeJetStreamNotEnabled ||
			apiErr.Code == 500
	}
	return errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, jetstream.ErrNoStreamResponse) || isTransportError(err)
}
