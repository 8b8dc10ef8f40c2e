package pipeline

import (
	"errors"
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

	// Worker is what `slant serve` itself authenticates with, and Publisher
	// what crawlers, `slant publish` and `slant tail` do. With either set,
	// every client must authenticate, and each gets only the permissions of
	// its role (WorkerPermissions, PublisherPermissions). With neither, the
	// server is open and refuses to listen beyond loopback.
	Worker, Publisher Credentials
	// Topology and Durable name the subjects the permissions allow.
	Topology Topology
	Durable  string
	// TLSCert and TLSKey make the server speak TLS only; with TLSCA it also
	// requires and verifies client certificates.
	TLSCert, TLSKey, TLSCA string
}

// Credentials of one user of the embedded server: a user name and password,
// or the public key (U...) of an NKey.
type Credentials struct {
	User, Password string
	NKey           string
}

func (c Credentials) set() bool { return c.User != "" || c.Password != "" || c.NKey != "" }

// isLoopback reports whether host only accepts connections from this
// machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// auth adds o's users to so, each with the permissions of its role.
func (o ServerOptions) auth(so *server.Options) error {
	for _, u := range []struct {
		c     Credentials
		perms *server.Permissions
		role  string
	}{
		{o.Worker, WorkerPermissions(o.Topology, o.Durable), "worker"},
		{o.Publisher, PublisherPermissions(o.Topology), "publisher"},
	} {
		switch {
		case !u.c.set():
		case u.c.NKey != "" && (u.c.User != "" || u.c.Password != ""):
			return fmt.Errorf("embedded NATS: %s: give a user and password or an nkey, not both", u.role)
		case u.c.NKey != "":
			so.Nkeys = append(so.Nkeys, &server.NkeyUser{Nkey: u.c.NKey, Permissions: u.perms})
		case u.c.User == "" || u.c.Password == "":
			return fmt.Errorf("embedded NATS: %s: a user needs both a name and a password", u.role)
		default:
			so.Users = append(so.Users, &server.User{Username: u.c.User, Password: u.c.Password, Permissions: u.perms})
		}
	}
	if o.Worker.User != "" && o.Worker.User == o.Publisher.User {
		return errors.New("embedded NATS: the worker and the publisher need distinct user names")
	}
	return nil
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
	if !o.Worker.set() && !o.Publisher.set() && !isLoopback(host) {
		return nil, fmt.Errorf("embedded NATS: refusing to listen on %s without authentication: any client could "+
			"purge the streams, delete the consumer or forge results; set --user/--password or --nkey "+
			"(and --publisher-user/--publisher-password for crawlers), or listen on 127.0.0.1", o.Listen)
	}
	so := &server.Options{
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
	}
	if r := o.Topology.reserve(); r > 0 {
		// Room for the streams' byte limits: JetStream refuses a stream
		// whose limit it cannot reserve. The disk must hold them.
		so.JetStreamMaxStore = r + 1<<30
	}
	if err := o.auth(so); err != nil {
		return nil, err
	}
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return nil, errors.New("embedded NATS: TLS needs both a certificate and a key")
	}
	if o.TLSCert != "" {
		tc, err := server.GenTLSConfig(&server.TLSConfigOpts{CertFile: o.TLSCert, KeyFile: o.TLSKey, CaFile: o.TLSCA, Verify: o.TLSCA != ""})
		if err != nil {
			return nil, fmt.Errorf("embedded NATS: TLS: %w", err)
		}
		so.TLS, so.TLSConfig, so.TLSVerify = true, tc, o.TLSCA != ""
		so.TLSTimeout = 2
	}
	s, err := server.NewServer(so)
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
