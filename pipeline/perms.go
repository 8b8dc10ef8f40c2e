package pipeline

import (
	"github.com/nats-io/nats-server/v2/server"
)

// Least-privilege permissions for the three kinds of client of a slant
// pipeline. The embedded server gives them to its users (ServerOptions), and
// docs/pipeline.md shows the same lists as a nats-server configuration for
// an external server. Everything not listed is denied: no client of slant
// may purge or delete a stream, delete a consumer, or publish where it does
// not belong (a publisher cannot forge a result).

// jsAPI is the JetStream API prefix.
const jsAPI = "$JS.API."

// WorkerPermissions are those of `slant serve`: read PAGES through its
// durable consumer, write SCORES, ALERTS, DEAD and the SCORED bucket,
// create and update (never delete or purge) its streams and consumer, and
// answer slant.classify.
func WorkerPermissions(t Topology, durable string) *server.Permissions {
	t = t.withDefaults()
	if durable == "" {
		durable = DefaultDurable
	}
	kv := "KV_" + t.ScoredBucket
	pub := []string{
		t.ScoresPrefix + ".>", t.AlertsPrefix + ".>", t.DeadPrefix + ".>",
		"$KV." + t.ScoredBucket + ".>",
		jsAPI + "INFO",
		jsAPI + "DIRECT.GET." + kv, jsAPI + "DIRECT.GET." + kv + ".>", jsAPI + "STREAM.MSG.GET." + kv,
		jsAPI + "CONSUMER.CREATE." + t.PagesStream + "." + durable,
		jsAPI + "CONSUMER.CREATE." + t.PagesStream + "." + durable + ".>",
		jsAPI + "CONSUMER.DURABLE.CREATE." + t.PagesStream + "." + durable,
		jsAPI + "CONSUMER.INFO." + t.PagesStream + "." + durable,
		jsAPI + "CONSUMER.MSG.NEXT." + t.PagesStream + "." + durable,
		"$JS.ACK." + t.PagesStream + "." + durable + ".>",
	}
	for _, s := range []string{t.PagesStream, t.ScoresStream, t.AlertsStream, t.DeadStream, kv} {
		pub = append(pub, jsAPI+"STREAM.CREATE."+s, jsAPI+"STREAM.UPDATE."+s, jsAPI+"STREAM.INFO."+s)
	}
	return &server.Permissions{
		Publish: &server.SubjectPermission{Allow: pub},
		Subscribe: &server.SubjectPermission{Allow: []string{
			"_INBOX.>", DefaultServiceSubject, "$SRV.>",
		}},
		// Replies to slant.classify and $SRV requests.
		Response: &server.ResponsePermission{MaxMsgs: 1},
	}
}

// PublisherPermissions are those of a crawler or `slant publish`: publish
// pages (with a JetStream ack), ask slant.classify, and read SCORES, ALERTS
// and DEAD (publish --wait, `slant tail`) through ephemeral consumers.
func PublisherPermissions(t Topology) *server.Permissions {
	t = t.withDefaults()
	pub := []string{
		t.PagesPrefix + ".>", DefaultServiceSubject,
		jsAPI + "INFO", jsAPI + "STREAM.INFO." + t.PagesStream,
	}
	pub = append(pub, ReaderPermissions(t).Publish.Allow...)
	return &server.Permissions{
		Publish:   &server.SubjectPermission{Allow: pub},
		Subscribe: &server.SubjectPermission{Allow: []string{"_INBOX.>"}},
	}
}

// ReaderPermissions are those of a consumer of the scores (`slant tail`, a
// dashboard): ephemeral consumers and direct gets on SCORES, ALERTS and
// DEAD, nothing else.
func ReaderPermissions(t Topology) *server.Permissions {
	t = t.withDefaults()
	pub := []string{jsAPI + "INFO"}
	for _, s := range []string{t.ScoresStream, t.AlertsStream, t.DeadStream} {
		pub = append(pub,
			jsAPI+"STREAM.INFO."+s,
			jsAPI+"CONSUMER.CREATE."+s, jsAPI+"CONSUMER.CREATE."+s+".>",
			jsAPI+"CONSUMER.INFO."+s+".>", jsAPI+"CONSUMER.MSG.NEXT."+s+".>",
			jsAPI+"DIRECT.GET."+s, jsAPI+"DIRECT.GET."+s+".>", jsAPI+"STREAM.MSG.GET."+s)
	}
	return &server.Permissions{
		Publish:   &server.SubjectPermission{Allow: pub},
		Subscribe: &server.SubjectPermission{Allow: []string{"_INBOX.>"}},
	}
}
