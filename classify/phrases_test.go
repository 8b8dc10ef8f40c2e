package classify

import (
	"context"
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// naiveHits is what the matcher replaces: a strings.Contains and a
// strings.HasPrefix per phrase, and the last start of each group's phrases.
func naiveHits(groups [][]string, text string) phraseHits {
	var h phraseHits
	for g, list := range groups {
		for _, p := range list {
			if strings.HasPrefix(text, p) {
				h.first |= 1 << g
			}
			if i := strings.LastIndex(text, p); i >= 0 {
				h.found |= 1 << g
				h.lastStart[g] = max(h.lastStart[g], int32(i))
			}
		}
	}
	return h
}

func TestPhraseMatcher(t *testing.T) {
	groups := [][]string{
		{"photo by ", "(photo", "photo"},         // overlapping, one a prefix of another
		{"is a columnist", " is a", "columnist"}, // one a suffix of another
		{"©", "é", "straße"},                     // non-ASCII bytes
		{"aaa", "aa"},                            // self-overlapping
		{" is "},                                 // spaces matter, no word boundaries
		{"(photo"},                               // the same phrase in two groups
	}
	m := newPhraseMatcher(groups)
	for _, text := range []string{
		"",
		"photo",
		"(photo by jane",
		"the photo by jane",
		"she is a columnist",
		"this is a test",
		"columnists",
		"© 2024 the times",
		"café straße",
		"aaaa",
		"xaab",
		"this island",
		"is ",
		"(photo",
		"photographs of (photo) and photo",
	} {
		got, want := m.scan([]byte(text)), naiveHits(groups, text)
		if got != want {
			t.Errorf("scan(%q) = %+v, want %+v", text, got, want)
		}
	}
	// Random texts over the phrases' bytes and a few others, where
	// phrases overlap and repeat.
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "p", "h", "o", "t", " ", "(", "i", "s", "é", "©", "ß", "x", "columnist", "photo by ", "aa", "straße"}
	for range 5000 {
		var b strings.Builder
		for range rng.Intn(12) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		text := b.String()
		got, want := m.scan([]byte(text)), naiveHits(groups, text)
		if got != want {
			t.Fatalf("scan(%q) = %+v, want %+v", text, got, want)
		}
	}
}

// TestPhraseMatcherScanLower checks that scanLower finds in a text what scan
// finds in its strings.ToLower, or declines, and counts its words as
// countWords does.
func TestPhraseMatcherScanLower(t *testing.T) {
	groups := [][]string{{"photo by ", "getty images"}, {"©", "é", "straße"}, {"\u212a"}, {"k"}, {"i̇"}}
	m := newPhraseMatcher(groups)
	rng := rand.New(rand.NewSource(3))
	alphabet := []string{"P", "h", "O", "t", "o", " ", "BY ", "Getty", " Images", "é", "É", "©", "STRASSE", "straße", "\u212a", "K", "İ", "\xff", "’", "x", "-", "'", ".", "9", "٣", "»"}
	for range 5000 {
		var b strings.Builder
		for range rng.Intn(10) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		text := b.String()
		lower := strings.ToLower(text)
		limit := rng.Intn(5) - 1
		got, words, ok := m.scanLower(text, limit)
		if want := countWords(text, limit); ok && words != want {
			t.Fatalf("scanLower(%q, %d) counts %d words, countWords %d", text, limit, words, want)
		}
		if want := utf8.ValidString(text) && len(lower) == len(text) && !strings.ContainsAny(text, "Éİ\u212a"); ok != want {
			t.Fatalf("scanLower(%q) ok = %v, want %v", text, ok, want)
		}
		if want := m.scan([]byte(lower)); ok && got != want {
			t.Fatalf("scanLower(%q) = %+v, want %+v", text, got, want)
		}
	}
}

