package classify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Reason is a short, stable snake_case code for why a page has no result.
// One vocabulary serves every path: the "reason" of a failure record written
// by `slant classify` and of a slant.classify service error, the
// Slant-Reason header of a dead letter and the reason label of the failure
// metrics. ReasonOf derives it from an error through one table
// (errorReasons); no other code spells a reason.
type Reason string

// Reasons a page can never be classified. Classify returns them as an
// *InputError: retrying cannot help, so the pipeline dead-letters the page
// and the service answers 400.
const (
	ReasonEmpty        Reason = "empty"          // ErrEmpty: no text (for HTML: none outside scripts and markup)
	ReasonTooLarge     Reason = "too_large"      // ErrTooLarge: over Limits.MaxBytes
	ReasonInvalidUTF8  Reason = "invalid_utf8"   // ErrInvalidUTF8: plain text or an envelope that is not UTF-8
	ReasonBinary       Reason = "binary"         // ErrBinary: plain text with NUL bytes
	ReasonTooDeep      Reason = "too_deep"       // ErrTooDeep: HTML nested deeper than Limits.MaxDepth
	ReasonTooManyNodes Reason = "too_many_nodes" // ErrTooManyNodes: HTML with more than Limits.MaxNodes elements
	ReasonBadHTML      Reason = "bad_html"       // ErrBadHTML: the tokenizer failed
	ReasonBadEnvelope  Reason = "bad_envelope"   // ErrBadEnvelope: not a JSON page envelope
)

// Reasons a page may succeed on another attempt: the pipeline retries it.
const (
	// ReasonTimeout: the page ran past Limits.Timeout (ErrTimeout) or the
	// caller's own deadline (context.DeadlineExceeded). A loaded machine can
	// cause it.
	ReasonTimeout Reason = "timeout"
	// ReasonShutdown: the caller's context was cancelled
	// (context.Canceled), which in slant means the process is stopping.
	ReasonShutdown Reason = "shutdown"
)

// Reasons the classifier itself failed: a bug, to be filed with the page.
const (
	// ReasonPanic: the classifier panicked (ErrPanic, *PanicError).
	ReasonPanic Reason = "panic"
	// ReasonError: an error the table does not know — a classifier that
	// failed without a sentinel, or a file `slant classify` could not read.
	// The message says which.
	ReasonError Reason = "error"
)

// Reasons only package pipeline gives, for what happens to a page around its
// classification. They are here so that every code is in one place.
const (
	// ReasonMaxDeliveries: the server gave up on the page after MaxDeliver
	// deliveries without an ack (ErrMaxDeliveries); it is dead-lettered.
	ReasonMaxDeliveries Reason = "max_deliveries"
	// ReasonPublish: a result or alert was not acknowledged by JetStream;
	// the page is retried. It is the pipeline's own failure, not the
	// page's, so no sentinel stands for it.
	ReasonPublish Reason = "publish"
	// ReasonDuplicate: the page's result was already stored by an earlier
	// delivery. Not an error (the delivery is acked); counted so that
	// redeliveries show in the failure metrics.
	ReasonDuplicate Reason = "duplicate"
	// ReasonResultTooLarge: the page was classified but its result (with
	// its headers) is over the NATS server's max payload, so it can never
	// be stored (ErrResultTooLarge); it is dead-lettered at once.
	ReasonResultTooLarge Reason = "result_too_large"
	// ReasonIDTooLong: the page id is over the pipeline's bound
	// (ErrIDTooLong); it is dead-lettered at once.
	ReasonIDTooLong Reason = "id_too_long"
	// ReasonAlreadyScored: a PAGES message delivered again beyond the
	// de-duplication window (a recreated consumer) whose page was scored
	// from it or a later message; it is acked without a second result. Not
	// an error; counted like ReasonDuplicate.
	ReasonAlreadyScored Reason = "already_scored"
)

// Sentinel errors. Every error Classify returns wraps one of them or a
// context error; test with errors.Is, and get the Reason with ReasonOf.
var (
	ErrEmpty        = errors.New("page is empty")
	ErrTooLarge     = errors.New("page is over the size limit")
	ErrInvalidUTF8  = errors.New("page is not valid UTF-8")
	ErrBinary       = errors.New("page contains NUL bytes")
	ErrTooDeep      = errors.New("HTML is nested too deep")
	ErrTooManyNodes = errors.New("HTML has too many elements")
	ErrBadHTML      = errors.New("HTML could not be read")
	ErrBadEnvelope  = errors.New("not a page envelope (a JSON object with id and text or html)")

	// ErrTimeout reports a page that ran past Limits.Timeout. It is not an
	// InputError: a loaded machine can cause it, so callers may retry.
	ErrTimeout = errors.New("page classification timed out")

	// ErrPanic is wrapped by every *PanicError.
	ErrPanic = errors.New("classifier panic")

	// ErrMaxDeliveries is the error of a page that package pipeline gave up
	// on after MaxDeliver deliveries; Classify never returns it.
	ErrMaxDeliveries = errors.New("page was delivered MaxDeliver times without an ack")

	// ErrResultTooLarge is the error of a page whose result package
	// pipeline cannot store: over the server's max payload. Classify never
	// returns it.
	ErrResultTooLarge = errors.New("result is over the NATS server's max payload")

	// ErrIDTooLong is the error of a page whose id is over package
	// pipeline's bound. Classify never returns it.
	ErrIDTooLong = errors.New("page id is too long")
)

