package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What the verdict reads in the article body besides its tone: the share of
// English function words (the sentence scorers are English: on another
// language their scores say nothing of the writer's stance), the writer's
// own first person outside quotations, and placeholder text. These are
// counts of words, cheap beside the sentence scoring, and they explain a
// text-only verdict in genre_evidence.

// bodyVoice is what the body's words say about who writes and in what
// language.
type bodyVoice struct {
	words       int     // words in the article body
	english     float64 // share of English function words
	firstPerson float64 // "I", "me", "my"… outside quotations, per 1000 words
	placeholder float64 // share of lorem-ipsum words
	claimed     bool    // the article attributes a claim (set by the verdict)
}

// Thresholds on the body's voice.
const (
	// englishFrom is the share of English function words from which the
	// body reads as English: English prose has 0.15–0.30 of them, German,
	// French or Spanish prose under 0.08 (tuning half of the HTML labels).
	englishFrom = 0.10
	// minVoiceWords is the least body that a text-only opinion call reads.
	minVoiceWords = 50
	// placeholderFrom is the share of lorem-ipsum words that makes the body
	// a placeholder, not an article.
	placeholderFrom = 0.3
)

// englishFunctionWords are frequent English words that other languages the
// pages come in rarely have as words.
var englishFunctionWords = map[string]bool{"the": true, "and": true, "of": true, "to": true, "is": true,
	"that": true, "it": true, "for": true, "was": true, "with": true, "on": true, "are": true,
	"as": true, "be": true, "this": true, "have": true, "not": true, "but": true}

// firstPersonWords are the writer's singular first person.
var firstPersonWords = map[string]bool{"i": true, "me": true, "my": true, "mine": true, "myself": true,
	"i'm": true, "i've": true, "i'd": true, "i'll": true}

// placeholderWords are lorem ipsum's commonest words.
var placeholderWords = map[string]bool{"lorem": true, "ipsum": true, "dolor": true, "sit": true, "amet": true,
	"consectetur": true, "adipiscing": true, "adipisicing": true, "elit": true, "sed": true, "do": true, "eiusmod": true,
	"tempor": true, "incididunt": true, "ut": true, "labore": true, "et": true, "dolore": true, "magna": true,
	"aliqua": true, "enim": true, "ad": true, "minim": true, "veniam": true, "quis": true, "nostrud": true,
	"exercitation": true, "ullamco": true, "laboris": true, "nisi": true, "aliquip": true, "ex": true, "ea": true,
	"commodo": true, "consequat": true, "duis": true, "aute": true, "irure": true, "in": true, "reprehenderit": true,
	"voluptate": true, "velit": true, "esse": true, "cillum": true, "eu": true, "fugiat": true, "nulla": true,
	"pariatur": true, "consetetur": true, "sadipscing": true, "elitr": true, "nonumy": true, "eirmod": true,
	"invidunt": true, "erat": true, "sanctus": true, "est": true, "diam": true, "voluptua": true}

// The word classes voice counts, in one table so that a word costs one
// look-up.
const (
	voiceEnglish uint8 = 1 << iota
	voiceFirstPerson
	voicePlaceholder
)

// maxVoiceWord is the longest word in voiceWords, in bytes: longer words
// are counted without a look-up.
const maxVoiceWord = 16

// voiceWords maps each word of the three lists to its classes.
var voiceWords = func() map[string]uint8 {
	m := map[string]uint8{}
	for cls, list := range map[uint8]map[string]bool{voiceEnglish: englishFunctionWords, voiceFirstPerson: firstPersonWords, voicePlaceholder: placeholderWords} {
		for w := range list {
			m[w] |= cls
		}
	}
	return m
}()

// voiceLower returns word lower-cased with ’ as ', without allocating when
// it already is (most words).
func voiceLower(word string) string {
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ReplaceAll(strings.ToLower(word), "’", "'")
		}
	}
	return word
}

// voice reads the body paragraphs of the article.
func voice(text string, blocks []block) bodyVoice {
	var v bodyVoice
	english, first, placeholder := 0, 0, 0
	for bi := range blocks {
		b := &blocks[bi]
		if !b.article || b.role != RoleParagraph {
			continue
		}
		quoted := false
		s := text[b.start:b.end]
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '"':
				quoted = !quoted
			case r == '“' || r == '«' || r == '„':
				quoted = true
			case r == '”' || r == '»':
				quoted = false
			}
			if !unicode.IsLetter(r) {
				i += n
				continue
			}
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && r2 != '\'' && r2 != '’' {
					break
				}
				j += n2
			}
			v.words++
			if j-i <= maxVoiceWord {
				cls := voiceWords[voiceLower(s[i:j])]
				if cls&voiceEnglish != 0 {
					english++
				}
				if cls&voicePlaceholder != 0 {
					placeholder++
				}
				if !quoted && cls&voiceFirstPerson != 0 {
					first++
				}
			}
			i = j
		}
	}
	if v.words > 0 {
		v.english = float64(english) / float64(v.words)
		v.firstPerson = 1000 * float64(first) / float64(v.words)
		v.placeholder = float64(placeholder) / float64(v.words)
	}
	return v
}

// readsEnglish reports a body long enough, and English enough, for its
// tone to be read.
func (v bodyVoice) readsEnglish() bool { return v.words >= minVoiceWords && v.english >= englishFrom }
