package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/pipeline"
)

// row is one result of the feed, as the template and the live events
// carry it.
type row struct {
	Key      string      `json:"key"` // site token + "/" + page id
	Site     string      `json:"site"`
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Genre    string      `json:"genre"`
	Sourcing string      `json:"sourcing"`
	Href     string      `json:"href"`
	Time     string      `json:"time"`
	Seq      uint64      `json:"seq"`
	Alerts   []alertView `json:"alerts,omitempty"`
}

// alertView is one alert of a row.
type alertView struct {
	Key         string `json:"key"`
	Rule        string `json:"rule"`
	Description string `json:"description"`
}

// maxTitle bounds the title a row shows, in bytes.
const maxTitle = 200

// summary is the part of a result a row needs.
type summary struct {
	ID   string `json:"id"`
	URL  string `json:"url"`
	Site string `json:"site"`
	Page struct {
		Genre    string `json:"genre"`
		Sourcing struct {
			Label string `json:"label"`
		} `json:"sourcing"`
	} `json:"page"`
	Blocks []struct {
		Role string `json:"role"`
		Text string `json:"text"`
	} `json:"blocks"`
}

// siteOf returns the site token of a subject under prefix.
func siteOf(prefix, subject string) string {
	return pipeline.SiteToken(strings.TrimPrefix(subject, prefix+"."))
}

// pageHref is the link to a stored result; seq lets the page handler fetch
// it directly.
func pageHref(site, id string, seq uint64) string {
	return "/pages/" + url.PathEscape(site) + "/" + url.PathEscape(id) + "?seq=" + strconv.FormatUint(seq, 10)
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// resultRow makes the row of a message of SCORES.
func (h *Handler) resultRow(subject string, header nats.Header, data []byte, seq uint64, t time.Time) (row, error) {
	var s summary
	if err := json.Unmarshal(data, &s); err != nil {
		return row{}, fmt.Errorf("result %d: %w", seq, err)
	}
	site := siteOf(h.o.Topology.ScoresPrefix, subject)
	id := pipeline.PageIDOf(header)
	if id == "" {
		id = s.ID
	}
	r := row{Key: site + "/" + id, Site: s.Site, ID: id, Genre: s.Page.Genre, Sourcing: s.Page.Sourcing.Label,
		Href: pageHref(site, id, seq), Time: t.UTC().Format("15:04:05"), Seq: seq}
	if r.Site == "" {
		r.Site = site
	}
	for _, b := range s.Blocks {
		if b.Role == "headline" {
			r.Title = b.Text
			break
		}
	}
	if r.Title == "" {
		r.Title = s.URL
	}
	if r.Title == "" {
		r.Title = id
	}
	r.Title = cut(r.Title, maxTitle)
	return r, nil
}

// alertOf makes the view of a message of ALERTS.
func (h *Handler) alertOf(subject string, header nats.Header, data []byte) alertView {
	var a struct {
		Rule        string `json:"rule"`
		Description string `json:"description"`
	}
	_ = json.Unmarshal(data, &a)
	if a.Rule == "" {
		a.Rule = header.Get(pipeline.HeaderRule)
	}
	return alertView{Key: siteOf(h.o.Topology.AlertsPrefix, subject) + "/" + pipeline.PageIDOf(header), Rule: cut(a.Rule, 100), Description: cut(a.Description, 300)}
}

// recent reads up to n of a stream's latest messages, newest first, and
// the stream's last sequence.
func (h *Handler) recent(ctx context.Context, stream string, n int) ([]*jetstream.RawStreamMsg, uint64, error) {
	s, err := h.js.Stream(ctx, stream)
	if err != nil {
		return nil, 0, fmt.Errorf("stream %s: %w", stream, err)
	}
	st := s.CachedInfo().State
	var out []*jetstream.RawStreamMsg
	// Deleted messages leave gaps: look at most 4n sequences back.
	for seq, tries := st.LastSeq, 0; seq >= st.FirstSeq && seq > 0 && len(out) < n && tries < 4*n; seq, tries = seq-1, tries+1 {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return nil, 0, fmt.Errorf("stream %s, message %d: %w", stream, seq, err)
		}
		out = append(out, m)
	}
	return out, st.LastSeq, nil
}

