package wordpiece

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sugarme/tokenizer/normalizer"
)

// wordsRef is Words as first written, rune by rune: the reference the
// faster Words must match.
func wordsRef(dst []Word, text string) []Word {
	start := -1
	for i, r := range text {
		switch {
		case unicode.IsSpace(r) || r == utf8.RuneError || unicode.In(r, unicode.Cc, unicode.Cf):
			if start >= 0 {
				dst = append(dst, Word{start, i})
				start = -1
			}
		case normalizer.IsBertPunctuation(r) || normalizer.IsChinese(r):
			if start >= 0 {
				dst = append(dst, Word{start, i})
				start = -1
			}
			dst = append(dst, Word{i, i + utf8.RuneLen(r)})
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		dst = append(dst, Word{start, len(text)})
	}
	return dst
}

// TestWordsMatchesReference compares Words with wordsRef on random text
// made of ASCII, accented and CJK letters, punctuation of both kinds,
// controls, invalid bytes and an encoded U+FFFD.
func TestWordsMatchesReference(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", "\n", "\t", "\x00", "\x7f", ".", ",", "\"", "'", "$", "-", "é", "ß", "“", "”", "—", "中", "\u00a0", "\u200b", "\ufffd", "\xff", "\xe2\x80", "word", "U.S.", "don't"}
	rng := rand.New(rand.NewPCG(7, 11))
	for range 5000 {
		var b []byte
		for range rng.IntN(30) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		text := string(b)
		if got, want := Words(nil, text), wordsRef(nil, text); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %v, want %v", text, got, want)
		}
	}
}
