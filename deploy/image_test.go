package deploy_test

import (
	"context"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// dockerfile is deploy/Dockerfile read into its stages, enough to check
// that they fit together without a container engine.
type dockerfile struct {
	stages []stage
}

type stage struct {
	from, name string
	args       map[string]string // ARG name → default
	runs       []string
	copies     []dcopy
	user       string
	entrypoint string
	workdir    string
}

type dcopy struct {
	from, chown, src, dst string
}

func parseDockerfile(t *testing.T, path string) dockerfile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Join continuation lines, drop comments.
	var lines []string
	cur := ""
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if s, ok := strings.CutSuffix(l, "\\"); ok {
			cur += s + " "
			continue
		}
		cur += l
		if strings.TrimSpace(cur) != "" {
			lines = append(lines, strings.TrimSpace(cur))
		}
		cur = ""
	}
	var df dockerfile
	for _, l := range lines {
		instr, rest, _ := strings.Cut(l, " ")
		rest = strings.TrimSpace(rest)
		if strings.ToUpper(instr) == "FROM" {
			f := strings.Fields(rest)
			st := stage{from: f[0], args: map[string]string{}}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				st.name = f[2]
			}
			df.stages = append(df.stages, st)
			continue
		}
		if len(df.stages) == 0 {
			t.Fatalf("%s before FROM", instr)
		}
		st := &df.stages[len(df.stages)-1]
		switch strings.ToUpper(instr) {
		case "ARG":
			k, v, _ := strings.Cut(rest, "=")
			st.args[k] = v
		case "RUN":
			st.runs = append(st.runs, rest)
		case "COPY":
			var c dcopy
			var paths []string
			for _, f := range strings.Fields(rest) {
				switch {
				case strings.HasPrefix(f, "--from="):
					c.from = strings.TrimPrefix(f, "--from=")
				case strings.HasPrefix(f, "--chown="):
					c.chown = strings.TrimPrefix(f, "--chown=")
				case strings.HasPrefix(f, "--"):
				default:
					paths = append(paths, f)
				}
			}
			c.src, c.dst = strings.Join(paths[:len(paths)-1], " "), paths[len(paths)-1]
			st.copies = append(st.copies, c)
		case "USER":
			st.user = rest
		case "ENTRYPOINT":
			st.entrypoint = rest
		case "WORKDIR":
			st.workdir = rest
		}
	}
	return df
}

var goBuild = regexp.MustCompile(`CGO_ENABLED=0 go build .*? -o (\S+) (\./cmd/slant)`)

// makeVar reads VAR ?= value from the repository's Makefile.
func makeVar(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + name + `\s*\?=\s*(.+)$`).FindStringSubmatch(string(data))
	if m == nil {
		t.Fatalf("Makefile has no %s ?=", name)
	}
	return strings.TrimSpace(m[1])
}

// TestDockerfile checks that the stages fit: the final stage copies the
// binary the build stage writes, runs it as its entry point, as a non-root
// user, on a distroless base; the build is static and links VERSION into
// the variable that `slant --version` prints; `make image` passes VERSION.
func TestDockerfile(t *testing.T) {
	df := parseDockerfile(t, "Dockerfile")
	if len(df.stages) < 2 {
		t.Fatalf("want a build stage and a runtime stage, have %d", len(df.stages))
	}
	for _, st := range df.stages {
		if !strings.Contains(st.from, ":") || strings.HasSuffix(st.from, ":latest") {
			t.Errorf("base image %q is not pinned", st.from)
		}
	}
	final := df.stages[len(df.stages)-1]
	if !strings.Contains(final.from, "distroless/static") {
		t.Errorf("runtime base %q: want distroless/static (the binary needs no libc)", final.from)
	}
	if u := strings.Split(final.user, ":")[0]; u == "" || u == "root" || u == "0" {
		t.Errorf("image runs as %q; want a non-root user", final.user)
	}

	stages := map[string]stage{}
	for _, st := range df.stages[:len(df.stages)-1] {
		stages[st.name] = st
	}
	var binDst string
	for _, c := range final.copies {
		if c.from == "" {
			continue
		}
		src, ok := stages[c.from]
		if !ok {
			t.Errorf("COPY --from=%s: no such earlier stage", c.from)
			continue
		}
		if c.chown != "" && c.chown != final.user {
			t.Errorf("COPY %s chowns to %s but the image runs as %s", c.src, c.chown, final.user)
		}
		for _, run := range src.runs {
			if m := goBuild.FindStringSubmatch(run); m != nil && m[1] == c.src {
				binDst = c.dst
				if !strings.Contains(run, "-X main.buildVersion=${VERSION}") {
					t.Errorf("the build does not link VERSION into main.buildVersion: %s", run)
				}
				if _, ok := src.args["VERSION"]; !ok {
					t.Errorf("stage %s uses ${VERSION} without ARG VERSION", src.name)
				}
			}
		}
	}
	if binDst == "" {
		t.Fatal("the runtime stage copies no binary that a build stage's `CGO_ENABLED=0 go build -o PATH ./cmd/slant` writes")
	}
	if !strings.Contains(final.entrypoint, `"`+binDst+`"`) {
		t.Errorf("ENTRYPOINT %s does not run the copied binary %s", final.entrypoint, binDst)
	}
	// The linker variable exists in the binary's source.
	src, err := os.ReadFile("../cmd/slant/version.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "var buildVersion string") {
		t.Error("cmd/slant has no `var buildVersion string` for -X main.buildVersion")
	}
	// make image builds this file with VERSION.
	mk, err := os.ReadFile("../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`build -f deploy/Dockerfile --build-arg VERSION=\$\(VERSION\) -t \$\(IMAGE\):\$\(VERSION\) \.`).Match(mk) {
		t.Error("make image does not build deploy/Dockerfile with --build-arg VERSION and tag $(IMAGE):$(VERSION)")
	}
}

