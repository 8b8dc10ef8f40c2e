package pipeline

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServerOptions configure the embedded NATS server of `slant serve`.
type ServerOptions struct {
	// Listen is host:port for clients. Default DefaultListen; port 0 picks a
	// free port.
	Listen string
	// StoreDir holds JetStream's files. Default DefaultStoreDir.
	StoreDir string
	// Name of the server. Default DefaultServerName.
	Name string
	// MaxPayload is the largest message accepted. Default DefaultMaxPayload.
	MaxPayload int32
	// Log sends the server's own log to stderr.
	Log bool
}

// StartServer starts a nats-server with JetStream in this process and waits
// until it accepts connections. Shut it down with Shutdown and
// WaitForShutdown after the clients are done.
func StartServer(o ServerOptions) (*server.Server, error) {
	if o.Listen == "" {
		o.Listen = DefaultListen
	}
	if o.StoreDir == "" {
		o.StoreDir = DefaultStoreDir
	}
	if o.Name == "" {
		o.Name = DefaultServerName
	}
	if o.MaxPayload <= 0 {
		o.MaxPayload = DefaultMaxPayload
	}
	host, portStr, err := net.SplitHostPort(o.Listen)
	if err != nil {
		return nil, fmt.Errorf("embedded NATS: listen address %q: %w", o.Listen, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("embedded NATS: port %q: %w", portStr, err)
	}
	if port == 0 {
		port = server.RANDOM_PORT
	} else {
		// The server would retry a taken port for its whole start-up
		// timeout; find out at once, and say which address.
		l, err := net.Listen("tcp", o.Listen)
		if err != nil {
			return nil, fmt.Errorf("embedded NATS: cannot listen on %s: %w", o.Listen, err)
		}
		l.Close()
	}
	s, err := server.NewServer(&server.Options{
		ServerName: o.Name,
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   o.StoreDir,
		MaxPayload: o.MaxPayload,
		// The pending limit per client must hold a few max-size messages.
		MaxPending: 4 * int64(o.MaxPayload),
		NoSigs:     true,
		NoLog:      !o.Log,
	})
	if err != nil {
		return nil, fmt.Errorf("embedded NATS: %w", err)
	}
	if o.Log {
		s.ConfigureLogger()
	}
	s.Start()
	if !s.ReadyForConnections(30 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("embedded NATS on %s did not start (port in use?)", o.Listen)
	}
	return s, nil
}
