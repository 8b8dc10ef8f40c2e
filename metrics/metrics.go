// Package metrics is slant's Prometheus instrumentation: it implements
// pipeline.Observer on a registry of its own and serves it over HTTP together
// with liveness and readiness probes.
//
// # The metric set
//
// Every name starts with slant_. Counters end in _total, durations are in
// seconds, scores are unitless 0..1. A label's values always come from a
// closed set, so the number of series is bounded whatever the input:
//
//   - site: a site on the configured allow-list (Config.Sites), spelled as
//     configured, else "other". Sites match by subject token, so
//     "example.com" on the list matches pages published on pages.example_com.
//     Page ids and URLs are never labels.
//   - genre, source_type, strength, sourcing: the classify package's own
//     label values (classify.SourceTypes, classify.Strengths, ...).
//   - presented: how the page presents itself by its structure and markup
//     (page.presented_as): news, opinion or other, anything else counted as
//     other. Only the opinion-score histogram carries it, next to genre.
//     At most 4×3 genre×presented pairs per site; classify makes 5 (a page
//     presented as opinion is genre opinion, one presented as other has no
//     article and is genre other; one presented as news may be any of news,
//     mixed and opinion).
//   - reason, rule: short codes from the pipeline; at most MaxDynamicValues
//     distinct well-formed codes per label are kept, the rest become "other".
//
// Throughput and health of the workers:
//
//	slant_pages_received_total{site}              deliveries taken from the input stream (redeliveries count again)
//	slant_pages_classified_total{site,genre}      results stored, by the page's genre
//	slant_pages_failed_total{site,reason}         deliveries that produced no result
//	slant_pages_dead_lettered_total{site,reason}  pages copied to the dead-letter stream
//	slant_pages_in_flight                         pages being worked on now
//	slant_last_success_timestamp_seconds          Unix time of the last stored result
//	slant_classify_duration_seconds               time spent in classify (histogram)
//	slant_end_to_end_duration_seconds             input stream timestamp to result publish ack (histogram)
//
// The two duration histograms carry classic buckets and, alongside them,
// native (sparse) buckets; a Prometheus that negotiates the protobuf format
// with native histograms enabled receives both.
//
// What the pages say, for media monitoring (main article only):
//
//	slant_page_opinion_score{site,genre,presented}        page opinion score (histogram, 0.1 buckets)
//	slant_page_sourcing_score{site}                       page sourcing score (histogram, 0.1 buckets)
//	slant_pages_by_sourcing_total{site,sourcing}          pages by sourcing label (strong, moderate, weak, unsourced)
//	slant_pages_citing_total{site,source_type}            pages citing at least one source of the type
//	slant_pages_secondhand_only_total{site}               pages whose every attribution is another outlet
//	slant_attributions_by_source_type_total{site,source_type}
//	slant_attributions_by_strength_total{site,strength}
//	slant_alerts_emitted_total{rule,site}                 alerts the pipeline published
//
// The JetStream consumer, as read from consumer info on an interval. All
// workers share one durable consumer and report the same numbers: aggregate
// these with max, never sum.
//
//	slant_consumer_pending_messages       messages not yet delivered (the lag)
//	slant_consumer_ack_pending_messages   delivered, not yet acknowledged
//	slant_consumer_redelivered_messages   delivered more than once, not yet acknowledged
//
// The streams (PAGES, SCORES, ALERTS, DEAD and KV_SLANT_SCORED), as read
// from stream info on the same interval; also the same on every worker:
//
//	slant_stream_messages{stream}    messages held
//	slant_stream_bytes{stream}       bytes held
//	slant_stream_max_bytes{stream}   the stream's byte limit (absent when it has none)
//
// And slant_build_info{version,revision,goversion} (always 1), plus the
// standard go_* and process_* collectors.
package metrics

import (
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/pipeline"
)

// DefaultAddr is where `slant serve` serves /metrics, /healthz and /readyz
// unless told otherwise: loopback, clear of Prometheus (9090), Alertmanager
// (9093), node_exporter (9100) and NATS (4222, 8222).
const DefaultAddr = "127.0.0.1:9479"

