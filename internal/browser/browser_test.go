package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The hostile-page tests pass when a tab records nothing; this proves that
// a tab does record an alert that runs, a console error and a script the
// page's policy refuses.
func TestTabRecordsWhatRan(t *testing.T) {
	b := Start(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "p.html")
	const doc = `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="script-src 'sha256-AAAA'">
</head><body><p>x</p><script>alert("ran")</script></body></html>`
	if err := os.WriteFile(page, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	allowed := filepath.Join(dir, "q.html")
	if err := os.WriteFile(allowed, []byte(`<!DOCTYPE html><p>x</p><script>console.error("oops"); alert("ran")</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	tab := b.Tab(t, 20*time.Second)
	tab.Do(t, chromedp.Navigate("file://"+page))
	tab.Do(t, chromedp.Navigate("file://"+allowed))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && len(tab.Problems()) < 3 {
		time.Sleep(50 * time.Millisecond)
	}
	all := strings.Join(tab.Problems(), "\n")
	for _, want := range []string{"Content Security Policy", `console error: oops`, `javascript dialog (alert): "ran"`} {
		if !strings.Contains(all, want) {
			t.Errorf("tab did not record %q; it recorded:\n%s", want, all)
		}
	}
}
