package deploy_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// tool finds an external program the tests run (promtool, amtool): in the
// repository's bin/, where `make tools` unpacks Debian's packages, or on
// PATH. Missing, it fails the test under CI and skips it elsewhere.
func tool(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "bin", name)
	if st, err := os.Stat(p); err == nil && st.Mode()&0o111 != 0 {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	msg := name + " not found in ../bin or on PATH; run `make tools` at the repository root"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// run runs a program in dir and fails the test with its output if it fails.
func run(t *testing.T, dir, prog string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", filepath.Base(prog), args, err, out.String())
	}
	return out.String()
}
