package metrics_test

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/metrics"
)

var testSites = []string{"example.com", "wire.example"}

func newTestMetrics() *metrics.Metrics {
	return metrics.New(metrics.Config{Sites: testSites, Version: "v1.2.3", Revision: "abc123"})
}

// sample returns the value of the series name{labels} as gathered: the
// value of a counter or gauge, the sample count of a histogram. ok is false
// when the series does not exist.
func sample(t *testing.T, g prometheus.Gatherer, name string, labels map[string]string) (v float64, ok bool) {
	t.Helper()
	families, err := g.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			if !labelsMatch(m.GetLabel(), labels) {
				continue
			}
			switch {
			case m.Counter != nil:
				return m.Counter.GetValue(), true
			case m.Gauge != nil:
				return m.Gauge.GetValue(), true
			case m.Histogram != nil:
				return float64(m.Histogram.GetSampleCount()), true
			}
		}
	}
	return 0, false
}

func labelsMatch(pairs []*dto.LabelPair, want map[string]string) bool {
	if len(pairs) != len(want) {
		return false
	}
	for _, p := range pairs {
		if v, ok := want[p.GetName()]; !ok || v != p.GetValue() {
			return false
		}
	}
	return true
}

// page builds a result as classify would for a main article with the given
// attributions (source type → strength). The page presents itself as its
// genre says (an opinion piece by its markup, a news page as news); tests
// that need opinion presented as news set PresentedAs.
func page(genre classify.Genre, opinion float64, label classify.SourcingLabel, score float64, attrs map[classify.SourceType]classify.Strength) *classify.Result {
	presented := classify.GenreNews
	if genre == classify.GenreOpinion || genre == classify.GenreOther {
		presented = genre
	}
	res := &classify.Result{Schema: classify.SchemaVersion, Page: classify.PageVerdict{
		Genre: genre, OpinionScore: opinion, PresentedAs: presented,
		Sourcing: classify.Sourcing{
			Score: score, Label: label,
			ByType:     map[classify.SourceType]int{},
			ByStrength: map[classify.Strength]int{},
		},
	}}
	for typ, str := range attrs {
		res.Page.Sourcing.Attributions++
		res.Page.Sourcing.ByType[typ]++
		res.Page.Sourcing.ByStrength[str]++
	}
	return res
}

type want struct {
	name   string
	labels map[string]string
	value  float64
}

