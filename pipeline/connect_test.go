package pipeline

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/syncbuf"
)

// TestConnectReportsErrors: a wrong password is logged at warn on the first
// failed attempt, reported to OnError and in the returned error, and the
// password in the URL is never printed.
func TestConnectReportsErrors(t *testing.T) {
	s := startServerWith(t, ServerOptions{Worker: Credentials{User: "slant", Password: "right"}})
	var logs syncbuf.Buffer
	errs := make(chan error, 100)
	url := strings.Replace(s.ClientURL(), "nats://", "nats://slant:hunter2@", 1)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err := Connect(ctx, ConnectOptions{URL: url, ReconnectWait: 100 * time.Millisecond,
		Logger:  slog.New(slog.NewTextHandler(&logs, nil)),
		OnError: func(err error) { errs <- err }})
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "authorization violation") {
		t.Errorf("Connect: %v", err)
	}
	select {
	case e := <-errs:
		if e == nil || !strings.Contains(strings.ToLower(e.Error()), "authorization") {
			t.Errorf("OnError(%v)", e)
		}
	default:
		t.Error("OnError not called")
	}
	out := logs.String()
	if !strings.Contains(out, "level=WARN") || !strings.Contains(strings.ToLower(out), "authorization violation") {
		t.Errorf("log does not give the error at warn:\n%s", out)
	}
	// 3 s at 100 ms per attempt: the same error is logged once, not 30 times.
	if n := strings.Count(out, "cannot connect"); n > 2 {
		t.Errorf("the same error logged %d times in 3 s", n)
	}
	if strings.Contains(out, "hunter2") || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("password leaked:\n%s\n%v", out, err)
	}
}

// TestConnectUntrustedCA: a TLS server whose certificate the client does
// not trust gives a certificate error, not a silent wait; with the CA the
// client connects (the embedded server's TLS).
func TestConnectUntrustedCA(t *testing.T) {
	dir := t.TempDir()
	cert, key := writeSelfSigned(t, dir)
	s := startServerWith(t, ServerOptions{TLSCert: cert, TLSKey: key})
	url := s.ClientURL()
	var logs syncbuf.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err := Connect(ctx, ConnectOptions{URL: url, ReconnectWait: 100 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("Connect without the CA: %v", err)
	}
	if !strings.Contains(logs.String(), "certificate") {
		t.Errorf("log does not name the certificate problem:\n%s", logs.String())
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel2()
	nc, err := Connect(ctx2, ConnectOptions{URL: url, TLSCA: cert})
	if err != nil {
		t.Fatalf("Connect with the CA: %v", err)
	}
	nc.Close()
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"nats://u:pw@h:4222,nats://h2:4222":         "nats://u:xxxxx@h:4222,nats://h2:4222",
		"nats://s3cr3ttoken@h:4222":                 "nats://xxxxx@h:4222",
		"nats://127.0.0.1:4222":                     "nats://127.0.0.1:4222",
		"nats://alice:s3cret@a:4222, nats://b:4222": "nats://alice:xxxxx@a:4222,nats://b:4222",
		"tls://T0KEN@h:4222":                        "tls://xxxxx@h:4222",
		"nats://u:p@a:1,nats://v:q@b:2":             "nats://u:xxxxx@a:1,nats://v:xxxxx@b:2",
		"nats://bad%zz:pw@h":                        "(unparsable URL)",
	} {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// writeSelfSigned writes a self-signed certificate for 127.0.0.1 and its
// key, and returns their paths; the certificate is its own CA.
func writeSelfSigned(t testing.TB, dir string) (certFile, keyFile string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "slant test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}
