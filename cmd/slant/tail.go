package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/classify/report"
	"github.com/slantwire/slant/pipeline"
	"github.com/slantwire/slant/pipeline/alert"
)

func runTail(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("tail", flag.ContinueOnError)
	var nf natsFlags
	nf.register(fs, "NATS server URL(s)")
	format := fs.String("format", "json", "json (one message per line, as stored) or text (for people)")
	all := fs.Bool("all", false, "start from the first stored message instead of new ones")
	since := fs.Duration("since", 0, "start with messages stored in the last DURATION")
	site := fs.String("site", "", "only this site")
	dead := fs.Bool("dead", false, "also print dead letters")
	count := fs.Int("n", 0, "exit after printing N messages (0: run until interrupted)")
	var lf logFlags
	lf.register(fs)
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
	nc, err := nf.dial(ctx, os.Getenv, "slant tail", log)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	token := ">"
	if *site != "" {
		token = pipeline.SiteToken(*site)
	}
	cfg := jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverNewPolicy}
	switch {
	case *all:
		cfg.DeliverPolicy = jetstream.DeliverAllPolicy
	case *since > 0:
		t := time.Now().Add(-*since)
		cfg.DeliverPolicy, cfg.OptStartTime = jetstream.DeliverByStartTimePolicy, &t
	}
	top := pipeline.Topology{}.WithDefaults()
	streams := map[string]string{top.ScoresStream: top.ScoresPrefix, top.AlertsStream: top.AlertsPrefix}
	if *dead {
		streams[top.DeadStream] = top.DeadPrefix
	}

	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var mu sync.Mutex
	printed := 0
	var wg sync.WaitGroup
	errs := make(chan error, len(streams))
	for stream, prefix := range streams {
		c := cfg
		c.FilterSubjects = []string{prefix + "." + token}
		cons, err := js.OrderedConsumer(ctx, stream, c)
		if err != nil {
			if ctx.Err() != nil {
				break // -n was reached, or we were interrupted, while setting up
			}
			return fmt.Errorf("%s: %w", stream, err)
		}
		wg.Go(func() {
			iter, err := cons.Messages()
			if err != nil {
				errs <- err
				return
			}
			context.AfterFunc(ctx, iter.Stop)
			for {
				m, err := iter.Next()
				if err != nil {
					if !errors.Is(err, jetstream.ErrMsgIteratorClosed) && ctx.Err() == nil {
						errs <- err
					}
					return
				}
				mu.Lock()
				if *count == 0 || printed < *count {
					printMsg(e.stdout, *format, m.Subject(), m.Data(), m.Headers().Get)
					printed++
				}
				if *count > 0 && printed >= *count {
					stop()
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// printMsg prints a score, alert or dead letter. JSON prints scores and
// alerts as stored (each names its schema) and dead letters as a small
// object with their headers, since their body is the page itself.
func printMsg(w io.Writer, format, subject string, data []byte, header func(string) string) {
	top := pipeline.Topology{}.WithDefaults()
	kind, site, _ := strings.Cut(subject, ".")
	if kind == top.DeadPrefix {
		if format == "json" {
			b, _ := json.Marshal(map[string]string{"schema": "slant-dead/v1", "subject": subject,
				"id": header(pipeline.HeaderPageID), "reason": header(pipeline.HeaderReason), "error": header(pipeline.HeaderError),
				"original_subject": header(pipeline.HeaderOrigSubject), "original_sequence": header(pipeline.HeaderOrigSequence)})
			fmt.Fprintf(w, "%s\n", b)
			return
		}
		fmt.Fprintf(w, "DEAD   %-16s %-24s %s: %s (PAGES seq %s)\n", site, header(pipeline.HeaderPageID),
			header(pipeline.HeaderReason), header(pipeline.HeaderError), header(pipeline.HeaderOrigSequence))
		return
	}
	if format == "json" {
		fmt.Fprintf(w, "%s\n", data)
		return
	}
	if kind == top.AlertsPrefix {
		var a alert.Alert
		if err := json.Unmarshal(data, &a); err != nil {
			fmt.Fprintf(w, "ALERT  %-16s (unreadable: %v)\n", site, err)
			return
		}
		detail := a.Label
		if a.Threshold != nil {
			detail = fmt.Sprintf("%s %.2f, threshold %.2f", a.Metric, a.Value, *a.Threshold)
		}
		fmt.Fprintf(w, "ALERT  %-16s %-24s %s: %s (%s)\n", site, a.ID, a.Rule, a.Description, detail)
		return
	}
	var r classify.Result
	if err := json.Unmarshal(data, &r); err != nil {
		fmt.Fprintf(w, "SCORE  %-16s (unreadable: %v)\n", site, err)
		return
	}
	fmt.Fprintf(w, "SCORE  %-16s %s\n", site, report.Summary(&r))
}

// waiter collects the results and dead letters of pages being published,
// for publish --wait. It subscribes before the first page goes out, so no
// result can slip past it.
type waiter struct {
	out    io.Writer
	format string
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	changed  chan struct{}
	arrived  map[string]arrival // by page key (pipeline.PageKey), whether expected yet or not
	expected map[string]bool    // page key → done
}

type arrival struct {
	dead    bool
	subject string
	data    []byte
	header  map[string]string
}

func newWaiter(ctx context.Context, js jetstream.JetStream, out io.Writer, format string) (*waiter, error) {
	ctx, cancel := context.WithCancel(ctx)
	w := &waiter{out: out, format: format, cancel: cancel, changed: make(chan struct{}, 1),
		arrived: map[string]arrival{}, expected: map[string]bool{}}
	top := pipeline.Topology{}.WithDefaults()
	for stream, dead := range map[string]bool{top.ScoresStream: false, top.DeadStream: true} {
		cons, err := js.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverNewPolicy})
		if err != nil {
			cancel()
			return nil, fmt.Errorf("--wait needs the %s stream (is slant serve running?): %w", stream, err)
		}
		iter, err := cons.Messages()
		if err != nil {
			cancel()
			return nil, err
		}
		context.AfterFunc(ctx, iter.Stop)
		w.wg.Go(func() {
			for {
				m, err := iter.Next()
				if err != nil {
					return
				}
				id := m.Headers().Get(pipeline.HeaderPageID)
				if id == "" {
					continue
				}
				_, site, _ := strings.Cut(m.Subject(), ".")
				id = pipeline.PageKey(site, id)
				h := map[string]string{}
				for k := range m.Headers() {
					h[k] = m.Headers().Get(k)
				}
				w.mu.Lock()
				if _, ok := w.arrived[id]; !ok {
					w.arrived[id] = arrival{dead: dead, subject: m.Subject(), data: m.Data(), header: h}
				}
				w.mu.Unlock()
				select {
				case w.changed <- struct{}{}:
				default:
				}
			}
		})
	}
	return w, nil
}

func (w *waiter) expect(site, id string) {
	w.mu.Lock()
	w.expected[pipeline.PageKey(site, id)] = false
	w.mu.Unlock()
}
func (w *waiter) stop() { w.cancel(); w.wg.Wait() }

// wait prints results as they come until every expected page has one or
// timeout passes; it returns the counts and the ids still missing.
func (w *waiter) wait(ctx context.Context, timeout time.Duration) (results, dead int, missing []string) {
	deadline := time.Now().Add(timeout)
	for {
		w.mu.Lock()
		missing = missing[:0]
		for id, done := range w.expected {
			if done {
				continue
			}
			a, ok := w.arrived[id]
			if !ok {
				missing = append(missing, id)
				continue
			}
			w.expected[id] = true
			if a.dead {
				dead++
			} else {
				results++
			}
			printMsg(w.out, w.format, a.subject, a.data, func(k string) string { return a.header[k] })
		}
		w.mu.Unlock()
		if len(missing) == 0 {
			return results, dead, nil
		}
		select {
		case <-w.changed:
			continue
		case <-time.After(time.Until(deadline)):
		case <-ctx.Done():
		}
		sort.Strings(missing)
		return results, dead, missing
	}
}