func TestInstruments(t *testing.T) {
	wireStory := page(classify.GenreNews, 0.05, classify.SourcingWeak, 0.3, map[classify.SourceType]classify.Strength{
		classify.SourceMediaOutlet: classify.StrengthWeak,
	})
	mixedSourcing := page(classify.GenreNews, 0.1, classify.SourcingModerate, 0.5, map[classify.SourceType]classify.Strength{
		classify.SourceMediaOutlet: classify.StrengthWeak,
		classify.SourceNamedPerson: classify.StrengthStrong,
		classify.SourceAnonymous:   classify.StrengthWeak,
	})
	column := page(classify.GenreOpinion, 0.85, classify.SourcingUnsourced, 0, nil)

	tests := []struct {
		name string
		feed func(m *metrics.Metrics)
		want []want
	}{
		{
			name: "received counts per allowed site, the rest as other",
			feed: func(m *metrics.Metrics) {
				m.PageReceived("example.com")
				m.PageReceived("example_com") // the subject token of example.com
				m.PageReceived("unlisted.example")
				m.PageReceived("")
			},
			want: []want{
				{"slant_pages_received_total", map[string]string{"site": "example.com"}, 2},
				{"slant_pages_received_total", map[string]string{"site": "wire.example"}, 0},
				{"slant_pages_received_total", map[string]string{"site": "other"}, 2},
			},
		},
		{
			name: "classified page by genre with its scores and sourcing",
			feed: func(m *metrics.Metrics) {
				m.PageClassified("example.com", mixedSourcing, 2*time.Millisecond, 40*time.Millisecond)
				m.PageClassified("example.com", column, time.Millisecond, 30*time.Millisecond)
			},
			want: []want{
				{"slant_pages_classified_total", map[string]string{"site": "example.com", "genre": "news"}, 1},
				{"slant_pages_classified_total", map[string]string{"site": "example.com", "genre": "opinion"}, 1},
				{"slant_pages_classified_total", map[string]string{"site": "example.com", "genre": "mixed"}, 0},
				{"slant_page_opinion_score", map[string]string{"site": "example.com", "genre": "news", "presented": "news"}, 1},
				{"slant_page_opinion_score", map[string]string{"site": "example.com", "genre": "opinion", "presented": "opinion"}, 1},
				{"slant_page_sourcing_score", map[string]string{"site": "example.com"}, 2},
				{"slant_pages_by_sourcing_total", map[string]string{"site": "example.com", "sourcing": "moderate"}, 1},
				{"slant_pages_by_sourcing_total", map[string]string{"site": "example.com", "sourcing": "unsourced"}, 1},
				{"slant_pages_citing_total", map[string]string{"site": "example.com", "source_type": "anonymous"}, 1},
				{"slant_pages_citing_total", map[string]string{"site": "example.com", "source_type": "document"}, 0},
				{"slant_attributions_by_source_type_total", map[string]string{"site": "example.com", "source_type": "named_person"}, 1},
				{"slant_attributions_by_strength_total", map[string]string{"site": "example.com", "strength": "weak"}, 2},
				{"slant_attributions_by_strength_total", map[string]string{"site": "example.com", "strength": "strong"}, 1},
				{"slant_pages_secondhand_only_total", map[string]string{"site": "example.com"}, 0},
				{"slant_classify_duration_seconds", nil, 2},
				{"slant_end_to_end_duration_seconds", nil, 2},
			},
		},
		{
			// SlantOpinionInNews counts genre="opinion" among presented="news".
			name: "opinion score by genre and by how the page presents itself",
			feed: func(m *metrics.Metrics) {
				calledOpinion := page(classify.GenreOpinion, 0.6, classify.SourcingUnsourced, 0, nil)
				calledOpinion.Page.PresentedAs = classify.GenreNews
				m.PageClassified("example.com", calledOpinion, time.Millisecond, time.Millisecond)
				m.PageClassified("example.com", column, time.Millisecond, time.Millisecond)
				m.PageClassified("example.com", column, time.Millisecond, time.Millisecond)
				m.PageClassified("example.com", page(classify.GenreMixed, 0.45, classify.SourcingWeak, 0.2, nil), time.Millisecond, time.Millisecond)
				m.PageClassified("example.com", page(classify.GenreOther, 0, classify.SourcingUnsourced, 0, nil), time.Millisecond, time.Millisecond)
			},
			want: []want{
				{"slant_page_opinion_score", map[string]string{"site": "example.com", "genre": "opinion", "presented": "news"}, 1},
				{"slant_page_opinion_score", map[string]string{"site": "example.com", "genre": "opinion", "presented": "opinion"}, 2},
				{"slant_page_opinion_score", map[string]string{"site": "example.com", "genre": "mixed", "presented": "news"}, 1},
				{"slant_page_opinion_score", map[string]string{"site": "example.com", "genre": "other", "presented": "other"}, 1},
				{"slant_pages_classified_total", map[string]string{"site": "example.com", "genre": "opinion"}, 3},
			},
		},
		{
			name: "a page sourced only to other outlets is second-hand only",
			feed: func(m *metrics.Metrics) {
				m.PageClassified("wire.example", wireStory, time.Millisecond, time.Millisecond)
			},
			want: []want{
				{"slant_pages_secondhand_only_total", map[string]string{"site": "wire.example"}, 1},
				{"slant_pages_citing_total", map[string]string{"site": "wire.example", "source_type": "media_outlet"}, 1},
			},
		},
		{
			name: "unknown genre, sourcing label and source type stay in the closed sets",
			feed: func(m *metrics.Metrics) {
				res := page("satire", 2.5, "dubious", -1, nil)
				res.Page.PresentedAs = "advertorial"
				res.Page.Sourcing.ByType["psychic"] = 3
				m.PageClassified("example.com", res, time.Millisecond, time.Millisecond)
				m.PageClassified("example.com", nil, time.Millisecond, time.Millisecond)
			},
			want: []want{
				{"slant_pages_classified_total", map[string]string{"site": "example.com", "genre": "other"}, 2},
				{"slant_page_opinion_score", map[string]string{"site": "example.com", "genre": "other", "presented": "other"}, 1},
				{"slant_pages_by_sourcing_total", map[string]string{"site": "example.com", "sourcing": "unsourced"}, 1},
			},
		},
		{
			name: "failure reasons are codes; free text becomes other",
			feed: func(m *metrics.Metrics) {
				m.PageFailed("example.com", "timeout")
				m.PageFailed("example.com", "timeout")
				m.PageFailed("example.com", "dial tcp 127.0.0.1:4222: connection refused")
				m.PageDeadLettered("nowhere.example", "invalid_utf8")
			},
			want: []want{
				{"slant_pages_failed_total", map[string]string{"site": "example.com", "reason": "timeout"}, 2},
				{"slant_pages_failed_total", map[string]string{"site": "example.com", "reason": "other"}, 1},
				{"slant_pages_dead_lettered_total", map[string]string{"site": "other", "reason": "invalid_utf8"}, 1},
			},
		},
		{
			name: "in flight, alerts and consumer state",
			feed: func(m *metrics.Metrics) {
				m.InFlight(3)
				m.InFlight(-1)
				m.AlertEmitted("anonymous_share", "example.com")
				m.ConsumerState(1500, 12, 4)
				m.ConsumerState(1200, 10, 3) // the latest poll wins
			},
			want: []want{
				{"slant_pages_in_flight", nil, 2},
				{"slant_alerts_emitted_total", map[string]string{"rule": "anonymous_share", "site": "example.com"}, 1},
				{"slant_consumer_pending_messages", nil, 1200},
				{"slant_consumer_ack_pending_messages", nil, 10},
				{"slant_consumer_redelivered_messages", nil, 3},
			},
		},
		{
			name: "build info",
			feed: func(*metrics.Metrics) {},
			want: []want{
				{"slant_build_info", map[string]string{"version": "v1.2.3", "revision": "abc123", "goversion": runtimeVersion()}, 1},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newTestMetrics()
			tc.feed(m)
			for _, w := range tc.want {
				got, ok := sample(t, m.Registry(), w.name, w.labels)
				if !ok {
					t.Errorf("%s%v: no such series", w.name, w.labels)
					continue
				}
				if got != w.value {
					t.Errorf("%s%v = %v, want %v", w.name, w.labels, got, w.value)
				}
			}
		})
	}
}

