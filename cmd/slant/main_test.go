package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestMain keeps the tests from the machine's NATS settings: no NATS_*
// variable, no natscli context, no NO_COLOR.
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "NATS_") || k == "NO_COLOR" {
			os.Unsetenv(k)
		}
	}
	// The go command finds its settings (go env -w) under the config
	// folder too: keep them for the builds the tests run.
	if d, err := os.UserConfigDir(); err == nil && os.Getenv("GOENV") == "" {
		os.Setenv("GOENV", filepath.Join(d, "go", "env"))
	}
	cfg, err := os.MkdirTemp("", "slant-xdg-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CONFIG_HOME", cfg)
	code := m.Run()
	os.RemoveAll(cfg)
	if binary.path != "" {
		os.RemoveAll(filepath.Dir(binary.path))
	}
	os.Exit(code)
}

// testVersion is what the test binary is linked with, as a release would
// be with `git describe`.
const testVersion = "v0.0.0-test.1-gabcdef0"

var binary struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

// slantBinary builds the real slant binary once per test run, linked the
// way `make build` links it.
func slantBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		dir, err := os.MkdirTemp("", "slant-bin-")
		if err != nil {
			binary.err = err
			return
		}
		binary.path = filepath.Join(dir, "slant")
		cmd := exec.Command("go", "build", "-ldflags", "-X main.buildVersion="+testVersion, "-o", binary.path, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		binary.out, binary.err = cmd.CombinedOutput()
	})
	if binary.err != nil {
		t.Fatalf("go build: %v\n%s", binary.err, binary.out)
	}
	return binary.path
}
