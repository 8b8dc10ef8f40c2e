package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/internal/shareddata"
)

// benchPage is a realistic ~5 KB news page: headline, byline, dateline,
// attributed paragraphs, quotes, and the furniture around them.
func benchPage(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Home | World | Business | Opinion | Sports\n\nCity council approves $%d million transit plan after months of debate\n\n", 100+i%900)
	b.WriteString("By Maria Lopez, Staff Reporter\nUpdated March 4, 2025\n\n")
	paras := []string{
		"SPRINGFIELD (AP) — The city council voted 7-2 on Tuesday to approve a transit plan that would add three bus rapid transit lines by 2028, Mayor Jane Smith said in a statement.",
		"\"This is the most important investment in our neighborhoods in a generation,\" Smith said at a news conference after the vote. \"Nobody should need a car to get to work.\"",
		"According to a budget document reviewed by the Springfield Herald, the plan relies on a half-cent sales tax increase that voters approved in November.",
		"Council member Robert Chen, who voted against the measure, argued that the projected ridership figures were \"wildly optimistic\" and said the city had not studied the impact on small businesses along the routes.",
		"Two officials familiar with the negotiations said the state transportation department had privately warned the city that federal matching funds were not guaranteed.",
		"A spokesperson for the state Department of Transportation declined to comment on the discussions but said the agency \"supports projects that reduce congestion.\"",
		"Residents who packed the council chamber were divided. Supporters held signs reading \"Buses for all\" while opponents chanted that the plan would destroy parking on Main Street.",
		"The transit authority estimates construction will begin in the spring of next year, per a timeline published on its website, with the first line opening in late 2027.",
		"Reuters reported last month that similar projects in three other Midwestern cities had run over budget by an average of 28 percent.",
		"Smith dismissed those comparisons. \"Springfield is not Cleveland,\" she said, adding that the city had set aside a contingency fund of $12 million.",
	}
	for k, p := range paras {
		b.WriteString(p)
		if k%3 == 0 {
			fmt.Fprintf(&b, " The figure cited was %d.", i*7+k)
		}
		b.WriteString("\n\n")
	}
	b.WriteString("ADVERTISEMENT\n\nMore News\n\nSchool board weighs later start times\nParents and teachers split over a proposal to push the first bell to 8:45...\n\nSubscribe to our newsletter\n\nShare on Facebook | Share on X | Email\n\n")
	b.WriteString("© 2025 Springfield Herald. All rights reserved. Privacy Policy | Terms of Service | Contact Us\n")
	for b.Len() < 5000 {
		b.WriteString("Related: Transit coverage archive, council meeting minutes, budget explainer.\n")
	}
	return b.String()
}

// benchCounter counts stored results and signals when it reaches target.
type benchCounter struct {
	NopObserver
	n      atomic.Int64
	target int64
	done   chan struct{}
}

func (c *benchCounter) PageClassified(string, *classify.Result, time.Duration, time.Duration) {
	if c.n.Add(1) == c.target {
		close(c.done)
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkEndToEnd measures pages/s from publish to stored result, acks
// included, with the nats-server in-process (file storage): the CPU
// figure covers publisher, server and workers. classify=noop replaces the
// classifier with a function that returns a fixed result, leaving the
// transport's own cost.
func BenchmarkEndToEnd(b *testing.B) {
	def, err := classify.New(classify.Options{})
	if err != nil {
		b.Fatal(err)
	}
	rules, err := classify.New(classify.Options{Rules: true})
	if err != nil {
		b.Fatal(err)
	}
	noop := func(_ context.Context, p classify.Page) (*classify.Result, error) { return stubResult(p), nil }
	for _, c := range []struct {
		name string
		fn   ClassifyFunc
	}{{"default", def.Classify}, {"rules", rules.Classify}, {"noop", noop}} {
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("classify=%s/workers=%d", c.name, workers), func(b *testing.B) {
				benchPipeline(b, c.fn, workers)
			})
		}
	}
}

