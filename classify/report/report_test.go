package report

import (
	"context"
	"strings"
	"testing"

	"github.com/slantwire/slant/classify"
)

const page = `Port to reopen Monday after storm damage

Officials said on Tuesday that the port would reopen on Monday. "We are ready," Harbor Master Ana Ruiz said, according to the Coastal Times.

Advertisement`

func result(t *testing.T) *classify.Result {
	t.Helper()
	c, err := classify.New(classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Classify(context.Background(), classify.Page{ID: "port", Text: page})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestWrite(t *testing.T) {
	res := result(t)
	for _, tc := range []struct {
		name  string
		color bool
		want  []string
	}{
		{"plain", false, []string{
			"genre      news",
			"second-hand from The Coastal Times",
			"boilerplate ad             Advertisement",
			"⟦Harbor Master Ana Ruiz⟧ ‹said›",
			"[named_person, strong 0.95, direct]",
			"[media_outlet, weak 0.30, direct]",
		}},
		{"colour", true, []string{"\x1b[32m[named_person, strong 0.95, direct]\x1b[0m", "\x1b[31m[media_outlet, weak 0.30, direct]\x1b[0m"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, res, Options{Color: tc.color}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("report lacks %q:\n%s", w, out)
				}
			}
			if !tc.color && strings.Contains(out, "\x1b[") {
				t.Error("escape codes without colour")
			}
		})
	}
}

func TestWrapKeepsWidth(t *testing.T) {
	text := strings.Repeat("word ", 60)
	for _, line := range strings.Split(wrap(text, 50, 10), "\n") {
		if n := len([]rune(strings.TrimLeft(line, " "))); n > 40 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
}

func TestSummary(t *testing.T) {
	got := Summary(result(t))
	want := "port                     genre=news opinion=0.17 sourcing=moderate/0.52 attributions=3 [media_outlet 1, named_person 1, unnamed_official 1] secondhand=The Coastal Times"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
