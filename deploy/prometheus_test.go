package deploy_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

type ruleFile struct {
	Groups []struct {
		Name  string `yaml:"name"`
		Rules []struct {
			Alert       string            `yaml:"alert"`
			Record      string            `yaml:"record"`
			Expr        string            `yaml:"expr"`
			For         string            `yaml:"for"`
			Labels      map[string]string `yaml:"labels"`
			Annotations map[string]string `yaml:"annotations"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

type ruleTestFile struct {
	Tests []struct {
		AlertRuleTest []struct {
			Alertname string `yaml:"alertname"`
			ExpAlerts []any  `yaml:"exp_alerts"`
		} `yaml:"alert_rule_test"`
	} `yaml:"tests"`
}

func alertRules(t *testing.T) map[string]map[string]string {
	t.Helper()
	files, err := filepath.Glob("prometheus/rules/*.yml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule files: %v", err)
	}
	alerts := map[string]map[string]string{} // name → labels
	for _, f := range files {
		var rf ruleFile
		readYAML(t, f, &rf)
		for _, g := range rf.Groups {
			for _, r := range g.Rules {
				if r.Alert == "" {
					continue
				}
				labels := map[string]string{}
				for k, v := range r.Labels {
					labels[k] = v
				}
				labels["runbook_url"] = r.Annotations["runbook_url"]
				alerts[r.Alert] = labels
			}
		}
	}
	return alerts
}

func TestPromtoolCheckConfigAndRules(t *testing.T) {
	promtool := tool(t, "promtool")
	files, _ := filepath.Glob("prometheus/rules/*.yml")
	run(t, ".", promtool, append([]string{"check", "rules"}, files...)...)
	run(t, ".", promtool, "check", "config", "prometheus/prometheus.yml")
}

func TestPromtoolTestRules(t *testing.T) {
	promtool := tool(t, "promtool")
	tests, _ := filepath.Glob("prometheus/tests/*.test.yml")
	if len(tests) == 0 {
		t.Fatal("no rule tests")
	}
	rel := make([]string, len(tests))
	for i, f := range tests {
		rel[i] = strings.TrimPrefix(f, "prometheus/")
	}
	// Rule tests name rule files relative to themselves.
	run(t, "prometheus", promtool, append([]string{"test", "rules"}, rel...)...)
}

// TestEveryAlertIsTestedBothWays requires, for each alert, a promtool test
// case where it fires and one where it does not.
func TestEveryAlertIsTestedBothWays(t *testing.T) {
	fires, quiet := map[string]bool{}, map[string]bool{}
	files, _ := filepath.Glob("prometheus/tests/*.test.yml")
	for _, f := range files {
		var tf ruleTestFile
		readYAML(t, f, &tf)
		for _, tc := range tf.Tests {
			for _, a := range tc.AlertRuleTest {
				if len(a.ExpAlerts) > 0 {
					fires[a.Alertname] = true
				} else {
					quiet[a.Alertname] = true
				}
			}
		}
	}
	for name := range alertRules(t) {
		if !fires[name] {
			t.Errorf("%s: no rule test shows it firing", name)
		}
		if !quiet[name] {
			t.Errorf("%s: no rule test shows it not firing", name)
		}
	}
}

// TestAlertsHaveRunbooks checks that every alert has a severity, a team to
// route on, and a runbook section in docs/operations.md that its
// runbook_url points at.
func TestAlertsHaveRunbooks(t *testing.T) {
	doc, err := os.ReadFile("../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#{2,4} +(\S+)`).FindAllStringSubmatch(string(doc), -1) {
		headings[strings.ToLower(m[1])] = true
	}
	for name, labels := range alertRules(t) {
		if !slices.Contains([]string{"critical", "warning", "info"}, labels["severity"]) {
			t.Errorf("%s: severity %q", name, labels["severity"])
		}
		if !slices.Contains([]string{"platform", "newsroom"}, labels["team"]) {
			t.Errorf("%s: team %q: Alertmanager routes on platform or newsroom", name, labels["team"])
		}
		anchor := strings.ToLower(name)
		if !headings[anchor] {
			t.Errorf("%s: no runbook heading in docs/operations.md", name)
		}
		if !strings.HasSuffix(labels["runbook_url"], "docs/operations.md#"+anchor) {
			t.Errorf("%s: runbook_url %q does not point at its section", name, labels["runbook_url"])
		}
	}
}

func TestAlertmanagerConfig(t *testing.T) {
	amtool := tool(t, "amtool")
	run(t, ".", amtool, "check-config", "alertmanager/alertmanager.yml")
	// Every team an alert names has a route.
	var am struct {
		Route struct {
			Receiver string `yaml:"receiver"`
			Routes   []struct {
				Matchers []string `yaml:"matchers"`
				Receiver string   `yaml:"receiver"`
			} `yaml:"routes"`
		} `yaml:"route"`
	}
	readYAML(t, "alertmanager/alertmanager.yml", &am)
	routed := map[string]bool{}
	for _, r := range am.Route.Routes {
		for _, m := range r.Matchers {
			if v, ok := strings.CutPrefix(m, `team="`); ok {
				routed[strings.TrimSuffix(v, `"`)] = true
			}
		}
	}
	for name, labels := range alertRules(t) {
		if team := labels["team"]; team != am.Route.Receiver && !routed[team] {
			t.Errorf("%s: team %q has no route", name, team)
		}
	}
}

type dashboard struct {
	UID        string `json:"uid"`
	Title      string `json:"title"`
	Templating struct {
		List []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"list"`
	} `json:"templating"`
	Panels []dashPanel `json:"panels"`
}

type dashPanel struct {
	ID         int    `json:"id"`
	Type       string `json:"type"`
	Title      string `json:"title"`
	Datasource *struct {
		Type string `json:"type"`
		UID  string `json:"uid"`
	} `json:"datasource"`
	GridPos struct {
		H, W, X, Y int
	} `json:"gridPos"`
	Targets []struct {
		RefID string `json:"refId"`
		Expr  string `json:"expr"`
	} `json:"targets"`
}

func TestGrafanaDashboard(t *testing.T) {
	data, err := os.ReadFile("grafana/dashboards/slant.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("slant.json: %v", err)
	}
	if d.UID == "" || d.Title == "" {
		t.Error("dashboard needs a uid and a title")
	}
	vars := map[string]bool{}
	for _, v := range d.Templating.List {
		vars[v.Name] = true
	}
	for _, v := range []string{"datasource", "job", "site"} {
		if !vars[v] {
			t.Errorf("no $%s variable", v)
		}
	}
	ids := map[int]bool{}
	topics := map[string]bool{}
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d used twice", p.ID)
		}
		ids[p.ID] = true
		if p.GridPos.X+p.GridPos.W > 24 || p.GridPos.W <= 0 || p.GridPos.H <= 0 {
			t.Errorf("panel %q: gridPos %+v", p.Title, p.GridPos)
		}
		if p.Type == "row" {
			continue
		}
		if p.Datasource == nil || p.Datasource.UID != "${datasource}" {
			t.Errorf("panel %q: data source should be the $datasource variable", p.Title)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no queries", p.Title)
		}
		for _, tg := range p.Targets {
			if !strings.Contains(tg.Expr, "slant_") && !strings.Contains(tg.Expr, "up{") {
				t.Errorf("panel %q: query %q reads no slant metric", p.Title, tg.Expr)
			}
			for _, m := range regexp.MustCompile(`slant_[a-z_]+`).FindAllString(tg.Expr, -1) {
				topics[m] = true
			}
		}
	}
	// What the issue asks the dashboard to show.
	for _, m := range []string{
		"slant_pages_classified_total", "slant_pages_failed_total", "slant_end_to_end_duration_seconds_bucket",
		"slant_classify_duration_seconds_bucket", "slant_consumer_pending_messages",
		"slant_page_opinion_score_bucket", "slant_page_sourcing_score_bucket",
		"slant_attributions_by_source_type_total", "slant_attributions_by_strength_total",
	} {
		if !topics[m] {
			t.Errorf("dashboard does not show %s", m)
		}
	}

	var prov struct {
		Providers []struct {
			Options struct {
				Path string `yaml:"path"`
			} `yaml:"options"`
		} `yaml:"providers"`
	}
	readYAML(t, "grafana/provisioning/dashboards/slant.yml", &prov)
	c := loadCompose(t)
	mounted := false
	for _, v := range c.Services["grafana"].Volumes {
		if len(prov.Providers) == 1 && v == "./grafana/dashboards:"+prov.Providers[0].Options.Path+":ro" {
			mounted = true
		}
	}
	if !mounted {
		t.Errorf("grafana does not mount ./grafana/dashboards where the provider reads (%+v)", prov.Providers)
	}
}