func TestLastSuccessTimestamp(t *testing.T) {
	m := newTestMetrics()
	if v, _ := sample(t, m.Registry(), "slant_last_success_timestamp_seconds", nil); v != 0 {
		t.Fatalf("before any success: %v, want 0", v)
	}
	before := float64(time.Now().UnixNano()) / 1e9
	m.PageClassified("example.com", page(classify.GenreNews, 0, classify.SourcingUnsourced, 0, nil), time.Millisecond, time.Millisecond)
	after := float64(time.Now().UnixNano()) / 1e9
	v, _ := sample(t, m.Registry(), "slant_last_success_timestamp_seconds", nil)
	if v < before-0.001 || v > after+0.001 {
		t.Fatalf("last success %v not within [%v, %v]", v, before, after)
	}
}

func TestScoreHistogramBuckets(t *testing.T) {
	m := newTestMetrics()
	for _, s := range []float64{0.05, 0.25, 0.3, 0.95, math.NaN(), 7} {
		m.PageClassified("example.com", page(classify.GenreNews, s, classify.SourcingUnsourced, 0, nil), time.Millisecond, time.Millisecond)
	}
	h := histogram(t, m.Registry(), "slant_page_opinion_score", map[string]string{"site": "example.com", "genre": "news", "presented": "news"})
	// The le values are what alert rules select on: they must print exactly.
	wantCum := map[string]uint64{"0.1": 2 /* 0.05 and NaN→0 */, "0.3": 4, "0.9": 4, "1": 6}
	for _, b := range h.GetBucket() {
		le := fmt.Sprint(b.GetUpperBound())
		if want, ok := wantCum[le]; ok && b.GetCumulativeCount() != want {
			t.Errorf("bucket le=%s: %d, want %d", le, b.GetCumulativeCount(), want)
		}
		delete(wantCum, le)
	}
	if len(wantCum) > 0 {
		t.Errorf("buckets missing: %v", wantCum)
	}
}

