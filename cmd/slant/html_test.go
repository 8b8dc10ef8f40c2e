package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestClassifyFormatHTML(t *testing.T) {
	page := filepath.Join(fixtures, "wire-story.txt")
	code, out, errOut := runCmd(t, "", "classify", "--format", "html", page)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "<!DOCTYPE html>") || strings.Count(out, "<!DOCTYPE html>") != 1 ||
		!strings.Contains(out, `id="src-1"`) || !strings.Contains(out, "Content-Security-Policy") {
		t.Errorf("not one annotated document:\n%.300s", out)
	}
	// Several documents on standard output would not be one file.
	for _, args := range [][]string{
		{"classify", "--format", "html", page, page},
		{"classify", "--format", "html", "--input", "jsonl", page},
	} {
		code, out, errOut := runCmd(t, "", args...)
		if code != 2 || out != "" || !strings.Contains(errOut, "one FILE") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and a message naming one FILE", args, code, out, errOut)
		}
	}
	// A page that cannot be classified writes no document and exits 1.
	code, out, errOut = runCmd(t, "", "classify", "--format", "html", "-")
	if code != 1 || out != "" || !strings.Contains(errOut, "empty") {
		t.Errorf("empty page: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