// TestImageBinaryIsStatic builds the binary with the Dockerfile's own
// command line and checks that it is static (no ELF interpreter, no shared
// libraries: it runs on distroless/static) and prints the version it was
// linked with.
func TestImageBinaryIsStatic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds slant")
	}
	df := parseDockerfile(t, "Dockerfile")
	var cmdline string
	for _, st := range df.stages {
		for _, run := range st.runs {
			if m := goBuild.FindString(run); m != "" {
				cmdline = m
			}
		}
	}
	if cmdline == "" {
		t.Fatal("no go build in the Dockerfile")
	}
	out := filepath.Join(t.TempDir(), "slant")
	const version = "v9.8.7-imagetest"
	cmdline = strings.ReplaceAll(cmdline, "${VERSION}", version)
	cmdline = strings.Replace(cmdline, " -o "+goBuild.FindStringSubmatch(cmdline)[1]+" ", " -o '"+out+"' ", 1)
	// The Dockerfile's RUN is a shell command line: run it as one.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "sh", "-c", cmdline)
	build.Dir = ".."
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmdline, err, b)
	}

	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary has an ELF interpreter (PT_INTERP): it is dynamically linked and will not run on distroless/static")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary needs shared libraries %v", libs)
	}
	v, err := exec.Command(out, "--version").Output()
	if err != nil || !strings.HasPrefix(string(v), "slant "+version+" ") {
		t.Errorf("slant --version: %v %q, want slant %s", err, v, version)
	}
}

// TestDeployRunsTheReleasedImage: compose and the Kubernetes manifests run
// the image `make image` builds (the Makefile's IMAGE), Kubernetes a
// release tag set in the kustomization, both as the image's user, and the
// compose health check works without a shell.
func TestDeployRunsTheReleasedImage(t *testing.T) {
	image := makeVar(t, "IMAGE")
	df := parseDockerfile(t, "Dockerfile")
	user := strings.Split(df.stages[len(df.stages)-1].user, ":")[0]

	c := loadCompose(t)
	for _, name := range []string{"worker-1", "worker-2"} {
		s := c.Services[name]
		if repo, _, _ := strings.Cut(s.Image, ":${"); repo != image {
			t.Errorf("%s image %q: want %s:${SLANT_VERSION...}, what make image builds", name, s.Image, image)
		}
		if s.Build == nil || s.Build.Args["VERSION"] == "" {
			t.Errorf("%s: the compose build passes no VERSION", name)
		}
		if h := s.Healthcheck; h == nil || len(h.Test) < 3 || h.Test[0] != "CMD" || !strings.HasSuffix(h.Test[1], "slant") || h.Test[2] != "probe" {
			t.Errorf("%s healthcheck %v: the distroless image has no wget; use slant probe", name, s.Healthcheck)
		}
	}

	m, k := loadManifests(t)
	if len(k.Images) != 1 || k.Images[0].Name != image || !regexp.MustCompile(`^v\d+\.\d+\.\d+$`).MatchString(k.Images[0].NewTag) {
		t.Errorf("kustomization images %+v: want %s with a release tag vX.Y.Z", k.Images, image)
	}
	pod := m.deployments[0].Spec.Template.Spec
	if repo, _, _ := strings.Cut(pod.Containers[0].Image, ":"); repo != image {
		t.Errorf("deployment image %q is not %s", pod.Containers[0].Image, image)
	}
	if u := pod.SecurityContext.RunAsUser; u == nil || strconv.FormatInt(*u, 10) != user {
		t.Errorf("pod runAsUser %v, the image's user is %s", u, user)
	}
}