func TestLatencyHistogramsAreNativeToo(t *testing.T) {
	m := newTestMetrics()
	for i := 1; i <= 100; i++ {
		m.PageClassified("example.com", nil, time.Duration(i)*100*time.Microsecond, time.Duration(i)*10*time.Millisecond)
	}
	for _, name := range []string{"slant_classify_duration_seconds", "slant_end_to_end_duration_seconds"} {
		h := histogram(t, m.Registry(), name, nil)
		if len(h.GetBucket()) == 0 {
			t.Errorf("%s: no classic buckets", name)
		}
		if h.Schema == nil || len(h.GetPositiveSpan()) == 0 || len(h.GetPositiveDelta()) == 0 {
			t.Errorf("%s: no native buckets (schema %v, %d spans)", name, h.Schema, len(h.GetPositiveSpan()))
		}
		if h.GetSampleCount() != 100 {
			t.Errorf("%s: count %d, want 100", name, h.GetSampleCount())
		}
	}
}

func histogram(t *testing.T, g prometheus.Gatherer, name string, labels map[string]string) *dto.Histogram {
	t.Helper()
	families, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			if f.GetName() == name && labelsMatch(m.GetLabel(), labels) {
				return m.GetHistogram()
			}
		}
	}
	t.Fatalf("%s%v: no such histogram", name, labels)
	return nil
}

// TestCardinalityIsBounded feeds what a hostile or buggy stream could send,
// many sites, error texts as reasons, rule names galore, and checks that the
// number of slant_ series stays within what the configuration allows.
func TestCardinalityIsBounded(t *testing.T) {
	m := newTestMetrics()
	reg := m.Registry()
	baseline := slantSeries(t, reg)
	for i := range 5000 {
		site := fmt.Sprintf("site-%d.example", i)
		res := page(classify.GenreNews, 0.5, classify.SourcingWeak, 0.3, map[classify.SourceType]classify.Strength{classify.SourceAnonymous: classify.StrengthWeak})
		res.ID, res.URL = fmt.Sprintf("page-%d", i), fmt.Sprintf("https://%s/a/%d", site, i)
		// Every genre with every presentation, and values classify never
		// gives, which must fold into other rather than become labels.
		res.Page.Genre = [...]classify.Genre{classify.GenreNews, classify.GenreOpinion, classify.GenreMixed, classify.GenreOther, classify.Genre(fmt.Sprintf("genre-%d", i))}[i%5]
		res.Page.PresentedAs = [...]classify.Genre{classify.GenreNews, classify.GenreOpinion, classify.GenreOther, classify.Genre(fmt.Sprintf("presented-%d", i))}[i%4]
		m.PageReceived(site)
		m.PageClassified(site, res, time.Millisecond, time.Millisecond)
		m.PageFailed(testSites[i%2], fmt.Sprintf("reason_%d", i))
		m.PageFailed(site, fmt.Sprintf("publish: %s: timeout", res.URL))
		m.PageDeadLettered(site, fmt.Sprintf("code_%d", i))
		m.AlertEmitted(fmt.Sprintf("rule_%d", i), site)
	}
	got := slantSeries(t, reg)
	sites := len(testSites) + 1
	// Fixed per-site series were created up front; what may grow is bounded
	// by the codes kept (32 each for reason and rule, plus other), histograms
	// by site×genre×presented, and nothing grows with pages.
	codes := metrics.MaxDynamicValues + 1
	bound := baseline +
		2*sites*codes + // failed, dead-lettered
		codes*sites + // alerts
		sites*4*3*(10+3) + // opinion score (4 genres × 3 presentations): buckets + +Inf, sum, count
		sites*(10+3) + // sourcing score
		2*(15+3) // latency histograms
	if got > bound {
		t.Fatalf("%d slant_ series after 5000 distinct sites, ids and reasons; bound %d", got, bound)
	}
	if n, _ := sample(t, reg, "slant_pages_received_total", map[string]string{"site": "other"}); n != 5000 {
		t.Fatalf("unlisted sites counted as other: %v, want 5000", n)
	}
	text, err := testutil.GatherAndFormat(reg, expfmt.TypeTextPlain)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"page-", "https://", "site-1.example", "genre-", "presented-"} {
		if strings.Contains(string(text), leak) {
			t.Errorf("exposition contains %q: an unbounded value became a label", leak)
		}
	}
}

