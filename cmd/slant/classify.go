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
	"slices"
	"strconv"
	"strings"
	"time"

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

// classifyFlags are the flags of slant classify.
type classifyFlags struct {
	input, format, typ, url, color, outDir string
	pretty, rules                          bool
	maxBytes, workers                      int
	timeout                                time.Duration
}

func (f *classifyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.input, "input", "text", "input format: text (each FILE is one page) or jsonl (page envelopes, one per line)")
	fs.StringVar(&f.format, "format", "json", "output format: json (one result per line), text (a report for people) or html (one page's annotated view; one FILE)")
	fs.BoolVar(&f.pretty, "pretty", false, "indent JSON output")
	fs.StringVar(&f.typ, "type", "auto", "page type for --input text: auto (by extension, else by content), text or html")
	fs.StringVar(&f.url, "url", "", "page URL for text input (its path can mark an opinion section)")
	fs.IntVar(&f.maxBytes, "max-bytes", classify.DefaultMaxBytes, "reject pages larger than this many bytes")
	fs.DurationVar(&f.timeout, "timeout", classify.DefaultTimeout, "time limit per page")
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "pages classified in parallel")
	fs.StringVar(&f.color, "color", "auto", "colour the text report: auto, always or never")
	fs.BoolVar(&f.rules, "rules", false, "the rule-and-lexicon baseline alone, without the learned models (model slant-rules/1; to compare against the default slant/2)")
	fs.StringVar(&f.outDir, "o", "", "write one result file per input into this directory instead of standard output")
}

// check rejects flag values that cannot work, naming the flag.
func (f *classifyFlags) check() error {
	if err := errors.Join(atLeast("max-bytes", f.maxBytes, 1), atLeast("workers", f.workers, 1)); err != nil {
		return err
	}
	for _, c := range []struct {
		flag, value string
		want        []string
	}{
		{"input", f.input, []string{"text", "jsonl"}},
		{"type", f.typ, []string{"auto", "text", "html"}},
		{"format", f.format, []string{"json", "text", "html"}},
		{"color", f.color, []string{"auto", "always", "never"}},
	} {
		if !slices.Contains(c.want, c.value) {
			return &exitError{2, fmt.Errorf("--%s %q: want %s", c.flag, c.value, strings.Join(c.want, ", "))}
		}
	}
	if f.timeout == 0 {
		return &exitError{2, errors.New("--timeout 0: want a time limit above zero")}
	}
	return nil
}

func runClassify(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	var f classifyFlags
	f.register(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	htmlOut, err := newHTMLOutput(f.format, f.input, fs.Args(), f.outDir != "")
	if err != nil {
		return err
	}
	c, err := classify.New(classify.Options{Limits: classify.Limits{MaxBytes: f.maxBytes, Timeout: f.timeout}, Rules: f.rules})
	if err != nil {
		return err
	}
	inputs, err := expandInputs(fs.Args(), f.input)
	if err != nil {
		return err
	}
	var outs *outFiles
	if f.outDir != "" {
		if outs, err = newOutFiles(f.outDir, f.format, inputs); err != nil {
			return err
		}
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	w := resultWriter{out: out, format: f.format, pretty: f.pretty, html: htmlOut,
		color: wantColor(f.color, isTerminal(e.stdout) && outs == nil, os.Getenv)}
	failed := 0
	for d := range classifyInOrder(ctx, c, feedJobs(ctx, e, inputs, f), f.workers) {
		if outs != nil {
			if err := outs.switchTo(out, d.input); err != nil {
				return err
			}
		}
		if fl, ok := d.v.(classify.Failure); ok {
			failed++
			fmt.Fprintf(e.stderr, "slant classify: %s: %s\n", fl.ID, fl.Error.Message)
		}
		if err := w.write(d.v); err != nil {
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
		fmt.Fprintf(e.stderr, "slant classify: wrote %d files to %s\n", outs.written, f.outDir)
	}
	if failed > 0 {
		return &exitError{1, nil}
	}
	return nil
}

// feedJobs reads the inputs into jobs, in order, until ctx ends.
func feedJobs(ctx context.Context, e env, inputs []classifyInput, f classifyFlags) <-chan *job {
	jobs := make(chan *job)
	go func() {
		defer close(jobs)
		for i, in := range inputs {
			name := in.path
			if in.mode == "jsonl" {
				readEnvelopes(ctx, e, name, i, f.maxBytes, jobs)
				continue
			}
			j := &job{page: classify.Page{ID: in.id, URL: f.url}, input: i}
			text, err := readPageFile(e, name, f.maxBytes)
			j.failure = err
			if isHTML(f.typ, name, text) {
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
	return jobs
}

// resultWriter writes each result or failure record in the chosen format.
type resultWriter struct {
	out    *bufio.Writer
	format string
	pretty bool
	color  bool
	html   *htmlOutput
}

func (w resultWriter) write(v any) error {
	if w.html != nil {
		return w.html.write(w.out, v)
	}
	if w.format == "text" {
		switch r := v.(type) {
		case *classify.Result:
			err := report.Write(w.out, r, report.Options{Color: w.color})
			w.out.WriteString("\n")
			return err
		case classify.Failure:
			_, err := fmt.Fprintf(w.out, "%s\n  error (%s): %s\n\n", r.ID, r.Error.Reason, r.Error.Message)
			return err
		}
	}
	var b []byte
	var err error
	if w.pretty {
		b, err = json.MarshalIndent(v, "", "  ")
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return err
	}
	w.out.Write(b)
	return w.out.WriteByte('\n')
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
