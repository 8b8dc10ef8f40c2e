package classify

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Page is one input. Text carries plain text, HTML carries markup; a page
// sets one of the two, and Text wins when both are set. URL, when given,
// is evidence of the genre ("/opinion/" in the path).
type Page struct {
	ID   string
	URL  string
	Site string
	Text string
	HTML string
}

// Envelope is the JSON form of a page used by `slant classify --input jsonl`
// and by the pipeline's input stream.
type Envelope struct {
	ID   string `json:"id"`
	URL  string `json:"url,omitempty"`
	Site string `json:"site,omitempty"`
	Text string `json:"text,omitempty"`
	HTML string `json:"html,omitempty"`
}

// Page converts the envelope.
func (e Envelope) Page() Page {
	return Page(e)
}

// Limits bound the work one page may cause. Zero fields take the defaults.
type Limits struct {
	// MaxBytes rejects larger pages with ErrTooLarge. Default 4 MiB. For
	// HTML it applies to the markup.
	MaxBytes int
	// Timeout bounds the time spent on one page. Default 10 s.
	Timeout time.Duration
	// MaxDepth rejects HTML whose elements nest deeper, with ErrTooDeep.
	// Default 512: real pages stay under about 60, and the bound keeps the
	// element stack and its scans small.
	MaxDepth int
	// MaxNodes rejects HTML with more elements, with ErrTooManyNodes.
	// Default 250,000, several times a large real page.
	MaxNodes int
}

// Default limits.
const (
	DefaultMaxBytes = 4 << 20
	DefaultTimeout  = 10 * time.Second
	DefaultMaxDepth = 512
	DefaultMaxNodes = 250_000
)

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = DefaultMaxNodes
	}
	return l
}

// Errors for pages that can never be classified. Classify wraps them in an
// *InputError; test with errors.Is.
var (
	ErrEmpty        = errors.New("page is empty")
	ErrTooLarge     = errors.New("page is over the size limit")
	ErrInvalidUTF8  = errors.New("page is not valid UTF-8")
	ErrBinary       = errors.New("page contains NUL bytes")
	ErrUnsupported  = errors.New("page format not supported")
	ErrTooDeep      = errors.New("HTML is nested too deep")
	ErrTooManyNodes = errors.New("HTML has too many elements")
	ErrBadHTML      = errors.New("HTML could not be read")
)

// InputError is a page that can never succeed: retrying it cannot help, so
// the pipeline dead-letters it. Reason is a short stable code for metrics
// labels and dead-letter headers ("empty", "too_large", "invalid_utf8",
// "binary", "unsupported", and for HTML "too_deep", "too_many_nodes",
// "bad_html").
type InputError struct {
	Reason string
	Err    error // one of the sentinel errors above, wrapped with detail
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputError(reason string, sentinel error, format string, args ...any) error {
	return &InputError{Reason: reason, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

// ErrTimeout reports a page that ran past Limits.Timeout. It is not an
// InputError: a loaded machine can cause it, so callers may retry.
var ErrTimeout = errors.New("page classification timed out")

// Failure stands in the output of `slant classify` for an input that could
// not be classified, so that every input still yields one line.
type Failure struct {
	Schema string      `json:"schema"`
	ID     string      `json:"id"`
	URL    string      `json:"url"`
	Site   string      `json:"site"`
	Error  FailureInfo `json:"error"`
}

// FailureInfo says why: Reason is the short code of ReasonOf.
type FailureInfo struct {
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

// NewFailure builds the Failure for page p and the error Classify returned.
func NewFailure(p Page, err error) Failure {
	return Failure{Schema: SchemaVersion, ID: p.ID, URL: p.URL, Site: p.Site,
		Error: FailureInfo{Reason: ReasonOf(err), Message: err.Error()}}
}

// ReasonOf returns a short stable code for an error from Classify: an
// InputError's reason, "timeout", "canceled", or "error".
func ReasonOf(err error) string {
	var ie *InputError
	switch {
	case errors.As(err, &ie):
		return ie.Reason
	case errors.Is(err, ErrTimeout):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return "error"
}