// feed renders the live feed page: the recent results with their alerts.
func (h *Handler) feed(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	scores, lastScore, err := h.recent(ctx, h.o.Topology.ScoresStream, h.o.Recent)
	if err != nil {
		h.fail(w, http.StatusServiceUnavailable, "The results cannot be read from NATS right now.", err)
		return
	}
	alerts, lastAlert, err := h.recent(ctx, h.o.Topology.AlertsStream, 4*h.o.Recent)
	if err != nil {
		h.fail(w, http.StatusServiceUnavailable, "The alerts cannot be read from NATS right now.", err)
		return
	}
	byKey := map[string][]alertView{}
	for i := len(alerts) - 1; i >= 0; i-- {
		a := h.alertOf(alerts[i].Subject, alerts[i].Header, alerts[i].Data)
		byKey[a.Key] = append(byKey[a.Key], a)
	}
	rows := make([]row, 0, len(scores))
	for _, m := range scores {
		rw, err := h.resultRow(m.Subject, m.Header, m.Data, m.Sequence, m.Time)
		if err != nil {
			h.o.Logger.Warn("web: feed", "err", err)
			continue
		}
		rw.Alerts = byKey[rw.Key]
		rows = append(rows, rw)
	}
	h.render(w, http.StatusOK, "feed", map[string]any{
		"Title": "Live feed", "Rows": rows, "After": lastScore, "AlertsAfter": lastAlert, "Max": h.o.Recent,
	})
}

// event is one server-sent event of the live feed.
type event struct {
	name string // "result" or "alert"
	seq  uint64
	data any
}

// events streams results and alerts stored after the sequences the feed
// page was rendered with (or, on a reconnect, after the last event's id).
func (h *Handler) events(w http.ResponseWriter, r *http.Request) {
	select {
	case h.feeds <- struct{}{}:
		defer func() { <-h.feeds }()
	default:
		http.Error(w, "too many live feeds open; try again later", http.StatusServiceUnavailable)
		return
	}
	afterScore, afterAlert, resume := parseAfter(r)
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(h.ctx, cancel)
	defer stop()

	evs := make(chan event, 16)
	start := func(stream string, after uint64, mk func(jetstream.Msg, uint64) (event, bool)) (jetstream.ConsumeContext, error) {
		cfg := jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverNewPolicy}
		if resume {
			cfg = jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverByStartSequencePolicy, OptStartSeq: after + 1}
		}
		c, err := h.js.OrderedConsumer(ctx, stream, cfg)
		if err != nil {
			return nil, fmt.Errorf("stream %s: %w", stream, err)
		}
		return c.Consume(func(m jetstream.Msg) {
			md, err := m.Metadata()
			if err != nil {
				return
			}
			ev, ok := mk(m, md.Sequence.Stream)
			if !ok {
				return
			}
			select {
			case evs <- ev:
			case <-ctx.Done():
			}
		})
	}
	sc, err := start(h.o.Topology.ScoresStream, afterScore, func(m jetstream.Msg, seq uint64) (event, bool) {
		md, _ := m.Metadata()
		rw, err := h.resultRow(m.Subject(), m.Headers(), m.Data(), seq, md.Timestamp)
		if err != nil {
			h.o.Logger.Warn("web: events", "err", err)
			return event{}, false
		}
		return event{"result", seq, rw}, true
	})
	if err != nil {
		h.fail(w, http.StatusServiceUnavailable, "The results cannot be read from NATS right now.", err)
		return
	}
	defer sc.Stop()
	ac, err := start(h.o.Topology.AlertsStream, afterAlert, func(m jetstream.Msg, seq uint64) (event, bool) {
		return event{"alert", seq, h.alertOf(m.Subject(), m.Headers(), m.Data())}, true
	})
	if err != nil {
		h.fail(w, http.StatusServiceUnavailable, "The alerts cannot be read from NATS right now.", err)
		return
	}
	defer ac.Stop()

	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(format string, args ...any) bool {
		// The listener's write timeout is for scrapes; a feed sets its own
		// per write.
		_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 2000\n: live\n\n") {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ping.C:
			if !send(": ping\n\n") {
				return
			}
		case ev := <-evs:
			if ev.name == "result" {
				afterScore = ev.seq
			} else {
				afterAlert = ev.seq
			}
			data, err := json.Marshal(ev.data) // one line: JSON escapes newlines
			if err != nil {
				continue
			}
			if !send("id: %d:%d\nevent: %s\ndata: %s\n\n", afterScore, afterAlert, ev.name, data) {
				return
			}
		}
	}
}

// parseAfter reads where a feed resumes: the Last-Event-ID of a reconnect
// ("<scores seq>:<alerts seq>"), else the after and alerts parameters the
// feed page was rendered with. Without either the feed starts from now.
func parseAfter(r *http.Request) (scores, alerts uint64, resume bool) {
	num := func(s string) uint64 {
		n, _ := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
		return n
	}
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		s, a, _ := strings.Cut(id, ":")
		return num(s), num(a), true
	}
	q := r.URL.Query()
	if !q.Has("after") {
		return 0, 0, false
	}
	return num(q.Get("after")), num(q.Get("alerts")), true
}
