package shareddata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSkipfRecordsAndSkips(t *testing.T) {
	log := filepath.Join(t.TempDir(), "skipped.txt")
	t.Setenv(LogEnv, log)
	var skipped []bool
	for _, name := range []string{"one", "two"} {
		t.Run(name, func(t *testing.T) {
			defer func() { skipped = append(skipped, t.Skipped()) }()
			Skipf(t, "data absent at %s", "../shared/x")
		})
	}
	if len(skipped) != 2 || !skipped[0] || !skipped[1] {
		t.Errorf("subtests skipped: %v", skipped)
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	want := "internal/shareddata\tTestSkipfRecordsAndSkips/one\tdata absent at ../shared/x\n" +
		"internal/shareddata\tTestSkipfRecordsAndSkips/two\tdata absent at ../shared/x\n"
	if string(b) != want {
		t.Errorf("log:\n%q\nwant\n%q", b, want)
	}

	// Without the variable nothing is written, and the test still skips.
	t.Setenv(LogEnv, "")
	t.Run("unlogged", func(t *testing.T) { Skipf(t, "absent") })
	if b2, _ := os.ReadFile(log); !strings.EqualFold(string(b2), want) {
		t.Error("Skipf wrote without $" + LogEnv)
	}
}
