package deploy_test

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	yamlv3 "gopkg.in/yaml.v3"
)

// composeFile is the subset of the Compose specification that
// deploy/compose.yaml uses. Decoding with KnownFields rejects anything else,
// so a misspelt key fails here instead of being ignored by `docker compose`.
type composeFile struct {
	Name     string                    `yaml:"name"`
	XWorker  yamlv3.Node               `yaml:"x-worker"`
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]*struct{}      `yaml:"volumes"`
}

type composeService struct {
	Image string `yaml:"image"`
	Build *struct {
		Context    string            `yaml:"context"`
		Dockerfile string            `yaml:"dockerfile"`
		Args       map[string]string `yaml:"args"`
	} `yaml:"build"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Volumes     []string          `yaml:"volumes"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck *struct {
		Test        []string `yaml:"test"`
		Interval    string   `yaml:"interval"`
		Timeout     string   `yaml:"timeout"`
		Retries     int      `yaml:"retries"`
		StartPeriod string   `yaml:"start_period"`
	} `yaml:"healthcheck"`
	StopGracePeriod string `yaml:"stop_grace_period"`
	Restart         string `yaml:"restart"`
}

// prometheusConfig is the part of prometheus.yml the cross-checks read.
// `promtool check config` validates the whole file.
type prometheusConfig struct {
	RuleFiles []string `yaml:"rule_files"`
	Alerting  struct {
		Alertmanagers []struct {
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		} `yaml:"alertmanagers"`
	} `yaml:"alerting"`
	ScrapeConfigs []struct {
		JobName       string `yaml:"job_name"`
		StaticConfigs []struct {
			Targets []string `yaml:"targets"`
		} `yaml:"static_configs"`
	} `yaml:"scrape_configs"`
}

func loadCompose(t *testing.T) composeFile {
	t.Helper()
	data, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dec := yamlv3.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c composeFile
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	return c
}

var pinnedImage = regexp.MustCompile(`^[a-z0-9./-]+:[A-Za-z0-9._-]+$`)

func TestCompose(t *testing.T) {
	c := loadCompose(t)
	var names []string
	for n := range c.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	want := []string{"alertmanager", "grafana", "nats", "prometheus", "worker-1", "worker-2"}
	if !slices.Equal(names, want) {
		t.Fatalf("services %v, want %v", names, want)
	}

	for name, s := range c.Services {
		t.Run(name, func(t *testing.T) {
			if s.Image == "" && s.Build == nil {
				t.Error("neither image nor build")
			}
			if s.Build != nil {
				df := filepath.Join(s.Build.Context, s.Build.Dockerfile)
				if _, err := os.Stat(df); err != nil {
					t.Errorf("build: %v", err)
				}
				if _, err := os.Stat(filepath.Join(s.Build.Context, "go.mod")); err != nil {
					t.Errorf("build context %s is not the repository root: %v", s.Build.Context, err)
				}
			} else if !pinnedImage.MatchString(s.Image) || strings.HasSuffix(s.Image, ":latest") {
				t.Errorf("image %q is not pinned to a version tag", s.Image)
			}
			for _, p := range s.Ports {
				if !strings.HasPrefix(p, "127.0.0.1:") {
					t.Errorf("port %q is published beyond loopback", p)
				}
			}
			for dep, d := range s.DependsOn {
				target, ok := c.Services[dep]
				if !ok {
					t.Errorf("depends on unknown service %q", dep)
					continue
				}
				switch d.Condition {
				case "service_started", "service_completed_successfully":
				case "service_healthy":
					if target.Healthcheck == nil {
						t.Errorf("waits for %s to be healthy, but it has no healthcheck", dep)
					}
				default:
					t.Errorf("depends_on %s: condition %q", dep, d.Condition)
				}
			}
			if h := s.Healthcheck; h == nil {
				t.Error("no healthcheck")
			} else {
				if len(h.Test) < 2 || (h.Test[0] != "CMD" && h.Test[0] != "CMD-SHELL") {
					t.Errorf("healthcheck test %v", h.Test)
				}
				for _, d := range []string{h.Interval, h.Timeout} {
					if _, err := time.ParseDuration(d); err != nil {
						t.Errorf("healthcheck duration %q: %v", d, err)
					}
				}
			}
			for _, v := range s.Volumes {
				src, _, _ := strings.Cut(v, ":")
				if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") {
					if _, err := os.Stat(src); err != nil {
						t.Errorf("bind mount %s: %v", src, err)
					}
				} else if _, ok := c.Volumes[src]; !ok {
					t.Errorf("named volume %q is not declared", src)
				}
			}
			if s.StopGracePeriod != "" {
				if _, err := time.ParseDuration(s.StopGracePeriod); err != nil {
					t.Errorf("stop_grace_period: %v", err)
				}
			}
		})
	}
	if cycle := dependsCycle(c); cycle != "" {
		t.Errorf("depends_on cycle through %s", cycle)
	}
}

