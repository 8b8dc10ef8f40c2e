package pipeline

import (
	"strings"

	"github.com/nats-io/nats.go"

	"github.com/slantwire/slant/classify"
)

// Headers slant sets on the messages it publishes. Nats-Msg-Id is the
// standard JetStream de-duplication header.
const (
	HeaderMsgID = "Nats-Msg-Id"
	// HeaderReason is the reason code (classify.Reason) on dead letters and
	// service errors.
	HeaderReason = "Slant-Reason"
	// HeaderError is the reason in words: the failure's message, on one
	// line and at most 512 bytes.
	HeaderError = "Slant-Error"
	// HeaderOrigSubject, HeaderOrigStream and HeaderOrigSequence locate the
	// original page in its stream (nats stream get PAGES <seq>).
	HeaderOrigSubject  = "Slant-Original-Subject"
	HeaderOrigStream   = "Slant-Original-Stream"
	HeaderOrigSequence = "Slant-Original-Sequence"
	// HeaderDeliveries is how many times the page had been delivered.
	HeaderDeliveries = "Slant-Deliveries"
	// HeaderPageID is the page id on results, alerts and, when the envelope
	// could be read, dead letters and service errors.
	HeaderPageID = "Slant-Page-Id"
	// HeaderRule is the rule name on alerts.
	HeaderRule = "Slant-Rule"
)

// failureHeader is the one mapping from a failure to message headers, used
// for dead letters and service errors alike: Slant-Reason, Slant-Error and,
// when the page id is known, Slant-Page-Id.
func failureHeader(f classify.Failure) nats.Header {
	h := nats.Header{}
	h.Set(HeaderReason, string(f.Error.Reason))
	h.Set(HeaderError, headerSafe(f.Error.Message))
	if f.ID != "" {
		h.Set(HeaderPageID, headerSafe(f.ID))
	}
	return h
}

// headerSafe keeps a header value on one line and short.
func headerSafe(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\r' || c == '\n' {
			b[i] = ' '
		}
	}
	if len(b) > 512 {
		b = append(b[:509], "..."...)
	}
	return strings.ToValidUTF8(string(b), "")
}
