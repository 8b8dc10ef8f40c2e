package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/slantwire/slant/pipeline"
)

// natsFlags are the connection flags of serve, publish and tail, declared
// once. Like the nats CLI, each takes, when not given, its NATS_* variable
// and then the value of the natscli context (--context, $NATS_CONTEXT, or
// for publish and tail the context selected with `nats context select`).
type natsFlags struct {
	url, context           string
	user, password, token  string
	nkey, creds            string
	tlsCA, tlsCert, tlsKey string
}

// natsFlagSpec is one connection flag: its name, the natscli variable it
// falls back to, and its help.
type natsFlagSpec struct {
	name, env, help string
	field           func(*natsFlags) *string
}

func natsFlagSpecs(urlHelp string) []natsFlagSpec {
	return []natsFlagSpec{
		{"nats", "NATS_URL", urlHelp, func(f *natsFlags) *string { return &f.url }},
		{"context", "NATS_CONTEXT", "natscli context to take the server and credentials from", func(f *natsFlags) *string { return &f.context }},
		{"user", "NATS_USER", "NATS user name", func(f *natsFlags) *string { return &f.user }},
		{"password", "NATS_PASSWORD", "NATS password", func(f *natsFlags) *string { return &f.password }},
		{"token", "NATS_TOKEN", "NATS token", func(f *natsFlags) *string { return &f.token }},
		{"nkey", "NATS_NKEY", "file holding an NKey seed", func(f *natsFlags) *string { return &f.nkey }},
		{"creds", "NATS_CREDS", "NATS .creds file (JWT and seed)", func(f *natsFlags) *string { return &f.creds }},
		{"tls-ca", "NATS_CA", "CA certificate to verify the NATS server", func(f *natsFlags) *string { return &f.tlsCA }},
		{"tls-cert", "NATS_CERT", "client certificate for TLS authentication", func(f *natsFlags) *string { return &f.tlsCert }},
		{"tls-key", "NATS_KEY", "client key for TLS authentication", func(f *natsFlags) *string { return &f.tlsKey }},
	}
}

func (f *natsFlags) register(fs *flag.FlagSet, urlHelp string) {
	for _, s := range natsFlagSpecs(urlHelp) {
		fs.StringVar(s.field(f), s.name, "", s.help+" ($"+s.env+")")
	}
}

// natsTarget is the server a command talks to and how it was chosen.
type natsTarget struct {
	opts pipeline.ConnectOptions // URL empty: none was named
	// from says where the URL came from, for the line that names the server.
	from string
}

// resolve applies the environment and the natscli context to the flags
// left empty. useSelected says whether the context selected in natscli
// counts when none is named: publish and tail follow it as the nats CLI
// does; serve does not, so that a context selected for other work never
// turns `slant serve` from its embedded server to a remote one.
func (f natsFlags) resolve(getenv func(string) string, useSelected bool) (natsTarget, error) {
	from := map[string]string{}
	for _, s := range natsFlagSpecs("") {
		p := s.field(&f)
		switch {
		case *p != "":
			from[s.name] = "--" + s.name
		case getenv(s.env) != "":
			*p, from[s.name] = getenv(s.env), "$"+s.env
		}
	}
	t := natsTarget{from: from["nats"]}
	ctxName, how := f.context, from["context"]
	if ctxName == "" && useSelected {
		ctxName, how = selectedNATSContext(getenv), "selected with `nats context select`"
	}
	if ctxName != "" {
		c, err := loadNATSContext(getenv, ctxName)
		if err != nil {
			return t, fmt.Errorf("natscli context %q (%s): %w", ctxName, how, err)
		}
		if err := f.fromContext(c); err != nil {
			return t, fmt.Errorf("natscli context %q (%s): %w", ctxName, how, err)
		}
		if t.from == "" {
			t.from = fmt.Sprintf("natscli context %q, %s", ctxName, how)
		}
	}
	t.opts = pipeline.ConnectOptions{
		URL: f.url, User: f.user, Password: f.password, Token: f.token, NKeyFile: f.nkey, CredsFile: f.creds,
		TLSCA: f.tlsCA, TLSCert: f.tlsCert, TLSKey: f.tlsKey,
	}
	return t, nil
}

// fromContext fills the fields still empty from a natscli context. Settings
// slant cannot honour are an error rather than silently dropped.
func (f *natsFlags) fromContext(c natsContext) error {
	var unsupported []string
	for name, set := range map[string]bool{
		"user_jwt": c.UserJWT != "", "user_seed": c.UserSeed != "", "socks_proxy": c.SocksProxy != "",
		"inbox_prefix": c.InboxPrefix != "", "jetstream_domain": c.JSDomain != "", "jetstream_api_prefix": c.JSAPIPrefix != "",
		"tls_first": c.TLSFirst, "nsc": c.NSC != "", "windows_cert_store": c.WinCertStore != "",
	} {
		if set {
			unsupported = append(unsupported, name)
		}
	}
	fill := func(dst *string, v, field string) {
		if i := strings.Index(v, "://"); i > 0 && field != "url" {
			unsupported = append(unsupported, field+" (a "+v[:i]+":// reference; give a file or value)")
			return
		}
		if *dst == "" {
			*dst = v
		}
	}
	if c.URL == "" {
		c.URL = nats.DefaultURL // as in natscli
	}
	fill(&f.url, c.URL, "url")
	fill(&f.user, c.User, "user")
	fill(&f.password, c.Password, "password")
	fill(&f.token, c.Token, "token")
	fill(&f.nkey, c.NKey, "nkey")
	fill(&f.creds, c.Creds, "creds")
	fill(&f.tlsCA, c.CA, "ca")
	fill(&f.tlsCert, c.Cert, "cert")
	fill(&f.tlsKey, c.Key, "key")
	if len(unsupported) > 0 {
		sort.Strings(unsupported)
		return fmt.Errorf("slant does not support %s", strings.Join(unsupported, ", "))
	}
	return nil
}

// defaultClientURL is where publish and tail look for a server when none is
// named: the embedded server of `slant serve` with its default --nats-listen.
const defaultClientURL = "nats://" + pipeline.DefaultListen

// dial connects a client command (publish, tail) to the server the flags,
// the environment or the natscli context name, else to the embedded
// server's default address, and says on log which one; it gives up after
// 10 s.
func (f *natsFlags) dial(ctx context.Context, getenv func(string) string, name string, log *slog.Logger) (*nats.Conn, error) {
	t, err := f.resolve(getenv, true)
	if err != nil {
		return nil, &exitError{2, err}
	}
	if t.opts.URL == "" {
		t.opts.URL = defaultClientURL
		t.from = "default: no --nats, --context, $NATS_URL, $NATS_CONTEXT or selected natscli context"
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	// A command run by hand does not wait out a wrong password.
	ctx, refused := context.WithCancel(ctx)
	defer refused()
	return t.connect(ctx, name, log, func(err error) {
		if errors.Is(err, nats.ErrAuthorization) || errors.Is(err, nats.ErrAuthExpired) || errors.Is(err, nats.ErrAuthRevoked) {
			refused()
		}
	})
}

// connect says on log which server it talks to and how that was chosen,
// then connects; name shows in the server's connection list, and onError
// (if set) hears every failed attempt.
func (t natsTarget) connect(ctx context.Context, name string, log *slog.Logger, onError func(error)) (*nats.Conn, error) {
	log.Info("NATS server", "url", pipeline.RedactURL(t.opts.URL), "from", t.from)
	o := t.opts
	o.Name, o.Logger, o.OnError = name, log, onError
	return pipeline.Connect(ctx, o)
}
