package pipeline

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestNatsCLI drives the pipeline with the official nats CLI only: what an
// operator would type must work without slant's own tools.
func TestNatsCLI(t *testing.T) {
	natsBin := tool(t, "nats")
	s := startServer(t)
	url := s.ClientURL()
	nc := connect(t, url)
	js := newJS(t, nc)
	startPipeline(t, testOptions(nc))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := StartService(ctx, ServiceOptions{Conn: nc}); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(natsBin, append([]string{"-s", url, "--no-context"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("nats %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	// The same 20 pages twice, without Nats-Msg-Id: one result each.
	body := `{"id":"cli-{{Count}}","site":"cli","text":"The council approved the budget, the mayor said."}`
	for range 2 {
		run("pub", "pages.cli", body, "--count", "20", "--jetstream")
	}
	run("pub", "pages.cli", `{"this is not an envelope`, "--jetstream")
	// A page sent as it is, keyed by its Nats-Msg-Id.
	run("pub", "pages.cli", "The mayor said the budget passed.", "-H", "Nats-Msg-Id:cli/raw-1", "--jetstream")
	waitFor(t, 20*time.Second, "CLI pages scored", func() bool {
		ci := consumerInfo(t, js)
		return streamCount(t, js, "SCORES") >= 21 && ci.NumPending == 0 && ci.NumAckPending == 0
	})
	ids := make([]string, 20)
	for i := range ids {
		ids[i] = "cli-" + strconv.Itoa(i+1)
	}
	checkOneResultEach(t, js, append(ids, "raw-1"))

	// nats stream view pages interactively and insists on a terminal:
	// script(1) gives it one.
	if script, err := exec.LookPath("script"); err == nil {
		cmd := exec.Command(script, "-qec", natsBin+" -s "+url+" --no-context stream view SCORES 25 --raw", "/dev/null")
		out, err := cmd.CombinedOutput()
		if n := strings.Count(string(out), `"schema":"slant/v1"`); err != nil || n != 21 {
			t.Errorf("nats stream view SCORES shows %d results, want 21 (%v):\n%.500s", n, err, out)
		}
	} else {
		t.Log("script(1) not found: skipping nats stream view, which needs a terminal")
	}
	if out := run("stream", "get", "SCORES", "1"); !strings.Contains(out, "Nats-Msg-Id: cli/cli-") || !strings.Contains(out, `"schema":"slant/v1"`) {
		t.Errorf("nats stream get SCORES 1:\n%.500s", out)
	}
	if out := run("stream", "get", "DEAD", "1"); !strings.Contains(out, "Slant-Reason: bad_envelope") ||
		!strings.Contains(out, "Slant-Original-Subject: pages.cli") || !strings.Contains(out, "Slant-Original-Sequence: 41") {
		t.Errorf("nats stream get DEAD 1:\n%s", out)
	}
	if out := run("req", "slant.classify", "The mayor said the budget passed."); !strings.Contains(out, `"schema":"slant/v1"`) {
		t.Errorf("nats req slant.classify:\n%.500s", out)
	}
	if out := run("req", "slant.classify", ""); !strings.Contains(out, "Nats-Service-Error-Code: 400") || !strings.Contains(out, "Slant-Reason: empty") {
		t.Errorf("nats req slant.classify with an empty page:\n%s", out)
	}
	if out := run("micro", "info", "slant"); !strings.Contains(out, "slant.classify") {
		t.Errorf("nats micro info slant:\n%s", out)
	}
}