// TestPhraseHitsFrom checks hasFrom against strings.Contains on the tail, as
// isCaption used it.
func TestPhraseHitsFrom(t *testing.T) {
	groups := [][]string{{"getty images", "/ap)"}}
	m := newPhraseMatcher(groups)
	text := strings.Repeat("x", 70) + "getty images " + strings.Repeat("y", 70) + "/ap)"
	h := m.scan([]byte(text))
	for from := 0; from <= len(text); from++ {
		want := false
		for _, p := range groups[0] {
			want = want || strings.Contains(text[from:], p)
		}
		if got := h.hasFrom(0, from); got != want {
			t.Errorf("hasFrom(%d) = %v, want %v", from, got, want)
		}
	}
}

// TestAppendLower checks appendLower against strings.ToLower, byte for
// byte: offsets into the lower-cased text must not move.
func TestAppendLower(t *testing.T) {
	for _, s := range []string{
		"", "abc", "ABC Def", "Café", "STRASSE ÉTÉ", "İstanbul", "\u212a", // Kelvin sign: 3 bytes to 1
		"ǅ", "ΣΊΣΥΦΟΣ", "a\xffb", "\xc3", "\xef\xbf\xbd", "x\xe2\x80", "Ⅻ",
	} {
		if got, want := string(appendLower(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("appendLower(%q) = %q, want %q", s, got, want)
		}
	}
	rng := rand.New(rand.NewSource(2))
	buf := make([]byte, 0, 64)
	for range 20000 {
		b := make([]byte, rng.Intn(12))
		for i := range b {
			switch rng.Intn(3) {
			case 0:
				b[i] = byte(rng.Intn(256))
			default:
				b[i] = byte('A' + rng.Intn(58))
			}
		}
		s := string(b)
		if rng.Intn(4) == 0 {
			s = string(utf8.AppendRune([]byte(s), rune(rng.Intn(0x2000))))
		}
		buf = appendLower(buf[:0], s)
		if want := strings.ToLower(s); string(buf) != want {
			t.Fatalf("appendLower(%q) = %q, want %q", s, buf, want)
		}
	}
}

// BenchmarkRead times the read stage alone (blocks, their description and
// roles, the layout) on the pages BenchmarkClassify reads.
func BenchmarkRead(b *testing.B) {
	pages := benchPages(b)
	c := newClassifier(b, Options{Rules: true})
	for _, name := range []string{"composite-8k", "wire-story", "opinion-column", "us-iraq-reference"} {
		text, ok := pages[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := c.read(context.Background(), Page{Text: text}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// TestASCIIFastPaths checks countWords and normaliseLabel, which read ASCII
// without the unicode tables, against the rune-by-rune versions they
// replaced.
func TestASCIIFastPaths(t *testing.T) {
	countWordsRunes := func(s string, limit int) int {
		n, in := 0, false
		for _, r := range s {
			word := unicode.IsLetter(r) || unicode.IsDigit(r)
			if word && !in {
				n++
				if n >= limit {
					return n
				}
			}
			in = word || (in && (r == '\'' || r == '’' || r == '-' || r == '.'))
		}
		return n
	}
	normaliseLabelRunes := func(s string) string {
		var b strings.Builder
		space := false
		for _, r := range s {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '&' || r == '-' && b.Len() > 0:
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				if r == '’' {
					r = '\''
				}
				b.WriteRune(unicode.ToLower(r))
			default:
				space = true
			}
		}
		return strings.TrimRight(b.String(), "-")
	}
	rng := rand.New(rand.NewSource(4))
	alphabet := []string{"a", "Z", "0", "9", " ", "-", "'", "’", ".", "&", "»", "É", "ß", "\xff", "\t", "@", "[", "`", "{", "٣", "İ"}
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(14) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		for _, limit := range []int{1, 3, 13} {
			if got, want := countWords(s, limit), countWordsRunes(s, limit); got != want {
				t.Fatalf("countWords(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
		if got, want := normaliseLabel(s), normaliseLabelRunes(s); got != want {
			t.Fatalf("normaliseLabel(%q) = %q, want %q", s, got, want)
		}
	}
}
