// Package web is the analyst's view of a running `slant serve`: HTTP
// handlers, mounted on the metrics listener, that show what the pipeline
// scores and why.
//
//	GET  /                    the live feed: recent results (site, title, genre,
//	                          sourcing, alerts), newest first, updated as pages
//	                          are scored
//	GET  /events              the feed's server-sent events (results and alerts)
//	GET  /static/feed.js      the feed's only script
//	GET  /pages/<site>/<id>   a stored result as the annotated page of package
//	                          htmlreport, read from SCORES, with its alerts
//	GET  /classify            a form to paste a page's text or HTML
//	POST /classify            the pasted page, classified through slant.classify
//	                          and shown annotated
//
// The package lives under pipeline because everything it shows comes from
// the pipeline's NATS side: SCORES and ALERTS are read with JetStream, pasted
// pages go through the slant.classify service, never a classifier of its
// own. The pages themselves are rendered by package
// classify/report/htmlreport, the same document `slant classify --format
// html` writes.
//
// Page text is hostile: every string goes through html/template, and every
// response carries a Content-Security-Policy that allows the one inline
// style sheet by its hash, scripts only from this origin (the feed's
// static file, which builds rows with textContent), and no plugin, frame or
// foreign connection; trusted types forbid HTML sinks. Pasted pages are
// limited in size, results are rendered up to a limit, the number of open
// feeds is bounded, a POST from another origin is refused, and the site
// named in a URL must be a valid subject token, so a path cannot widen a
// JetStream filter. A request must name the view by an IP address,
// localhost or one of Options.Hosts, so a page on another site cannot reach
// it through a name it rebinds to 127.0.0.1 (DNS rebinding).
package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	_ "embed"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify/report/htmlreport"
	"github.com/slantwire/slant/pipeline"
)

// Defaults of Options.
const (
	DefaultRecent          = 50
	DefaultMaxPaste        = 512 << 10
	DefaultMaxText         = htmlreport.DefaultMaxText
	DefaultMaxFeeds        = 16
	DefaultMaxScan         = 100_000
	DefaultClassifyTimeout = 15 * time.Second
)

// Options configure the handler.
type Options struct {
	// Conn reads SCORES and ALERTS and sends pasted pages to the service.
	Conn *nats.Conn
	// Topology names the streams; zero fields take the defaults.
	Topology pipeline.Topology
	// ServiceSubject is where pasted pages are sent. Default
	// pipeline.DefaultServiceSubject.
	ServiceSubject string
	// Recent is how many results the feed shows. Default DefaultRecent.
	Recent int
	// MaxPaste bounds a pasted page, in bytes. Default DefaultMaxPaste.
	MaxPaste int
	// MaxText bounds the page text a report renders. Default DefaultMaxText.
	MaxText int
	// MaxFeeds bounds the live feeds open at once. Default DefaultMaxFeeds.
	MaxFeeds int
	// MaxScan bounds how many of a site's latest results are searched for a
	// page id that its link does not locate. Default DefaultMaxScan.
	MaxScan int
	// ClassifyTimeout bounds the wait for slant.classify. Default
	// DefaultClassifyTimeout.
	ClassifyTimeout time.Duration
	// Hosts are the host names (without port) the view answers to beside
	// IP addresses and localhost: the names it is reached by through a
	// proxy or an ingress. Requests for any other name get 421.
	Hosts []string
	// Logger receives the handler's errors. Default: discard.
	Logger *slog.Logger
}

// HostsEnv is the environment variable `slant serve` reads Options.Hosts
// from, comma-separated.
const HostsEnv = "SLANT_WEB_HOSTS"

