package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/classify/report/htmlreport"
)

// htmlOutput writes `slant classify --format html`: one document per
// result. Its write is what a per-input output file would call too.
type htmlOutput struct {
	r *htmlreport.Renderer
}

// newHTMLOutput returns nil for any format but html. An HTML document is
// one page, so without an output directory html takes exactly one FILE of
// text input: documents concatenated on standard output would not be one
// valid file.
func newHTMLOutput(format, input string, files []string, toDir bool) (*htmlOutput, error) {
	if format != "html" {
		return nil, nil
	}
	if !toDir && (input != "text" || len(files) > 1) {
		return nil, &exitError{2, errors.New("--format html writes one page's document to standard output: give one FILE (or -) with --input text, or -o DIR for one file per input")}
	}
	r, err := htmlreport.New()
	if err != nil {
		return nil, err
	}
	return &htmlOutput{r}, nil
}

// write renders a result. A failure has no document: its error record's
// message already went to standard error, and nothing is written.
func (h *htmlOutput) write(w io.Writer, v any) error {
	res, ok := v.(*classify.Result)
	if !ok {
		return nil
	}
	if err := h.r.Result(w, res, htmlreport.Options{}); err != nil {
		return fmt.Errorf("html report of %s: %w", res.ID, err)
	}
	return nil
}
