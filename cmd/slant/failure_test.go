package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/slantwire/slant/classify"
	"github.com/slantwire/slant/pipeline"
)

// TestFailureSameOnEveryPath sends the same failing inputs through each
// path — `slant classify --input jsonl`, the slant.classify service and a
// worker's dead letters — and checks they say the same thing: one reason
// table, one failure encoding, headers derived from it.
func TestFailureSameOnEveryPath(t *testing.T) {
	const maxBytes = 1000
	oversized, _ := json.Marshal(classify.Envelope{ID: "big", Site: "example.com", Text: strings.Repeat("The minister said so. ", 100)})
	inputs := []struct {
		body   []byte
		reason classify.Reason
		id     string // the page id the service and the dead letter carry
	}{
		{oversized, classify.ReasonTooLarge, "big"},
		{[]byte(`{"id": "x", "text": 3}`), classify.ReasonBadEnvelope, ""},
		{[]byte("{\"id\":\"u\",\"text\":\"caf\xe9\"}"), classify.ReasonInvalidUTF8, ""},
	}

	// The CLI.
	var lines bytes.Buffer
	for _, in := range inputs {
		lines.Write(in.body)
		lines.WriteByte('\n')
	}
	code, out, errOut := runCmd(t, lines.String(), "classify", "--input", "jsonl", "--max-bytes", "1000")
	if code != 1 {
		t.Fatalf("classify exit %d, want 1: %s", code, errOut)
	}
	var records []classify.Failure
	for _, r := range decodeLines(t, out) {
		b, _ := json.Marshal(r)
		var f classify.Failure
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		records = append(records, f)
	}
	if len(records) != len(inputs) {
		t.Fatalf("%d records for %d inputs:\n%s", len(records), len(inputs), out)
	}

	// A worker and the service with the same limits, on an embedded server.
	srv, err := pipeline.StartServer(pipeline.ServerOptions{Listen: "127.0.0.1:0", StoreDir: t.TempDir(), Name: "failures"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	ctx, cancel := context.WithCancel(context.Background())
	nc, err := pipeline.Connect(ctx, pipeline.ConnectOptions{URL: srv.ClientURL()})
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	limits := classify.Limits{MaxBytes: maxBytes}
	p, err := pipeline.New(pipeline.Options{Conn: nc, Limits: limits, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	ran := make(chan error, 1)
	go func() { ran <- p.Run(ctx) }()
	defer func() { cancel(); <-ran }()
	if _, err := pipeline.StartService(ctx, pipeline.ServiceOptions{Conn: nc, Limits: limits}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); p.Ready() != nil; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("worker not ready: %v", p.Ready())
		}
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	replies := make([]*nats.Msg, len(inputs))
	seqOf := map[uint64]int{}
	for i, in := range inputs {
		if replies[i], err = nc.Request("slant.classify", in.body, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		pa, err := js.Publish(ctx, pipeline.Topology{}.PageSubject("example.com"), in.body)
		if err != nil {
			t.Fatal(err)
		}
		seqOf[pa.Sequence] = i
	}
	dead, err := js.Stream(ctx, "DEAD")
	if err != nil {
		t.Fatal(err)
	}
	letters := make([]nats.Header, len(inputs))
	for deadline, seq := time.Now().Add(20*time.Second), uint64(1); seq <= uint64(len(inputs)); {
		m, err := dead.GetMsg(ctx, seq)
		if err != nil {
			if time.Now().After(deadline) {
				t.Fatalf("dead letter %d: %v", seq, err)
			}
			time.Sleep(50 * time.Millisecond)
			continue
		}
		orig, err := strconv.ParseUint(m.Header.Get(pipeline.HeaderOrigSequence), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		letters[seqOf[orig]] = m.Header
		seq++
	}

	for i, in := range inputs {
		cli, reply, letter := records[i], replies[i], letters[i]
		var svc classify.Failure
		if err := json.Unmarshal(reply.Data, &svc); err != nil {
			t.Fatalf("input %d: service error body %q: %v", i, reply.Data, err)
		}
		t.Logf("input %d: CLI %+v; service %+v; dead letter %v", i, cli.Error, svc.Error, letter)
		for path, got := range map[string]classify.Reason{
			"CLI record":          cli.Error.Reason,
			"service body":        svc.Error.Reason,
			"service header":      classify.Reason(reply.Header.Get(pipeline.HeaderReason)),
			"dead-letter header":  classify.Reason(letter.Get(pipeline.HeaderReason)),
			"service description": classify.Reason(strings.SplitN(reply.Header.Get("Nats-Service-Error"), ":", 2)[0]),
		} {
			if got != in.reason {
				t.Errorf("input %d: %s says %q, want %q", i, path, got, in.reason)
			}
		}
		if svc.Schema != cli.Schema || svc.Error.Message == "" || letter.Get(pipeline.HeaderError) != svc.Error.Message ||
			reply.Header.Get(pipeline.HeaderError) != svc.Error.Message {
			t.Errorf("input %d: messages differ: service %q, dead letter %q, service header %q",
				i, svc.Error.Message, letter.Get(pipeline.HeaderError), reply.Header.Get(pipeline.HeaderError))
		}
		// The CLI names the line of an envelope it could not read; the rest
		// of its message is the same.
		if !strings.HasSuffix(cli.Error.Message, svc.Error.Message) {
			t.Errorf("input %d: CLI message %q does not end with %q", i, cli.Error.Message, svc.Error.Message)
		}
		if svc.ID != in.id || letter.Get(pipeline.HeaderPageID) != in.id || reply.Header.Get(pipeline.HeaderPageID) != in.id {
			t.Errorf("input %d: page id: service %q, dead letter %q, want %q", i, svc.ID, letter.Get(pipeline.HeaderPageID), in.id)
		}
		if in.id != "" && cli.ID != in.id {
			t.Errorf("input %d: CLI record id %q, want %q", i, cli.ID, in.id)
		}
	}
}