// OtherValue replaces a label value that is not on an allow-list.
const OtherValue = "other"

// MaxDynamicValues bounds the distinct values kept for the labels whose
// values the pipeline names (reason, rule).
const MaxDynamicValues = 32

const namespace = "slant"

// Config chooses what the instruments label and report.
type Config struct {
	// Sites is the allow-list for the site label. Pages from any other site,
	// or with no site, are counted under "other".
	Sites []string
	// Version and Revision go into slant_build_info.
	Version, Revision string
}

// Metrics holds slant's instruments on a registry of its own. It implements
// pipeline.Observer; all methods are safe for concurrent use and never block
// on I/O.
type Metrics struct {
	registry *prometheus.Registry
	// sites maps the subject token of each allowed site (pipeline.SiteToken)
	// to the name it was configured as, which becomes the label value.
	sites   map[string]string
	reasons *boundedValues
	rules   *boundedValues
	streams *boundedValues

	pagesReceived     *prometheus.CounterVec
	pagesClassified   *prometheus.CounterVec
	pagesFailed       *prometheus.CounterVec
	pagesDeadLettered *prometheus.CounterVec
	pagesInFlight     prometheus.Gauge
	lastSuccess       prometheus.Gauge
	classifyDuration  prometheus.Histogram
	endToEndDuration  prometheus.Histogram

	opinionScore        *prometheus.HistogramVec
	sourcingScore       *prometheus.HistogramVec
	pagesBySourcing     *prometheus.CounterVec
	pagesCiting         *prometheus.CounterVec
	pagesSecondhandOnly *prometheus.CounterVec
	attributionsByType  *prometheus.CounterVec
	attributionsByStr   *prometheus.CounterVec
	alertsEmitted       *prometheus.CounterVec

	consumerPending     prometheus.Gauge
	consumerAckPending  prometheus.Gauge
	consumerRedelivered prometheus.Gauge

	streamMessages *prometheus.GaugeVec
	streamBytes    *prometheus.GaugeVec
	streamMaxBytes *prometheus.GaugeVec
}

var _ pipeline.Observer = (*Metrics)(nil)

// scoreBuckets are written out rather than computed so the le labels read
// "0.3", not "0.30000000000000004": alert rules select on them.
var scoreBuckets = []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}

// Classic buckets cover a 3–10 KB page classified in about a millisecond up
// to a slow pathological page; end to end adds queueing, so it reaches minutes.
var (
	classifyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}
	endToEndBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300}
)