// TestComposeWiring checks that the pieces point at each other: Prometheus
// scrapes every worker on its metrics port and sends to Alertmanager, the
// workers reach NATS, Grafana's data source is the Prometheus service.
func TestComposeWiring(t *testing.T) {
	c := loadCompose(t)
	var prom prometheusConfig
	readYAML(t, "prometheus/prometheus.yml", &prom)

	var slantTargets, amTargets []string
	for _, sc := range prom.ScrapeConfigs {
		if sc.JobName == "slant" {
			for _, st := range sc.StaticConfigs {
				slantTargets = append(slantTargets, st.Targets...)
			}
		}
	}
	for _, am := range prom.Alerting.Alertmanagers {
		for _, st := range am.StaticConfigs {
			amTargets = append(amTargets, st.Targets...)
		}
	}

	workers := 0
	for name, s := range c.Services {
		if !strings.HasPrefix(name, "worker-") {
			continue
		}
		workers++
		if !slices.Contains(s.Command, "serve") {
			t.Errorf("%s does not run serve: %v", name, s.Command)
		}
		if nats := flagValue(s.Command, "--nats"); !strings.HasPrefix(nats, "nats://nats:") {
			t.Errorf("%s: --nats %q is not the nats service", name, nats)
		}
		_, port, err := net.SplitHostPort(flagValue(s.Command, "--metrics"))
		if err != nil {
			t.Errorf("%s: --metrics: %v", name, err)
			continue
		}
		if !slices.Contains(slantTargets, name+":"+port) {
			t.Errorf("prometheus job slant does not scrape %s:%s (targets %v)", name, port, slantTargets)
		}
		if s.Environment["SLANT_METRICS_SITES"] == "" {
			t.Errorf("%s: no SLANT_METRICS_SITES: every site would be \"other\"", name)
		}
		if h := s.Healthcheck; h == nil || !strings.Contains(strings.Join(h.Test, " "), ":"+port+"/readyz") {
			t.Errorf("%s: healthcheck should ask /readyz on the metrics port", name)
		}
	}
	if workers != 2 || len(slantTargets) != workers {
		t.Errorf("%d workers, %d slant scrape targets", workers, len(slantTargets))
	}
	if !slices.Contains(amTargets, "alertmanager:9093") {
		t.Errorf("prometheus alerts go to %v, not the alertmanager service", amTargets)
	}

	var ds struct {
		Datasources []struct {
			Name, UID, Type, URL string
		} `yaml:"datasources"`
	}
	readYAML(t, "grafana/provisioning/datasources/prometheus.yml", &ds)
	if len(ds.Datasources) != 1 || ds.Datasources[0].URL != "http://prometheus:9090" || ds.Datasources[0].Type != "prometheus" {
		t.Errorf("grafana data source %+v: want the prometheus service", ds.Datasources)
	}

	// Prometheus must mount the rules this repository tests.
	mounts := strings.Join(c.Services["prometheus"].Volumes, " ")
	for _, want := range []string{"./prometheus/prometheus.yml:", "./prometheus/rules:"} {
		if !strings.Contains(mounts, want) {
			t.Errorf("prometheus does not mount %s", want)
		}
	}
	for _, rf := range prom.RuleFiles {
		if !strings.HasPrefix(rf, "/etc/prometheus/rules/") {
			t.Errorf("rule file %s is outside the mounted rules directory", rf)
		}
	}
}

func readYAML(t *testing.T, path string, into any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yamlv3.Unmarshal(data, into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// dependsCycle returns a service on a depends_on cycle, or "".
func dependsCycle(c composeFile) string {
	const (
		visiting = iota + 1
		done
	)
	state := map[string]int{}
	var visit func(string) string
	visit = func(n string) string {
		switch state[n] {
		case visiting:
			return n
		case done:
			return ""
		}
		state[n] = visiting
		for dep := range c.Services[n].DependsOn {
			if s := visit(dep); s != "" {
				return s
			}
		}
		state[n] = done
		return ""
	}
	for n := range c.Services {
		if s := visit(n); s != "" {
			return s
		}
	}
	return ""
}
