package classify

// Attribution stage: the source phrase around a cue.

// phraseBackward finds the source phrase that ends at token end: a noun
// phrase read leftwards until a clause boundary, with titles, names,
// "of"/"for"/"with" complements ("sources familiar with the matter") and a
// relative clause ("an official who spoke on condition of anonymity").
func (c *Classifier) phraseBackward(sc *sentenceCtx, end int) (int, int) {
	k := scanBackward(sc.toks, end)
	if k >= 0 && end-k >= maxSourceTokens {
		return -1, -1
	}
	start, ok := c.lex.trimPhraseStart(sc.toks, k+1, end)
	if !ok {
		return -1, -1
	}
	if t := c.titleBefore(sc, start); t >= 0 && start == k+1 {
		start = t // "Sen. Jane Roe": the title's period stopped the scan
	}
	return start, end
}

// scanBackward reads leftwards from token end and returns the token before
// the phrase: a clause boundary, a verb outside a relative clause, a
// quotation or punctuation.
func scanBackward(toks []token, end int) int {
	k := end
	for ; k >= 0 && end-k < maxSourceTokens; k-- {
		t := &toks[k]
		if t.kind == tokNumber {
			continue
		}
		if t.kind != tokWord || t.inQuote {
			break
		}
		if t.class&wBoundary != 0 && !t.upper {
			if t.lower == "and" && k > 0 && toks[k-1].upper && k < end && toks[k+1].upper {
				continue // "Smith and Jones"
			}
			break
		}
		if k > 0 && toks[k-1].class&wDet != 0 && toks[k-1].class&wPronoun == 0 {
			continue // "a report", "the claims": a noun spelled like a verb
		}
		if k > 0 && toks[k-1].lower == "of" {
			continue // "secretary of state": a noun after "of"
		}
		if t.class&wVerb != 0 && !t.upper || t.class&wCue != 0 && !t.upper {
			// A verb ends the phrase unless it sits in a relative clause.
			if w := relativeBefore(toks, k); w > 0 {
				k = w + 1 // the loop steps back onto the noun before "who"
				continue
			}
			break
		}
	}
	return k
}

// trimPhraseStart drops a leading preposition phrase ("On Wednesday the
// minister") and leading adverbs or conjunctions from the phrase
// toks[start..end]; it reports false when nothing is left.
func (lx *lexicon) trimPhraseStart(toks []token, start, end int) (int, bool) {
	for start <= end {
		t := toks[start]
		if t.kind == tokWord && t.class&wNPPrep != 0 && !t.upper || t.kind == tokWord && t.lower == "on" {
			det := -1
			for j := start + 1; j <= end; j++ {
				if toks[j].class&wDet != 0 || toks[j].upper && toks[j].class&wMonth == 0 && !lx.days[toks[j].lower] {
					det = j
					break
				}
			}
			if det < 0 {
				return 0, false
			}
			start = det
			continue
		}
		if t.kind == tokWord && (t.class&(wSkipAdverb|wBoundary) != 0 || lx.days[t.lower]) && start < end {
			start++
			continue
		}
		break
	}
	return start, start <= end
}

// relativeBefore returns the token before "who" when a verb at k belongs to
// a relative clause opened within the last few tokens, else -1.
func relativeBefore(toks []token, k int) int {
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		t := &toks[j]
		if t.kind != tokWord {
			return -1
		}
		if t.lower == "who" {
			if j > 0 && toks[j-1].kind == tokWord {
				return j - 1
			}
			return -1
		}
	}
	return -1
}

// relativeClauseSource reads a source set off by commas before its cue:
// "An aid worker, who spoke on condition of anonymity, said" or
// "Tom Becker, a Republican, said". comma is the index of the comma before
// the cue. It returns the phrase's start and the end of the noun phrase
// before the first comma, which is what the source is typed by.
func (c *Classifier) relativeClauseSource(sc *sentenceCtx, comma int) (int, int, bool) {
	toks := sc.toks
	for j := comma - 1; j > 0 && comma-j <= 24; j-- {
		if !isComma(sc.text, toks[j]) {
			continue
		}
		if toks[j-1].kind != tokWord || !(toks[j+1].lower == "who" || c.isAppositive(toks[j+1:comma])) {
			return 0, 0, false
		}
		s, e := c.phraseBackward(sc, j-1)
		return s, e, s >= 0
	}
	return 0, 0, false
}

// isAppositive reports a short descriptive noun phrase such as "a Republican",
// "the agency's director" or "Democracy for America's executive director".
func (c *Classifier) isAppositive(toks []token) bool {
	if len(toks) == 0 || len(toks) > 8 || toks[0].kind != tokWord || toks[0].class&(wDet|wTitle) == 0 && !toks[0].upper {
		return false
	}
	for _, t := range toks {
		if t.kind != tokWord || t.class&(wVerb|wCue|wBoundary) != 0 && !t.upper {
			return false
		}
	}
	return true
}

// phraseForward finds a source phrase starting at token start and returns
// its last token, or start-1 if there is none.
func (c *Classifier) phraseForward(sc *sentenceCtx, start int) int {
	toks := sc.toks
	end := start - 1
	for k := start; k < len(toks) && k-start < maxSourceTokens; k++ {
		t := &toks[k]
		if t.kind == tokNumber {
			end = k
			continue
		}
		if t.kind == tokPunct && k > start && k+1 < len(toks) && sc.text[t.start] == '.' && c.titleBefore(sc, k+1) == k-1 {
			continue // "said Sen. Jane Roe": the title's period
		}
		if t.kind != tokWord || t.inQuote {
			break
		}
		if k > start && toks[k-1].class&wDet != 0 && toks[k-1].class&wPronoun == 0 && t.class&wBoundary == 0 {
			end = k // "a report", "the claims": a noun spelled like a verb
			continue
		}
		if t.class&(wVerb|wCue|wBoundary) != 0 && !t.upper {
			break
		}
		// "said Smith in a statement": stop at a time or place phrase.
		if k > start && (t.lower == "in" || t.lower == "on" || t.lower == "during" || t.lower == "after" || t.lower == "before") {
			break
		}
		end = k
	}
	// Do not end on a preposition or determiner.
	for end >= start && toks[end].class&(wNPPrep|wDet) != 0 && !toks[end].upper {
		end--
	}
	return end
}
