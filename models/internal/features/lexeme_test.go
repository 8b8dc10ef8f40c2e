package features

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refWord is a word as Encode made it before lexemes, from the
// sentence's tokens.
type refWord struct {
	Start, End int
	Hash       uint64
	Pieces     int
	Letters    bool
	Upper      bool
	Punct      rune
	class      wordClass
}

func refEncode(t *testing.T, f *Featurizer, text string) []refWord {
	toks, err := f.tok.Tokenize(nil, text, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []refWord
	for i := 0; i < len(toks); {
		j := i
		h := uint64(nsWord)
		for j < len(toks) && toks[j].Word == toks[i].Word {
			h = mix(h, uint64(toks[j].ID))
			j++
		}
		w := refWord{Start: toks[i].Start, End: toks[j-1].End, Hash: h, Pieces: j - i, class: f.class[h]}
		r, size := utf8.DecodeRuneInString(text[w.Start:])
		w.Upper = unicode.IsUpper(r)
		if size == w.End-w.Start && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			w.Punct = r
		}
		for _, r := range text[w.Start:w.End] {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r) {
				w.Letters = true
				break
			}
		}
		out = append(out, w)
		i = j
	}
	return out
}

// refWordContext is WordContext as it was, hashing the neighbours afresh.
func refWordContext(e *Encoded, ws []refWord, i int) []Feature {
	w := ws[i]
	prev, next := uint64(0), uint64(0)
	if i > 0 {
		prev = ws[i-1].Hash
	}
	if i+1 < len(ws) {
		next = ws[i+1].Hash
	}
	return []Feature{
		feat(mix(nsLPrev, prev)),
		feat(mix(nsLNext, next)),
		feat(mix(mix(nsLPrevWord, prev), w.Hash)),
		feat(mix(mix(nsLWordNext, w.Hash), next)),
		feat(mix(nsLShape, uint64(b2i(w.Upper))<<8|bucket(w.Pieces, 2, 3, 4)<<4|uint64(b2i(i == 0)))),
	}
}

// TestLexemesMatchReference holds the words Encode derives from lexemes,
// their precomputed hashes and text facts, and WordContext to the
// definitions they stand for, on the classify fixtures (and on words that
// normalize to nothing or to [UNK]).
func TestLexemesMatchReference(t *testing.T) {
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"\u0301\u0301 a\u0301b ÉCOLE über Über naïve naive I think we WE i — “quoted” 42 ! ?",
		"Pneumonoultramicroscopicsilicovolcanoconiosis x" + string(slices.Repeat([]byte("a"), 150)),
	}
	files, _ := filepath.Glob("../../../classify/testdata/pages/*.txt")
	if len(files) == 0 {
		t.Fatal("no fixture pages")
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	n := 0
	for _, text := range texts {
		e, err := f.Encode(text)
		if err != nil {
			t.Fatal(err)
		}
		ref := refEncode(t, f, text)
		if len(ref) != len(e.Words) {
			t.Fatalf("%d words, reference %d", len(e.Words), len(ref))
		}
		for i, w := range e.Words {
			r := ref[i]
			s := text[w.Start:w.End]
			got := refWord{w.Start, w.End, w.Hash, int(w.pieces), w.Letters, w.Upper, w.Punct, w.class}
			if got != r {
				t.Fatalf("word %d %q: %+v, reference %+v", i, s, got, r)
			}
			if w.ly != (len(s) > 4 && s[len(s)-2:] == "ly") || w.eval != (len(s) > 5 && evaluativeSuffix(s)) || w.iWe != isIWe(s) {
				t.Fatalf("word %d %q: ly %v eval %v iWe %v", i, s, w.ly, w.eval, w.iWe)
			}
			if w.bigram != mix(nsBigram, w.Hash) {
				t.Fatalf("word %d %q: bigram seed", i, s)
			}
			if got, want := f.WordContext(nil, e, i), refWordContext(e, ref, i); !slices.Equal(got, want) {
				t.Fatalf("word %d %q: WordContext %v, reference %v", i, s, got, want)
			}
			n++
		}
	}
	t.Logf("%d words", n)
}
