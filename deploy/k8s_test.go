package deploy_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	yamlv3 "gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"
)

// serviceMonitor mirrors the fields of monitoring.coreos.com/v1
// ServiceMonitor that the manifest may use; strict decoding into it catches
// a misspelt or misplaced field the way the CRD's schema would.
type serviceMonitor struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		JobLabel          string               `json:"jobLabel,omitempty"`
		Selector          metav1.LabelSelector `json:"selector"`
		NamespaceSelector struct {
			Any        bool     `json:"any,omitempty"`
			MatchNames []string `json:"matchNames,omitempty"`
		} `json:"namespaceSelector"`
		Endpoints []struct {
			Port          string `json:"port"`
			Path          string `json:"path,omitempty"`
			Scheme        string `json:"scheme,omitempty"`
			Interval      string `json:"interval,omitempty"`
			ScrapeTimeout string `json:"scrapeTimeout,omitempty"`
		} `json:"endpoints"`
	} `json:"spec"`
}

// scaledObject mirrors keda.sh/v1alpha1 ScaledObject.
type scaledObject struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		ScaleTargetRef struct {
			APIVersion string `json:"apiVersion,omitempty"`
			Kind       string `json:"kind,omitempty"`
			Name       string `json:"name"`
		} `json:"scaleTargetRef"`
		MinReplicaCount *int32 `json:"minReplicaCount,omitempty"`
		MaxReplicaCount *int32 `json:"maxReplicaCount,omitempty"`
		PollingInterval *int32 `json:"pollingInterval,omitempty"`
		CooldownPeriod  *int32 `json:"cooldownPeriod,omitempty"`
		Triggers        []struct {
			Type              string            `json:"type"`
			Metadata          map[string]string `json:"metadata"`
			AuthenticationRef *struct {
				Name string `json:"name"`
			} `json:"authenticationRef,omitempty"`
		} `json:"triggers"`
	} `json:"spec"`
}

type kustomization struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Namespace  string   `json:"namespace"`
	Resources  []string `json:"resources"`
	Images     []struct {
		Name   string `json:"name"`
		NewTag string `json:"newTag"`
	} `json:"images"`
}

// manifests holds every object of deploy/k8s, decoded strictly.
type manifests struct {
	namespaces      []*corev1.Namespace
	configMaps      []*corev1.ConfigMap
	deployments     []*appsv1.Deployment
	services        []*corev1.Service
	pdbs            []*policyv1.PodDisruptionBudget
	serviceMonitors []*serviceMonitor
	scaledObjects   []*scaledObject
}

// splitDocuments splits a multi-document YAML file.
func splitDocuments(data []byte) ([][]byte, error) {
	dec := yamlv3.NewDecoder(bytes.NewReader(data))
	var docs [][]byte
	for {
		var node yamlv3.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		out, err := yamlv3.Marshal(&node)
		if err != nil {
			return nil, err
		}
		docs = append(docs, out)
	}
}

func loadManifests(t *testing.T) (manifests, kustomization) {
	t.Helper()
	var k kustomization
	readStrict(t, "k8s/kustomization.yaml", &k)
	var m manifests
	for _, res := range k.Resources {
		data, err := os.ReadFile(filepath.Join("k8s", res))
		if err != nil {
			t.Fatalf("kustomization lists %s: %v", res, err)
		}
		docs, err := splitDocuments(data)
		if err != nil {
			t.Fatalf("%s: %v", res, err)
		}
		for i, doc := range docs {
			var tm metav1.TypeMeta
			if err := yaml.Unmarshal(doc, &tm); err != nil {
				t.Fatalf("%s #%d: %v", res, i, err)
			}
			var obj any
			switch tm.APIVersion + " " + tm.Kind {
			case "v1 Namespace":
				o := new(corev1.Namespace)
				m.namespaces, obj = append(m.namespaces, o), o
			case "v1 ConfigMap":
				o := new(corev1.ConfigMap)
				m.configMaps, obj = append(m.configMaps, o), o
			case "apps/v1 Deployment":
				o := new(appsv1.Deployment)
				m.deployments, obj = append(m.deployments, o), o
			case "v1 Service":
				o := new(corev1.Service)
				m.services, obj = append(m.services, o), o
			case "policy/v1 PodDisruptionBudget":
				o := new(policyv1.PodDisruptionBudget)
				m.pdbs, obj = append(m.pdbs, o), o
			case "monitoring.coreos.com/v1 ServiceMonitor":
				o := new(serviceMonitor)
				m.serviceMonitors, obj = append(m.serviceMonitors, o), o
			case "keda.sh/v1alpha1 ScaledObject":
				o := new(scaledObject)
				m.scaledObjects, obj = append(m.scaledObjects, o), o
			default:
				t.Fatalf("%s #%d: unexpected %s %s: teach this test its type", res, i, tm.APIVersion, tm.Kind)
			}
			if err := yaml.UnmarshalStrict(doc, obj); err != nil {
				t.Errorf("%s #%d (%s): %v", res, i, tm.Kind, err)
			}
		}
	}
	return m, k
}

