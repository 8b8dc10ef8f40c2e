package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/classify/report"
)

// job is one input: a page, or the failure that reading it already met.
type job struct {
	page    classify.Page
	failure error
	input   int      // index of the input (file) it came from, for -o
	result  chan any // *classify.Result or classify.Failure
}

// done is a job's result and the input it came from.
type done struct {
	v     any
	input int
}

func runClassify(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	input := fs.String("input", "text", "input format: text (each FILE is one page) or jsonl (page envelopes, one per line)")
	format := fs.String("format", "json", "output format: json (one result per line), text (a report for people) or html (one page's annotated view; one FILE)")
	pretty := fs.Bool("pretty", false, "indent JSON output")
	typ := fs.String("type", "auto", "page type for --input text: auto (by extension, else by content), text or html")
	url := fs.String("url", "", "page URL for text input (its path can mark an opinion section)")
	maxBytes := fs.Int("max-bytes", classify.DefaultMaxBytes, "reject pages larger than this many bytes")
	timeout := fs.Duration("timeout", classify.DefaultTimeout, "time limit per page")
	workers := fs.Int("workers", runtime.NumCPU(), "pages classified in parallel")
	color := fs.String("color", "auto", "colour the text report: auto, always or never")
	useModels := fs.Bool("models", false, "add the learned models to the rules (model slant-models/1; slower, see models/README.md)")
	outDir := fs.String("o", "", "write one result file per input into this directory instead of standard output")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if err := errors.Join(atLeast("max-bytes", *maxBytes, 1), atLeast("workers", *workers, 1)); err != nil {
		return err
	}
	if *timeout == 0 {
		return &exitError{2, errors.New("--timeout 0: want a time limit above zero")}
	}
	if *input != "text" && *input != "jsonl" {
		return &exitError{2, fmt.Errorf("--input %q: want text or jsonl", *input)}
	}
	if *typ != "auto" && *typ != "text" && *typ != "html" {
		return &exitError{2, fmt.Errorf("--type %q: want auto, text or html", *typ)}
	}
	if *format != "json" && *format != "text" && *format != "html" {
		return &exitError{2, fmt.Errorf("--format %q: want json, text or html", *format)}
	}
	htmlOut, err := newHTMLOutput(*format, *input, fs.Args(), *outDir != "")
	if err != nil {
		return err
	}
	if *color != "auto" && *color != "always" && *color != "never" {
		return &exitError{2, fmt.Errorf("--color %q: want auto, always or never", *color)}
	}
	c, err := classify.New(classify.Options{Limits: classify.Limits{MaxBytes: *maxBytes, Timeout: *timeout}, Models: *useModels})
	if err != nil {
		return err
	}
	inputs, err := expandInputs(fs.Args(), *input)
	if err != nil {
		return err
	}
	var outs *outFiles
	if *outDir != "" {
		if outs, err = newOutFiles(*outDir, *format, inputs); err != nil {
			return err
		}
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	useColor := wantColor(*color, isTerminal(e.stdout) && outs == nil, os.Getenv)
	emit := func(v any) error {
		if htmlOut != nil {
			return htmlOut.write(out, v)
		}
		if *format == "text" {
			switch r := v.(type) {
			case *classify.Result:
				err := report.Write(out, r, report.Options{Color: useColor})
				out.WriteString("\n")
				return err
			case classify.Failure:
				_, err := fmt.Fprintf(out, "%s\n  error (%s): %s\n\n", r.ID, r.Error.Reason, r.Error.Message)
				return err
			}
		}
		var b []byte
		var err error
		if *pretty {
			b, err = json.MarshalIndent(v, "", "  ")
		} else {
			b, err = json.Marshal(v)
		}
		if err != nil {
			return err
		}
		out.Write(b)
		return out.WriteByte('\n')
	}

	jobs := make(chan *job)
	go func() {
		defer close(jobs)
		for i, in := range inputs {
			name := in.path
			if in.mode == "jsonl" {
				readEnvelopes(ctx, e, name, i, *maxBytes, jobs)
				continue
			}
			j := &job{page: classify.Page{ID: in.id, URL: *url}, input: i}
			text, err := readPageFile(e, name, *maxBytes)
			j.failure = err
			if isHTML(*typ, name, text) {
				j.page.HTML = text
			} else {
				j.page.Text = text
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	failed := 0
	for d := range classifyInOrder(ctx, c, jobs, *workers) {
		v := d.v
		if outs != nil {
			if err := outs.switchTo(out, d.input); err != nil {
				return err
			}
		}
		if f, ok := v.(classify.Failure); ok {
			failed++
			fmt.Fprintf(e.stderr, "slant classify: %s: %s\n", f.ID, f.Error.Message)
		}
		if err := emit(v); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if outs != nil {
		if err := outs.close(out); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "slant classify: wrote %d files to %s\n", outs.written, *outDir)
	}
	if failed > 0 {
		return &exitError{1, nil}
	}
	return nil
}

// classifyInOrder classifies jobs on workers goroutines and yields the
// results in input order. At most 2×workers results wait to be written, so
// memory stays bounded however long the input is.
func classifyInOrder(ctx context.Context, c *classify.Classifier, jobs <-chan *job, workers int) <-chan done {
	work := make(chan *job)
	order := make(chan *job, 2*workers)
	go func() {
		defer close(work)
		defer close(order)
		for j := range jobs {
			j.result = make(chan any, 1)
			order <- j
			work <- j
		}
	}()
	for range workers {
		go func() {
			for j := range work {
				if j.failure != nil {
					j.result <- classify.NewFailure(j.page, j.failure)
					continue
				}
				res, err := c.Classify(ctx, j.page)
				if err != nil {
					j.result <- classify.NewFailure(j.page, err)
					continue
				}
				j.result <- res
			}
		}()
	}
	out := make(chan done)
	go func() {
		defer close(out)
		for j := range order {
			out <- done{<-j.result, j.input}
		}
	}()
	return out
}

// isHTML decides a file's type under --type: auto reads .html and .htm
// files, and files whose content starts like markup, as HTML.
func isHTML(typ, name, content string) bool {
	switch typ {
	case "html":
		return true
	case "text":
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	case ".txt", ".text":
		return false
	}
	return classify.LooksLikeHTML(content)
}

// readPageFile reads one text page, refusing to hold more than limit bytes.
func readPageFile(e env, name string, limit int) (string, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return "", err
	}
	if len(b) > limit {
		return "", fmt.Errorf("%w: more than %d bytes", classify.ErrTooLarge, limit)
	}
	return string(b), nil
}

// readEnvelopes sends one job per line of a JSONL file. A line longer than
// the page limit (plus room for the envelope) is skipped unread and reported
// as too large; a line that is not an envelope is reported as such.
func readEnvelopes(ctx context.Context, e env, name string, input, maxBytes int, jobs chan<- *job) {
	send := func(j *job) bool {
		j.input = input
		select {
		case jobs <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			send(&job{page: classify.Page{ID: name}, failure: err})
			return
		}
		defer f.Close()
		r = f
	}
	lineLimit := 2*maxBytes + 64<<10 // JSON escaping can double the text
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, lineLimit)
		if len(line) == 0 && !tooLong && err != nil {
			if !errors.Is(err, io.EOF) {
				send(&job{page: classify.Page{ID: name + ":" + strconv.Itoa(n)}, failure: err})
			}
			return
		}
		j := &job{}
		switch {
		case tooLong:
			j.page.ID = fmt.Sprintf("%s:%d", name, n)
			j.failure = fmt.Errorf("%w: line %d is over %d bytes", classify.ErrTooLarge, n, lineLimit)
		case len(bytes.TrimSpace(line)) == 0:
			continue
		default:
			env, err := classify.ParseEnvelope(line)
			switch {
			case err == nil:
				j.page = env.Page()
			case errors.Is(err, classify.ErrBadEnvelope):
				j.page.ID = fmt.Sprintf("%s:%d", name, n)
				j.failure = fmt.Errorf("line %d is %w", n, err)
			default:
				j.page.ID = fmt.Sprintf("%s:%d", name, n)
				j.failure = fmt.Errorf("line %d: %w", n, err)
			}
		}
		if !send(j) {
			return
		}
	}
}

// readLine reads a line of at most limit bytes; a longer line is consumed
// and discarded, and tooLong is set.
func readLine(br *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > limit {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == nil {
			return bytes.TrimRight(line, "\r\n"), tooLong, nil
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
