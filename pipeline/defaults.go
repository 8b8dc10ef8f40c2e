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

// Limits of the delays the pipeline grows, not options of their own: the
// default BackOff doubles AckWait up to maxBackOff, and a transient failure's
// NakWithDelay doubles RetryDelay up to maxRetryDelay.
const (
	maxBackOff    = 10 * time.Minute
	maxRetryDelay = time.Minute
)

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
	// DefaultMaxPayload lets a page at the classifier's 4 MiB limit through
	// after JSON escaping.
	DefaultMaxPayload = 8 << 20
)

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
	DefaultReplicas     = 1
	DefaultDedupWindow  = time.Hour
	DefaultPagesMaxAge  = 7 * 24 * time.Hour
	DefaultDeadMaxAge   = 30 * 24 * time.Hour
)

// DefaultReconnectWait is the default of ConnectOptions.ReconnectWait.
const DefaultReconnectWait = time.Second
