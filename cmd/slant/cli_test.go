package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestHelpEveryCommand: `slant CMD -h` and `slant help CMD` print the
// same page for every command: the one-line purpose, usage, examples and
// the flags, and exit 0.
func TestHelpEveryCommand(t *testing.T) {
	for name, c := range commands() {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", name, "-h")
			if code != 0 || out != "" {
				t.Fatalf("exit %d, stdout %q", code, out)
			}
			for _, want := range []string{"slant " + name + ": " + c.summary + "\n", "\nusage: slant " + name, "\nexamples:\n  slant "} {
				if !strings.Contains(errOut, want) {
					t.Errorf("help lacks %q:\n%s", want, errOut)
				}
			}
			if code2, _, errOut2 := runCmd(t, "", "help", name); code2 != 0 || errOut2 != errOut {
				t.Errorf("slant help %s differs from slant %s -h", name, name)
			}
		})
	}
	code, _, errOut := runCmd(t, "", "help")
	if code != 0 || !strings.Contains(errOut, "--version") {
		t.Errorf("slant help: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "help", "nosuch"); code != 2 || !strings.Contains(errOut, `unknown command "nosuch"`) {
		t.Errorf("slant help nosuch: exit %d\n%s", code, errOut)
	}
}

func TestFlagValidation(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"classify", "--max-bytes", "-5"}, "--max-bytes -5: must not be negative"},
		{[]string{"classify", "--max-bytes", "0"}, "--max-bytes 0: must be at least 1"},
		{[]string{"classify", "--workers", "0"}, "--workers 0: must be at least 1"},
		{[]string{"classify", "--timeout", "-1s"}, "--timeout -1s: must not be negative"},
		{[]string{"classify", "--color", "sometimes"}, `--color "sometimes"`},
		{[]string{"serve", "--workers", "-2"}, "--workers -2: must not be negative"},
		{[]string{"serve", "--log-format", "xml"}, `--log-format "xml": want text or json`},
		{[]string{"serve", "--log-level", "loud"}, `--log-level "loud": want debug, info, warn or error`},
		{[]string{"publish", "--timeout", "-1m"}, "--timeout -1m0s: must not be negative"},
		{[]string{"tail", "-n", "-1"}, "-n -1: must not be negative"},
		{[]string{"tail", "--log-level", "info+2"}, `--log-level "info+2"`},
		{[]string{"probe"}, "want one URL"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errOut := runCmd(t, "", tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d (want 2), stderr %q, want %q", code, errOut, tc.want)
			}
		})
	}
}

// TestVersionFlag runs the real binary linked as a release is (make build,
// deploy/Dockerfile): --version and the version command print the version
// given to the linker.
func TestVersionFlag(t *testing.T) {
	bin := slantBinary(t)
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, err := exec.Command(bin, args...).Output()
		if err != nil || !strings.HasPrefix(string(out), "slant "+testVersion+" (") {
			t.Errorf("slant %v: %v, %q; want slant %s (revision)", args, err, out, testVersion)
		}
	}
}

func TestProbe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	if code, _, errOut := runCmd(t, "", "probe", srv.URL+"/readyz"); code != 0 {
		t.Errorf("probe of a ready URL: exit %d %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "probe", srv.URL+"/other"); code != 1 || !strings.Contains(errOut, "503") {
		t.Errorf("probe of a 503: exit %d %s", code, errOut)
	}
	if code, _, _ := runCmd(t, "", "probe", "http://"+freeAddr(t)+"/"); code != 1 {
		t.Errorf("probe of a closed port: exit %d", code)
	}
}

func TestWantColor(t *testing.T) {
	for _, tc := range []struct {
		mode     string
		terminal bool
		noColor  string
		want     bool
	}{
		{"auto", true, "", true},
		{"auto", true, "1", false},
		{"auto", false, "", false},
		{"always", false, "1", true},
		{"never", true, "", false},
	} {
		if got := wantColor(tc.mode, tc.terminal, vars("NO_COLOR", tc.noColor)); got != tc.want {
			t.Errorf("wantColor(%q, terminal %v, NO_COLOR=%q) = %v", tc.mode, tc.terminal, tc.noColor, got)
		}
	}
}

