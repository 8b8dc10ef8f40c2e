package pipeline

import (
	"time"

	"github.com/slantwire/slant/classify"
)

// Observer receives what the pipeline does, as it does it. metrics.Metrics
// implements it; NopObserver ignores everything. Methods are called from many
// goroutines at once and must not block.
type Observer interface {
	// PageReceived is called once per delivery taken from the input stream.
	PageReceived(site string)
	// PageClassified is called when a result has been stored. classifyTime is
	// the time spent in classify; endToEnd runs from the input message's
	// stream timestamp to the result's publish ack.
	PageClassified(site string, res *classify.Result, classifyTime, endToEnd time.Duration)
	// PageFailed is called for every delivery that did not produce a result;
	// reason is a classify.Reason (every code is listed in classify/errors.go).
	PageFailed(site, reason string)
	// PageDeadLettered is called when a page is copied to the dead-letter
	// stream, with the classify.Reason of its Slant-Reason header.
	PageDeadLettered(site, reason string)
	// InFlight moves the count of pages being worked on by delta.
	InFlight(delta int)
	// AlertEmitted is called once per alert published.
	AlertEmitted(rule, site string)
	// ConsumerState reports the durable consumer's backlog as read from
	// JetStream consumer info: messages pending, acks pending, redelivered.
	ConsumerState(pending, ackPending, redelivered uint64)
	// StreamState reports a stream's use as read from stream info on the
	// same interval (every stream of the topology, the SCORED bucket's
	// KV_ stream included): messages and bytes held, and its byte limit
	// (0: none).
	StreamState(stream string, msgs, bytes, maxBytes uint64)
}

// NopObserver is an Observer that records nothing.
type NopObserver struct{}

func (NopObserver) PageReceived(string)                                                   {}
func (NopObserver) PageClassified(string, *classify.Result, time.Duration, time.Duration) {}
func (NopObserver) PageFailed(string, string)                                             {}
func (NopObserver) PageDeadLettered(string, string)                                       {}
func (NopObserver) InFlight(int)                                                          {}
func (NopObserver) AlertEmitted(string, string)                                           {}
func (NopObserver) ConsumerState(uint64, uint64, uint64)                                  {}
func (NopObserver) StreamState(string, uint64, uint64, uint64)                            {}