// New builds the instruments and registers them, with the Go and process
// collectors, on a new registry.
func New(cfg Config) *Metrics {
	sites := make(map[string]string, len(cfg.Sites))
	for _, s := range cfg.Sites {
		if s = strings.TrimSpace(s); s != "" {
			sites[pipeline.SiteToken(s)] = s
		}
	}
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		sites:    sites,
		reasons:  newBoundedValues(MaxDynamicValues),
		streams:  &boundedValues{max: MaxDynamicValues, seen: map[string]bool{}, pattern: streamName},
		rules:    newBoundedValues(MaxDynamicValues),

		pagesReceived: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "pages_received_total",
			Help: "Deliveries taken from the input stream; a redelivered page counts again.",
		}, []string{"site"}),
		pagesClassified: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "pages_classified_total",
			Help: "Pages whose result was stored (publish acknowledged), by page genre.",
		}, []string{"site", "genre"}),
		pagesFailed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "pages_failed_total",
			Help: "Deliveries that produced no result, by reason.",
		}, []string{"site", "reason"}),
		pagesDeadLettered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "pages_dead_lettered_total",
			Help: "Pages copied to the dead-letter stream, by reason.",
		}, []string{"site", "reason"}),
		pagesInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "pages_in_flight",
			Help: "Pages this process is working on now.",
		}),
		lastSuccess: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "last_success_timestamp_seconds",
			Help: "Unix time at which this process last stored a result; 0 if never.",
		}),
		classifyDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace, Name: "classify_duration_seconds",
			Help:                            "Time spent classifying one page.",
			Buckets:                         classifyBuckets,
			NativeHistogramBucketFactor:     1.1,
			NativeHistogramMaxBucketNumber:  160,
			NativeHistogramMinResetDuration: time.Hour,
		}),
		endToEndDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace, Name: "end_to_end_duration_seconds",
			Help:                            "Time from the page's input stream timestamp to its result's publish acknowledgement.",
			Buckets:                         endToEndBuckets,
			NativeHistogramBucketFactor:     1.1,
			NativeHistogramMaxBucketNumber:  160,
			NativeHistogramMinResetDuration: time.Hour,
		}),

		opinionScore: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "page_opinion_score",
			Help:    "Share of the main article that reads as opinion (0..1), by page genre and by how the page presents itself (structure and markup).",
			Buckets: scoreBuckets,
		}, []string{"site", "genre", "presented"}),
		sourcingScore: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "page_sourcing_score",
			Help:    "How well the main article backs its claims (0..1; 0 when unsourced).",
			Buckets: scoreBuckets,
		}, []string{"site"}),
		pagesBySourcing: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "pages_by_sourcing_total",
			Help: "Classified pages by sourcing label (strong, moderate, weak, unsourced).",
		}, []string{"site", "sourcing"}),
		pagesCiting: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "pages_citing_total",
			Help: "Classified pages whose main article cites at least one source of the type.",
		}, []string{"site", "source_type"}),
		pagesSecondhandOnly: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "pages_secondhand_only_total",
			Help: "Classified pages whose main article attributes everything to other media outlets.",
		}, []string{"site"}),
		attributionsByType: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "attributions_by_source_type_total",
			Help: "Attributions in main articles, by who they credit.",
		}, []string{"site", "source_type"}),
		attributionsByStr: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "attributions_by_strength_total",
			Help: "Attributions in main articles, by strength.",
		}, []string{"site", "strength"}),
		alertsEmitted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "alerts_emitted_total",
			Help: "Alerts the pipeline published to the alerts stream, by rule.",
		}, []string{"rule", "site"}),

		consumerPending: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "consumer_pending_messages",
			Help: "Messages in the input stream not yet delivered to the durable consumer (the lag). Shared by all workers: aggregate with max.",
		}),
		consumerAckPending: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "consumer_ack_pending_messages",
			Help: "Messages delivered to the durable consumer and not yet acknowledged. Shared by all workers: aggregate with max.",
		}),
		consumerRedelivered: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "consumer_redelivered_messages",
			Help: "Messages delivered more than once and not yet acknowledged. Shared by all workers: aggregate with max.",
		}),
		streamMessages: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: namespace, Name: "stream_messages",
			Help: "Messages held by a JetStream stream of the pipeline. Shared by all workers: aggregate with max.",
		}, []string{"stream"}),
		streamBytes: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: namespace, Name: "stream_bytes",
			Help: "Bytes held by a JetStream stream of the pipeline. Shared by all workers: aggregate with max.",
		}, []string{"stream"}),
		streamMaxBytes: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: namespace, Name: "stream_max_bytes",
			Help: "Byte limit of a JetStream stream of the pipeline (absent when it has none).",
		}, []string{"stream"}),
	}

	buildInfo := prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "build_info",
		Help: "Always 1; the labels say which build is running.",
		ConstLabels: prometheus.Labels{
			"version":   orUnknown(cfg.Version),
			"revision":  orUnknown(cfg.Revision),
			"goversion": runtime.Version(),
		},
	})
	buildInfo.Set(1)

	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		buildInfo,
		m.pagesReceived, m.pagesClassified, m.pagesFailed, m.pagesDeadLettered,
		m.pagesInFlight, m.lastSuccess, m.classifyDuration, m.endToEndDuration,
		m.opinionScore, m.sourcingScore, m.pagesBySourcing, m.pagesCiting,
		m.pagesSecondhandOnly, m.attributionsByType, m.attributionsByStr, m.alertsEmitted,
		m.consumerPending, m.consumerAckPending, m.consumerRedelivered,
		m.streamMessages, m.streamBytes, m.streamMaxBytes,
	)
	m.initSeries()
	return m
}

