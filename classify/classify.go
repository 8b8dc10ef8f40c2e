// Package classify reads a news page and says how it is built and how it is
// sourced: which blocks are the story, which are opinion and which are page
// furniture; where sentences start and end; which claims are credited to whom,
// and how much that source is worth; how subjective each sentence reads.
//
// A page goes through one orchestration (analyze.go), a file per stage:
//
//	read           a front end makes a document of blocks with roles and the
//	               main article: plain text by its lines (segment.go,
//	               roles.go, layout.go); HTML streamed through a port of
//	               the golang.org/x/net/html tokenizer within Limits
//	               (html_charset.go, html_tokenizer.go, html_extract.go,
//	               html_attrs.go, html_text.go),
//	               roles from tags and class tokens (html_tags.go), the main
//	               content by paragraph scores and link density
//	               (html_content.go, html_layout.go), genre from the page's
//	               own markup (html_genre.go)
//	sentences      tokens, quotation pairs and sentence boundaries per block
//	               (tokens.go, quotes.go, sentences.go)
//	attributions   cues, sources and contents (attribution.go, cuewords.go,
//	               source.go),
//	               what each source is and is worth (source_type.go); with
//	               the models, the learned span tagger leads (tagged.go)
//	subjectivity   each sentence's score and loaded terms (subjectivity.go)
//	resolve        pronouns, anaphors and outlets named again (resolve.go)
//	verdict        block kinds, genre and sourcing into the Result (verdict.go)
//
// Every word list the rules read lives in internal/wordlists; lexicon.go
// indexes them once per Classifier (wordtable.go: the table the tokenizer
// probes with a word as written).
//
// Classification is pure: no I/O, no package-level mutable state. A
// Classifier is safe for concurrent use, and every span in a Result is a byte
// offset into the page text: the input as given for plain text, Result.Text
// (the text extracted from the markup) for HTML.
//
// Errors: every error Classify returns wraps a sentinel of errors.go, and
// ReasonOf turns it into the Reason code that the CLI's failure records, the
// pipeline's dead letters, the service's errors and the metrics all use
// (one table, so the paths cannot drift apart). A page that can never be
// classified (empty, too large, not UTF-8, binary, HTML too deep or too
// large) returns an *InputError; a page that runs past its time budget
// returns an error wrapping ErrTimeout; a cancelled context returns
// ctx.Err(). A panic inside Classify is recovered and returned as a
// *PanicError (wrapping ErrPanic, with the stack for the log), so one page
// cannot take down a process that classifies many.
package classify

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/slantwire/slant/models"
)

// Model names the default analysis in Result.Model: the learned models of
// package models (the attribution tagger, the sentence and loaded-term
// models) with the rules inside it — the rules read structure, type and
// resolve sources, add the attributions the tagger misses, and are blended
// with the models for subjectivity (models/README.md, "In classify").
const Model = "slant/2"

// BaselineModel names the rule-and-lexicon analysis alone (Options.Rules),
// kept to compare against.
const BaselineModel = "slant-rules/1"

// Options configure a Classifier.
type Options struct {
	Limits Limits
	// Rules runs the rule-and-lexicon baseline alone (Result.Model is then
	// BaselineModel), without the learned models: for comparison, and as
	// what the models are measured against in slant eval.
	Rules bool
	// ModelSet, when set, are the learned models to use instead of the
	// embedded ones (slant eval measures artifacts it has just trained).
	// Ignored with Rules.
	ModelSet *models.Models
}

// Classifier classifies pages. Build one with New and share it.
type Classifier struct {
	limits     Limits
	lex        *lexicon
	models     *models.Models // nil with Options.Rules
	model      string
	thresholds verdictThresholds
	spare      sync.Pool // *analysis: buffers for the next page (analyze.go)
}

// New returns a Classifier with opts applied over the defaults.
func New(opts Options) (*Classifier, error) {
	c := &Classifier{limits: opts.Limits.withDefaults(), lex: newLexicon(), model: BaselineModel, thresholds: verdictFor(false)}
	if opts.Rules {
		return c, nil
	}
	m := opts.ModelSet
	if m == nil {
		var err error
		if m, err = models.Load(); err != nil {
			return nil, fmt.Errorf("classify: loading models: %w", err)
		}
	}
	c.models, c.model, c.thresholds = m, Model, verdictFor(true)
	return c, nil
}

// Classify analyses one page. Its errors are described in the package
// documentation.
func (c *Classifier) Classify(ctx context.Context, p Page) (res *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	if err := c.validate(p); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, c.limits.Timeout, ErrTimeout)
	defer cancel()
	res, err = c.analyze(ctx, p)
	if err != nil {
		if errors.Is(context.Cause(ctx), ErrTimeout) {
			return nil, fmt.Errorf("%w after %s", ErrTimeout, c.limits.Timeout)
		}
		return nil, err
	}
	return res, nil
}

func (c *Classifier) validate(p Page) error {
	if p.Text == "" && p.HTML != "" {
		// Markup is read leniently: bad bytes and NULs in it become U+FFFD
		// or vanish from the extracted text instead of failing the page.
		if len(p.HTML) > c.limits.MaxBytes {
			return inputError(ErrTooLarge, "%d bytes of HTML, limit %d", len(p.HTML), c.limits.MaxBytes)
		}
		return nil
	}
	text := p.Text
	if len(text) > c.limits.MaxBytes {
		return inputError(ErrTooLarge, "%d bytes, limit %d", len(text), c.limits.MaxBytes)
	}
	if strings.TrimSpace(text) == "" {
		return inputError(ErrEmpty, "no text")
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		return inputError(ErrBinary, "first at byte %d", i)
	}
	if !utf8.ValidString(text) {
		return inputError(ErrInvalidUTF8, "first bad byte at %d", firstInvalidUTF8(text))
	}
	return nil
}

func firstInvalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

// checkEvery is how many loop steps run between context checks.
const checkEvery = 64

func ctxErr(ctx context.Context, step int) error {
	if step%checkEvery != 0 {
		return nil
	}
	return ctx.Err()
}
