package pipeline

import (
	"runtime"
	"time"
)

// Defaults. A zero field of Options, ServiceOptions, ServerOptions,
// Topology or ConnectOptions takes the default below, and the flags of
// `slant serve`, `publish` and `tail` default to the same constants, so each
// default is written once.

// Defaults of Options.
const (
	DefaultDurable        = "slant"
	DefaultMaxAckPending  = 1000
	DefaultAckWait        = 30 * time.Second
	DefaultMaxDeliver     = 5
	DefaultRetryDelay     = time.Second
	DefaultStateInterval  = 5 * time.Second
	DefaultPublishTimeout = 10 * time.Second
	DefaultDrainTimeout   = 30 * time.Second
)

// DefaultWorkers is the default of Options.Workers and
// ServiceOptions.Concurrency: one page per CPU, since classification is
// CPU-bound. It is a function because the count is the machine's.
func DefaultWorkers() int { return runtime.NumCPU() }

// maxRetryDelay bounds the delay the pipeline grows, not an option of its
// own: a transient failure's NakWithDelay doubles RetryDelay up to it.
const maxRetryDelay = time.Minute

// Defaults of ServiceOptions.
const (
	DefaultServiceName    = "slant"
	DefaultServiceVersion = "1.0.0"
	DefaultServiceSubject = "slant.classify"
	DefaultQueueGroup     = "slant"
)

// Defaults of ServerOptions, the embedded server of `slant serve`.
// DefaultListen is also where `slant publish` and `tail` look for a server
// when given none.
const (
	DefaultListen     = "127.0.0.1:4222"
	DefaultStoreDir   = "./data"
	DefaultServerName = "slant"
	// DefaultMaxPayload lets the result of a page at the classifier's
	// 4 MiB limit through: ResultExpansion × 4 MiB, and room for headers.
	DefaultMaxPayload = 32 << 20
)

// Bounds of what the pipeline stores.
const (
	// DefaultMaxIDBytes bounds a page id: the id travels in the headers of
	// the page's result, alerts and dead letter. A longer id is
	// dead-lettered as id_too_long.
	DefaultMaxIDBytes = 512
	// ResultExpansion is how many times its page's size a result may be:
	// the result repeats each block's text and each attribution's spans
	// (3.3–4.7× measured on news pages). MaxPageBytes divides the server's
	// max payload by it.
	ResultExpansion = 6
	// resultHeadroom is kept for the headers of a result.
	resultHeadroom = 4 << 10
)

// MaxPageBytes is the largest page whose result is sure to fit in a
// message of maxPayload bytes (nats.Conn.MaxPayload): `slant serve` lowers
// its page limit (--max-bytes) to it. A page under it whose result is still
// too large is dead-lettered as result_too_large.
func MaxPageBytes(maxPayload int64) int {
	return int(max(0, (maxPayload-resultHeadroom)/ResultExpansion))
}

// Defaults of Topology.
const (
	DefaultPagesStream  = "PAGES"
	DefaultScoresStream = "SCORES"
	DefaultAlertsStream = "ALERTS"
	DefaultDeadStream   = "DEAD"
	DefaultPagesPrefix  = "pages"
	DefaultScoresPrefix = "scores"
	DefaultAlertsPrefix = "alerts"
	DefaultDeadPrefix   = "dead"
	DefaultScoredBucket = "SLANT_SCORED"
	DefaultReplicas     = 1
	DefaultDedupWindow  = time.Hour
	DefaultPagesMaxAge  = 7 * 24 * time.Hour
	DefaultScoresMaxAge = 30 * 24 * time.Hour
	DefaultAlertsMaxAge = 30 * 24 * time.Hour
	DefaultDeadMaxAge   = 30 * 24 * time.Hour
	// Byte limits of the streams, 15 GiB in all (a server must be able to
	// reserve the sum: the embedded one does): a week of pages at about
	// 7 pages/s of 10 KB, and a month of their results at 1 page/s.
	DefaultPagesMaxBytes  = 4 << 30
	DefaultScoresMaxBytes = 8 << 30
	DefaultAlertsMaxBytes = 1 << 30
	DefaultDeadMaxBytes   = 1 << 30
	DefaultScoredMaxBytes = 1 << 30
)

// DefaultReconnectWait is the default of ConnectOptions.ReconnectWait.
const DefaultReconnectWait = time.Second
