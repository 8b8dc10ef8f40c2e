package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/slantwire/slant/metrics"
	"github.com/slantwire/slant/pipeline"
)

// startMetrics serves /metrics, /healthz and /readyz on addr until ctx ends
// and returns the Observer that feeds them. ready reports whether the worker
// is connected and bound. An empty addr serves nothing. log receives the
// server's own messages.
//
// The site label's allow-list comes from $SLANT_METRICS_SITES (metrics.SitesEnv).
func startMetrics(ctx context.Context, addr string, ready func() error, log *slog.Logger) (pipeline.Observer, error) {
	if addr == "" {
		return pipeline.NopObserver{}, nil
	}
	ver, rev := version()
	m := metrics.New(metrics.Config{
		Sites:    metrics.ParseSites(os.Getenv(metrics.SitesEnv)),
		Version:  ver,
		Revision: rev,
	})
	if _, err := metrics.Serve(ctx, addr, m.Handler(ready), log); err != nil {
		return nil, err
	}
	return m, nil
}
