package wordpiece

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"
)

func newTokenizer(tb testing.TB, cache int) *Tokenizer {
	tb.Helper()
	vocab, err := os.ReadFile("../internal/features/vocab.txt") // the vocabulary the models embed
	if err != nil {
		tb.Fatal(err)
	}
	t, err := New(vocab, Options{CacheSize: cache})
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestTokenize(t *testing.T) {
	tz := newTokenizer(t, 0)
	for _, tc := range []struct {
		text  string
		spans []string // text[start:end] of each token
		toks  []string // vocabulary entries
	}{
		{"Café in São Paulo", []string{"Café", "in", "São", "Paulo"}, []string{"cafe", "in", "sao", "paulo"}},
		{"He said: \"unbelievably\"!", []string{"He", "said", ":", "\"", "un", "bel", "ie", "va", "bly", "\"", "!"}, []string{"he", "said", ":", "\"", "un", "##bel", "##ie", "##va", "##bly", "\"", "!"}},
		{"Tokenization", []string{"Token", "ization"}, []string{"token", "##ization"}},
		{"naïve résumé", []string{"naïve", "résumé"}, []string{"naive", "resume"}},
		{"Ｅ", []string{"Ｅ"}, []string{"[UNK]"}},
		{"U.S. 3.5%", []string{"U", ".", "S", ".", "3", ".", "5", "%"}, []string{"u", ".", "s", ".", "3", ".", "5", "%"}},
		{"e\u0301t\u00e9", []string{"e\u0301t", "\u00e9"}, []string{"et", "##e"}}, // already decomposed input
		{"İstanbul", []string{"İstanbul"}, []string{"istanbul"}},                  // lowercasing changes byte length
	} {
		for _, pass := range []string{"first", "cached"} {
			toks, err := tz.Tokenize(nil, tc.text, 0)
			if err != nil {
				t.Fatalf("%q: %v", tc.text, err)
			}
			var spans, vocab []string
			for _, tk := range toks {
				spans = append(spans, tc.text[tk.Start:tk.End])
				vocab = append(vocab, tz.Token(tk.ID))
			}
			if strings.Join(spans, "|") != strings.Join(tc.spans, "|") || strings.Join(vocab, "|") != strings.Join(tc.toks, "|") {
				t.Errorf("%q (%s pass): spans %q tokens %q, want %q %q", tc.text, pass, spans, vocab, tc.spans, tc.toks)
			}
		}
	}
}

// TestOffsetsWithBase checks that offsets are shifted by base and stay on
// rune boundaries of the original text.
func TestOffsetsWithBase(t *testing.T) {
	tz := newTokenizer(t, 0)
	doc := "xxxx Ça va très bien, Zoë."
	toks, err := tz.Tokenize(nil, doc[5:], 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Ça", "va", "très", "bien", ",", "Zoë", "."}
	var got []string
	last := -1
	for _, tk := range toks {
		if tk.Word != last {
			got = append(got, "")
			last = tk.Word
		}
		got[len(got)-1] += doc[tk.Start:tk.End]
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("words %q, want %q", got, want)
	}
}

func TestConcurrent(t *testing.T) {
	tz := newTokenizer(t, 50)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				text := strings.Repeat("word ", g) + "Brasília número " + string(rune('a'+i%26)) + "xyz"
				if _, err := tz.Tokenize(nil, text, 0); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

var benchText = strings.Repeat(`Sources familiar with the matter have revealed that the United States is preparing to wind down the coalition's mission in Iraq. "We will continue to work closely with our partners," an American official stated. Iraqi Prime Minister Mohammed Shia al-Sudani also cited the improved capabilities of the country's forces, per the outlet. Critics called the decision a reckless, disastrous betrayal of São Paulo's café owners. `, 20)

// BenchmarkTokenize measures throughput with and without the per-word cache
// (run: go test -bench Tokenize -benchmem ./models/wordpiece).
func BenchmarkTokenize(b *testing.B) {
	for _, bc := range []struct {
		name  string
		cache int
	}{{"nocache", -1}, {"cache", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			tz := newTokenizer(b, bc.cache)
			var toks []Token
			b.SetBytes(int64(len(benchText)))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if toks, err = tz.Tokenize(toks[:0], benchText, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestASCIINormalizesToLower holds split's fast path to the library: every
// printable ASCII rune normalizes to its lower case. (Control runes never
// reach split: Words drops them, and the library panics on some.)
func TestASCIINormalizesToLower(t *testing.T) {
	tz := newTokenizer(t, 0)
	n := 0
	for r := rune(0); r < 0x80; r++ {
		if !isPrintableASCII(r) {
			continue
		}
		n++
		got, err := tz.normalizeRune(r)
		if err != nil {
			t.Fatalf("%q: %v", r, err)
		}
		if want := string(unicode.ToLower(r)); got != want {
			t.Errorf("%q normalizes to %q, not its lower case %q: split's fast path is wrong", r, got, want)
		}
	}
	if n != 94 {
		t.Errorf("%d printable ASCII runes, want 94", n)
	}
}
