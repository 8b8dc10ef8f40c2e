package main

import (
	"net"
	"testing"
)

// freeAddr returns a loopback address that was free a moment ago. The port
// is released before the caller binds it, so another process may take it
// in between: use it only where an address must be known before a process
// or listener starts (a metrics listener, a child binary, an address where
// nothing listens); servers the test starts in-process listen on port 0.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
