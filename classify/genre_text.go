package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slantwire/slant/internal/wordlists"
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

// The word classes voice counts, in one table so that a word costs one
// look-up.
const (
	voiceEnglish uint8 = 1 << iota
	voiceFirstPerson
	voicePlaceholder
)

// maxVoiceWord is the longest word in the voice table, in bytes: longer
// words are counted without a look-up.
const maxVoiceWord = 16

// voiceTable holds the words of the three lists with their classes, and
// which first letters each length of them has: most words of a body are
// ruled out by their length and first letter without a map look-up.
type voiceTable struct {
	words  map[string]uint8
	index  wordTable[uint8]         // words, probed with an ASCII word as written
	starts [maxVoiceWord + 1]uint32 // by length: bit c-'a' for each first letter c
}

func newVoiceTable() voiceTable {
	t := voiceTable{words: map[string]uint8{}}
	for cls, list := range map[uint8]string{voiceEnglish: wordlists.EnglishFunctionWords,
		voiceFirstPerson: wordlists.FirstPersonSingular, voicePlaceholder: wordlists.PlaceholderWords} {
		for _, w := range strings.Fields(list) {
			t.words[w] |= cls
			t.starts[len(w)] |= 1 << (w[0] - 'a') // every listed word is lower-case ASCII
		}
	}
	t.index = newWordTable(t.words)
	return t
}

// asciiLetter reports an ASCII letter: c|0x20 lower-cases A–Z, and only
// them, into a–z.
func asciiLetter(c byte) bool { return (c|0x20)-'a' < 26 }

// voiceClass returns the voice classes of word.
func (lx *lexicon) voiceClass(word string) uint8 {
	for i := 0; i < len(word); i++ {
		if word[i] >= utf8.RuneSelf {
			if len(word) > maxVoiceWord {
				return 0 // no voice word is longer
			}
			return lx.voiceWords.words[strings.ReplaceAll(strings.ToLower(word), "’", "'")]
		}
	}
	return lx.voiceClassASCII(word, 0, len(word))
}

// voiceClassASCII is voiceClass of the ASCII word s[i:j], looked up as
// written, the table lowering it as it reads it: a capitalised word costs
// no copy.
func (lx *lexicon) voiceClassASCII(s string, i, j int) uint8 {
	word := s[i:j]
	if len(word) > maxVoiceWord || len(word) == 0 {
		return 0 // no voice word is longer
	}
	c := word[0] | 0x20
	if c < 'a' || c > 'z' || lx.voiceWords.starts[len(word)]&(1<<(c-'a')) == 0 {
		return 0
	}
	if e := lx.voiceWords.index.find(word, readWordKey(s, i, j)); e != nil {
		return e.val
	}
	return 0
}

// voice reads the body paragraphs of the article. A word is a run of
// letters and apostrophes; ASCII is read byte by byte (most of a body).
func (lx *lexicon) voice(text string, blocks []block) bodyVoice {
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
			if c := s[i]; c < utf8.RuneSelf {
				if c == '"' {
					quoted = !quoted
				}
				if !asciiLetter(c) {
					i++
					continue
				}
			} else {
				r, n := utf8.DecodeRuneInString(s[i:])
				switch r {
				case '“', '«', '„':
					quoted = true
				case '”', '»':
					quoted = false
				}
				if !unicode.IsLetter(r) {
					i += n
					continue
				}
			}
			j, ascii := voiceWordEnd(s, i)
			v.words++
			var cls uint8
			if ascii {
				cls = lx.voiceClassASCII(s, i, j)
			} else {
				cls = lx.voiceClass(s[i:j])
			}
			if cls&voiceEnglish != 0 {
				english++
			}
			if cls&voicePlaceholder != 0 {
				placeholder++
			}
			if !quoted && cls&voiceFirstPerson != 0 {
				first++
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

// voiceWordEnd returns the end of the word of letters and apostrophes
// that starts with a letter at s[i], and whether it is all ASCII.
func voiceWordEnd(s string, i int) (int, bool) {
	ascii := true
	j := i
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !asciiLetter(c) && c != '\'' {
				break
			}
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) && r != '’' {
			break
		}
		ascii = false
		j += n
	}
	return j, ascii
}

// readsEnglish reports a body long enough, and English enough, for its
// tone to be read.
func (v bodyVoice) readsEnglish() bool { return v.words >= minVoiceWords && v.english >= englishFrom }