// BenchmarkEndToEndNews is BenchmarkEndToEnd on realistic pages, the 924
// PolNeAR articles (about 5 KB of prose each) in turn, with two workers.
// Needs the shared data folder.
func BenchmarkEndToEndNews(b *testing.B) {
	files, _ := filepath.Glob("../../shared/data/polnear/*/text/*.txt")
	if len(files) == 0 {
		shareddata.Skipf(b, "PolNeAR not present in ../../shared/data/polnear (it lives in the shared data folder)")
	}
	bodies := make([][]byte, len(files))
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		bodies[i] = envelope(fmt.Sprintf("news-%d", i), "bench", string(raw))
	}
	for _, opts := range []struct {
		name string
		o    classify.Options
	}{{"default", classify.Options{}}, {"rules", classify.Options{Rules: true}}} {
		c, err := classify.New(opts.o)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("classify="+opts.name+"/workers=2", func(b *testing.B) { benchPipelineOn(b, bodies, c.Classify, 2) })
	}
}

func benchPipeline(b *testing.B, fn ClassifyFunc, workers int) {
	bodies := make([][]byte, 64)
	for i := range bodies {
		bodies[i] = envelope(fmt.Sprintf("warm-%d", i), "bench", benchPage(i))
	}
	benchPipelineOn(b, bodies, fn, workers)
}

// benchPipelineOn publishes b.N pages, bodies in turn, and waits for every
// result.
func benchPipelineOn(b *testing.B, bodies [][]byte, fn ClassifyFunc, workers int) {
	s := startServer(b)
	pubConn := connect(b, s.ClientURL())
	js := newJS(b, pubConn)
	counter := &benchCounter{target: int64(b.N), done: make(chan struct{})}
	o := testOptions(connect(b, s.ClientURL()))
	o.Workers, o.Classify, o.Observer = workers, fn, counter
	o.Prefetch = 64
	startPipeline(b, o)

	size := 0
	for _, body := range bodies {
		size += len(body)
	}
	b.SetBytes(int64(size / len(bodies)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, t0 := cpuTime(), time.Now()
	for i := 0; i < b.N; i++ {
		id := fmt.Sprintf("b-%d", i)
		// The body's id is not rewritten per page: Nats-Msg-Id and the
		// envelope id fallback are what matter to the pipeline.
		m := &nats.Msg{Subject: "pages.bench", Data: withID(bodies[i%len(bodies)], id), Header: nats.Header{HeaderMsgID: {id}}}
		if _, err := js.PublishMsgAsync(m); err != nil {
			b.Fatal(err)
		}
	}
	select {
	case <-counter.done:
	case <-time.After(5 * time.Minute):
		b.Fatalf("%d of %d results", counter.n.Load(), b.N)
	}
	elapsed, cpu := time.Since(t0), cpuTime()-cpu0
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "pages/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/page")
}

// withID replaces the envelope id of a bench body.
func withID(body []byte, id string) []byte {
	s := string(body)
	start := strings.Index(s, `"id":"`) + len(`"id":"`)
	end := start + strings.IndexByte(s[start:], '"')
	return []byte(s[:start] + id + s[end:])
}

// BenchmarkTransportReplay is the transport with a realistic result: the
// classifier returns a copy of the default analysis of the bench page,
// made once, so the figure is the pipeline's own cost (decoding the page,
// encoding and storing its ~40 KB result, acks) without the noise of the
// classifier itself.
func BenchmarkTransportReplay(b *testing.B) {
	c, err := classify.New(classify.Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := c.Classify(context.Background(), classify.Page{ID: "bench", Site: "bench", Text: benchPage(0)})
	if err != nil {
		b.Fatal(err)
	}
	replay := func(_ context.Context, p classify.Page) (*classify.Result, error) {
		r := *res
		r.ID, r.URL, r.Site = p.ID, p.URL, p.Site
		return &r, nil
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			benchPipeline(b, replay, workers)
		})
	}
}
