package classify

// Attribution stage: a block that opens with its speaker and a colon.

// maxSpeakerTokens bounds the speaker before the colon: "McCain Challenger
// Kelli Ward:" is five words.
const maxSpeakerTokens = 6

// speakerColon reads a block, the sentences a.sents[from:], that opens with
// a capitalised speaker and a colon: a headline ("Warren: Trump Is a
// 'Proven Failure'.") or a transcript ("TAPPER: Take a listen."). PolNeAR
// marks the colon as the cue and the rest of the block as the content,
// without a headline's closing period (a block of one sentence in title
// case is a headline too).
func (c *Classifier) speakerColon(a *analysis, from int) (found, bool) {
	sc := a.context(from)
	toks := sc.toks
	colon := -1
	for k := 0; k < len(toks) && k <= maxSpeakerTokens; k++ {
		t := &toks[k]
		if t.kind == tokPunct && a.text[t.start] == ':' {
			colon = k
			break
		}
		// Capitalised words only, no determiner or preposition: not "The
		// Latest:", "Big Win For Bernie:".
		if t.inQuote || t.kind == tokWord && (!t.upper || t.class&(wDet|wNPPrep) != 0) || t.kind == tokQuote || t.kind == tokPunct && a.text[t.start] != '.' {
			return found{}, false
		}
	}
	// The content opens with words, not a figure ("Clinton: 1,769.").
	// Two words at least: "Editorial:", "Update:" are labels.
	if colon < 2 || colon+3 >= len(toks) || toks[colon-1].kind != tokWord || toks[colon+1].kind != tokWord || toks[colon+2].kind != tokWord {
		return found{}, false
	}
	// A statement has a lower-case word early on; a list of names
	// ("Iowa: Tim Albrecht, Brad Anderson, …") has none.
	lower := false
	for k := colon + 1; k < len(toks) && k <= colon+8 && !lower; k++ {
		lower = toks[k].kind == tokWord && !toks[k].upper
	}
	var f found
	if !lower || !c.typeSource(&sc, 0, colon-1, colon-1, &f) || f.SourceType != SourceNamedPerson {
		return found{}, false // "Paid Notice:", "BYLINE:"
	}
	f.Sentence, f.CueKind = from, CueSpeech
	f.Cue = sc.span(colon, colon)
	start, end := toks[colon+1].start, a.sents[len(a.sents)-1].end
	for end > start && (a.text[end-1] == ' ' || a.text[end-1] == '\n' || a.text[end-1] == '\t' || a.text[end-1] == '\r') {
		end--
	}
	if (a.blocks[a.sents[from].block].role == RoleHeadline || from == len(a.sents)-1 && titleCase(toks[colon+1:])) && end > start && a.text[end-1] == '.' {
		end--
	}
	if end <= start {
		return found{}, false
	}
	f.Content = Span{Start: start, End: end, Text: a.text[start:end]}
	block := sentenceCtx{text: a.text, toks: a.toks}
	f.Quote = block.quoteKind(f.Content)
	return f, true
}

// titleCase reports words most of which are capitalised, as in a headline
// ("Trump Is a 'Proven Failure' in Business"), which the layout may not
// have recognised as one.
func titleCase(toks []token) bool {
	words, upper := 0, 0
	for _, t := range toks {
		if t.kind == tokWord {
			words++
			if t.upper {
				upper++
			}
		}
	}
	return words > 0 && 3*upper >= 2*words
}
