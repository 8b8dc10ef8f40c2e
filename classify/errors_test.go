package classify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestReasonTable: every sentinel of this package has a code of its own,
// the context errors have the codes of what they mean, and the code survives
// wrapping.
func TestReasonTable(t *testing.T) {
	byReason := map[Reason]error{}
	for _, e := range errorReasons {
		if e.reason == "" || strings.ToLower(string(e.reason)) != string(e.reason) || strings.ContainsAny(string(e.reason), " -.") {
			t.Errorf("%v: code %q is not a snake_case token", e.err, e.reason)
		}
		if e.err == context.Canceled || e.err == context.DeadlineExceeded {
			continue
		}
		if prev, ok := byReason[e.reason]; ok {
			t.Errorf("%q stands for both %v and %v", e.reason, prev, e.err)
		}
		byReason[e.reason] = e.err
		wrapped := fmt.Errorf("outer: %w", fmt.Errorf("inner: %w", e.err))
		if got := ReasonOf(wrapped); got != e.reason {
			t.Errorf("ReasonOf(wrapped %v) = %q, want %q", e.err, got, e.reason)
		}
	}
	for _, sentinel := range []error{ErrEmpty, ErrTooLarge, ErrInvalidUTF8, ErrBinary, ErrTooDeep, ErrTooManyNodes,
		ErrBadHTML, ErrBadEnvelope, ErrTimeout, ErrPanic, ErrMaxDeliveries, ErrResultTooLarge, ErrIDTooLong} {
		if ReasonOf(sentinel) == ReasonError {
			t.Errorf("sentinel %v is not in the table", sentinel)
		}
	}
	for err, want := range map[error]Reason{
		nil:                              "",
		errors.New("model file missing"): ReasonError,
		context.Canceled:                 ReasonShutdown,
		fmt.Errorf("x: %w", context.DeadlineExceeded): ReasonTimeout,
		&PanicError{Value: "boom"}:                    ReasonPanic,
		inputError(ErrTooDeep, "more than %d", 3):     ReasonTooDeep,
	} {
		if got := ReasonOf(err); got != want {
			t.Errorf("ReasonOf(%v) = %q, want %q", err, got, want)
		}
	}
	var ie *InputError
	if err := inputError(ErrBinary, "first at byte %d", 4); !errors.As(err, &ie) || ie.Reason != ReasonBinary ||
		err.Error() != "page contains NUL bytes: first at byte 4" {
		t.Errorf("inputError: %#v", err)
	}
}

// TestFailureRecord pins the JSON of a failure record (docs/schema.md).
func TestFailureRecord(t *testing.T) {
	c := newClassifier(t, Options{Limits: Limits{MaxBytes: 10}})
	p := Page{ID: "p1", URL: "https://example.com/a", Site: "example.com", Text: "A page longer than ten bytes."}
	_, err := c.Classify(context.Background(), p)
	b, _ := json.Marshal(NewFailure(p, err))
	want := `{"schema":"slant/v1","id":"p1","url":"https://example.com/a","site":"example.com",` +
		`"error":{"reason":"too_large","message":"page is over the size limit: 29 bytes, limit 10"}}`
	if string(b) != want {
		t.Errorf("failure record\n got %s\nwant %s", b, want)
	}
}

// TestClassifyRecoversPanic breaks a Classifier (no lexicon) so that it
// panics: Classify must return a *PanicError with the stack, not crash.
func TestClassifyRecoversPanic(t *testing.T) {
	broken := &Classifier{limits: Limits{}.withDefaults(), model: BaselineModel}
	res, err := broken.Classify(context.Background(), Page{ID: "x", Text: "The minister said the talks would resume."})
	var pe *PanicError
	if res != nil || !errors.As(err, &pe) || !errors.Is(err, ErrPanic) || ReasonOf(err) != ReasonPanic {
		t.Fatalf("got %v, %v; want a *PanicError", res, err)
	}
	if !strings.HasPrefix(err.Error(), "classifier panic: ") || !strings.Contains(string(pe.Stack), "classify.(*Classifier)") {
		t.Errorf("message %q, stack:\n%s", err, pe.Stack)
	}
}

func TestParseEnvelope(t *testing.T) {
	env, err := ParseEnvelope([]byte(`{"id":"a","site":"s","html":"<p>x</p>"}`))
	if err != nil || env != (Envelope{ID: "a", Site: "s", HTML: "<p>x</p>"}) {
		t.Errorf("got %+v, %v", env, err)
	}
	for in, want := range map[string]Reason{
		"just some text":                      ReasonBadEnvelope,
		`["x"]`:                               ReasonBadEnvelope,
		`{"id": 3`:                            ReasonBadEnvelope,
		"{\"id\":\"u\",\"text\":\"caf\xe9\"}": ReasonInvalidUTF8,
	} {
		_, err := ParseEnvelope([]byte(in))
		var ie *InputError
		if !errors.As(err, &ie) || ie.Reason != want {
			t.Errorf("ParseEnvelope(%q): %v, want an InputError %q", in, err, want)
		}
	}
}