// TestClassifyDirAndOutDir: a DIR is walked like publish walks it, and -o
// writes one file per input, named after it, collisions numbered, never
// over an input.
func TestClassifyDirAndOutDir(t *testing.T) {
	dir := t.TempDir()
	pages := filepath.Join(dir, "pages")
	must(t, os.MkdirAll(filepath.Join(pages, "sub"), 0o755))
	must(t, os.MkdirAll(filepath.Join(pages, ".git"), 0o755))
	page := "Council passes budget\n\nThe city council approved the budget on Tuesday, the mayor said.\n"
	for _, f := range []string{"a.txt", "sub/a.txt", "b.txt", ".hidden.txt", ".git/x.txt"} {
		must(t, os.WriteFile(filepath.Join(pages, f), []byte(page), 0o644))
	}
	must(t, os.WriteFile(filepath.Join(pages, "feed.jsonl"), []byte(`{"id":"j1","text":"Officials said the bridge will reopen."}`+"\n"+`{"id":"j2","text":"Talks stalled, according to Reuters."}`+"\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "b.txt"), []byte(page), 0o644))

	// To standard output: ids are paths below DIR, hidden files skipped.
	code, out, errOut := runCmd(t, "", "classify", pages)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ids []string
	for _, r := range decodeLines(t, out) {
		ids = append(ids, r["id"].(string))
	}
	if got, want := strings.Join(ids, " "), "a.txt b.txt j1 j2 sub/a.txt"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}

	// -o: one file per input; b.txt twice (from pages and from dir).
	outDir := filepath.Join(dir, "out")
	code, out, errOut = runCmd(t, "", "classify", "-o", outDir, pages, filepath.Join(dir, "b.txt"))
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, out, errOut)
	}
	files, _ := os.ReadDir(outDir)
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	sort.Strings(names)
	if got, want := strings.Join(names, " "), "a.json b-2.json b.json feed.json sub-a.json"; got != want {
		t.Errorf("files %q, want %q", got, want)
	}
	if !strings.Contains(errOut, "wrote 5 files to "+outDir) {
		t.Errorf("stderr %q", errOut)
	}
	b, err := os.ReadFile(filepath.Join(outDir, "feed.json"))
	must(t, err)
	if recs := decodeLines(t, string(b)); len(recs) != 2 || recs[1]["id"] != "j2" {
		t.Errorf("feed.json holds %d records, want j1 and j2", len(recs))
	}
	var r map[string]any
	b, err = os.ReadFile(filepath.Join(outDir, "sub-a.json"))
	must(t, err)
	if err := json.Unmarshal(b, &r); err != nil || r["id"] != "sub/a.txt" {
		t.Errorf("sub-a.json: %v %v", err, r["id"])
	}

	// Text reports into the input's own folder never overwrite an input.
	code, _, errOut = runCmd(t, "", "classify", "--format", "text", "-o", pages, filepath.Join(pages, "b.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(pages, "b.txt")); string(b) != page {
		t.Error("-o overwrote the input b.txt")
	}
	if b, err := os.ReadFile(filepath.Join(pages, "b-2.txt")); err != nil || !strings.Contains(string(b), "genre") {
		t.Errorf("b-2.txt: %v\n%s", err, b)
	}

	// An empty directory is an error, not an empty success.
	empty := filepath.Join(dir, "empty")
	must(t, os.Mkdir(empty, 0o755))
	if code, _, errOut := runCmd(t, "", "classify", empty); code != 1 || !strings.Contains(errOut, "no files") {
		t.Errorf("empty dir: exit %d %s", code, errOut)
	}
}
