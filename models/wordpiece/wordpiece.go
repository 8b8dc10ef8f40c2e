// Package wordpiece splits text into BERT WordPiece tokens with byte offsets
// into the original text, on top of github.com/sugarme/tokenizer.
//
// Only the library's lower-level pieces are used: its normalizers (NFD then
// the BERT normalizer) and its WordPiece model on one word at a time. The
// library's Tokenizer.Encode/EncodeBatch paths can log.Fatal, and its
// CachedPath/pretrained helpers reach for the network or change directory, so
// they are never called. Pre-tokenization (whitespace and punctuation, the
// BERT rule) is done here so that offsets are bytes into the text as given.
//
// NFD runs before the BERT normalizer because the library's accent stripping
// only removes combining marks: without decomposition "café" keeps its "é"
// and falls to [UNK]. Normalization can change byte lengths (NFD, lowercasing
// of some runes), so each original rune is normalized on its own and every
// normalized rune remembers the original bytes it came from.
//
// WordPiece in the library allocates a string per candidate substring; a
// per-word cache in front of it makes repeated words (most words of a news
// page) a map lookup.
package wordpiece

import (
	"bufio"
	"bytes"
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sugarme/tokenizer/model"
	sgwp "github.com/sugarme/tokenizer/model/wordpiece"
	"github.com/sugarme/tokenizer/normalizer"
)

// Token is one WordPiece token: its vocabulary id and the byte span
// [Start, End) in the original text that it covers. Word is the index of the
// pre-tokenized word it belongs to, so that pieces can be grouped back.
type Token struct {
	ID         int
	Start, End int
	Word       int
}

// Word is one pre-tokenized word with its byte span.
type Word struct {
	Start, End int
}

// Piece is one WordPiece token of a word: its vocabulary id and the byte
// span [Start, End) it covers, relative to the word's start.
type Piece struct {
	ID         int32
	Start, End int32
}

// DefaultCacheSize bounds the per-word cache (entries). News vocabulary is
// Zipfian: 100k words cover nearly every token of a stream.
const DefaultCacheSize = 100_000

// Tokenizer is safe for concurrent use.
type Tokenizer struct {
	wp    sgwp.WordPiece
	norm  normalizer.Normalizer
	unk   int
	vocab []string

	maxCache int
	mu       sync.RWMutex
	cache    map[string][]Piece
}

// Options configure a Tokenizer.
type Options struct {
	// CacheSize is the most words kept in the cache; 0 means
	// DefaultCacheSize, a negative value disables the cache (for a caller
	// that keeps its own, as package models does, and for measuring).
	CacheSize int
}

