package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/metrics"
	"github.com/slantwire/slant/pipeline"
	"github.com/slantwire/slant/pipeline/alert"
)

// natsFlags are the connection flags shared by serve, publish and tail.
type natsFlags struct {
	url                    string
	user, password, token  string
	nkey, creds            string
	tlsCA, tlsCert, tlsKey string
}

func (f *natsFlags) register(fs *flag.FlagSet, urlHelp string) {
	fs.StringVar(&f.url, "nats", "", urlHelp)
	fs.StringVar(&f.user, "user", "", "NATS user name")
	fs.StringVar(&f.password, "password", "", "NATS password")
	fs.StringVar(&f.token, "token", "", "NATS token")
	fs.StringVar(&f.nkey, "nkey", "", "file holding an NKey seed")
	fs.StringVar(&f.creds, "creds", "", "NATS .creds file (JWT and seed)")
	fs.StringVar(&f.tlsCA, "tls-ca", "", "CA certificate to verify the NATS server")
	fs.StringVar(&f.tlsCert, "tls-cert", "", "client certificate for TLS authentication")
	fs.StringVar(&f.tlsKey, "tls-key", "", "client key for TLS authentication")
}

func (f *natsFlags) connect(ctx context.Context, url, name string, log *slog.Logger, onError func(error)) (*nats.Conn, error) {
	return pipeline.Connect(ctx, pipeline.ConnectOptions{
		URL: url, User: f.user, Password: f.password, Token: f.token, NKeyFile: f.nkey, CredsFile: f.creds,
		TLSCA: f.tlsCA, TLSCert: f.tlsCert, TLSKey: f.tlsKey, Name: name, Logger: log, OnError: onError,
	})
}

// defaultClientURL is where publish and tail look for a server: the
// embedded server of `slant serve` with its default --nats-listen.
const defaultClientURL = "nats://" + pipeline.DefaultListen

// dial connects a client command (publish, tail) to the URL given, or to the
// embedded server's default address, giving up after 10 s.
func (f *natsFlags) dial(ctx context.Context, name string) (*nats.Conn, error) {
	url := f.url
	if url == "" {
		url = defaultClientURL
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	// A command run by hand does not wait out a wrong password.
	ctx, refused := context.WithCancel(ctx)
	defer refused()
	return f.connect(ctx, url, name, nil, func(err error) {
		if errors.Is(err, nats.ErrAuthorization) || errors.Is(err, nats.ErrAuthExpired) || errors.Is(err, nats.ErrAuthRevoked) {
			refused()
		}
	})
}

func parseFlags(fs *flag.FlagSet, e env, args []string) error {
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &exitError{code: 0}
		}
		return &exitError{code: 2}
	}
	return nil
}

