package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vars is a getenv over a fixed set of variables.
func vars(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// writeContext saves a natscli context under cfg (XDG_CONFIG_HOME) as
// `nats context save` does, and selects it if selected.
func writeContext(t *testing.T, cfg, name string, c map[string]any, selected bool) {
	t.Helper()
	dir := filepath.Join(cfg, "nats", "context")
	must(t, os.MkdirAll(dir, 0o700))
	b, err := json.Marshal(c)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, name+".json"), b, 0o600))
	if selected {
		must(t, os.WriteFile(filepath.Join(cfg, "nats", "context.txt"), []byte(name+"\n"), 0o600))
	}
}

func TestNATSResolve(t *testing.T) {
	cfg := t.TempDir()
	writeContext(t, cfg, "prod", map[string]any{"url": "nats://prod:4222", "user": "ctxuser", "password": "ctxpw", "ca": "~/ca.pem"}, true)
	writeContext(t, cfg, "lab", map[string]any{"url": "nats://lab:4222", "creds": "$CREDS_DIR/lab.creds"}, false)
	writeContext(t, cfg, "nourl", map[string]any{"token": "t0k"}, false)
	writeContext(t, cfg, "jwt", map[string]any{"url": "nats://x", "user_jwt": "eyJ", "creds": "op://vault/item"}, false)
	base := []string{"XDG_CONFIG_HOME", cfg, "HOME", "/home/u", "CREDS_DIR", "/etc/slant"}

	tests := []struct {
		name        string
		args        []string
		env         []string
		useSelected bool
		url, from   string
		check       func(t *testing.T, nt natsTarget)
		err         string
	}{
		{name: "flag beats everything", args: []string{"--nats", "nats://flag:4222"}, env: []string{"NATS_URL", "nats://env:4222"},
			useSelected: true, url: "nats://flag:4222", from: "--nats"},
		{name: "NATS_URL beats the selected context", env: []string{"NATS_URL", "nats://env:4222"}, useSelected: true,
			url: "nats://env:4222", from: "$NATS_URL",
			check: func(t *testing.T, nt natsTarget) {
				// The rest still comes from the context, as in natscli.
				if nt.opts.User != "ctxuser" || nt.opts.Password != "ctxpw" {
					t.Errorf("user/password %q/%q, want the context's", nt.opts.User, nt.opts.Password)
				}
			}},
		{name: "selected context for clients", useSelected: true, url: "nats://prod:4222", from: `natscli context "prod", selected`,
			check: func(t *testing.T, nt natsTarget) {
				if nt.opts.TLSCA != "/home/u/ca.pem" {
					t.Errorf("ca %q: ~ not expanded", nt.opts.TLSCA)
				}
			}},
		{name: "selected context not for serve", useSelected: false, url: "", from: ""},
		{name: "--context for serve", args: []string{"--context", "lab"}, url: "nats://lab:4222", from: `natscli context "lab", --context`,
			check: func(t *testing.T, nt natsTarget) {
				if nt.opts.CredsFile != "/etc/slant/lab.creds" {
					t.Errorf("creds %q: $VAR not expanded", nt.opts.CredsFile)
				}
			}},
		{name: "NATS_CONTEXT", env: []string{"NATS_CONTEXT", "lab", "NATS_CREDS", "/run/other.creds"}, url: "nats://lab:4222",
			from: `natscli context "lab", $NATS_CONTEXT`,
			check: func(t *testing.T, nt natsTarget) {
				if nt.opts.CredsFile != "/run/other.creds" {
					t.Errorf("creds %q: $NATS_CREDS should beat the context", nt.opts.CredsFile)
				}
			}},
		{name: "context without url is the default server", args: []string{"--context", "nourl"}, url: "nats://127.0.0.1:4222",
			check: func(t *testing.T, nt natsTarget) {
				if nt.opts.Token != "t0k" {
					t.Errorf("token %q", nt.opts.Token)
				}
			}},
		{name: "every NATS_ variable", env: []string{"NATS_USER", "u", "NATS_PASSWORD", "p", "NATS_TOKEN", "tk", "NATS_NKEY", "n.nk",
			"NATS_CREDS", "c.creds", "NATS_CA", "ca", "NATS_CERT", "cert", "NATS_KEY", "key"},
			check: func(t *testing.T, nt natsTarget) {
				o := nt.opts
				got := []string{o.User, o.Password, o.Token, o.NKeyFile, o.CredsFile, o.TLSCA, o.TLSCert, o.TLSKey}
				want := []string{"u", "p", "tk", "n.nk", "c.creds", "ca", "cert", "key"}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("options %v, want %v", got, want)
				}
			}},
		{name: "missing context", args: []string{"--context", "nope"}, err: `natscli context "nope" (--context): no such context`},
		{name: "bad context name", args: []string{"--context", "../x"}, err: `a context name has no ".."`},
		{name: "unsupported settings are named", args: []string{"--context", "jwt"},
			err: "slant does not support creds (a op:// reference; give a file or value), user_jwt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			var nf natsFlags
			nf.register(fs, "")
			must(t, fs.Parse(tc.args))
			nt, err := nf.resolve(vars(append(append([]string{}, base...), tc.env...)...), tc.useSelected)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if nt.opts.URL != tc.url || !strings.HasPrefix(nt.from, tc.from) {
				t.Errorf("url %q from %q, want %q from %q…", nt.opts.URL, nt.from, tc.url, tc.from)
			}
			if tc.check != nil {
				tc.check(t, nt)
			}
		})
	}
}

