package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify/report/htmlreport"
	"github.com/slantwire/slant/pipeline"
)

// errNotFound is a page id with no stored result.
var errNotFound = errors.New("no stored result")

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
	data, err := h.lookup(ctx, h.o.Topology.ScoresPrefix+"."+site, id, seq)
	switch {
	case errors.Is(err, errNotFound):
		h.fail(w, http.StatusNotFound, "No result is stored for this page.", nil)
		return
	case err != nil:
		h.fail(w, http.StatusServiceUnavailable, "The result cannot be read from NATS right now.", err)
		return
	}
	h.writeReport(w, data)
}

// writeReport renders a result's JSON as the annotated page.
func (h *Handler) writeReport(w http.ResponseWriter, data []byte) {
	var b bytes.Buffer
	if err := h.report.JSON(&b, data, htmlreport.Options{MaxText: h.o.MaxText, Nav: nav()}); err != nil {
		h.fail(w, http.StatusInternalServerError, "The result cannot be shown.", err)
		return
	}
	w.Header().Set("Content-Security-Policy", h.reportPolicy())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

// lookup returns the latest stored result on subject for page id.
func (h *Handler) lookup(ctx context.Context, subject, id string, seq uint64) ([]byte, error) {
	s, err := h.js.Stream(ctx, h.o.Topology.ScoresStream)
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", h.o.Topology.ScoresStream, err)
	}
	if seq > 0 {
		m, err := s.GetMsg(ctx, seq)
		if err == nil && m.Subject == subject && pageID(m.Header) == id {
			return m.Data, nil
		}
		if err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
			return nil, fmt.Errorf("message %d: %w", seq, err)
		}
	}
	last, err := s.GetLastMsgForSubject(ctx, subject)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("last message on %s: %w", subject, err)
	}
	if pageID(last.Header) == id {
		return last.Data, nil
	}
	start := uint64(1)
	if last.Sequence > uint64(h.o.MaxScan) {
		start = last.Sequence - uint64(h.o.MaxScan)
	}
	c, err := h.js.OrderedConsumer(ctx, h.o.Topology.ScoresStream, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{subject}, DeliverPolicy: jetstream.DeliverByStartSequencePolicy,
		OptStartSeq: start, HeadersOnly: true,
	})
	if err != nil {
		return nil, fmt.Errorf("searching %s: %w", subject, err)
	}
	it, err := c.Messages()
	if err != nil {
		return nil, fmt.Errorf("searching %s: %w", subject, err)
	}
	defer it.Stop()
	var found uint64
	for scanned := 0; scanned <= h.o.MaxScan; scanned++ {
		m, err := it.Next(jetstream.NextContext(ctx))
		if err != nil {
			return nil, fmt.Errorf("searching %s: %w", subject, err)
		}
		md, err := m.Metadata()
		if err != nil {
			return nil, fmt.Errorf("searching %s: %w", subject, err)
		}
		if pageID(m.Headers()) == id {
			found = md.Sequence.Stream
		}
		if md.Sequence.Stream >= last.Sequence {
			break
		}
	}
	if found == 0 {
		return nil, errNotFound
	}
	m, err := s.GetMsg(ctx, found)
	if err != nil {
		return nil, fmt.Errorf("message %d: %w", found, err)
	}
	return m.Data, nil
}
