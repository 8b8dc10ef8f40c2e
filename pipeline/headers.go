package pipeline

// Headers slant sets on the messages it publishes. Nats-Msg-Id is the
// standard JetStream de-duplication header.
const (
	HeaderMsgID = "Nats-Msg-Id"
	// HeaderReason is the dead-letter reason code: "bad_envelope",
	// "invalid_utf8", "empty", "too_large", "binary", "unsupported", "too_deep", "too_many_nodes",
	// "classifier_error", "panic" or "max_deliveries".
	HeaderReason = "Slant-Reason"
	// HeaderError is the dead-letter reason in words.
	HeaderError = "Slant-Error"
	// HeaderOrigSubject, HeaderOrigStream and HeaderOrigSequence locate the
	// original page in its stream (nats stream get PAGES <seq>).
	HeaderOrigSubject  = "Slant-Original-Subject"
	HeaderOrigStream   = "Slant-Original-Stream"
	HeaderOrigSequence = "Slant-Original-Sequence"
	// HeaderDeliveries is how many times the page had been delivered.
	HeaderDeliveries = "Slant-Deliveries"
	// HeaderPageID is the page id on results, alerts and (when the envelope
	// could be read) dead letters.
	HeaderPageID = "Slant-Page-Id"
	// HeaderRule is the rule name on alerts.
	HeaderRule = "Slant-Rule"
)
