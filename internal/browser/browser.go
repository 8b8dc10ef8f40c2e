// Package browser runs headless Chromium for slant's browser tests and
// drives it over the Chrome DevTools Protocol (github.com/chromedp/chromedp).
//
// A test binary starts one browser with Start and opens a tab per subtest;
// each tab records every console error, uncaught exception, error logged by
// the browser (a Content-Security-Policy violation, a failed load) and
// JavaScript dialog (alert, confirm, prompt: what an injected script would
// open), so that a test can require a page to have run cleanly and nothing
// hostile.
//
// Chromium is Debian's chromium package (/usr/bin/chromium, or the path in
// $SLANT_CHROMIUM). Without it the tests skip, except under CI (env CI
// set), where a missing browser fails them: .ci/run installs it.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Env names a Chromium binary to use instead of the default.
const Env = "SLANT_CHROMIUM"

// KeepEnv names a directory where Screenshot also copies its pictures, to
// look at them after the test (whose temporary directory is gone by then).
const KeepEnv = "SLANT_SCREENSHOTS"

// Path returns the Chromium binary, or "" when none is installed.
func Path() string {
	if p := os.Getenv(Env); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser is a running headless Chromium.
type Browser struct {
	ctx context.Context
}

// Start launches Chromium for t and closes it when t ends. It skips t when
// Chromium is not installed, and fails it instead when env CI is set.
func Start(t *testing.T) *Browser {
	t.Helper()
	path := Path()
	if path == "" {
		msg := "chromium is not installed: apt-get install -y --no-install-recommends chromium (or set " + Env + ")"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI must run the browser tests")
		}
		t.Skip(msg)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		// The machine has no network: without these Chromium stalls on
		// refused connections to its update and sync services.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 900),
	}
	// Chromium now and then dies while starting on a loaded machine (seen
	// once in CI with every test package running under -race: "chrome failed
	// to start" after crashpad warnings). A start is retried with a fresh
	// profile; what the tests then assert is unchanged.
	var errs []string
	for attempt := 1; attempt <= startAttempts; attempt++ {
		bctx, stop, err := launch(append(opts, chromedp.UserDataDir(t.TempDir())))
		if err == nil {
			t.Cleanup(stop)
			return &Browser{ctx: bctx}
		}
		errs = append(errs, fmt.Sprintf("attempt %d: %v", attempt, err))
		t.Logf("starting %s, attempt %d of %d: %v", path, attempt, startAttempts, err)
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	t.Fatalf("starting %s failed %d times:\n%s", path, startAttempts, strings.Join(errs, "\n"))
	return nil
}

// startAttempts is how many times Start tries to launch Chromium.
const startAttempts = 3

// launch starts one browser and returns its context and the function that
// ends it, or why it did not start within a minute.
func launch(opts []chromedp.ExecAllocatorOption) (context.Context, func(), error) {
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() { cancelBrowser(); cancelAlloc() }
	// The first call starts the browser; it must have no deadline of its
	// own, or the deadline would end the browser.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(bctx) }()
	select {
	case err := <-started:
		if err != nil {
			stop()
			return nil, nil, err
		}
		return bctx, stop, nil
	case <-time.After(60 * time.Second):
		stop()
		return nil, nil, errors.New("no answer in 60 s")
	}
}

// Tab is a browser tab that records what went wrong in it.
type Tab struct {
	// Ctx runs actions in the tab (chromedp.Do(tab.Ctx, ...)).
	Ctx      context.Context
	mu       sync.Mutex
	problems []string
}

// Tab opens a tab for t, closed when t ends; actions in it time out after
// timeout.
func (b *Browser) Tab(t *testing.T, timeout time.Duration) *Tab {
	t.Helper()
	tctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(tctx, timeout)
	t.Cleanup(cancelTimeout)
	tab := &Tab{Ctx: ctx}
	var wg sync.WaitGroup
	t.Cleanup(wg.Wait)
	// Every console error, exception and error of the browser's log.
	messages := chromedp.Console(ctx)
	wg.Go(func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tab.add(fmt.Sprintf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
			}
		}
	})
	// Dialogs: what an injected alert() would open. Dismiss them so the
	// page goes on.
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	wg.Go(func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tab.add(fmt.Sprintf("javascript dialog (%s): %q", ev.Type, ev.Message))
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
		}
	})
	t.Cleanup(cancelTimeout) // runs first: ends the two readers
	return tab
}

func (tab *Tab) add(p string) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	tab.problems = append(tab.problems, p)
}

// Problems returns what went wrong in the tab so far.
func (tab *Tab) Problems() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.problems...)
}

// Clean fails t for every problem the tab recorded.
func (tab *Tab) Clean(t *testing.T) {
	t.Helper()
	for _, p := range tab.Problems() {
		t.Error(p)
	}
}

// Do runs actions in the tab and fails t on an error.
func (tab *Tab) Do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab.Ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the tab and decodes its value.
func Eval[T any](t *testing.T, tab *Tab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// Screenshot saves the whole page as a PNG under t's temporary directory
// (and in $SLANT_SCREENSHOTS, when set) and logs where.
func (tab *Tab) Screenshot(t *testing.T, name string) string {
	t.Helper()
	return tab.save(t, name, chromedp.FullScreenshot(100))
}

// ScreenshotViewport is Screenshot of what the window shows.
func (tab *Tab) ScreenshotViewport(t *testing.T, name string) string {
	t.Helper()
	return tab.save(t, name, chromedp.CaptureScreenshot())
}

func (tab *Tab) save(t *testing.T, name string, shot chromedp.Action[[]byte]) string {
	t.Helper()
	png, err := chromedp.Run(tab.Ctx, shot)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	if dir := os.Getenv(KeepEnv); dir != "" {
		kept := filepath.Join(dir, name+".png")
		if err := os.WriteFile(kept, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot kept: %s", kept)
	}
	return path
}
