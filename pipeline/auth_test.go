package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"

	"github.com/slantwire/slant/classify"
)

func connectAs(t testing.TB, url, user, password string) *nats.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	nc, err := Connect(ctx, ConnectOptions{URL: url, User: user, Password: password, ReconnectWait: 100 * time.Millisecond, Name: t.Name()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// TestEmbeddedServerOpenOnlyOnLoopback: without credentials the embedded
// server listens on loopback only.
func TestEmbeddedServerOpenOnlyOnLoopback(t *testing.T) {
	_, err := StartServer(ServerOptions{Listen: "0.0.0.0:0", StoreDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "without authentication") {
		t.Fatalf("open server on 0.0.0.0: %v", err)
	}
	s := startServerWith(t, ServerOptions{Listen: "0.0.0.0:0", Worker: Credentials{User: "w", Password: "wp"}})
	if _, err := nats.Connect(s.ClientURL(), nats.Timeout(5*time.Second)); err == nil {
		t.Error("anonymous client connected to a server with users")
	}
}

// TestEmbeddedServerPermissions: with a worker and a publisher user, the
// pipeline works end to end, and neither can purge a stream, delete the
// consumer or publish where it does not belong.
func TestEmbeddedServerPermissions(t *testing.T) {
	s := startServerWith(t, ServerOptions{
		Worker:    Credentials{User: "worker", Password: "wpass"},
		Publisher: Credentials{User: "crawler", Password: "cpass"},
	})
	wnc := connectAs(t, s.ClientURL(), "worker", "wpass")
	o := testOptions(wnc)
	o.Classify = func(_ context.Context, p classify.Page) (*classify.Result, error) { return stubResult(p), nil }
	o.Rules = mustRules(t, alwaysRule)
	startPipeline(t, o)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := StartService(ctx, ServiceOptions{Conn: wnc, Classify: o.Classify}); err != nil {
		t.Fatal(err)
	}

	pnc := connectAs(t, s.ClientURL(), "crawler", "cpass")
	pjs := newJS(t, pnc)
	ids := publishPages(t, pjs, "perm", 0, 5, true)
	waitFor(t, 20*time.Second, "results", func() bool { return streamCount(t, pjs, "SCORES") >= 5 })
	checkOneResultEach(t, pjs, ids)
	if reply, err := pnc.Request(DefaultServiceSubject, []byte("The mayor said so."), 10*time.Second); err != nil ||
		!strings.Contains(string(reply.Data), `"schema"`) {
		t.Errorf("slant.classify as the publisher: %v", err)
	}

	forbidden := func(who string, js jetstream.JetStream, what string, f func(ctx context.Context) error) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := f(ctx); err == nil {
			t.Errorf("%s could %s", who, what)
		}
	}
	wjs := newJS(t, wnc)
	for who, js := range map[string]jetstream.JetStream{"publisher": pjs, "worker": wjs} {
		forbidden(who, js, "purge PAGES", func(ctx context.Context) error {
			st, err := js.Stream(ctx, "PAGES")
			if err != nil {
				return err
			}
			return st.Purge(ctx)
		})
		forbidden(who, js, "delete SCORES", func(ctx context.Context) error { return js.DeleteStream(ctx, "SCORES") })
		forbidden(who, js, "delete the consumer", func(ctx context.Context) error { return js.DeleteConsumer(ctx, "PAGES", "slant") })
	}
	forbidden("publisher", pjs, "forge a result", func(ctx context.Context) error {
		_, err := pjs.Publish(ctx, "scores.perm", []byte(`{"schema":"slant/v1","id":"forged"}`))
		return err
	})
	forbidden("worker", wjs, "publish a page", func(ctx context.Context) error {
		_, err := wjs.Publish(ctx, "pages.perm", envelope("w", "perm", "text"))
		return err
	})
	if n := streamCount(t, pjs, "SCORES"); n != 5 {
		t.Errorf("SCORES holds %d results, want 5", n)
	}
}

// TestEmbeddedServerNKey: the embedded server takes an NKey user; a client
// with the seed connects, one with another seed does not.
func TestEmbeddedServerNKey(t *testing.T) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := kp.PublicKey()
	seed, _ := kp.Seed()
	other, _ := nkeys.CreateUser()
	otherSeed, _ := other.Seed()
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.nk"), filepath.Join(dir, "bad.nk")
	if err := os.WriteFile(good, seed, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, otherSeed, 0o600); err != nil {
		t.Fatal(err)
	}
	s := startServerWith(t, ServerOptions{Listen: "0.0.0.0:0", Worker: Credentials{NKey: pub}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	nc, err := Connect(ctx, ConnectOptions{URL: s.ClientURL(), NKeyFile: good})
	if err != nil {
		t.Fatalf("with the seed: %v", err)
	}
	nc.Close()
	ctx2, cancel2 := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel2()
	if nc, err := Connect(ctx2, ConnectOptions{URL: s.ClientURL(), NKeyFile: bad, ReconnectWait: 100 * time.Millisecond}); err == nil {
		nc.Close()
		t.Error("connected with another seed")
	}
}
