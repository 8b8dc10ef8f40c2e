package shingle

import (
	"math"
	"testing"
)

func TestScore(t *testing.T) {
	for _, tc := range []struct {
		name      string
		got, want string
		p, r, f1  float64
	}{
		{"identical", "the port will reopen on monday", "The port will reopen on Monday.", 1, 1, 1},
		{"both empty", "", "", 1, 1, 1},
		{"nothing extracted", "", "the port will reopen", 0, 0, 0},
		{"half the body", "one two three four five", "one two three four five six seven eight", 1, 2.0 / 5, 2 * 0.4 / 1.4},
		{"extra furniture", "menu home news one two three four", "one two three four", 0.25, 1, 0.4},
		{"short texts are one shingle", "Hello world", "hello, world!", 1, 1, 1},
	} {
		p, r, f1 := Score(tc.got, tc.want)
		if math.Abs(p-tc.p) > 1e-9 || math.Abs(r-tc.r) > 1e-9 || math.Abs(f1-tc.f1) > 1e-9 {
			t.Errorf("%s: P %.3f R %.3f F1 %.3f, want %.3f %.3f %.3f", tc.name, p, r, f1, tc.p, tc.r, tc.f1)
		}
	}
}

func TestHTMLText(t *testing.T) {
	got := HTMLText(`<div><p>One<b>two</b></p><script>var x = "<p>no</p>";</script><p>three&amp;four</p></div>`)
	if w := Words(got); len(w) != 4 || w[0] != "one" || w[1] != "two" || w[2] != "three" || w[3] != "four" {
		t.Errorf("words %q", w)
	}
}
