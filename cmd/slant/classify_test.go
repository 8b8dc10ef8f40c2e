package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slantwire/slant/classify"
)

const fixtures = "../../classify/testdata/pages"

// runCmd runs the command line in-process and returns its exit code,
// standard output and standard error.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), env{strings.NewReader(stdin), &out, &errOut}, args)
	return code, out.String(), errOut.String()
}

func decodeLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("output is not JSON lines: %v\n%s", err, out)
		}
		recs = append(recs, m)
	}
	return recs
}

func TestClassifyFiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.txt"))
	code, out, errOut := runCmd(t, "", append([]string{"classify"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(files) {
		t.Fatalf("%d lines for %d files", len(lines), len(files))
	}
	for i, line := range lines {
		var res classify.Result
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatal(err)
		}
		if res.Schema != classify.SchemaVersion || res.ID != filepath.Base(files[i]) {
			t.Errorf("line %d: schema %q id %q, want %q %q", i, res.Schema, res.ID, classify.SchemaVersion, filepath.Base(files[i]))
		}
	}
}

func TestClassifyStdinPrettyAndText(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(fixtures, "wire-story.txt"))
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, string(page), "classify", "--pretty", "-")
	if code != 0 || !strings.Contains(out, "\n  \"schema\": \"slant/v1\"") {
		t.Fatalf("--pretty: exit %d, output not indented JSON:\n%.200s", code, out)
	}
	recs := decodeLines(t, out)
	if len(recs) != 1 || recs[0]["id"] != "stdin" {
		t.Fatalf("want one record with id stdin, got %v", recs)
	}
	code, out, _ = runCmd(t, string(page), "classify", "--format", "text")
	for _, want := range []string{"genre      news", "sourcing   strong", "⟦A State Department spokesperson⟧ ‹said›", "[unnamed_official, moderate 0.45, indirect]", "boilerplate section_header More News"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour escapes in a report written to a non-terminal")
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
}

func TestClassifyJSONLKeepsOrderAndReportsFailures(t *testing.T) {
	var in strings.Builder
	ids := []string{}
	for i, name := range []string{"editorial", "wire-story", "unsourced", "opinion-column", "vertical-nav", "rewrite-secondhand"} {
		text, err := os.ReadFile(filepath.Join(fixtures, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(classify.Envelope{ID: name, Site: "example", Text: string(text)})
		in.Write(b)
		in.WriteString("\n")
		ids = append(ids, name)
		if i == 2 {
			in.WriteString("{not json\n\n")
			ids = append(ids, "-:4")
			in.WriteString(`{"id":"empty","text":"   "}` + "\n")
			ids = append(ids, "empty")
		}
	}
	code, out, errOut := runCmd(t, in.String(), "classify", "--input", "jsonl", "--workers", "3")
	if code != 1 {
		t.Errorf("exit %d, want 1 when an input fails", code)
	}
	recs := decodeLines(t, out)
	if len(recs) != len(ids) {
		t.Fatalf("%d records for %d inputs", len(recs), len(ids))
	}
	for i, r := range recs {
		if r["id"] != ids[i] {
			t.Errorf("record %d has id %v, want %s (input order)", i, r["id"], ids[i])
		}
	}
	for i, reason := range map[int]string{3: "bad_envelope", 4: "empty"} {
		e, _ := recs[i]["error"].(map[string]any)
		if e == nil || e["reason"] != reason {
			t.Errorf("record %d error = %v, want reason %s", i, recs[i]["error"], reason)
		}
	}
	if !strings.Contains(errOut, "line 4 is not a page envelope") || !strings.Contains(errOut, "page is empty") {
		t.Errorf("stderr does not name the problems:\n%s", errOut)
	}
}

func TestClassifyOversizedPage(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("The minister said so. "), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "", "classify", "--max-bytes", "1000", big)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, "big.txt: page is over the size limit") {
		t.Errorf("stderr = %q, want it to name the size limit", errOut)
	}
	if recs := decodeLines(t, out); len(recs) != 1 || recs[0]["error"] == nil {
		t.Errorf("want one error record, got %s", out)
	}
	// A JSONL line over the limit is skipped unread, and the next still counts.
	line, _ := json.Marshal(classify.Envelope{ID: "huge", Text: strings.Repeat("x", 5000)})
	code, out, _ = runCmd(t, string(line)+"\n"+`{"id":"ok","text":"The port reopened."}`+"\n", "classify", "--input", "jsonl", "--max-bytes", "1000")
	recs := decodeLines(t, out)
	if code != 1 || len(recs) != 2 || recs[1]["id"] != "ok" || recs[0]["error"].(map[string]any)["reason"] != "too_large" {
		t.Errorf("exit %d, records %v", code, recs)
	}
}

func TestClassifyUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"classify", "--format", "xml"},
		{"classify", "--input", "csv"},
		{"classify", "--no-such-flag"},
		{"no-such-command"},
	} {
		if code, _, _ := runCmd(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := runCmd(t, "", "classify", "/no/such/file.txt"); code != 1 || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
}

// TestClassifyHTMLTypes checks --type: auto reads .html files and
// markup-looking stdin as HTML, text forces plain text, html forces HTML.
func TestClassifyHTMLTypes(t *testing.T) {
	const htmlFile = "../../classify/testdata/html/news-article.html"
	raw, err := os.ReadFile(htmlFile)
	if err != nil {
		t.Fatal(err)
	}
	// The same markup saved without an extension: auto must sniff it.
	noExt := filepath.Join(t.TempDir(), "page")
	if err := os.WriteFile(noExt, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(fixtures, "wire-story.txt")
	for _, tc := range []struct {
		name     string
		stdin    string
		args     []string
		wantHTML bool
	}{
		{"auto by extension", "", []string{"classify", htmlFile}, true},
		{"auto by content", "", []string{"classify", noExt}, true},
		{"auto on stdin", string(raw), []string{"classify", "-"}, true},
		{"auto on a text file", "", []string{"classify", plain}, false},
		{"forced text", "", []string{"classify", "--type", "text", htmlFile}, false},
		{"forced html", "<p>The mayor said the budget passed on Tuesday after a long debate in the council chamber.</p>", []string{"classify", "--type", "html", "-"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tc.stdin, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var res classify.Result
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatal(err)
			}
			if gotHTML := res.Text != ""; gotHTML != tc.wantHTML {
				t.Fatalf("read as HTML = %v, want %v", gotHTML, tc.wantHTML)
			}
			if tc.wantHTML && strings.Contains(res.Text, "<p>") {
				t.Error("markup left in the extracted text")
			}
			if !tc.wantHTML && tc.args[len(tc.args)-1] == htmlFile && !strings.Contains(res.Blocks[0].Text, "<") {
				t.Error("forced text should keep the markup as text")
			}
		})
	}
	if code, _, errOut := runCmd(t, "", "classify", "--type", "pdf", htmlFile); code != 2 || !strings.Contains(errOut, "--type") {
		t.Errorf("bad --type: exit %d, %q", code, errOut)
	}
}

// TestClassifyJSONLWithHTML sends envelopes carrying html: each gets a
// result with its id and extracted text; markup without text fails alone.
func TestClassifyJSONLWithHTML(t *testing.T) {
	raw, err := os.ReadFile("../../classify/testdata/html/opinion-column.html")
	if err != nil {
		t.Fatal(err)
	}
	env1, _ := json.Marshal(classify.Envelope{ID: "col", URL: "https://coastal.example/opinion/port", HTML: string(raw)})
	env2, _ := json.Marshal(classify.Envelope{ID: "txt", Text: "The mayor said the budget passed."})
	env3, _ := json.Marshal(classify.Envelope{ID: "bare", HTML: "<script>var x</script>"})
	code, out, _ := runCmd(t, string(env1)+"\n"+string(env2)+"\n"+string(env3)+"\n", "classify", "--input", "jsonl")
	if code != 1 {
		t.Fatalf("exit %d, want 1 for the failed envelope", code)
	}
	recs := decodeLines(t, out)
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	if recs[0]["id"] != "col" || recs[0]["text"] == nil || recs[0]["page"].(map[string]any)["genre"] != "opinion" {
		t.Errorf("html envelope: %v", recs[0]["page"])
	}
	if recs[1]["id"] != "txt" || recs[1]["text"] != nil {
		t.Errorf("text envelope carries text or lost its id: %v", recs[1])
	}
	if e, _ := recs[2]["error"].(map[string]any); recs[2]["id"] != "bare" || e["reason"] != "empty" {
		t.Errorf("bare markup: %v", recs[2])
	}
}

func TestClassifyRulesFlag(t *testing.T) {
	page := filepath.Join(fixtures, "wire-story.txt")
	for _, tc := range []struct {
		args  []string
		model string
	}{
		{[]string{"classify", page}, classify.Model},
		{[]string{"classify", "--rules", page}, classify.BaselineModel},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errOut)
		}
		if recs := decodeLines(t, out); len(recs) != 1 || recs[0]["model"] != tc.model {
			t.Errorf("%v: model %v, want %s", tc.args, recs[0]["model"], tc.model)
		}
	}
}