// readStrict decodes a single-document YAML file, rejecting unknown fields.
func readStrict(t *testing.T, path string, into any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(data, into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestKustomizationListsEveryManifest(t *testing.T) {
	var k kustomization
	readStrict(t, "k8s/kustomization.yaml", &k)
	files, err := filepath.Glob("k8s/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		base := filepath.Base(f)
		// Helm values are for `helm install`, not kubectl.
		if base == "kustomization.yaml" || base == "nats-values.yaml" {
			continue
		}
		if !slices.Contains(k.Resources, base) {
			t.Errorf("%s is not in kustomization.yaml: `kubectl apply -k` would skip it", base)
		}
	}
	if k.Namespace != "slant" {
		t.Errorf("kustomization namespace %q", k.Namespace)
	}
}

func TestKubernetesManifests(t *testing.T) {
	m, k := loadManifests(t)
	if len(m.deployments) != 1 || len(m.services) != 1 || len(m.serviceMonitors) != 1 || len(m.scaledObjects) != 1 || len(m.pdbs) != 1 {
		t.Fatalf("want one Deployment, Service, ServiceMonitor, ScaledObject and PDB; have %d, %d, %d, %d, %d",
			len(m.deployments), len(m.services), len(m.serviceMonitors), len(m.scaledObjects), len(m.pdbs))
	}
	dep, svc, sm, so, pdb := m.deployments[0], m.services[0], m.serviceMonitors[0], m.scaledObjects[0], m.pdbs[0]

	for _, meta := range []metav1.ObjectMeta{dep.ObjectMeta, svc.ObjectMeta, sm.ObjectMeta, so.ObjectMeta, pdb.ObjectMeta} {
		for _, msg := range validation.IsDNS1123Subdomain(meta.Name) {
			t.Errorf("name %q: %s", meta.Name, msg)
		}
		if meta.Namespace != k.Namespace {
			t.Errorf("%s: namespace %q, kustomization says %q", meta.Name, meta.Namespace, k.Namespace)
		}
	}

	t.Run("deployment", func(t *testing.T) {
		sel, err := metav1.LabelSelectorAsSelector(dep.Spec.Selector)
		if err != nil {
			t.Fatal(err)
		}
		podLabels := labels.Set(dep.Spec.Template.Labels)
		if !sel.Matches(podLabels) {
			t.Errorf("selector %v does not match the pod template's labels %v", sel, podLabels)
		}
		pod := dep.Spec.Template.Spec
		if g := pod.TerminationGracePeriodSeconds; g == nil || *g < 30 {
			t.Errorf("terminationGracePeriodSeconds %v: too short to drain in-flight pages", g)
		}
		if len(pod.Containers) != 1 {
			t.Fatalf("%d containers", len(pod.Containers))
		}
		c := pod.Containers[0]
		if strings.HasSuffix(c.Image, ":latest") || !strings.Contains(c.Image, ":") {
			t.Errorf("image %q is not pinned to a tag", c.Image)
		}
		metricsPort := containerPort(t, c, "metrics")
		if addr := flagValue(c.Args, "--metrics"); addr == "" {
			t.Errorf("args %v: no --metrics", c.Args)
		} else if _, port, err := net.SplitHostPort(addr); err != nil || port != strconv.Itoa(int(metricsPort)) {
			t.Errorf("--metrics %q does not listen on the metrics port %d", addr, metricsPort)
		}
		if !slices.Contains(c.Args, "serve") {
			t.Errorf("args %v do not run serve", c.Args)
		}
		checkProbe(t, "liveness", c.LivenessProbe, "/healthz", c)
		checkProbe(t, "readiness", c.ReadinessProbe, "/readyz", c)
		for _, res := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
			if q, ok := c.Resources.Requests[res]; !ok || q.IsZero() {
				t.Errorf("no %s request", res)
			}
		}
		if q, ok := c.Resources.Limits[corev1.ResourceMemory]; !ok || q.Cmp(c.Resources.Requests[corev1.ResourceMemory]) < 0 {
			t.Errorf("memory limit %v below request", q)
		}
		sc := c.SecurityContext
		if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			t.Errorf("container security context should forbid privilege escalation and use a read-only root")
		}
		if psc := pod.SecurityContext; psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot {
			t.Errorf("pod should run as non-root")
		}
		// The allow-list comes from the ConfigMap: it must exist with the key.
		for _, e := range c.Env {
			if ref := e.ValueFrom; ref != nil && ref.ConfigMapKeyRef != nil {
				if !hasConfigMapKey(m.configMaps, ref.ConfigMapKeyRef.Name, ref.ConfigMapKeyRef.Key) {
					t.Errorf("env %s refers to configmap %s key %s, which the manifests do not define", e.Name, ref.ConfigMapKeyRef.Name, ref.ConfigMapKeyRef.Key)
				}
			}
		}
	})

	t.Run("service", func(t *testing.T) {
		if !labels.SelectorFromSet(svc.Spec.Selector).Matches(labels.Set(dep.Spec.Template.Labels)) {
			t.Errorf("service selector %v does not select the worker pods", svc.Spec.Selector)
		}
		if svc.Name != "slant" {
			t.Errorf("service %q: the ServiceMonitor's job label is the service name and the alert rules expect job=\"slant\"", svc.Name)
		}
		found := false
		for _, p := range svc.Spec.Ports {
			if p.Name == "metrics" {
				found = true
				if p.TargetPort.Type == intstr.String && p.TargetPort.StrVal != "metrics" {
					t.Errorf("service targetPort %q is not the container's metrics port", p.TargetPort.StrVal)
				}
			}
		}
		if !found {
			t.Error("service has no port named metrics")
		}
	})

	t.Run("servicemonitor", func(t *testing.T) {
		sel, err := metav1.LabelSelectorAsSelector(&sm.Spec.Selector)
		if err != nil {
			t.Fatal(err)
		}
		if !sel.Matches(labels.Set(svc.Labels)) {
			t.Errorf("ServiceMonitor selector %v does not select service labels %v", sel, svc.Labels)
		}
		if !sm.Spec.NamespaceSelector.Any && !slices.Contains(sm.Spec.NamespaceSelector.MatchNames, svc.Namespace) {
			t.Errorf("ServiceMonitor does not look in namespace %s", svc.Namespace)
		}
		if len(sm.Spec.Endpoints) == 0 {
			t.Fatal("no endpoints")
		}
		for _, ep := range sm.Spec.Endpoints {
			if ep.Port != "metrics" {
				t.Errorf("endpoint port %q", ep.Port)
			}
			if ep.Path != "" && ep.Path != "/metrics" {
				t.Errorf("endpoint path %q", ep.Path)
			}
			iv, err1 := time.ParseDuration(ep.Interval)
			to, err2 := time.ParseDuration(ep.ScrapeTimeout)
			if err1 != nil || err2 != nil || to > iv {
				t.Errorf("interval %q, scrapeTimeout %q: want durations with timeout ≤ interval", ep.Interval, ep.ScrapeTimeout)
			}
		}
	})

	t.Run("pdb", func(t *testing.T) {
		sel, err := metav1.LabelSelectorAsSelector(pdb.Spec.Selector)
		if err != nil {
			t.Fatal(err)
		}
		if !sel.Matches(labels.Set(dep.Spec.Template.Labels)) {
			t.Errorf("PDB does not select the worker pods")
		}
		if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() < 1 {
			t.Errorf("PDB minAvailable %v", pdb.Spec.MinAvailable)
		}
	})

	t.Run("scaledobject", func(t *testing.T) {
		ref := so.Spec.ScaleTargetRef
		if ref.Name != dep.Name || (ref.Kind != "" && ref.Kind != "Deployment") {
			t.Errorf("scales %s %q, not the worker Deployment %q", ref.Kind, ref.Name, dep.Name)
		}
		if so.Spec.MinReplicaCount == nil || so.Spec.MaxReplicaCount == nil || *so.Spec.MinReplicaCount < 1 || *so.Spec.MaxReplicaCount <= *so.Spec.MinReplicaCount {
			t.Errorf("replica bounds %v..%v", so.Spec.MinReplicaCount, so.Spec.MaxReplicaCount)
		}
		if len(so.Spec.Triggers) != 1 || so.Spec.Triggers[0].Type != "nats-jetstream" {
			t.Fatalf("triggers %+v: want one nats-jetstream trigger", so.Spec.Triggers)
		}
		md := so.Spec.Triggers[0].Metadata
		for _, key := range []string{"natsServerMonitoringEndpoint", "account", "stream", "consumer", "lagThreshold"} {
			if md[key] == "" {
				t.Errorf("trigger metadata lacks %s", key)
			}
		}
		// The pipeline's defaults: stream PAGES, durable consumer "slant".
		if md["stream"] != "PAGES" || md["consumer"] != "slant" {
			t.Errorf("trigger watches %s/%s, the workers consume PAGES/slant", md["stream"], md["consumer"])
		}
		if n, err := strconv.Atoi(md["lagThreshold"]); err != nil || n <= 0 {
			t.Errorf("lagThreshold %q", md["lagThreshold"])
		}
		if h, port, err := net.SplitHostPort(md["natsServerMonitoringEndpoint"]); err != nil || h == "" || port != "8222" {
			t.Errorf("natsServerMonitoringEndpoint %q: want host:8222", md["natsServerMonitoringEndpoint"])
		}
	})
}

