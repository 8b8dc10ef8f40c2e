package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"sync/atomic"

	"github.com/slantwire/slant/metrics"
	"github.com/slantwire/slant/pipeline"
)

// startMetrics serves /metrics, /healthz and /readyz on addr until ctx ends
// and returns the Observer that feeds them. ready reports whether the worker
// is connected and bound. view, when not nil, serves every other path (the
// web view of package pipeline/web) on the same listener, behind whatever
// the listener puts in front of all of them. An empty addr serves nothing.
// log receives the server's own messages.
//
// The site label's allow-list comes from $SLANT_METRICS_SITES (metrics.SitesEnv).
func startMetrics(ctx context.Context, addr string, ready func() error, view http.Handler, log *slog.Logger) (pipeline.Observer, error) {
	if addr == "" {
		return pipeline.NopObserver{}, nil
	}
	ver, rev := version()
	m := metrics.New(metrics.Config{
		Sites:    metrics.ParseSites(os.Getenv(metrics.SitesEnv)),
		Version:  ver,
		Revision: rev,
	})
	h := m.Handler(ready)
	if view != nil {
		mux := http.NewServeMux()
		mux.Handle("/", view)
		for _, p := range []string{"/metrics", "/healthz", "/readyz"} {
			mux.Handle(p, h)
		}
		h = mux
	}
	if _, err := metrics.Serve(ctx, addr, h, log); err != nil {
		return nil, err
	}
	return m, nil
}

// lateHandler serves 503 until set: the web view needs the NATS connection,
// but the listener answers from the first second.
type lateHandler struct{ h atomic.Pointer[http.Handler] }

func (l *lateHandler) set(h http.Handler) { l.h.Store(&h) }

func (l *lateHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h := l.h.Load(); h != nil {
		(*h).ServeHTTP(w, r)
		return
	}
	http.Error(w, "connecting to NATS", http.StatusServiceUnavailable)
}