func runServe(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var nf natsFlags
	nf.register(fs, "NATS server URL(s); empty starts an embedded server")
	store := fs.String("store", pipeline.DefaultStoreDir, "embedded server: JetStream store directory")
	listen := fs.String("nats-listen", pipeline.DefaultListen, "embedded server: client listen address (beyond loopback only with --user/--password or --nkey)")
	var srvAuth embeddedAuth
	srvAuth.register(fs)
	workers := fs.Int("workers", pipeline.DefaultWorkers(), "pages worked on at once")
	metricsAddr := fs.String("metrics", metrics.DefaultAddr, "serve /metrics, /healthz and /readyz on this address (\"\" for none)")
	alerts := fs.String("alerts", "", "alert rules file (JSON); empty uses the built-in rules")
	durable := fs.String("durable", pipeline.DefaultDurable, "durable consumer shared by all workers")
	replicas := fs.Int("replicas", pipeline.DefaultReplicas, "stream replicas (3 on a cluster)")
	dedup := fs.Duration("dedup-window", pipeline.DefaultDedupWindow, "de-duplication window of PAGES, SCORES and ALERTS")
	ackWait := fs.Duration("ack-wait", pipeline.DefaultAckWait, "redelivery delay for a page whose worker went silent")
	maxDeliver := fs.Int("max-deliver", pipeline.DefaultMaxDeliver, "deliveries before a page goes to DEAD")
	maxAckPending := fs.Int("max-ack-pending", pipeline.DefaultMaxAckPending, "pages out for work across all workers")
	maxBytes := fs.Int("max-bytes", classify.DefaultMaxBytes, "largest page text classified")
	timeout := fs.Duration("timeout", classify.DefaultTimeout, "time budget per page")
	drain := fs.Duration("drain-timeout", pipeline.DefaultDrainTimeout, "time to finish in-flight pages on shutdown")
	rescore := fs.Bool("rescore", false, "score pages again that were scored before (a replay: use with a new --durable)")
	var lim storageFlags
	lim.register(fs)
	noService := fs.Bool("no-service", false, "do not answer slant.classify requests")
	useModels := fs.Bool("models", false, "add the learned models to the rules (model slant-models/1; about 1.7x the CPU per page)")
	verbose := fs.Bool("v", false, "log debug messages (and the embedded server's log)")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{2, fmt.Errorf("unexpected arguments %q", fs.Args())}
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))

	rules, err := alert.Load(*alerts)
	if err != nil {
		return err
	}
	// Health endpoints answer from the first second: /readyz says 503 and
	// why (the last connection error) until the worker is bound.
	var current atomic.Pointer[pipeline.Pipeline]
	var connErr atomic.Pointer[error]
	ready := func() error {
		p := current.Load()
		var cerr error
		if e := connErr.Load(); e != nil {
			cerr = *e
		}
		switch {
		case ctx.Err() != nil:
			return errors.New("draining: finishing in-flight pages")
		case p == nil && cerr != nil:
			return fmt.Errorf("connecting to NATS: %w", cerr)
		case p == nil:
			return errors.New("starting")
		}
		if err := p.Ready(); err != nil {
			if cerr != nil {
				return fmt.Errorf("%w: %w", err, cerr)
			}
			return err
		}
		return nil
	}
	onConnError := func(err error) {
		if err == nil {
			connErr.Store(nil)
			return
		}
		connErr.Store(&err)
	}
	// The metrics server outlives the signal: while Run drains, /readyz says
	// so and Prometheus can still scrape the last counts.
	metricsCtx, stopMetrics := context.WithCancel(context.WithoutCancel(ctx))
	defer stopMetrics()
	obs, err := startMetrics(metricsCtx, *metricsAddr, ready, log)
	if err != nil {
		return err
	}
	url := nf.url
	if url == "" {
		so, err := srvAuth.options(&nf)
		if err != nil {
			return &exitError{2, err}
		}
		so.Listen, so.StoreDir, so.Log, so.Durable = *listen, *store, *verbose, *durable
		so.Topology = lim.topology(*replicas, *dedup)
		srv, err := pipeline.StartServer(so)
		if err != nil {
			return err
		}
		defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
		url = srv.ClientURL()
		log.Info("embedded NATS started", "url", url, "store", *store)
	}
	nc, err := nf.connect(ctx, url, "slant serve", log, onConnError)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	defer nc.Close()

	// A result is several times its page and must fit in one message: on a
	// server with a smaller max payload (1 MB by default for an external
	// nats-server) the page limit comes down to what fits.
	if fit := pipeline.MaxPageBytes(nc.MaxPayload()); *maxBytes > fit {
		log.Warn("page limit lowered so that results fit the server's max payload",
			"max_bytes", fit, "requested", *maxBytes, "max_payload", nc.MaxPayload())
		*maxBytes = fit
	}
	limits := classify.Limits{MaxBytes: *maxBytes, Timeout: *timeout}
	c, err := classify.New(classify.Options{Limits: limits, Models: *useModels})
	if err != nil {
		return err
	}
	topology := lim.topology(*replicas, *dedup)
	p, err := pipeline.New(pipeline.Options{
		Conn:          nc,
		Topology:      topology,
		Durable:       *durable,
		Workers:       *workers,
		MaxAckPending: *maxAckPending,
		AckWait:       *ackWait,
		MaxDeliver:    *maxDeliver,
		Classify:      c.Classify,
		Rules:         rules,
		Observer:      obs,
		DrainTimeout:  *drain,
		Rescore:       *rescore,
		Logger:        log,
	})
	if err != nil {
		return err
	}
	current.Store(p)
	// Streams first, so that publishers started right after the banner
	// find them (Run ensures them again after a reconnect).
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	if err := pipeline.EnsureStreams(ctx, js, topology); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	if !*noService {
		if _, err := pipeline.StartService(ctx, pipeline.ServiceOptions{Conn: nc, Classify: c.Classify, Concurrency: *workers, Logger: log}); err != nil {
			return err
		}
	}
	log.Info("slant serving", "nats", nc.ConnectedUrlRedacted(), "workers", *workers, "rules", len(rules.Rules),
		"publish", "slant publish --nats "+pipeline.RedactURL(url)+" FILE...")
	if err := p.Run(ctx); err != nil {
		return err
	}
	log.Info("slant stopped: in-flight pages finished")
	return nil
}

// storageFlags bound what the streams keep (pipeline.Topology's MaxAge and
// MaxBytes; a negative value is no limit).
type storageFlags struct {
	pagesAge, scoresAge, alertsAge, deadAge         time.Duration
	pagesBytes, scoresBytes, alertsBytes, deadBytes int64
}