// New builds a Tokenizer from a vocabulary file's contents (one token per
// line, the line number is the id), such as bert-base-uncased's vocab.txt.
func New(vocabFile []byte, opts Options) (*Tokenizer, error) {
	vocab := model.Vocab{}
	var words []string
	sc := bufio.NewScanner(bytes.NewReader(vocabFile))
	for sc.Scan() {
		w := sc.Text()
		vocab[w] = len(words)
		words = append(words, w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("wordpiece: reading vocabulary: %w", err)
	}
	unk, ok := vocab["[UNK]"]
	if !ok {
		return nil, fmt.Errorf("wordpiece: vocabulary of %d tokens has no [UNK]", len(words))
	}
	wp := sgwp.NewWordPieceBuilder().Vocab(&vocab).UnkToken("[UNK]").Build()
	// Chinese characters are split by the pre-tokenizer below, so the BERT
	// normalizer need not pad them with spaces.
	norm := normalizer.NewSequence([]normalizer.Normalizer{
		normalizer.NewNFD(),
		normalizer.NewBertNormalizer(true, true, false, true),
	})
	size := opts.CacheSize
	if size == 0 {
		size = DefaultCacheSize
	}
	t := &Tokenizer{wp: wp, norm: norm, unk: unk, vocab: words, maxCache: size}
	if size > 0 {
		t.cache = make(map[string][]Piece, 4096)
	}
	return t, nil
}

// VocabSize is the number of ids.
func (t *Tokenizer) VocabSize() int { return len(t.vocab) }

// Token returns the vocabulary entry of id ("##ing" for a continuation).
func (t *Tokenizer) Token(id int) string {
	if id < 0 || id >= len(t.vocab) {
		return ""
	}
	return t.vocab[id]
}

// UNK is the id of [UNK].
func (t *Tokenizer) UNK() int { return t.unk }

// Words splits text the way BERT's pre-tokenizer does: runs of letters and
// digits between whitespace, each punctuation mark and each CJK character on
// its own. Control characters are dropped. Offsets are bytes into text.
func Words(dst []Word, text string) []Word {
	start := -1
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII fast path: the unicode tables cost a third of the
			// time, and a word's letters are skipped in a tight loop.
			switch byteClass[c] {
			case 'w':
				if start < 0 {
					start = i
				}
				for i++; i < len(text) && byteClass[text[i]] == 'w'; i++ {
				}
				continue
			case 'p':
				if start >= 0 {
					dst = append(dst, Word{start, i})
					start = -1
				}
				dst = append(dst, Word{i, i + 1})
			default: // whitespace, or a control character (dropped)
				if start >= 0 {
					dst = append(dst, Word{start, i})
					start = -1
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
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
			dst = append(dst, Word{i, i + size})
		default:
			if start < 0 {
				start = i
			}
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, Word{start, len(text)})
	}
	return dst
}

// byteClass classifies ASCII bytes as BERT does: ' ' whitespace, 0 control
// (dropped), 'p' punctuation, 'w' word characters; a byte of a multi-byte
// rune is 'u', so that one lookup ends a run of ASCII word characters.
var byteClass = func() (t [256]byte) {
	for i := utf8.RuneSelf; i < len(t); i++ {
		t[i] = 'u'
	}
	for r := range rune(utf8.RuneSelf) {
		switch {
		case unicode.IsSpace(r):
			t[r] = ' '
		case unicode.IsControl(r):
			t[r] = 0
		case normalizer.IsBertPunctuation(r):
			t[r] = 'p'
		default:
			t[r] = 'w'
		}
	}
	return t
}()

// Tokenize appends the WordPiece tokens of text to dst. Offsets are bytes
// into text, plus base (the text's offset in a larger document).
func (t *Tokenizer) Tokenize(dst []Token, text string, base int) ([]Token, error) {
	words := Words(nil, text)
	for wi, w := range words {
		ps, err := t.Pieces(text[w.Start:w.End])
		if err != nil {
			return dst, err
		}
		for _, p := range ps {
			dst = append(dst, Token{ID: int(p.ID), Start: base + w.Start + int(p.Start), End: base + w.Start + int(p.End), Word: wi})
		}
	}
	return dst, nil
}

// Pieces returns the pieces of one pre-tokenized word (a word of Words),
// from the cache when it has been seen; none when the word normalizes to
// nothing (combining marks alone). The slice may be the cache's: the
// caller must not change it.
func (t *Tokenizer) Pieces(w string) ([]Piece, error) {
	if t.cache != nil {
		t.mu.RLock()
		ps, ok := t.cache[w]
		t.mu.RUnlock()
		if ok {
			return ps, nil
		}
	}
	ps, err := t.split(w)
	if err != nil {
		return nil, err
	}
	if t.cache != nil {
		t.mu.Lock()
		if len(t.cache) < t.maxCache {
			t.cache[string([]byte(w))] = ps // copy: w may alias a large page
		}
		t.mu.Unlock()
	}
	return ps, nil
}

// isPrintableASCII reports the runes split lower-cases itself.
func isPrintableASCII(r rune) bool { return r > ' ' && r < 0x7f }

// normalizeRune is the library's normalization of one rune (NFD, then the
// BERT normalizer: control characters removed, accents stripped, lower
// case).
func (t *Tokenizer) normalizeRune(r rune) (string, error) {
	n, err := t.norm.Normalize(normalizer.NewNormalizedFrom(string(r)))
	if err != nil {
		return "", err
	}
	return n.GetNormalized(), nil
}

// split normalizes one word rune by rune (so that every normalized rune maps
// back to the original bytes it came from) and runs the library's WordPiece
// on the result.
func (t *Tokenizer) split(w string) ([]Piece, error) {
	var (
		normalized []byte
		origin     [][2]int32 // per normalized rune: original byte span in w
	)
	for i, r := range w {
		if isPrintableASCII(r) {
			// The normalizers only lower-case a printable ASCII rune
			// (TestASCIINormalizesToLower), and the library costs dozens
			// of allocations a rune: words not yet in the cache made
			// split a fifth of the default's time over the readability
			// pages (BenchmarkClassifyHTMLSet).
			origin = append(origin, [2]int32{int32(i), int32(i + 1)})
			normalized = append(normalized, byte(unicode.ToLower(r)))
			continue
		}
		out, err := t.normalizeRune(r)
		if err != nil {
			return nil, fmt.Errorf("wordpiece: normalizing %q: %w", w, err)
		}
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			size = 1
		}
		for range out {
			origin = append(origin, [2]int32{int32(i), int32(i + size)})
		}
		normalized = append(normalized, out...)
	}
	if len(origin) == 0 {
		return []Piece{}, nil
	}
	toks, err := t.wp.Tokenize(string(normalized))
	if err != nil {
		return nil, fmt.Errorf("wordpiece: %q: %w", w, err)
	}
	ps := make([]Piece, 0, len(toks))
	for _, tk := range toks {
		s, e := tk.Offsets[0], tk.Offsets[1] // rune offsets into normalized
		if s < 0 || e > len(origin) || s >= e {
			return nil, fmt.Errorf("wordpiece: %q: token %q has offsets %v outside %d runes", w, tk.Value, tk.Offsets, len(origin))
		}
		ps = append(ps, Piece{ID: int32(tk.Id), Start: origin[s][0], End: origin[e-1][1]})
	}
	return ps, nil
}
