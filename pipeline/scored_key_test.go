package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestScoredKeyAndMark hold the SCORED keys and marks to their documented
// forms: entries written by earlier versions must still be found.
func TestScoredKeyAndMark(t *testing.T) {
	for _, c := range []struct{ site, id string }{{"example", "p-1"}, {"www.Example.com", "a/b c"}, {"", ""},
		{strings.Repeat("s", 100), strings.Repeat("i", 300)}, {"日本", "\x00\xff"}} {
		sum := sha256.Sum256([]byte(c.id))
		if got, want := scoredKey(c.site, c.id), SiteToken(c.site)+"."+hex.EncodeToString(sum[:16]); got != want {
			t.Errorf("scoredKey(%q, %q) = %q, want %q", c.site, c.id, got, want)
		}
	}
	p := &Pipeline{pagesCreated: time.Unix(1700000000, 123456789)}
	for _, seq := range []uint64{0, 1, 1 << 63} {
		want := strconv.FormatInt(p.pagesCreated.UnixNano(), 10) + ":" + strconv.FormatUint(seq, 10)
		if got := p.scoredMark(seq); got != want {
			t.Errorf("scoredMark(%d) = %q, want %q", seq, got, want)
		}
	}
}