func (o Options) withDefaults() (Options, error) {
	if o.Conn == nil {
		return o, errors.New("web: Conn is required")
	}
	o.Topology = o.Topology.WithDefaults()
	if o.ServiceSubject == "" {
		o.ServiceSubject = pipeline.DefaultServiceSubject
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Recent, DefaultRecent)
	def(&o.MaxPaste, DefaultMaxPaste)
	def(&o.MaxText, DefaultMaxText)
	def(&o.MaxFeeds, DefaultMaxFeeds)
	def(&o.MaxScan, DefaultMaxScan)
	if o.ClassifyTimeout <= 0 {
		o.ClassifyTimeout = DefaultClassifyTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}

//go:embed web.tmpl
var pageTemplates string

//go:embed feed.js
var feedScript string

// Handler serves the analyst's view. It is safe for concurrent use.
type Handler struct {
	ctx    context.Context
	o      Options
	js     jetstream.JetStream
	report *htmlreport.Renderer
	t      *template.Template
	feeds  chan struct{} // one token per open live feed
	mux    *http.ServeMux
}

// New returns the handler. Live feeds end when ctx ends, so a server that
// shuts down is not held open by them.
func New(ctx context.Context, opts Options) (*Handler, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	js, err := jetstream.New(o.Conn)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	report, err := htmlreport.New()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	t, err := template.New("web").Parse(pageTemplates)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	h := &Handler{ctx: ctx, o: o, js: js, report: report, t: t, feeds: make(chan struct{}, o.MaxFeeds), mux: http.NewServeMux()}
	h.mux.HandleFunc("GET /{$}", h.feed)
	h.mux.HandleFunc("GET /events", h.events)
	h.mux.HandleFunc("GET /static/feed.js", h.script)
	// Browsers ask for an icon; there is none, and a 404 would be an error
	// in their console.
	h.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h.mux.HandleFunc("GET /pages/{site}/{id...}", h.page)
	h.mux.HandleFunc("GET /classify", h.pasteForm)
	h.mux.Handle("POST /classify", http.NewCrossOriginProtection().Handler(http.HandlerFunc(h.paste)))
	return h, nil
}

// hostAllowed reports whether a request's Host names the view: an IP
// address, localhost, or one of Options.Hosts.
func (h *Handler) hostAllowed(host string) bool {
	if hst, _, err := net.SplitHostPort(host); err == nil {
		host = hst
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || net.ParseIP(host) != nil {
		return true
	}
	for _, name := range h.o.Hosts {
		if strings.EqualFold(strings.TrimSpace(name), host) && host != "" {
			return true
		}
	}
	return false
}

// ServeHTTP sets the headers every response carries and dispatches.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.hostAllowed(r.Host) {
		http.Error(w, "this host name is not one the web view answers to (see "+HostsEnv+")", http.StatusMisdirectedRequest)
		return
	}
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cache-Control", "no-store")
	// The strictest policy first; pages that need more set their own.
	hd.Set("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.mux.ServeHTTP(w, r)
}

// Policies of the pages.
func (h *Handler) reportPolicy() string {
	return h.report.Policy() + "; frame-ancestors 'none'"
}

func (h *Handler) appPolicy() string {
	return "default-src 'none'; script-src 'self'; connect-src 'self'; style-src " + h.report.StyleSource() +
		"; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'"
}

// nav is the links above every page.
func nav() []htmlreport.Link {
	return []htmlreport.Link{{Href: "/", Text: "Live feed"}, {Href: "/classify", Text: "Paste a page"}}
}

// render writes a template of the app with the app's policy.
func (h *Handler) render(w http.ResponseWriter, status int, name string, data map[string]any) {
	data["Style"] = h.report.Style()
	data["Nav"] = nav()
	w.Header().Set("Content-Security-Policy", h.appPolicy())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := h.t.ExecuteTemplate(w, name, data); err != nil {
		h.o.Logger.Warn("web: render", "page", name, "err", err)
	}
}

// fail shows an error page: msg is said to the reader, err logged.
func (h *Handler) fail(w http.ResponseWriter, status int, msg string, err error) {
	if err != nil {
		h.o.Logger.Warn("web", "status", status, "msg", msg, "err", err)
	}
	h.render(w, status, "error", map[string]any{"Title": http.StatusText(status), "Message": msg})
}

func (h *Handler) script(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = io.WriteString(w, feedScript)
}
