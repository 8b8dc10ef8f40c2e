// Package shareddata is for the tests that read the shared data folder
// (../shared beside the repository: reference pages, CheckThat, PolNeAR,
// BABE, the readability pages). Without it they skip, and `go test` hides
// skips unless run with -v; Skipf also appends the test and the reason to
// the file named by $SLANT_SKIPPED_LOG, which `make test` reads back to
// print one line naming every test skipped and why.
package shareddata

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// LogEnv names the file Skipf appends to.
const LogEnv = "SLANT_SKIPPED_LOG"

// Skipf records the skip (package directory, test name and reason, one
// tab-separated line) when $SLANT_SKIPPED_LOG is set, then skips tb.
func Skipf(tb testing.TB, format string, args ...any) {
	tb.Helper()
	reason := fmt.Sprintf(format, args...)
	if path := os.Getenv(LogEnv); path != "" {
		if err := record(path, packageDir(), tb.Name(), reason); err != nil {
			tb.Logf("shareddata: %s: %v", LogEnv, err)
		}
	}
	tb.Skip(reason)
}

func record(path, pkg, test, reason string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	// One short write per line: O_APPEND keeps lines from parallel test
	// processes whole.
	_, err = fmt.Fprintf(f, "%s\t%s\t%s\n", pkg, test, reason)
	return errors.Join(err, f.Close())
}

// packageDir is the test's package folder relative to the repository root
// (go test runs a test binary in its package's folder), for the summary.
func packageDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "?"
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "Makefile")); err == nil {
			if rel, err := filepath.Rel(dir, wd); err == nil {
				return filepath.ToSlash(rel)
			}
		}
		if filepath.Dir(dir) == dir {
			return filepath.Base(wd)
		}
	}
}
