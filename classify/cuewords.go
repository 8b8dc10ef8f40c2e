package classify

// What a cue's words say: the kind of claim it credits, and whether it is a
// passive of a listener or a channel that names its source after it. The
// words are lowered on the stack, not copied.

import (
	"bytes"
	"strings"
	"unicode"
)

// passiveCue reports a cue in the passive voice of a verb whose object is
// the listener ("was told", "were asked"): its subject is who heard, not
// who said. Other passives ("is expected to", "was quoted as saying") are
// PolNeAR cues and stay.
func (lx *lexicon) passiveCue(cue string) bool {
	// The cue's words are read and lowered one at a time, on the stack:
	// lowering maps no rune to a space nor a space to another rune, so
	// these are the words of the lowered cue.
	var words [2]string
	n := 0
	for w := range strings.FieldsSeq(cue) {
		if n == len(words) {
			return false
		}
		words[n] = w
		n++
	}
	if n != 2 {
		return false
	}
	var buf [32]byte
	if !lx.beForms[string(appendLower(buf[:0], words[0]))] {
		return false
	}
	second := appendLower(buf[:0], words[1])
	return string(second) == "told" || string(second) == "asked"
}

// channelCue reports a cue that names its source after it: "according
// to", "per", "citing", "quoting".
func (lx *lexicon) channelCue(cue string) bool {
	// The first word, as strings.Fields would cut it, lowered on the stack.
	w := strings.TrimLeftFunc(cue, unicode.IsSpace)
	if end := strings.IndexFunc(w, unicode.IsSpace); end >= 0 {
		w = w[:end]
	}
	var buf [32]byte
	return w != "" && lx.channelCues[string(appendLower(buf[:0], w))]
}

// cueKind says what the cue of f credits to its source, from the cue's
// words: "according to" and "per" first, then a thought, a finding, a
// written channel, and otherwise speech.
func (lx *lexicon) cueKind(f *found) CueKind {
	if f.CueKind == CueAccordingTo {
		return CueAccordingTo
	}
	var thought, evidence, document bool
	// The cue lowered on the stack (a cue is a few words): no copy.
	var buf [64]byte
	for rest := appendLower(buf[:0], f.Cue.Text); ; {
		// The words as strings.FieldsFunc cuts them.
		start := bytes.IndexFunc(rest, cueWordRune)
		if start < 0 {
			break
		}
		rest = rest[start:]
		end := bytes.IndexFunc(rest, notCueWord)
		if end < 0 {
			end = len(rest)
		}
		w := rest[:end]
		rest = rest[end:]
		thought = thought || lx.thoughtCues[string(w)]
		evidence = evidence || lx.evidenceCues[string(w)]
		document = document || lx.documentCues[string(w)]
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

// cueWordRune reports a rune of a cue's word; notCueWord one that
// separates them.
func cueWordRune(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' }

func notCueWord(r rune) bool { return !cueWordRune(r) }