func (l *storageFlags) register(fs *flag.FlagSet) {
	fs.DurationVar(&l.pagesAge, "pages-max-age", pipeline.DefaultPagesMaxAge, "PAGES keeps pages this long (the longest a replay reaches back)")
	fs.Int64Var(&l.pagesBytes, "pages-max-bytes", pipeline.DefaultPagesMaxBytes, "PAGES holds at most this many bytes; when full, new pages are refused")
	fs.DurationVar(&l.scoresAge, "scores-max-age", pipeline.DefaultScoresMaxAge, "SCORES keeps results this long (negative: forever)")
	fs.Int64Var(&l.scoresBytes, "scores-max-bytes", pipeline.DefaultScoresMaxBytes, "SCORES holds at most this many bytes; when full, the oldest go")
	fs.DurationVar(&l.alertsAge, "alerts-max-age", pipeline.DefaultAlertsMaxAge, "ALERTS keeps alerts this long")
	fs.Int64Var(&l.alertsBytes, "alerts-max-bytes", pipeline.DefaultAlertsMaxBytes, "ALERTS holds at most this many bytes")
	fs.DurationVar(&l.deadAge, "dead-max-age", pipeline.DefaultDeadMaxAge, "DEAD keeps dead letters this long")
	fs.Int64Var(&l.deadBytes, "dead-max-bytes", pipeline.DefaultDeadMaxBytes, "DEAD holds at most this many bytes")
}

func (l *storageFlags) topology(replicas int, dedup time.Duration) pipeline.Topology {
	return pipeline.Topology{Replicas: replicas, DedupWindow: dedup,
		PagesMaxAge: l.pagesAge, ScoresMaxAge: l.scoresAge, AlertsMaxAge: l.alertsAge, DeadMaxAge: l.deadAge,
		PagesMaxBytes: l.pagesBytes, ScoresMaxBytes: l.scoresBytes, AlertsMaxBytes: l.alertsBytes, DeadMaxBytes: l.deadBytes}
}

// embeddedAuth are the flags of the embedded server's users beyond serve's
// own (--user/--password or --nkey, which are also the worker's).
type embeddedAuth struct {
	pubUser, pubPassword, pubNKey string
	tlsCert, tlsKey               string
}

func (a *embeddedAuth) register(fs *flag.FlagSet) {
	fs.StringVar(&a.pubUser, "publisher-user", "", "embedded server: user for crawlers, publish and tail (publish pages, read results)")
	fs.StringVar(&a.pubPassword, "publisher-password", "", "embedded server: that user's password")
	fs.StringVar(&a.pubNKey, "publisher-nkey", "", "embedded server: public NKey (U...) for crawlers, publish and tail")
	fs.StringVar(&a.tlsCert, "nats-tls-cert", "", "embedded server: TLS certificate (clients then need --tls-ca)")
	fs.StringVar(&a.tlsKey, "nats-tls-key", "", "embedded server: TLS key")
}

// options are the embedded server's users and TLS: serve's own credentials
// (nf) are the worker's, so serve connects to its own server with them.
func (a *embeddedAuth) options(nf *natsFlags) (pipeline.ServerOptions, error) {
	o := pipeline.ServerOptions{
		Worker:    pipeline.Credentials{User: nf.user, Password: nf.password},
		Publisher: pipeline.Credentials{User: a.pubUser, Password: a.pubPassword, NKey: a.pubNKey},
		TLSCert:   a.tlsCert, TLSKey: a.tlsKey, TLSCA: nf.tlsCA,
	}
	if nf.token != "" || nf.creds != "" {
		return o, errors.New("the embedded server takes --user/--password or --nkey; --token and --creds are for an external server (--nats)")
	}
	if nf.tlsCA == "" || nf.tlsCert == "" {
		o.TLSCA = "" // verify client certificates only when serve has one itself
	}
	if nf.nkey != "" {
		seed, err := os.ReadFile(nf.nkey)
		if err != nil {
			return o, fmt.Errorf("--nkey: %w", err)
		}
		kp, err := nkeys.ParseDecoratedNKey(seed)
		if err != nil {
			return o, fmt.Errorf("--nkey %s: %w", nf.nkey, err)
		}
		if o.Worker.NKey, err = kp.PublicKey(); err != nil {
			return o, fmt.Errorf("--nkey %s: %w", nf.nkey, err)
		}
	}
	return o, nil
}

// siteOrDefault is the site used when neither the envelope nor --site names one.
func siteOrDefault(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return "default"
}
