package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/slantwire/slant/classify"
)

// maxDeliveriesAdvisory is the part of the server's
// io.nats.jetstream.advisory.v1.max_deliver event the pipeline reads.
type maxDeliveriesAdvisory struct {
	Stream     string `json:"stream"`
	Consumer   string `json:"consumer"`
	StreamSeq  uint64 `json:"stream_seq"`
	Deliveries uint64 `json:"deliveries"`
}

// MaxDeliveriesSubject is where the server announces that a page of the
// consumer used up MaxDeliver.
func MaxDeliveriesSubject(stream, consumer string) string {
	return fmt.Sprintf("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.%s.%s", stream, consumer)
}

// watchMaxDeliveries copies pages that exhausted MaxDeliver to DEAD. The
// subscription is a queue group, so with many processes one of them copies
// each page (and the dead letter's Nats-Msg-Id absorbs a double copy).
//
// Advisories are core NATS messages: one sent while no slant process is
// connected is missed. The page is then not lost (it stays in PAGES, and
// consumer info lists it as redelivered) but it is not in DEAD.
func (p *Pipeline) watchMaxDeliveries(ctx context.Context) (*nats.Subscription, error) {
	subj := MaxDeliveriesSubject(p.o.Topology.PagesStream, p.o.Durable)
	sub, err := p.o.Conn.QueueSubscribe(subj, "slant-dead-letters", func(m *nats.Msg) {
		var adv maxDeliveriesAdvisory
		if err := json.Unmarshal(m.Data, &adv); err != nil || adv.StreamSeq == 0 {
			p.log.Warn("unreadable max-deliveries advisory", "data", string(m.Data), "err", err)
			return
		}
		// A few attempts: the advisory will not come again.
		var err error
		for attempt := range 5 {
			if err = p.copyExhausted(ctx, adv); err == nil || ctx.Err() != nil {
				break
			}
			select {
			case <-ctx.Done():
			case <-time.After(time.Duration(attempt+1) * 200 * time.Millisecond):
			}
		}
		if err != nil {
			p.log.Error("page exhausted its deliveries but could not be copied to DEAD",
				"stream", adv.Stream, "seq", adv.StreamSeq, "err", err)
		}
	})
	if err != nil {
		return nil, err
	}
	return sub, p.o.Conn.Flush()
}

func (p *Pipeline) copyExhausted(ctx context.Context, adv maxDeliveriesAdvisory) error {
	rctx, cancel := context.WithTimeout(ctx, p.o.PublishTimeout)
	defer cancel()
	stream, err := p.js.Stream(rctx, p.o.Topology.PagesStream)
	if err != nil {
		return err
	}
	raw, err := stream.GetMsg(rctx, adv.StreamSeq)
	if err != nil {
		return fmt.Errorf("fetching seq %d: %w", adv.StreamSeq, err)
	}
	site := siteOf(p.o.Topology.PagesPrefix, raw.Subject)
	var page classify.Page
	if env, err := parseEnvelope(raw.Data, raw.Header, site); err == nil {
		page = env.Page()
	}
	gaveUp := fmt.Errorf("%w (%d deliveries: it crashed, stalled or kept failing its workers)", classify.ErrMaxDeliveries, adv.Deliveries)
	return p.deadLetter(ctx, deadLetter{
		failure: classify.NewFailure(page, gaveUp),
		site:    site, subject: raw.Subject,
		stream: p.o.Topology.PagesStream, seq: adv.StreamSeq, deliveries: adv.Deliveries, data: raw.Data,
	})
}