func containerPort(t *testing.T, c corev1.Container, name string) int32 {
	t.Helper()
	for _, p := range c.Ports {
		if p.Name == name {
			return p.ContainerPort
		}
	}
	t.Fatalf("container %s has no port named %s", c.Name, name)
	return 0
}

func checkProbe(t *testing.T, kind string, p *corev1.Probe, path string, c corev1.Container) {
	t.Helper()
	if p == nil || p.HTTPGet == nil {
		t.Errorf("%s probe: want an HTTP GET of %s", kind, path)
		return
	}
	if p.HTTPGet.Path != path {
		t.Errorf("%s probe path %q, want %q", kind, p.HTTPGet.Path, path)
	}
	port := p.HTTPGet.Port
	if (port.Type == intstr.String && port.StrVal != "metrics") || (port.Type == intstr.Int && port.IntVal != containerPort(t, c, "metrics")) {
		t.Errorf("%s probe port %v is not the metrics port", kind, port.String())
	}
}

// flagValue finds --name=value or --name value in args.
func flagValue(args []string, name string) string {
	for i, a := range args {
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v
		}
		if a == name && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func hasConfigMapKey(cms []*corev1.ConfigMap, name, key string) bool {
	for _, cm := range cms {
		if cm.Name == name {
			_, ok := cm.Data[key]
			return ok
		}
	}
	return false
}

// natsValues is the part of the official NATS chart's values that
// nats-values.yaml sets; strict decoding catches keys the chart does not have
// at these places.
type natsValues struct {
	Config struct {
		Cluster struct {
			Enabled  bool `json:"enabled"`
			Replicas int  `json:"replicas"`
		} `json:"cluster"`
		JetStream struct {
			Enabled   bool `json:"enabled"`
			FileStore struct {
				Enabled bool   `json:"enabled"`
				Dir     string `json:"dir"`
				PVC     struct {
					Enabled bool   `json:"enabled"`
					Size    string `json:"size"`
				} `json:"pvc"`
			} `json:"fileStore"`
			MemoryStore struct {
				Enabled bool `json:"enabled"`
			} `json:"memoryStore"`
		} `json:"jetstream"`
		Monitor struct {
			Enabled bool `json:"enabled"`
			Port    int  `json:"port"`
		} `json:"monitor"`
	} `json:"config"`
	Container struct {
		Merge struct {
			Resources corev1.ResourceRequirements `json:"resources"`
		} `json:"merge"`
	} `json:"container"`
	PodTemplate struct {
		TopologySpreadConstraints map[string]struct {
			MaxSkew           int    `json:"maxSkew"`
			WhenUnsatisfiable string `json:"whenUnsatisfiable"`
		} `json:"topologySpreadConstraints"`
	} `json:"podTemplate"`
	PromExporter struct {
		Enabled    bool `json:"enabled"`
		PodMonitor struct {
			Enabled bool `json:"enabled"`
		} `json:"podMonitor"`
	} `json:"promExporter"`
}

func TestNATSHelmValues(t *testing.T) {
	var v natsValues
	readStrict(t, "k8s/nats-values.yaml", &v)
	c := v.Config
	if !c.JetStream.Enabled || !c.JetStream.FileStore.Enabled || !c.JetStream.FileStore.PVC.Enabled {
		t.Error("JetStream with file storage on a PVC must be on: slant never loses an accepted page")
	}
	if !c.Cluster.Enabled || c.Cluster.Replicas < 3 || c.Cluster.Replicas%2 == 0 {
		t.Errorf("cluster: enabled %v, %d replicas; want an odd number ≥ 3 for replicated streams", c.Cluster.Enabled, c.Cluster.Replicas)
	}
	if !c.Monitor.Enabled || c.Monitor.Port != 8222 {
		t.Errorf("monitoring on %d (enabled %v): KEDA's scaler reads port 8222", c.Monitor.Port, c.Monitor.Enabled)
	}
	if c.JetStream.FileStore.PVC.Size == "" {
		t.Error("no PVC size")
	}
}
