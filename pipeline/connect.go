package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
)

// ConnectOptions say how to reach an existing NATS server or cluster.
// At most one of User/Password, Token, NKeyFile and CredsFile is used.
type ConnectOptions struct {
	// URL is a comma-separated list of servers. Default nats.DefaultURL.
	URL            string
	User, Password string
	Token          string
	// NKeyFile is a file holding an NKey seed (SU...).
	NKeyFile string
	// CredsFile is a .creds file (JWT and seed) from nsc or a NATS operator.
	CredsFile string
	// TLSCA verifies the server; TLSCert and TLSKey authenticate the client.
	TLSCA, TLSCert, TLSKey string
	// Name shows up in the server's connection list.
	Name string
	// ReconnectWait is the pause between reconnect attempts (with jitter).
	// Default DefaultReconnectWait. The client reconnects forever.
	ReconnectWait time.Duration
	Logger        *slog.Logger
}

// Connect dials NATS with o. It keeps reconnecting forever, also when the
// first attempt fails (RetryOnFailedConnect), so a worker started before its
// server comes up and one whose server restarts both carry on by
// themselves; it returns once connected, or with ctx's error.
func Connect(ctx context.Context, o ConnectOptions) (*nats.Conn, error) {
	if o.URL == "" {
		o.URL = nats.DefaultURL
	}
	if o.ReconnectWait <= 0 {
		o.ReconnectWait = DefaultReconnectWait
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	connected := make(chan struct{}, 1)
	opts := []nats.Option{
		nats.Name(o.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(o.ReconnectWait),
		nats.ReconnectJitter(o.ReconnectWait/5, o.ReconnectWait/5),
		nats.RetryOnFailedConnect(true),
		// Pages published while reconnecting are buffered up to this size.
		nats.ReconnectBufSize(32 << 20),
		nats.ConnectHandler(func(*nats.Conn) {
			select {
			case connected <- struct{}{}:
			default:
			}
		}),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("NATS disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) { log.Info("NATS reconnected", "url", nc.ConnectedUrlRedacted()) }),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			subj := ""
			if sub != nil {
				subj = sub.Subject
			}
			log.Warn("NATS error", "subject", subj, "err", err)
		}),
	}
	auth := 0
	if o.User != "" || o.Password != "" {
		auth++
		opts = append(opts, nats.UserInfo(o.User, o.Password))
	}
	if o.Token != "" {
		auth++
		opts = append(opts, nats.Token(o.Token))
	}
	if o.NKeyFile != "" {
		auth++
		opt, err := nats.NkeyOptionFromSeed(o.NKeyFile)
		if err != nil {
			return nil, fmt.Errorf("nkey: %w", err)
		}
		opts = append(opts, opt)
	}
	if o.CredsFile != "" {
		auth++
		opts = append(opts, nats.UserCredentials(o.CredsFile))
	}
	if auth > 1 {
		return nil, errors.New("choose one of user/password, token, nkey and creds")
	}
	if o.TLSCA != "" {
		opts = append(opts, nats.RootCAs(o.TLSCA))
	}
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return nil, errors.New("a TLS client certificate needs both cert and key")
	}
	if o.TLSCert != "" {
		opts = append(opts, nats.ClientCert(o.TLSCert, o.TLSKey))
	}
	nc, err := nats.Connect(o.URL, opts...)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w", o.URL, err)
	}
	if nc.IsConnected() {
		return nc, nil
	}
	log.Info("waiting for NATS", "url", o.URL)
	select {
	case <-connected:
		return nc, nil
	case <-ctx.Done():
		nc.Close()
		return nil, fmt.Errorf("connecting to %s: %w", o.URL, ctx.Err())
	}
}
