package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/metrics"
	"github.com/slantwire/slant/pipeline"
	"github.com/slantwire/slant/pipeline/alert"
	"github.com/slantwire/slant/pipeline/web"
)

func runServe(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var nf natsFlags
	nf.register(fs, "NATS server URL(s); empty starts an embedded server")
	store := fs.String("store", pipeline.DefaultStoreDir, "embedded server: JetStream store directory")
	listen := fs.String("nats-listen", pipeline.DefaultListen, "embedded server: client listen address (beyond loopback only with --user/--password or --nkey)")
	var srvAuth embeddedAuth
	srvAuth.register(fs)
	workers := fs.Int("workers", pipeline.DefaultWorkers(), "pages worked on at once")
	metricsAddr := fs.String("metrics", metrics.DefaultAddr, "serve /metrics, /healthz, /readyz and the web view (/) on this address (\"\" for none)")
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
	rulesOnly := fs.Bool("rules", false, "score with the rule-and-lexicon baseline alone, without the learned models (model slant-rules/1)")
	verbose := fs.Bool("v", false, "log debug messages (and the embedded server's log)")
	var lf logFlags
	lf.register(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{2, fmt.Errorf("unexpected arguments %q", fs.Args())}
	}
	log, err := lf.logger(e.stderr, *verbose)
	if err != nil {
		return err
	}

	rules, err := alert.Load(*alerts)
	if err != nil {
		return err
	}
	target, err := nf.resolve(os.Getenv, false)
	if err != nil {
		return &exitError{2, err}
	}
	// Health endpoints answer from the first second: /readyz says 503 and
	// why (the last connection error) until the worker is bound. The web
	// view needs the connection, so it answers 503 until then too.
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
	var view lateHandler
	obs, err := startMetrics(metricsCtx, *metricsAddr, ready, &view, log)
	if err != nil {
		return err
	}
	if target.opts.URL == "" {
		so, err := srvAuth.options(&nf)
		if err != nil {
			return &exitError{2, err}
		}
		so.Listen, so.StoreDir, so.Log, so.Durable = *listen, *store, *verbose, *durable
		so.Topology = lim.topology(*replicas, *dedup)
		srv, err := pipeline.StartServer(so)
		if err != nil {
			return fmt.Errorf("%w (--nats-listen ADDR listens elsewhere; --nats URL uses a running server)", err)
		}
		defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
		target.opts.URL, target.from = srv.ClientURL(), "embedded server: no --nats, --context, $NATS_URL or $NATS_CONTEXT"
		log.Info("embedded NATS started", "url", target.opts.URL, "store", *store)
	}
	nc, err := target.connect(ctx, "slant serve", log, onConnError)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	defer nc.Close()
	// The analyst's web view (package pipeline/web) shares the listener:
	// the live feed at /, annotated pages, the paste form.
	wv, err := web.New(metricsCtx, web.Options{Conn: nc, Hosts: strings.Split(os.Getenv(web.HostsEnv), ","), Logger: log})
	if err != nil {
		return err
	}
	view.set(wv)

	// A result is several times its page and must fit in one message: on a
	// server with a smaller max payload (1 MB by default for an external
	// nats-server) the page limit comes down to what fits.
	if fit := pipeline.MaxPageBytes(nc.MaxPayload()); *maxBytes > fit {
		log.Warn("page limit lowered so that results fit the server's max payload",
			"max_bytes", fit, "requested", *maxBytes, "max_payload", nc.MaxPayload())
		*maxBytes = fit
	}
	limits := classify.Limits{MaxBytes: *maxBytes, Timeout: *timeout}
	c, err := classify.New(classify.Options{Limits: limits, Rules: *rulesOnly})
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
		"publish", "slant publish --nats "+pipeline.RedactURL(target.opts.URL)+" FILE...")
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
