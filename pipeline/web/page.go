package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify/report/htmlreport"
	"github.com/slantwire/slant/pipeline"
)

// errNotFound is a page id with no stored result.
var errNotFound = pipeline.ErrNoStoredMessage

// page renders a stored result: /pages/<site>/<id>, where site is the
// subject token of scores.<site>. The feed's links add ?seq=N, the result's
// stream sequence, which is tried first; otherwise (or if it no longer
// holds that page) the site's latest MaxScan results are searched by their
// headers, and the latest result for the id wins.
func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	site, id := r.PathValue("site"), r.PathValue("id")
	// A site must be a subject token as SiteToken makes them: no wildcard
	// or separator can reach the filter below.
	if site == "" || site != pipeline.SiteToken(site) || id == "" {
		h.fail(w, http.StatusNotFound, "No such page: a page address is /pages/<site>/<id>.", nil)
		return
	}
	seq, _ := strconv.ParseUint(r.URL.Query().Get("seq"), 10, 64)
	ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
	defer cancel()
	data, err := h.lookup(ctx, site, id, seq)
	switch {
	case errors.Is(err, errNotFound):
		h.fail(w, http.StatusNotFound, "No result is stored for this page.", nil)
		return
	case err != nil:
		h.fail(w, http.StatusServiceUnavailable, "The result cannot be read from NATS right now.", err)
		return
	}
	alerts, err := h.alerts(ctx, site, id)
	if err != nil {
		// The page is worth showing without its alerts.
		h.o.Logger.Warn("web: alerts", "site", site, "id", id, "err", err)
	}
	h.writeReport(w, data, alerts)
}

// writeReport renders a result's JSON as the annotated page, with the
// alerts it fired.
func (h *Handler) writeReport(w http.ResponseWriter, data []byte, alerts []htmlreport.Alert) {
	var b bytes.Buffer
	if err := h.report.JSON(&b, data, htmlreport.Options{MaxText: h.o.MaxText, Nav: nav(), Alerts: alerts}); err != nil {
		h.fail(w, http.StatusInternalServerError, "The result cannot be shown.", err)
		return
	}
	w.Header().Set("Content-Security-Policy", h.reportPolicy())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

// lookup returns the latest stored result of page id on site: the
// message at seq when it is that page, else pipeline.StoredResult.
func (h *Handler) lookup(ctx context.Context, site, id string, seq uint64) ([]byte, error) {
	if seq > 0 {
		s, err := h.js.Stream(ctx, h.o.Topology.ScoresStream)
		if err != nil {
			return nil, fmt.Errorf("stream %s: %w", h.o.Topology.ScoresStream, err)
		}
		m, err := s.GetMsg(ctx, seq)
		if err == nil && m.Subject == h.o.Topology.ScoresPrefix+"."+site && pipeline.PageIDOf(m.Header) == id {
			return m.Data, nil
		}
		if err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
			return nil, fmt.Errorf("message %d: %w", seq, err)
		}
	}
	m, err := pipeline.StoredResult(ctx, h.js, h.o.Topology, site, id, h.o.MaxScan)
	if err != nil {
		return nil, err
	}
	return m.Data, nil
}

// maxAlertScan bounds how many of a site's latest alerts are searched for a
// page's alerts.
const maxAlertScan = 10_000

// alerts returns the alerts stored for page id on alerts.<site>, one per
// rule (the latest), read from the site's latest alerts.
func (h *Handler) alerts(ctx context.Context, site, id string) ([]htmlreport.Alert, error) {
	s, err := h.js.Stream(ctx, h.o.Topology.AlertsStream)
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", h.o.Topology.AlertsStream, err)
	}
	byRule := map[string]uint64{}
	var rules []string
	err = pipeline.ScanSubject(ctx, h.js, s, h.o.Topology.AlertsPrefix+"."+site, maxAlertScan, func(seq uint64, hd nats.Header) {
		if pipeline.PageIDOf(hd) != id {
			return
		}
		rule := hd.Get(pipeline.HeaderRule)
		if _, ok := byRule[rule]; !ok {
			rules = append(rules, rule)
		}
		byRule[rule] = seq
	})
	if errors.Is(err, errNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []htmlreport.Alert
	for _, rule := range rules {
		m, err := s.GetMsg(ctx, byRule[rule])
		if err != nil {
			return nil, fmt.Errorf("alert %d: %w", byRule[rule], err)
		}
		a := h.alertOf(m.Subject, m.Header, m.Data)
		out = append(out, htmlreport.Alert{Rule: a.Rule, Description: a.Description})
	}
	return out, nil
}
