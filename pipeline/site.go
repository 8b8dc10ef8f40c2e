package pipeline

import (
	"errors"
	"strings"

	"github.com/nats-io/nats.go"
)

// maxSiteToken bounds a site token: subjects are matched byte by byte on
// every message and a crawler bug should not turn a URL into a 4 KB token.
const maxSiteToken = 64

// SiteToken turns a site name ("www.example.com", "Le Monde") into a valid
// NATS subject token: lower case ASCII letters, digits, '_' and '-'. Dots
// become '_' (so "example.com" → "example_com"), any other byte becomes '-',
// and the result is cut to 64 bytes. An empty site is "unknown". The mapping
// is stable, so publishers and subscribers that apply it agree.
func SiteToken(site string) string {
	if isSiteToken(site) {
		return site // every page of a site comes this way: no copy
	}
	var b strings.Builder
	for i := 0; i < len(site) && b.Len() < maxSiteToken; i++ {
		c := site[i]
		switch {
		case isTokenByte(c):
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c == '.':
			b.WriteByte('_')
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "unknown"
	}
	return b.String()
}

// isSiteToken reports a site that SiteToken returns unchanged.
func isSiteToken(site string) bool {
	if site == "" || len(site) > maxSiteToken {
		return false
	}
	for i := 0; i < len(site); i++ {
		if !isTokenByte(site[i]) {
			return false
		}
	}
	return true
}

// isTokenByte reports a byte a site token keeps as it is.
func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// isTransportError reports errors caused by the connection rather than the
// request: retrying after a reconnect can succeed.
func isTransportError(err error) bool {
	return errors.Is(err, nats.ErrTimeout) || errors.Is(err, nats.ErrNoResponders) ||
		errors.Is(err, nats.ErrConnectionReconnecting) || errors.Is(err, nats.ErrDisconnected) ||
		errors.Is(err, nats.ErrConnectionClosed)
}
