// Package testbin finds the external programs that tests run (nats-server,
// the nats CLI, promtool, prometheus): in the repository's bin/, where
// `make tools` puts them, or on PATH.
package testbin

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Find returns the path of the program name. When it is missing, the test
// fails if $CI is set, since CI must run everything, and is skipped with a
// hint otherwise.
func Find(t testing.TB, name string) string {
	t.Helper()
	if dir, err := moduleRoot(); err == nil {
		p := filepath.Join(dir, "bin", name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	msg := name + " not found in bin/ or on PATH; run `make tools`, which puts every test tool in bin/"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// moduleRoot is the nearest directory above the working directory that
// holds go.mod and the Makefile: the repository root, not a module nested
// in it.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "Makefile")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