func slantSeries(t *testing.T, g prometheus.Gatherer) int {
	t.Helper()
	families, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range families {
		if !strings.HasPrefix(f.GetName(), "slant_") {
			continue
		}
		for _, m := range f.GetMetric() {
			if h := m.GetHistogram(); h != nil {
				n += len(h.GetBucket()) + 3
				continue
			}
			n++
		}
	}
	return n
}

// TestLint runs client_golang's promlint, the same checks as
// `promtool check metrics`, on every family the registry exposes.
func TestLint(t *testing.T) {
	m := newTestMetrics()
	m.PageClassified("example.com", page(classify.GenreNews, 0.2, classify.SourcingStrong, 0.8, map[classify.SourceType]classify.Strength{classify.SourceDocument: classify.StrengthStrong}), time.Millisecond, time.Second)
	problems, err := testutil.GatherAndLint(m.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}

func TestConcurrentUse(t *testing.T) {
	m := newTestMetrics()
	done := make(chan struct{})
	for w := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 500 {
				m.InFlight(1)
				m.PageReceived(testSites[i%2])
				m.PageFailed("example.com", fmt.Sprintf("r%d_%d", w, i%40))
				m.PageClassified(testSites[i%2], page(classify.GenreNews, 0.1, classify.SourcingWeak, 0.2, nil), time.Millisecond, time.Millisecond)
				m.InFlight(-1)
			}
		}()
	}
	for range 8 {
		<-done
	}
	if v, _ := sample(t, m.Registry(), "slant_pages_in_flight", nil); v != 0 {
		t.Errorf("in flight after all done: %v", v)
	}
	total := 0.0
	for _, s := range testSites {
		v, _ := sample(t, m.Registry(), "slant_pages_received_total", map[string]string{"site": s})
		total += v
	}
	if total != 4000 {
		t.Errorf("received %v, want 4000", total)
	}
	families, _ := m.Registry().Gather()
	reasons := 0
	for _, f := range families {
		if f.GetName() == "slant_pages_failed_total" {
			reasons = len(f.GetMetric())
		}
	}
	if reasons > metrics.MaxDynamicValues+1 {
		t.Errorf("%d failure reasons kept, bound %d", reasons, metrics.MaxDynamicValues+1)
	}
}

func TestParseSites(t *testing.T) {
	got := metrics.ParseSites(" a.com, b.org\tc.net,,")
	if strings.Join(got, "|") != "a.com|b.org|c.net" {
		t.Fatalf("ParseSites: %q", got)
	}
}

func runtimeVersion() string { return runtime.Version() }
