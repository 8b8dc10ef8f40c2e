package classify

import "time"

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
// and by the pipeline's input stream. Read it with ParseEnvelope.
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
