package metrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// ReadyFunc reports whether the process can do its work (for a worker:
// connected to NATS and bound to its consumer). nil means ready.
type ReadyFunc func() error

// Handler serves:
//
//	/metrics  the registry in the Prometheus exposition formats
//	/healthz  200 while the process is alive and serving HTTP
//	/readyz   200 when ready() returns nil, else 503 with the reason
//
// A nil ready always reports ready.
func (m *Metrics) Handler(ready ReadyFunc) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.InstrumentMetricHandler(m.registry,
		promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
			Registry:            m.registry, // counts its own encoding errors
			ErrorHandling:       promhttp.ContinueOnError,
			MaxRequestsInFlight: 4,
			Timeout:             10 * time.Second,
		})))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if ready != nil {
			if err := ready(); err != nil {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintf(w, "not ready: %v\n", err)
				return
			}
		}
		fmt.Fprintln(w, "ready")
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>slant</title><h1>slant</h1>
<ul><li><a href="metrics">/metrics</a><li><a href="healthz">/healthz</a><li><a href="readyz">/readyz</a></ul>
`)
	})
	return mux
}

// Server is a running metrics HTTP server.
type Server struct {
	// Addr is the address actually listened on (useful with port 0).
	Addr string
	done chan error
}

// Wait blocks until the server has stopped after its context ended and
// returns why it stopped if that was not the context.
func (s *Server) Wait() error { return <-s.done }

// shutdownGrace bounds how long an in-flight scrape may finish after the
// context ends; scrapes are small and local, so this is generous.
const shutdownGrace = 5 * time.Second

// Serve listens on addr and serves h until ctx ends. It returns once the
// listener is bound, so an address already in use is reported here rather
// than lost in a goroutine.
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger) (*Server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics: listen on %s: %w", addr, err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	s := &Server{Addr: ln.Addr().String(), done: make(chan error, 1)}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	go func() {
		select {
		case err := <-serveErr:
			s.done <- fmt.Errorf("metrics: serve on %s: %w", s.Addr, err)
			return
		case <-ctx.Done():
		}
		// The parent context is over; the shutdown needs a fresh one.
		shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
		defer cancel()
		err := srv.Shutdown(shutdownCtx)
		if e := <-serveErr; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
		if err != nil {
			err = fmt.Errorf("metrics: shut down %s: %w", s.Addr, err)
		}
		s.done <- err
	}()
	log.Info("metrics: serving", "addr", s.Addr)
	return s, nil
}
