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
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/pipeline"
)

// outPage is one page ready to publish.
type outPage struct {
	env    classify.Envelope
	origin string // file (and line) it came from, for messages
}

func runPublish(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	var nf natsFlags
	nf.register(fs, "NATS server URL(s)")
	var lf logFlags
	lf.register(fs)
	site := fs.String("site", "", `site of pages whose envelope names none (default "default")`)
	id := fs.String("id", "stdin", "id of a text page read from stdin")
	wait := fs.Bool("wait", false, "wait for each page's result (or dead letter), print and count them")
	timeout := fs.Duration("timeout", 2*time.Minute, "with --wait: give up after this long")
	format := fs.String("format", "text", "with --wait: print results as text or json")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return &exitError{2, fmt.Errorf("--format %q: want text or json", *format)}
	}
	log, err := lf.logger(e.stderr, false)
	if err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	var pages []outPage
	for _, in := range inputs {
		ps, err := readInput(e.stdin, in, *id)
		if err != nil {
			return err
		}
		pages = append(pages, ps...)
	}
	if len(pages) == 0 {
		return errors.New("no pages found")
	}
	// Page ids are unique per site only: two pages of one site with one id
	// (index.html of two directories) would keep the first and silently
	// drop the second, so refuse the batch instead.
	seen := map[string]string{}
	for i := range pages {
		pages[i].env.Site = siteOrDefault(pages[i].env.Site, *site)
		key := pipeline.PageKey(pages[i].env.Site, pages[i].env.ID)
		if prev, ok := seen[key]; ok {
			return &exitError{1, fmt.Errorf("%s and %s are both page %q of site %q: give them distinct ids (envelope id) or sites (--site)",
				prev, pages[i].origin, pages[i].env.ID, pipeline.SiteToken(pages[i].env.Site))}
		}
		seen[key] = pages[i].origin
	}

	nc, err := nf.dial(ctx, os.Getenv, "slant publish", log)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(256))
	if err != nil {
		return err
	}

	var w *waiter
	if *wait {
		if w, err = newWaiter(ctx, js, e.stdout, *format); err != nil {
			return err
		}
		defer w.stop()
	}

	bar := newBar(e.stderr, len(pages), "publishing")
	type sent struct {
		page outPage
		ack  jetstream.PubAckFuture
	}
	var futures []sent
	var failed []string
	maxPayload := nc.MaxPayload()
	var top pipeline.Topology // publish, like serve, uses the default topology
	for _, p := range pages {
		body, err := json.Marshal(p.env)
		if err != nil {
			return err
		}
		if int64(len(body)) > maxPayload {
			failed = append(failed, fmt.Sprintf("%s: %d bytes, over the server's max payload of %d", p.origin, len(body), maxPayload))
			continue
		}
		m := &nats.Msg{
			Subject: top.PageSubject(p.env.Site),
			Header:  nats.Header{pipeline.HeaderMsgID: {pipeline.PageKey(p.env.Site, p.env.ID)}},
			Data:    body,
		}
		f, err := js.PublishMsgAsync(m)
		if err != nil {
			return fmt.Errorf("%s: %w", p.origin, err)
		}
		futures = append(futures, sent{p, f})
	}
	var accepted int
	var dups []outPage
	for _, s := range futures {
		select {
		case ack := <-s.ack.Ok():
			if ack.Duplicate {
				// Accepted earlier: PAGES dropped it, so no new result
				// will come and --wait does not wait for one.
				dups = append(dups, s.page)
			} else {
				accepted++
				if w != nil {
					w.expect(s.page.env.Site, s.page.env.ID)
				}
			}
		case err := <-s.ack.Err():
			failed = append(failed, fmt.Sprintf("%s: %v", s.page.origin, err))
		case <-ctx.Done():
			return ctx.Err()
		}
		_ = bar.Add(1)
	}
	_ = bar.Finish()
	fmt.Fprintf(e.stderr, "published %d pages (%d new, %d duplicates of pages already accepted), %d failed\n",
		accepted+len(dups), accepted, len(dups), len(failed))
	for _, d := range dups {
		fmt.Fprintln(e.stderr, "  duplicate (same site and id accepted within the de-duplication window; not scored again):", d.origin)
	}
	for _, f := range failed {
		fmt.Fprintln(e.stderr, "  failed:", f)
	}
	if w != nil {
		results, dead, missing := w.wait(ctx, *timeout)
		stored := printStored(ctx, js, e, *format, dups)
		fmt.Fprintf(e.stderr, "results: %d scored, %d already scored, %d dead-lettered, %d without result\n", results, stored, dead, len(missing))
		if len(missing) > 0 {
			return &exitError{1, fmt.Errorf("no result within %s for %d pages (first: %s)", *timeout, len(missing), missing[0])}
		}
		if dead > 0 {
			return &exitError{1, fmt.Errorf("%d pages were dead-lettered (slant tail --dead --all shows why)", dead)}
		}
	}
	if len(failed) > 0 {
		return &exitError{1, fmt.Errorf("%d pages not published", len(failed))}
	}
	return nil
}

// newBar draws a progress bar on a terminal and nothing elsewhere, so logs
// and CI output stay clean.
func newBar(w io.Writer, n int, what string) *progressbar.ProgressBar {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return progressbar.NewOptions(n, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	}
	return progressbar.DefaultSilent(int64(n))
}

// readInput expands one command-line input into pages.
func readInput(stdin io.Reader, in, stdinID string) ([]outPage, error) {
	if in == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("stdin: %w", err)
		}
		if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
			return readJSONL(bytes.NewReader(b), "stdin")
		}
		return []outPage{{env: classify.Envelope{ID: stdinID, Text: string(b)}, origin: "stdin"}}, nil
	}
	st, err := os.Stat(in)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return readFile(in, idFromName(filepath.Base(in)))
	}
	var pages []outPage
	err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != in {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(in, path)
		ps, err := readFile(path, idFromName(filepath.ToSlash(rel)))
		pages = append(pages, ps...)
		return err
	})
	return pages, err
}

func idFromName(name string) string {
	return strings.TrimSuffix(name, filepath.Ext(name))
}

func readFile(path, id string) ([]outPage, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readJSONL(f, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	env := classify.Envelope{ID: id}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		env.HTML = string(b)
	default:
		env.Text = string(b)
	}
	return []outPage{{env: env, origin: path}}, nil
}

func readJSONL(r io.Reader, name string) ([]outPage, error) {
	var pages []outPage
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var env classify.Envelope
		if err := json.Unmarshal(b, &env); err != nil {
			return nil, fmt.Errorf("%s:%d: not a page envelope: %w", name, line, err)
		}
		if env.ID == "" {
			return nil, fmt.Errorf("%s:%d: envelope without id", name, line)
		}
		pages = append(pages, outPage{env: env, origin: fmt.Sprintf("%s:%d", name, line)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return pages, nil
}

// printStored prints the stored results of pages published again (so every
// run shows results) and returns how many it found.
func printStored(ctx context.Context, js jetstream.JetStream, e env, format string, pages []outPage) int {
	n := 0
	for _, p := range pages {
		m, err := pipeline.StoredResult(ctx, js, pipeline.Topology{}, p.env.Site, p.env.ID, pipeline.DefaultMaxScan)
		if err != nil {
			fmt.Fprintf(e.stderr, "  %s: already scored; its result cannot be shown: %v\n", p.origin, err)
			continue
		}
		n++
		fmt.Fprintf(e.stderr, "  %s: already scored, the stored result:\n", p.origin)
		printMsg(e.stdout, format, m.Subject, m.Data, m.Header.Get)
	}
	return n
}
