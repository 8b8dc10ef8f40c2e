package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slantwire/slant/internal/shareddata"
)

const sharedData = "../../../shared/data"

func TestTrainEvalCommands(t *testing.T) {
	t.Run("missing data", func(t *testing.T) {
		for _, args := range [][]string{
			{"eval", "--data", t.TempDir()},
			{"train", "--data", t.TempDir(), "--out", t.TempDir()},
		} {
			code, _, stderr := runCmd(t, "", args...)
			if code != 1 || !strings.Contains(stderr, "no such file") {
				t.Errorf("%v: exit %d, stderr %q; want 1 and the missing file named", args, code, stderr)
			}
		}
	})
	t.Run("round trip on a slice", func(t *testing.T) {
		if _, err := os.Stat(filepath.Join(sharedData, "polnear")); err != nil {
			shareddata.Skipf(t, "shared data not present (%v): it lives beside the repository in ../shared/data", err)
		}
		out := t.TempDir()
		if code, _, stderr := runCmd(t, "", "train", "--data", sharedData, "--out", out, "--limit", "100"); code != 0 {
			t.Fatalf("train: exit %d: %s", code, stderr)
		}
		code, stdout, stderr := runCmd(t, "", "eval", "--data", sharedData, "--models", out, "--limit", "100")
		if code != 0 {
			t.Fatalf("eval: exit %d: %s", code, stderr)
		}
		for _, want := range []string{"subjectivity (model)", "bias (sentence)", "loaded terms (word)", "attribution content (tagger)", "exact-span F1"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("eval output lacks %q:\n%s", want, stdout)
			}
		}
	})
}
