package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
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
	// Logger gets every failed attempt's error at warn, at most once per
	// ErrorLogInterval for the same error (a changed error is logged at
	// once). URLs are logged with their passwords redacted.
	Logger *slog.Logger
	// OnError, if set, is called with the error of every failed attempt to
	// connect or reconnect, and with nil once connected: the readiness
	// probe says why it is not ready.
	OnError func(error)
}

// ErrorLogInterval is how often the same connection error is logged again.
const ErrorLogInterval = 10 * time.Second

// RedactURL returns a comma-separated list of NATS URLs with passwords and
// tokens replaced by "xxxxx", for logs and messages.
func RedactURL(urls string) string {
	parts := strings.Split(urls, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		parts[i] = p
		u, err := url.Parse(p)
		if err != nil || u.User == nil {
			if err != nil && strings.Contains(p, "@") {
				parts[i] = "(unparsable URL)"
			}
			continue
		}
		if _, hasPassword := u.User.Password(); !hasPassword {
			u.User = url.User("xxxxx") // a bare user part is a token
		}
		parts[i] = u.Redacted()
	}
	return strings.Join(parts, ",")
}

// errorLog logs connection errors at warn without flooding: the same error
// at most once per ErrorLogInterval, with how many attempts were not logged.
type errorLog struct {
	log        *slog.Logger
	url        string
	mu         sync.Mutex
	last       string
	lastErr    error
	at         time.Time
	suppressed int
}

func (l *errorLog) failed(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	msg := err.Error()
	l.lastErr = err
	if msg == l.last && time.Since(l.at) < ErrorLogInterval {
		l.suppressed++
		return
	}
	l.log.Warn("cannot connect to NATS", "url", l.url, "err", err, "attempts_not_logged", l.suppressed)
	l.last, l.at, l.suppressed = msg, time.Now(), 0
}

func (l *errorLog) ok() { l.mu.Lock(); l.last, l.lastErr, l.suppressed = "", nil, 0; l.mu.Unlock() }

func (l *errorLog) lastError() error { l.mu.Lock(); defer l.mu.Unlock(); return l.lastErr }

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
	onError := o.OnError
	if onError == nil {
		onError = func(error) {}
	}
	elog := &errorLog{log: log, url: RedactURL(o.URL)}
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
			elog.ok()
			onError(nil)
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
		nats.ReconnectHandler(func(nc *nats.Conn) {
			elog.ok()
			onError(nil)
			log.Info("NATS reconnected", "url", nc.ConnectedUrlRedacted())
		}),
		// Every failed attempt, the first connection's included (a wrong
		// password, an untrusted certificate, a refused port).
		nats.ReconnectErrHandler(func(_ *nats.Conn, err error) {
			if err == nil {
				return
			}
			elog.failed(err)
			onError(err)
		}),
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
		return nil, fmt.Errorf("connecting to %s: %w", RedactURL(o.URL), err)
	}
	if nc.IsConnected() {
		return nc, nil
	}
	log.Info("waiting for NATS", "url", RedactURL(o.URL))
	select {
	case <-connected:
		return nc, nil
	case <-ctx.Done():
		nc.Close()
		if last := elog.lastError(); last != nil {
			return nil, fmt.Errorf("connecting to %s: %w (last error: %w)", RedactURL(o.URL), ctx.Err(), last)
		}
		return nil, fmt.Errorf("connecting to %s: %w", RedactURL(o.URL), ctx.Err())
	}
}
