package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"github.com/nats-io/nats.go/jetstream"

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
	listen := fs.String("nats-listen", pipeline.DefaultListen, "embedded server: client listen address")
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
	noService := fs.Bool("no-service", false, "do not answer slant.classify requests")
	useModels := fs.Bool("models", false, "add the learned models to the rules (model slant-models/1; about 1.7x the CPU per page)")
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
	if target.opts.URL == "" {
		srv, err := pipeline.StartServer(pipeline.ServerOptions{Listen: *listen, StoreDir: *store, Log: *verbose})
		if err != nil {
			return fmt.Errorf("%w (--nats-listen ADDR listens elsewhere; --nats URL uses a running server)", err)
		}
		defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
		target.opts.URL, target.from = srv.ClientURL(), "embedded server: no --nats, --context, $NATS_URL or $NATS_CONTEXT"
		log.Info("embedded NATS started", "url", target.opts.URL, "store", *store)
	}
	url := redactURLs(target.opts.URL) // for the log line below
	nc, err := target.connect(ctx, "slant serve", log)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	defer nc.Close()

	var current atomic.Pointer[pipeline.Pipeline]
	ready := func() error {
		p := current.Load()
		switch {
		case ctx.Err() != nil:
			return errors.New("draining: finishing in-flight pages")
		case p == nil:
			return errors.New("starting")
		}
		return p.Ready()
	}
	// The metrics server outlives the signal: while Run drains, /readyz says
	// so and Prometheus can still scrape the last counts.
	metricsCtx, stopMetrics := context.WithCancel(context.WithoutCancel(ctx))
	defer stopMetrics()
	// The analyst's web view (package pipeline/web) shares the listener:
	// the live feed at /, annotated pages, the paste form.
	view, err := web.New(metricsCtx, web.Options{Conn: nc, Hosts: strings.Split(os.Getenv(web.HostsEnv), ","), Logger: log})
	if err != nil {
		return err
	}
	obs, err := startMetrics(metricsCtx, *metricsAddr, ready, view, log)
	if err != nil {
		return err
	}
	limits := classify.Limits{MaxBytes: *maxBytes, Timeout: *timeout}
	c, err := classify.New(classify.Options{Limits: limits, Models: *useModels})
	if err != nil {
		return err
	}
	topology := pipeline.Topology{Replicas: *replicas, DedupWindow: *dedup}
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
		"publish", "slant publish --nats "+url+" FILE...")
	if err := p.Run(ctx); err != nil {
		return err
	}
	log.Info("slant stopped: in-flight pages finished")
	return nil
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