// initSeries creates the counters of every allowed site at zero, so that
// rate() and ratios work from the first scrape instead of from the first
// page of a kind, and an alert's "not firing" is not just "no data".
func (m *Metrics) initSeries() {
	sites := make([]string, 0, len(m.sites)+1)
	for _, s := range m.sites {
		sites = append(sites, s)
	}
	sites = append(sites, OtherValue)
	for _, site := range sites {
		m.pagesReceived.WithLabelValues(site)
		m.pagesSecondhandOnly.WithLabelValues(site)
		for _, g := range classify.Genres() {
			m.pagesClassified.WithLabelValues(site, string(g))
		}
		for _, l := range sourcingLabels {
			m.pagesBySourcing.WithLabelValues(site, string(l))
		}
		for _, t := range classify.SourceTypes() {
			m.pagesCiting.WithLabelValues(site, string(t))
			m.attributionsByType.WithLabelValues(site, string(t))
		}
		for _, s := range classify.Strengths() {
			m.attributionsByStr.WithLabelValues(site, string(s))
		}
	}
}

var (
	sourcingLabels = [...]classify.SourcingLabel{classify.SourcingStrong, classify.SourcingModerate, classify.SourcingWeak, classify.SourcingUnsourced}
)

// Registry is the registry the instruments live on, for serving or testing.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Site maps a site to its label value: the allow-list's spelling if the site
// is on it, else "other". Sites compare by subject token, so the pipeline's
// "example_com" (from subject pages.example_com) matches an allow-listed
// "example.com".
func (m *Metrics) Site(site string) string {
	if site == "" {
		return OtherValue
	}
	if name, ok := m.sites[pipeline.SiteToken(site)]; ok {
		return name
	}
	return OtherValue
}

// PageReceived counts one delivery from the input stream.
func (m *Metrics) PageReceived(site string) {
	m.pagesReceived.WithLabelValues(m.Site(site)).Inc()
}

// PageClassified records a stored result: throughput, latencies and what the
// page says. A nil result counts the page with genre "other" and nothing else.
func (m *Metrics) PageClassified(site string, res *classify.Result, classifyTime, endToEnd time.Duration) {
	site = m.Site(site)
	m.lastSuccess.SetToCurrentTime()
	m.classifyDuration.Observe(classifyTime.Seconds())
	if endToEnd >= 0 {
		m.endToEndDuration.Observe(endToEnd.Seconds())
	}
	if res == nil {
		m.pagesClassified.WithLabelValues(site, string(classify.GenreOther)).Inc()
		return
	}
	genre := string(knownGenre(res.Page.Genre))
	m.pagesClassified.WithLabelValues(site, genre).Inc()
	// SlantOpinionInNews selects on both labels: pages presented as news
	// by their markup (presented="news") that the verdict, from their text,
	// calls opinion (genre="opinion").
	presented := string(knownPresentation(res.Page.PresentedAs))
	m.opinionScore.WithLabelValues(site, genre, presented).Observe(clamp01(res.Page.OpinionScore))

	src := res.Page.Sourcing
	m.sourcingScore.WithLabelValues(site).Observe(clamp01(src.Score))
	m.pagesBySourcing.WithLabelValues(site, string(knownSourcingLabel(src.Label))).Inc()

	// Iterating the known types, not the map, keeps an unknown key out of
	// the label values.
	total := 0
	for _, t := range classify.SourceTypes() {
		n := src.ByType[t]
		if n <= 0 {
			continue
		}
		total += n
		m.attributionsByType.WithLabelValues(site, string(t)).Add(float64(n))
		m.pagesCiting.WithLabelValues(site, string(t)).Inc()
	}
	for _, s := range classify.Strengths() {
		if n := src.ByStrength[s]; n > 0 {
			m.attributionsByStr.WithLabelValues(site, string(s)).Add(float64(n))
		}
	}
	if total > 0 && src.ByType[classify.SourceMediaOutlet] == total {
		m.pagesSecondhandOnly.WithLabelValues(site).Inc()
	}
}

// PageFailed counts a delivery that produced no result.
func (m *Metrics) PageFailed(site, reason string) {
	m.pagesFailed.WithLabelValues(m.Site(site), m.reasons.value(reason)).Inc()
}

