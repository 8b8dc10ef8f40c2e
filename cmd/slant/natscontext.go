package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// natsContext is a natscli context: the JSON file that `nats context save
// NAME` writes to $XDG_CONFIG_HOME/nats/context/NAME.json (by default
// ~/.config/nats/...), with the field names natscli uses. The settings
// slant cannot honour are read so that using them is an error, not a
// silent change of meaning.
//
// It is read here rather than with github.com/nats-io/jsm.go/natscontext,
// the library natscli uses: that package pulls in all of jsm.go (its
// JetStream API schemas and an expression engine) and made the binary
// 7.3 MB (20%) larger to read one small JSON file.
type natsContext struct {
	URL      string `json:"url"`
	User     string `json:"user"`
	Password string `json:"password"`
	Token    string `json:"token"`
	Creds    string `json:"creds"`
	NKey     string `json:"nkey"`
	Cert     string `json:"cert"`
	Key      string `json:"key"`
	CA       string `json:"ca"`

	NSC          string `json:"nsc"`
	UserJWT      string `json:"user_jwt"`
	UserSeed     string `json:"user_seed"`
	SocksProxy   string `json:"socks_proxy"`
	InboxPrefix  string `json:"inbox_prefix"`
	JSDomain     string `json:"jetstream_domain"`
	JSAPIPrefix  string `json:"jetstream_api_prefix"`
	TLSFirst     bool   `json:"tls_first"`
	WinCertStore string `json:"windows_cert_store"`
}

// natsConfigDir is natscli's configuration folder.
func natsConfigDir(getenv func(string) string) string {
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "nats")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "nats")
	}
	return ""
}

// selectedNATSContext is the context chosen with `nats context select`, or "".
func selectedNATSContext(getenv func(string) string) string {
	dir := natsConfigDir(getenv)
	if dir == "" {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(dir, "context.txt"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// loadNATSContext reads the context name, expanding $VARIABLES and a
// leading ~ in its file paths as natscli does.
func loadNATSContext(getenv func(string) string, name string) (natsContext, error) {
	var c natsContext
	if strings.Contains(name, "..") || strings.ContainsAny(name, `/\`) {
		return c, errors.New(`a context name has no "..", "/" or "\"`)
	}
	dir := natsConfigDir(getenv)
	if dir == "" {
		return c, errors.New("neither $XDG_CONFIG_HOME nor $HOME is set")
	}
	path := filepath.Join(dir, "context", name+".json")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, fmt.Errorf("no such context: %s does not exist (`nats context ls` lists them)", path)
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	for _, p := range []*string{&c.Creds, &c.NKey, &c.Cert, &c.Key, &c.CA} {
		*p = os.Expand(*p, getenv)
		if rest, ok := strings.CutPrefix(*p, "~"); ok {
			*p = getenv("HOME") + rest
		}
	}
	return c, nil
}
