package classify

import (
	"strings"
	"testing"
	"unicode"
)

// The look-ups that lower a word on the stack, or not at all, held to the
// lowered copies they replace.

func channelCueByCopy(lx *lexicon, cue string) bool {
	return lx.channelCues[strings.ToLower(strings.Fields(cue + " x")[0])]
}

func passiveCueByCopy(lx *lexicon, cue string) bool {
	words := strings.Fields(strings.ToLower(cue))
	return len(words) == 2 && lx.beForms[words[0]] && (words[1] == "told" || words[1] == "asked")
}

func cueKindByCopy(lx *lexicon, f *found) CueKind {
	if f.CueKind == CueAccordingTo {
		return CueAccordingTo
	}
	var thought, evidence, document bool
	for w := range strings.FieldsFuncSeq(strings.ToLower(f.Cue.Text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		thought = thought || lx.thoughtCues[w]
		evidence = evidence || lx.evidenceCues[w]
		document = document || lx.documentCues[w]
	}
	switch {
	case thought:
		return CueThought
	case evidence:
		return CueEvidence
	case document:
		return CueDocument
	}
	return CueSpeech
}

func abbrevASCIIByCopy(lx *lexicon, w string) (abbrevKind, bool) {
	b := []byte(w)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	k, ok := lx.abbrevs[string(b)]
	return k, ok
}

func possessiveByCopy(w string) bool {
	l := strings.ToLower(w)
	return strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s") || strings.HasSuffix(l, "s'")
}

// checkLowering compares the look-ups on the text s (a word, a cue, a
// phrase) and, as tokens, on the words of s.
func checkLowering(t *testing.T, lx *lexicon, s string) {
	if got, want := lx.channelCue(s), channelCueByCopy(lx, s); got != want {
		t.Errorf("channelCue(%q) = %v, want %v", s, got, want)
	}
	if got, want := lx.passiveCue(s), passiveCueByCopy(lx, s); got != want {
		t.Errorf("passiveCue(%q) = %v, want %v", s, got, want)
	}
	f := &found{Attribution: Attribution{Cue: Span{Text: s}}}
	if got, want := lx.cueKind(f), cueKindByCopy(lx, f); got != want {
		t.Errorf("cueKind(%q) = %v, want %v", s, got, want)
	}
	gotK, gotOK := lx.abbrev(s)
	wantK, wantOK := lx.abbrevs[strings.ToLower(s)]
	if gotK != wantK || gotOK != wantOK {
		t.Errorf("abbrev(%q) = %v, %v, want %v, %v", s, gotK, gotOK, wantK, wantOK)
	}
	gotK, gotOK = lx.abbrevASCII(s)
	wantK, wantOK = abbrevASCIIByCopy(lx, s)
	if gotK != wantK || gotOK != wantOK {
		t.Errorf("abbrevASCII(%q) = %v, %v, want %v, %v", s, gotK, gotOK, wantK, wantOK)
	}
	if got, want := possessiveEnd(s), possessiveByCopy(s); got != want {
		t.Errorf("possessiveEnd(%q) = %v, want %v", s, got, want)
	}
	quotes := 0
	for _, r := range s {
		if isQuoteRune(r) {
			quotes++
		}
	}
	if got := countQuotes(s); got != quotes {
		t.Errorf("countQuotes(%q) = %d, want %d", s, got, quotes)
	}
	if got, want := indexJoiner(s), strings.IndexAny(s, "-'’"); got != want {
		t.Errorf("indexJoiner(%q) = %v, want %v", s, got, want)
	}
}

// checkTokens compares the token look-ups on the tokens of text.
func checkTokens(t *testing.T, tz *tokenizer, text string) {
	for _, tok := range tz.tokenize(nil, text, 0) {
		w := text[tok.start:tok.end]
		if got, want := possessiveEnd(w), possessiveByCopy(lowerOf(text, tok)); got != want {
			t.Errorf("possessiveEnd(%q) = %v, want %v", w, got, want)
		}
		for _, p := range []string{"times", "york", "the", "u.s.", ".", "—", strings.ToLower(w)} {
			if got, want := lowerIs(text, tok, p), lowerOf(text, tok) == p; got != want {
				t.Errorf("lowerIs(%q, %q) = %v, want %v", w, p, got, want)
			}
		}
	}
}

// TestLowering runs the comparisons on every listed word and phrase, in
// three cases, and on every sentence-sized piece of the fixture and
// readability pages, with the words and pairs of words in them.
func TestLowering(t *testing.T) {
	lx := newLexicon()
	var inputs []string
	for w := range lx.words {
		inputs = append(inputs, w)
	}
	for w := range lx.abbrevs {
		inputs = append(inputs, w, w+".")
	}
	for _, set := range []set{lx.channelCues, lx.beForms, lx.thoughtCues, lx.evidenceCues, lx.documentCues} {
		for w := range set {
			inputs = append(inputs, w, "was "+w, "is "+w+" to", "  "+w+"  ")
		}
	}
	inputs = append(inputs, []string{"", " ", "was told", "Were Asked", "WAS TOLD", "According to", "Per", "\u00a0citing", "said\u00a0x", "Pa.", "KM.", "\u212a.", "\u212aY", "\u212ay", "Macy’S", "IS’s", "James'", "ſ's", "al-Sudani", "d’Estaing", "\xe2\x80", "\xf0’s", "a\xe2-b", "“a” „b“ «c» \"d\"", "\xc2“", "\xe2\xe2\x80\x9c"}...)
	n := len(inputs)
	for i := 0; i < n; i++ {
		inputs = append(inputs, strings.ToUpper(inputs[i]), strings.ToUpper(inputs[i][:min(1, len(inputs[i]))])+inputs[i][min(1, len(inputs[i])):])
	}
	tz := tokenizer{lx: lx}
	for _, s := range inputs {
		checkLowering(t, lx, s)
		checkTokens(t, &tz, s)
	}
	seen := map[string]bool{}
	for _, text := range wordTableTexts(t) {
		checkTokens(t, &tz, text)
		toks := tz.tokenize(nil, text, 0)
		for k, tok := range toks {
			for _, s := range []string{text[tok.start:tok.end], text[tok.start:toks[min(k+1, len(toks)-1)].end]} {
				if !seen[s] {
					seen[s] = true
					checkLowering(t, lx, s)
				}
			}
		}
	}
}

func FuzzLowering(f *testing.F) {
	for _, s := range []string{"was told", "According to", "U.S.", "Macy’S", "\u212a.", "Pa."} {
		f.Add(s)
	}
	lx := newLexicon()
	tz := tokenizer{lx: lx}
	f.Fuzz(func(t *testing.T, s string) {
		checkLowering(t, lx, s)
		checkTokens(t, &tz, s)
	})
}
