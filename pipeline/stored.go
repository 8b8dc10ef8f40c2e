package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ErrNoStoredMessage is a subject, or a page, with nothing stored.
var ErrNoStoredMessage = errors.New("nothing stored")

// DefaultMaxScan is how many of a site's latest results StoredResult
// searches for a page.
const DefaultMaxScan = 10_000

// ScanSubject calls fn, oldest first, with the sequence and headers of each
// message on subject among the stream's last limit sequences up to the
// subject's latest message. It reads headers only. ErrNoStoredMessage: the
// subject has no message.
func ScanSubject(ctx context.Context, js jetstream.JetStream, s jetstream.Stream, subject string, limit int, fn func(uint64, nats.Header)) error {
	last, err := s.GetLastMsgForSubject(ctx, subject)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return ErrNoStoredMessage
	}
	if err != nil {
		return fmt.Errorf("last message on %s: %w", subject, err)
	}
	start := uint64(1)
	if last.Sequence > uint64(limit) {
		start = last.Sequence - uint64(limit)
	}
	c, err := js.OrderedConsumer(ctx, s.CachedInfo().Config.Name, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{subject}, DeliverPolicy: jetstream.DeliverByStartSequencePolicy,
		OptStartSeq: start, HeadersOnly: true,
	})
	if err != nil {
		return fmt.Errorf("searching %s: %w", subject, err)
	}
	it, err := c.Messages()
	if err != nil {
		return fmt.Errorf("searching %s: %w", subject, err)
	}
	defer it.Stop()
	for scanned := 0; scanned <= limit; scanned++ {
		m, err := it.Next(jetstream.NextContext(ctx))
		if err != nil {
			return fmt.Errorf("searching %s: %w", subject, err)
		}
		md, err := m.Metadata()
		if err != nil {
			return fmt.Errorf("searching %s: %w", subject, err)
		}
		fn(md.Sequence.Stream, m.Headers())
		if md.Sequence.Stream >= last.Sequence {
			return nil
		}
	}
	return nil
}

// PageIDOf is the page id a stored message carries: its Slant-Page-Id,
// else (for messages stored without one) its Nats-Msg-Id.
func PageIDOf(h nats.Header) string {
	if id := h.Get(HeaderPageID); id != "" {
		return id
	}
	return h.Get(HeaderMsgID)
}

// StoredResult returns the latest result SCORES holds for page id of site,
// searching the site's last limit results by their page ids (PageIDOf).
// ErrNoStoredMessage: none is stored (or it is older than limit results).
func StoredResult(ctx context.Context, js jetstream.JetStream, t Topology, site, id string, limit int) (*jetstream.RawStreamMsg, error) {
	t = t.withDefaults()
	s, err := js.Stream(ctx, t.ScoresStream)
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", t.ScoresStream, err)
	}
	var found uint64
	err = ScanSubject(ctx, js, s, t.ScoresPrefix+"."+SiteToken(site), limit, func(seq uint64, h nats.Header) {
		if PageIDOf(h) == id {
			found = seq
		}
	})
	if err != nil {
		return nil, err
	}
	if found == 0 {
		return nil, ErrNoStoredMessage
	}
	return s.GetMsg(ctx, found)
}
