package classify

import (
	"reflect"
	"testing"
)

func TestTokenize(t *testing.T) {
	c := newClassifier(t, Options{})
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"U.S. troops", []string{"U.S.", "troops"}},
		{"Mohammed Shia al-Sudani's", []string{"Mohammed", "Shia", "al-Sudani's"}},
		{"The 2,500 troops, 3.5%", []string{"The", "2,500", "troops", ",", "3.5", "%"}},
		{"Café in São Paulo", []string{"Café", "in", "São", "Paulo"}},
		{"Teachers' union", []string{"Teachers'", "union"}},
		{`"Go," she said.`, []string{`"`, "Go", ",", `"`, "she", "said", "."}},
		{"“Wait…” — he didn’t", []string{"“", "Wait", "…", "”", "—", "he", "didn’t"}},
		{"a.m. on Jan. 5", []string{"a.m.", "on", "Jan", ".", "5"}},
	} {
		tz := tokenizer{lx: c.lex}
		var got []string
		for _, tok := range tz.tokenize(nil, tc.text, 0) {
			got = append(got, tc.text[tok.start:tok.end])
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestTokenizeOffsets checks that offsets are bytes of the original text,
// including after multi-byte runes and with a base offset.
func TestTokenizeOffsets(t *testing.T) {
	c := newClassifier(t, Options{})
	tz := tokenizer{lx: c.lex}
	text := "xx São Tomé said"
	toks := tz.tokenize(nil, text[3:], 3)
	for _, tok := range toks {
		if got := text[tok.start:tok.end]; got == "" {
			t.Errorf("empty token at %d", tok.start)
		}
	}
	if got := text[toks[1].start:toks[1].end]; got != "Tomé" {
		t.Errorf("second token = %q, want Tomé", got)
	}
	if toks[2].class&wCue == 0 {
		t.Error("said is not a cue")
	}
}
