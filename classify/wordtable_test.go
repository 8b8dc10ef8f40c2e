package classify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slantwire/slant/internal/testpages"
)

// lookupByMap is the tokenizer's look-up as the maps answer it: the
// reference the word table must agree with.
func lookupByMap(lx *lexicon, w string) (string, wordClass) {
	l := strings.ToLower(w)
	c, ok := lx.words[l]
	switch {
	case l == w:
		return w, c
	case !ok && isASCIIText(w):
		return "", 0
	}
	return l, c
}

// voiceClassByMap is voiceClass as the map answers it.
func voiceClassByMap(lx *lexicon, w string) uint8 {
	if len(w) > maxVoiceWord {
		return 0
	}
	return lx.voiceWords.words[strings.ReplaceAll(strings.ToLower(w), "’", "'")]
}

// wordTableTexts returns the fixture pages and, when the shared data is
// there, the readability test pages (source and expected).
func wordTableTexts(t *testing.T) []string {
	var texts []string
	files, _ := filepath.Glob("testdata/pages/*.txt")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	if pages, err := testpages.Load(devSet); err == nil {
		for _, p := range pages {
			texts = append(texts, p.Source, p.Expected)
		}
	}
	return texts
}

// TestWordTable holds the word tables to the maps they index: every listed
// word in three cases, and every word of the fixture and readability pages
// as the tokenizer and the voice cut them.
func TestWordTable(t *testing.T) {
	lx := newLexicon()
	tz := tokenizer{lx: lx}
	check := func(w string) {
		t.Helper()
		checkWord(t, &tz, w)
	}
	for w := range lx.words {
		check(w)
		check(strings.ToUpper(w))
		if r, n := utf8.DecodeRuneInString(w); n > 0 {
			check(strings.ToUpper(string(r)) + w[n:])
		}
	}
	for w := range lx.voiceWords.words {
		check(w)
		check(strings.ToUpper(w))
	}
	// In a text the table reads past the word's end: the look-ups of
	// words in place must agree too.
	inPlace := func(text string, i, j int) {
		t.Helper()
		w := text[i:j]
		gotL, gotC := tz.lookupIn(text, i, j)
		wantL, wantC := lookupByMap(lx, w)
		if gotL != wantL || gotC != wantC {
			t.Errorf("lookup of %q in place = %q, %x; the maps say %q, %x", w, gotL, gotC, wantL, wantC)
		}
		if !isASCIIText(w) {
			return
		}
		if got, want := lx.voiceClassASCII(text, i, j), voiceClassByMap(lx, w); got != want {
			t.Errorf("voiceClass of %q in place = %d; the map says %d", w, got, want)
		}
	}
	words := 0
	for _, text := range wordTableTexts(t) {
		for _, tok := range tz.tokenize(nil, text, 0) {
			if tok.kind == tokWord {
				check(text[tok.start:tok.end])
				inPlace(text, tok.start, tok.end)
				words++
			}
		}
		for i := 0; i < len(text); i++ {
			if asciiLetter(text[i]) && (i == 0 || !asciiLetter(text[i-1])) {
				j, _ := voiceWordEnd(text, i)
				check(text[i:j])
				inPlace(text, i, j)
			}
		}
	}
	if words < 1000 {
		t.Errorf("only %d words read", words)
	}
}

// checkWord holds the tokenizer's look-up, the class and the voice class
// of w to what the maps say.
func checkWord(t *testing.T, tz *tokenizer, w string) {
	t.Helper()
	lx := tz.lx
	gotL, gotC := tz.lookup(w)
	wantL, wantC := lookupByMap(lx, w)
	if gotL != wantL || gotC != wantC {
		t.Errorf("lookup(%q) = %q, %x; the maps say %q, %x", w, gotL, gotC, wantL, wantC)
	}
	if got, want := lx.class(w), lx.words[w]; got != want {
		t.Errorf("class(%q) = %x; the map says %x", w, got, want)
	}
	if got, want := lx.voiceClass(w), voiceClassByMap(lx, w); got != want {
		t.Errorf("voiceClass(%q) = %d; the map says %d", w, got, want)
	}
}

// FuzzWordTable holds the word tables to the maps on any word.
func FuzzWordTable(f *testing.F) {
	for _, w := range []string{"said", "Said", "SAID", "u.s.", "U.S.", "don't", "Don’t", "zzz", "São", "", "i'm", "I'M"} {
		f.Add(w)
	}
	lx := newLexicon()
	tz := tokenizer{lx: lx}
	f.Fuzz(func(t *testing.T, w string) {
		if !utf8.ValidString(w) {
			return
		}
		checkWord(t, &tz, w)
		// The word in place, with text after it.
		text := w + " and more"
		wantL, wantC := lookupByMap(lx, w)
		gotL, gotC := tz.lookupIn(text, 0, len(w))
		if gotL != wantL || gotC != wantC {
			t.Errorf("lookup of %q in place = %q, %x; the maps say %q, %x", w, gotL, gotC, wantL, wantC)
		}
	})
}