// startServeBinary runs the real binary's `slant serve` on a free port with its
// embedded server and returns its client URL once it serves.
func startServeBinary(t *testing.T, env ...string) string {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(slantBinary(t), "serve", "--nats-listen", addr, "--store", t.TempDir(), "--metrics", "", "--workers", "1")
	cmd.Env = append(os.Environ(), env...)
	waitForLog(t, cmd, "slant serving")
	return "nats://" + addr
}

// waitForLog starts cmd, waits for want on its standard error, and stops it
// with SIGINT when the test ends; it returns what was logged until then.
func waitForLog(t *testing.T, cmd *exec.Cmd, want string) string {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	must(t, err)
	must(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
		}
	})
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var log strings.Builder
	deadline := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("%v exited before logging %q:\n%s", cmd.Args, want, log.String())
			}
			log.WriteString(l + "\n")
			if strings.Contains(l, want) {
				go func() {
					for range lines { // keep the pipe drained
					}
				}()
				return log.String()
			}
		case <-deadline:
			t.Fatalf("%v did not log %q within 60 s:\n%s", cmd.Args, want, log.String())
		}
	}
}

// TestClientsFollowNATSURLAndContexts runs the real binary: publish and
// tail talk to the server $NATS_URL or the selected natscli context names
// and say which on stderr with the password hidden, and serve joins the
// server $NATS_URL names instead of starting its own.
func TestClientsFollowNATSURLAndContexts(t *testing.T) {
	url := startServeBinary(t)
	page := filepath.Join(t.TempDir(), "p.txt")
	must(t, os.WriteFile(page, []byte("The mayor said the budget passed on Tuesday.\n"), 0o644))

	runBin := func(env []string, args ...string) (string, string, error) {
		limit := 60 * time.Second
		if args[0] == "tail" && args[1] == "--nats" {
			limit = 3 * time.Second // whether or not 4222 answers, the first line is out
		}
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		defer cancel()
		cmd := exec.CommandContext(ctx, slantBinary(t), args...)
		cmd.Env = append(os.Environ(), env...)
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		return out.String(), errOut.String(), err
	}

	// $NATS_URL, and --log-format json.
	out, errOut, err := runBin([]string{"NATS_URL=" + url}, "publish", "--wait", "--timeout", "30s", "--log-format", "json", page)
	if err != nil || !strings.Contains(out, "SCORE") {
		t.Fatalf("publish with $NATS_URL: %v\n%s\n%s", err, out, errOut)
	}
	first, _, _ := strings.Cut(errOut, "\n")
	var rec map[string]any
	if err := json.Unmarshal([]byte(first), &rec); err != nil || rec["msg"] != "NATS server" || rec["url"] != url || rec["from"] != "$NATS_URL" {
		t.Errorf("first stderr line %q: want a JSON log record naming %s from $NATS_URL (%v)", first, url, err)
	}

	// The selected natscli context, with a password to hide.
	cfg := t.TempDir()
	withPw := strings.Replace(url, "nats://", "nats://slant:hunter2@", 1)
	writeContext(t, cfg, "local", map[string]any{"url": withPw}, true)
	// -n 2: the page is a one-line article, weakly sourced, so its
	// weak_sourcing alert may come after its result.
	out, errOut, err = runBin([]string{"XDG_CONFIG_HOME=" + cfg}, "tail", "--all", "-n", "2", "--format", "text")
	if err != nil || !strings.Contains(out, "SCORE") {
		t.Fatalf("tail with a selected context: %v\n%s\n%s", err, out, errOut)
	}
	if !strings.Contains(errOut, `natscli context \"local\", selected`) || !strings.Contains(errOut, "slant:xxxxx@") || strings.Contains(errOut, "hunter2") {
		t.Errorf("tail stderr should name the context and the URL without its password:\n%s", errOut)
	}

	// With nothing set, clients say they use the default address.
	_, errOut, _ = runBin(nil, "tail", "--nats", "", "-n", "1", "--log-level", "debug")
	if !strings.Contains(errOut, "url=nats://127.0.0.1:4222") || !strings.Contains(errOut, "from=\"default:") {
		t.Errorf("tail without settings should name the default server:\n%.400s", errOut)
	}

	// serve with $NATS_URL joins that server: no embedded one.
	cmd := exec.Command(slantBinary(t), "serve", "--metrics", "", "--workers", "1", "--nats-listen", "127.0.0.1:1")
	cmd.Env = append(os.Environ(), "NATS_URL="+url)
	log := waitForLog(t, cmd, "slant serving")
	if strings.Contains(log, "embedded NATS started") || !strings.Contains(log, "from=$NATS_URL") {
		t.Errorf("serve with $NATS_URL:\n%s", log)
	}
}

// TestServePortInUse: with the embedded server's port taken, serve fails at
// once, naming the address and the flag that changes it.
func TestServePortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer l.Close()
	addr := l.Addr().String()
	bin := slantBinary(t)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "--nats-listen", addr, "--store", t.TempDir(), "--metrics", "")
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err == nil {
		t.Fatalf("serve on a taken port succeeded:\n%s", out)
	}
	if !strings.Contains(string(out), addr) || !strings.Contains(string(out), "--nats-listen") {
		t.Errorf("message should name %s and --nats-listen:\n%s", addr, out)
	}
	// A second is the target; allow for a loaded machine, not for the
	// 30 s the server's own start-up wait took.
	if took > 5*time.Second {
		t.Errorf("serve took %s to give up", took)
	}
}