// PageDeadLettered counts a page copied to the dead-letter stream.
func (m *Metrics) PageDeadLettered(site, reason string) {
	m.pagesDeadLettered.WithLabelValues(m.Site(site), m.reasons.value(reason)).Inc()
}

// InFlight moves the in-flight gauge by delta.
func (m *Metrics) InFlight(delta int) { m.pagesInFlight.Add(float64(delta)) }

// AlertEmitted counts one published alert.
func (m *Metrics) AlertEmitted(rule, site string) {
	m.alertsEmitted.WithLabelValues(m.rules.value(rule), m.Site(site)).Inc()
}

// ConsumerState sets the consumer gauges from the latest consumer info.
func (m *Metrics) ConsumerState(pending, ackPending, redelivered uint64) {
	m.consumerPending.Set(float64(pending))
	m.consumerAckPending.Set(float64(ackPending))
	m.consumerRedelivered.Set(float64(redelivered))
}

// StreamState sets the stream gauges from the latest stream info. Stream
// names come from the pipeline's topology, a closed set; at most
// MaxDynamicValues distinct names are kept.
func (m *Metrics) StreamState(stream string, msgs, bytes, maxBytes uint64) {
	stream = m.streams.value(stream)
	m.streamMessages.WithLabelValues(stream).Set(float64(msgs))
	m.streamBytes.WithLabelValues(stream).Set(float64(bytes))
	if maxBytes > 0 {
		m.streamMaxBytes.WithLabelValues(stream).Set(float64(maxBytes))
	} else {
		m.streamMaxBytes.DeleteLabelValues(stream)
	}
}

func knownGenre(g classify.Genre) classify.Genre {
	if slices.Contains(classify.Genres(), g) {
		return g
	}
	return classify.GenreOther
}

// knownPresentation maps a page.presented_as value outside news, opinion
// and other (none today; an empty one from a result built by hand) to other.
func knownPresentation(g classify.Genre) classify.Genre {
	switch g {
	case classify.GenreNews, classify.GenreOpinion:
		return g
	}
	return classify.GenreOther
}

// knownSourcingLabel maps an unknown label to unsourced: a page the
// classifier could not grade has no sourcing to speak of.
func knownSourcingLabel(l classify.SourcingLabel) classify.SourcingLabel {
	for _, k := range sourcingLabels {
		if l == k {
			return l
		}
	}
	return classify.SourcingUnsourced
}

func clamp01(v float64) float64 {
	switch {
	case v < 0 || v != v: // NaN counts as 0 rather than poisoning the sum
		return 0
	case v > 1:
		return 1
	}
	return v
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// labelCode is what a pipeline-named label value may look like: a short
// snake_case code, never free text such as an error message.
var labelCode = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// streamName is a JetStream stream name as slant names them.
var streamName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// boundedValues admits up to max distinct well-formed label values and maps
// everything else to "other", so a pipeline bug that passes error text or
// ids cannot grow the series without bound.
type boundedValues struct {
	max     int
	pattern *regexp.Regexp // a well-formed value; nil: labelCode
	mu      sync.RWMutex
	seen    map[string]bool
}

func newBoundedValues(max int) *boundedValues {
	return &boundedValues{max: max, seen: make(map[string]bool, max)}
}

func (b *boundedValues) value(v string) string {
	pattern := b.pattern
	if pattern == nil {
		pattern = labelCode
	}
	if !pattern.MatchString(v) {
		return OtherValue
	}
	b.mu.RLock()
	ok := b.seen[v]
	full := len(b.seen) >= b.max
	b.mu.RUnlock()
	if ok {
		return v
	}
	if full {
		return OtherValue
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.seen[v] {
		return v
	}
	if len(b.seen) >= b.max {
		return OtherValue
	}
	b.seen[v] = true
	return v
}

// SitesEnv names the environment variable `slant serve` reads the site
// allow-list from: site names separated by commas or spaces.
const SitesEnv = "SLANT_METRICS_SITES"

// ParseSites splits an allow-list written as "a.com, b.org c.net".
func ParseSites(list string) []string {
	return strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}
