// Package docs_test runs the command blocks of README.md and docs/*.md
// against a fresh build, so that what the docs tell a new user to type
// works. The convention (README.md, "Commands in the docs"): every ```sh
// block runs with bash -e in a temporary folder that links to the
// repository's files, with the freshly built slant as ./slant and on PATH
// (`go run ./cmd/slant` becomes `slant`), and must exit 0; a block that
// cannot run there carries a comment line `# needs: WHAT[, WHAT]`.
package docs_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/syncbuf"
)

// needsKnown are the markers and whether the test can provide the need.
var needsKnown = map[string]bool{
	"serve":  true, // the test starts slant serve and sets NATS_URL
	"manual": false,
	"data":   false,
	"tools":  false,
	"docker": false,
	"long":   false,
}

type block struct {
	file  string
	line  int // of the opening fence
	body  string
	needs []string
}

var needsLine = regexp.MustCompile(`^\s*#\s*needs:\s*([a-z]+(?:\s*,\s*[a-z]+)*)`)

// shBlocks returns the ```sh blocks of a Markdown file.
func shBlocks(t *testing.T, root, rel string) []block {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []block
	var cur *block
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```"):
			if strings.TrimSpace(strings.TrimPrefix(trimmed, "```")) == "sh" {
				cur = &block{file: rel, line: n}
			} else {
				cur = &block{file: "", line: n} // another language: skipped to its end
			}
		case cur != nil && trimmed == "```":
			if cur.file != "" {
				blocks = append(blocks, *cur)
			}
			cur = nil
		case cur != nil:
			cur.body += line + "\n"
			if m := needsLine.FindStringSubmatch(line); m != nil {
				for _, w := range strings.Split(m[1], ",") {
					cur.needs = append(cur.needs, strings.TrimSpace(w))
				}
			}
		}
	}
	if cur != nil {
		t.Errorf("%s:%d: code block never closed", rel, cur.line)
	}
	return blocks
}

// firstCommand is a block's first line that is not a comment.
func firstCommand(body string) string {
	for _, l := range strings.Split(body, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return ""
}

func TestDocCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds slant and runs the docs' commands")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"README.md"}
	mds, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	for _, m := range mds {
		files = append(files, filepath.Join("docs", filepath.Base(m)))
	}

	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "slant"), "./cmd/slant")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	type job struct {
		block
		first string
		needs []string
	}
	var jobs []job
	serveNeeded := false
	for _, f := range files {
		for _, b := range shBlocks(t, root, f) {
			j := job{block: b, first: firstCommand(b.body), needs: b.needs}
			runnable := true
			for _, n := range j.needs {
				runnable = runnable && needsKnown[n]
			}
			serveNeeded = serveNeeded || runnable && slices.Contains(j.needs, "serve")
			jobs = append(jobs, j)
		}
	}
	var natsURL string
	if serveNeeded {
		natsURL = startServe(t, filepath.Join(bin, "slant"))
	}

	works := map[string]string{}
	for _, j := range jobs {
		// One folder per file: its blocks run in order, as a reader
		// follows them, and may use what earlier ones made.
		work, ok := works[j.file]
		if !ok {
			work = linkedCopy(t, root)
			copyFile(t, filepath.Join(bin, "slant"), filepath.Join(work, "slant"))
			works[j.file] = work
		}
		name := fmt.Sprintf("%s:%d", j.file, j.line)
		t.Run(name, func(t *testing.T) {
			env := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "NO_COLOR=1"}
			for _, n := range j.needs {
				provided, known := needsKnown[n]
				if !known {
					t.Fatalf("unknown marker `# needs: %s` (known: serve, manual, data, tools, docker, long)", n)
				}
				if !provided {
					t.Skipf("needs %s: %s", n, j.first)
				}
			}
			if slices.Contains(j.needs, "serve") {
				env = append(env, "NATS_URL="+natsURL)
			}
			script := "set -eo pipefail\n" + strings.ReplaceAll(j.body, "go run ./cmd/slant", "slant")
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "bash", "-c", script)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), env...)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			t.Logf("output:\n%s", tail(out.String(), 1500))
			if err != nil {
				t.Errorf("%s: %v (mark the block `# needs: ...` if it cannot run here)\n%s\noutput:\n%s", name, err, j.body, tail(out.String(), 3000))
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	must(t, err)
	must(t, os.WriteFile(to, b, 0o755))
}

// linkedCopy is a temporary folder with a symbolic link to each entry of
// root: the docs' relative paths resolve, and what their commands write
// stays in the folder.
func linkedCopy(t *testing.T, root string) string {
	t.Helper()
	work := t.TempDir()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case ".git", "data", "slant", "results", "results.jsonl":
			continue // written by the docs' commands, or not needed
		}
		must(t, os.Symlink(filepath.Join(root, e.Name()), filepath.Join(work, e.Name())))
	}
	return work
}

// startServe runs slant serve on a free port with its own store, stopped
// when the test ends, and returns its NATS URL.
func startServe(t *testing.T, slant string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(slant, "serve", "--nats-listen", addr, "--store", t.TempDir(), "--metrics", "", "--workers", "2")
	var log syncbuf.Buffer
	cmd.Stderr = &log
	must(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(log.String(), "slant serving") {
		if time.Now().After(deadline) {
			t.Fatalf("slant serve did not start:\n%s", log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "nats://" + addr
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
