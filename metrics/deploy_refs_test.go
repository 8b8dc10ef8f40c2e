package metrics_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/slantwire/slant/classify"
)

// TestDeployReferencesRealMetrics reads the alert and recording rules, the
// rule tests and the Grafana dashboard in deploy/ and checks that every
// slant_ metric they name is one this package exposes, so renaming a metric
// cannot silently empty a panel or disarm an alert.
func TestDeployReferencesRealMetrics(t *testing.T) {
	m := newTestMetrics()
	// Observe once so that every family, including the lazily created
	// failure and alert series, is exposed.
	m.PageClassified("example.com", page(classify.GenreNews, 0.2, classify.SourcingWeak, 0.3, nil), time.Millisecond, time.Millisecond)
	m.PageFailed("example.com", "timeout")
	m.PageDeadLettered("example.com", "invalid_utf8")
	m.AlertEmitted("weak_sourcing", "example.com")
	m.StreamState("PAGES", 1, 100, 1000)
	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	exposed := map[string]bool{}
	for _, f := range families {
		exposed[f.GetName()] = true
		if f.GetType() == dto.MetricType_HISTOGRAM {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				exposed[f.GetName()+suffix] = true
			}
		}
	}

	var files []string
	for _, pattern := range []string{
		"../deploy/prometheus/rules/*.yml",
		"../deploy/prometheus/tests/*.yml",
		"../deploy/grafana/dashboards/*.json",
	} {
		matches, err := filepath.Glob(pattern)
		if err != nil || len(matches) == 0 {
			t.Fatalf("%s: no files (%v)", pattern, err)
		}
		files = append(files, matches...)
	}
	// A metric name not preceded by ':' (which would make it part of a
	// recording rule's name such as job:slant_pages_received:rate5m).
	name := regexp.MustCompile(`(?:^|[^:a-z_])(slant_[a-z_]+)`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		refs := 0
		for _, match := range name.FindAllStringSubmatch(string(data), -1) {
			refs++
			if !exposed[match[1]] {
				t.Errorf("%s names %s, which package metrics does not expose", f, match[1])
			}
		}
		if refs == 0 {
			t.Errorf("%s names no slant_ metric", f)
		}
	}
}
