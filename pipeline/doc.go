// Package pipeline runs slant as a NATS JetStream service: crawlers publish
// pages, workers score them, and everything downstream (moderation queues,
// dashboards, alerting) subscribes to the scores.
//
// # Streams and subjects
//
// Four streams carry the traffic (names and subject prefixes are the
// defaults of Topology):
//
//	PAGES   pages.<site>    input: one page envelope (classify.Envelope JSON) per message
//	SCORES  scores.<site>   one result (schema slant/v1) per page id
//	ALERTS  alerts.<site>   one alert (schema slant-alert/v1) per page id and rule
//	DEAD    dead.<site>     pages that can never succeed, with the reason in headers
//
// Alerts are what the rules of package alert (Options.Rules) fire on a
// result; that package evaluates, the pipeline only publishes.
//
// <site> is a subject token made by SiteToken: publishers choose it, and the
// result, alerts and dead letters of a page go to the same token, so a
// consumer interested in one site subscribes to scores.<site>.
//
// # Exactly one result per page
//
// JetStream delivers at least once: a worker can crash after storing a
// result but before its ack arrives, a publisher can send the same page
// twice, a slow page can be redelivered to a second worker. None of these
// may yield a second result, so every result is published with the header
// Nats-Msg-Id set to the page's key, PageKey(site, id) = "<site>/<id>" (ids
// are unique per site only), and SCORES de-duplicates on it within
// Topology.DedupWindow. The worker acks the input only after the SCORES
// publish ack: a page is therefore either stored or will be delivered again.
// Alerts carry Nats-Msg-Id "<site>/<id>/<rule>" for the same reason.
//
// Beyond the window, the SCORED key-value bucket (Topology.ScoredBucket)
// holds, per page, the PAGES message scored last; a message delivered again
// long after it was published (a deleted or renamed consumer starts from
// the beginning of PAGES) is acked without a second result if it or a later
// message of its page was scored. A page republished as a new message is
// scored again. Options.Rescore replays on purpose.
//
// # Failures
//
// Why a page has no result is a classify.Reason, and the pipeline takes it
// from classify.ReasonOf like every other path: the codes and the table from
// sentinel error to code are all in classify/errors.go. A failure travels as
// one classify.Failure: the service returns it as its error body, and
// failureHeader derives the headers of a dead letter and of a service error
// from it, so `slant classify`, the service and DEAD agree on every page.
//
// A delivery ends in exactly one of these ways:
//
//   - result stored (or found a duplicate within the window): Ack;
//   - the page was scored before (SCORED): Ack;
//   - the page can never succeed (a *classify.InputError: body not an
//     envelope or not UTF-8, id too long, no text, too large, HTML too deep
//     or too big), its result is over the server's max payload, or the
//     classifier failed or panicked: it is copied to dead.<site>
//     with headers naming the reason, the original subject and the stream
//     sequence, and then terminated with TermWithReason so it is never
//     delivered again;
//   - a transient failure (page over its time budget, a publish that did not
//     get its ack): NakWithDelay with a delay that doubles with the delivery
//     count (RetryDelay, 2×, 4×…, at most a minute), until MaxDeliver; at
//     shutdown, a page not finished in time is nak'ed without delay for
//     another worker. The consumer has no BackOff: the server would add it
//     to every NakWithDelay;
//   - the worker dies: the server redelivers after AckWait.
//
// The worker counts deliveries (the consumer redelivers without limit): a
// page whose MaxDeliver-th delivery failed, or that comes back beyond
// MaxDeliver (it crashed or stalled its workers), goes to DEAD with
// classify.ErrMaxDeliveries (reason "max_deliveries"). A dead letter that
// cannot be stored naks the page, which comes back until DEAD takes it.
//
// A panic in the classifier fails its page (reason "panic", the stack in
// the log) and nothing else: (*classify.Classifier).Classify recovers its
// own, and the worker and the service call Options.Classify, which may be
// any function, through one guard.
//
// # Scaling and shutdown
//
// All workers of all processes share one durable pull consumer, so scaling
// out is starting more copies of slant serve. MaxAckPending bounds the pages
// out for work across all of them. Run stops fetching when its context ends,
// finishes and acks what it holds (bounded by DrainTimeout, after which the
// rest is nak'ed for another worker) and returns nil.
//
// The same classification is offered synchronously by Service, a
// nats.go/micro service on slant.classify.
package pipeline