// errorReasons is the one table from error to Reason. ReasonOf takes the
// first entry the error wraps; each sentinel of this package has a code of
// its own, and the two context errors share the codes of what they mean to
// slant (a deadline is a timeout, a cancellation a shutdown).
var errorReasons = [...]struct {
	err    error
	reason Reason
}{
	{ErrEmpty, ReasonEmpty},
	{ErrTooLarge, ReasonTooLarge},
	{ErrInvalidUTF8, ReasonInvalidUTF8},
	{ErrBinary, ReasonBinary},
	{ErrTooDeep, ReasonTooDeep},
	{ErrTooManyNodes, ReasonTooManyNodes},
	{ErrBadHTML, ReasonBadHTML},
	{ErrBadEnvelope, ReasonBadEnvelope},
	{ErrTimeout, ReasonTimeout},
	{ErrPanic, ReasonPanic},
	{ErrMaxDeliveries, ReasonMaxDeliveries},
	{ErrResultTooLarge, ReasonResultTooLarge},
	{ErrIDTooLong, ReasonIDTooLong},
	{context.DeadlineExceeded, ReasonTimeout},
	{context.Canceled, ReasonShutdown},
}

// ReasonOf returns the Reason of an error from Classify, ParseEnvelope or
// anything that wraps one of the sentinel errors: the code of the first
// sentinel it wraps, else ReasonError. It returns "" for nil.
func ReasonOf(err error) Reason {
	if err == nil {
		return ""
	}
	for _, e := range errorReasons {
		if errors.Is(err, e.err) {
			return e.reason
		}
	}
	return ReasonError
}

// InputError is a page that can never succeed: retrying it cannot help, so
// the pipeline dead-letters it and the service answers 400. Reason is
// ReasonOf(Err).
type InputError struct {
	Reason Reason
	Err    error // one of the sentinel errors above, wrapped with detail
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// inputError wraps sentinel with detail in an *InputError whose reason comes
// from the table. format may use %w.
func inputError(sentinel error, format string, args ...any) error {
	return &InputError{Reason: ReasonOf(sentinel), Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

// PanicError is a panic recovered from a classifier, so that a page that
// crashes it fails alone instead of taking the process with it. Value is
// what was passed to panic; Stack is where it happened, for the log (it is
// not part of the message, which goes on the wire).
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("%v: %v", ErrPanic, e.Value) }
func (e *PanicError) Unwrap() error { return ErrPanic }

// Failure is the one encoding of a page that has no result: the record
// `slant classify` writes in the input's place, the body of a slant.classify
// service error, and what the dead-letter headers of package pipeline are
// derived from. Its JSON is documented in docs/schema.md.
type Failure struct {
	Schema string      `json:"schema"`
	ID     string      `json:"id"`
	URL    string      `json:"url"`
	Site   string      `json:"site"`
	Error  FailureInfo `json:"error"`
}

// FailureInfo says why: Reason is ReasonOf the error, Message its text.
type FailureInfo struct {
	Reason  Reason `json:"reason"`
	Message string `json:"message"`
}

// NewFailure builds the Failure for page p and the error that stopped it.
func NewFailure(p Page, err error) Failure {
	return Failure{Schema: SchemaVersion, ID: p.ID, URL: p.URL, Site: p.Site,
		Error: FailureInfo{Reason: ReasonOf(err), Message: err.Error()}}
}

// ParseEnvelope reads a page envelope, the JSON object of
// `slant classify --input jsonl` and of the pipeline's input stream. Data
// that is not UTF-8 fails with ErrInvalidUTF8 (encoding/json would quietly
// turn bad bytes into U+FFFD, and a page must be rejected rather than scored
// with holes in it); data that is not a JSON object with the envelope's
// fields fails with ErrBadEnvelope. Both are *InputError.
func ParseEnvelope(data []byte) (Envelope, error) {
	var env Envelope
	if !utf8.Valid(data) {
		return env, inputError(ErrInvalidUTF8, "the envelope's first bad byte is at %d", firstInvalidUTF8(string(data)))
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return Envelope{}, inputError(ErrBadEnvelope, "%w", err)
	}
	return env, nil
}
