package models

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/slantwire/slant/models/wordpiece"
)

// Attribution roles the span tagger marks, one BIO tagger per role so that
// spans of different roles may overlap (nested attributions do).
const (
	RoleSource = iota
	RoleCue
	RoleContent
	NumRoles
)

// RoleName is the PolNeAR name of role r.
func RoleName(r int) string {
	switch r {
	case RoleSource:
		return "Source"
	case RoleCue:
		return "Cue"
	case RoleContent:
		return "Content"
	}
	return ""
}

// BIO labels.
const (
	TagO = iota
	TagB
	TagI
	numTags
)

// Tagger is a greedy averaged-perceptron BIO tagger over pre-tokenized
// words, one weight table per role.
type Tagger struct {
	Bits uint8
	W    [NumRoles][]float32 // (2^Bits)·numTags weights per role
}

// TagWord is a word with the context the tagger's features need, hashed
// once per word so that the per-role passes only mix integers.
type TagWord struct {
	Start, End int
	word, suf  uint64 // hashes of the lower-cased word and its last 3 bytes
	shape      uint64
	inQuote    bool
}

// TagWords splits text into words (BERT pre-tokenization) and marks which
// lie inside double quotation marks.
func TagWords(text string) []TagWord { return tagWords(nil, nil, text) }

// tagWords is TagWords into caller-owned buffers.
func tagWords(dst []TagWord, wbuf []wordpiece.Word, text string) []TagWord {
	ws := wordpiece.Words(wbuf[:0], text)
	out := slices.Grow(dst[:0], len(ws))[:len(ws)]
	in := false
	for i, w := range ws {
		s := text[w.Start:w.End]
		r, _ := utf8.DecodeRuneInString(s)
		isQuote := s == "\"" || s == "“" || s == "”"
		if isQuote {
			switch s {
			case "“":
				in = true
			case "”":
				in = false
			default:
				in = !in
			}
		}
		shape := uint64(0)
		switch {
		case unicode.IsUpper(r):
			shape = 1
		case unicode.IsDigit(r):
			shape = 2
		case unicode.IsPunct(r):
			shape = 3
		}
		out[i] = TagWord{Start: w.Start, End: w.End, word: lowerHash(s), suf: lowerHash(s[max(len(s)-3, 0):]), shape: shape, inQuote: in && !isQuote}
	}
	return out
}

// lowerHash is FNV-1a of s with ASCII letters lower-cased, without
// allocating.
func lowerHash(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return h
}

// Hashes of the sentence boundaries as neighbouring words.
const (
	hashBOS uint64 = 0x5bd1e9955bd1e995
	hashEOS uint64 = 0x27d4eb2f165667c5
)

// TagFeatures appends the hashed features of word i given the previous
// label: the word and its neighbours (±2), suffix, shape, quotation state,
// and the previous label alone and with the word.
func TagFeatures(dst []uint32, ws []TagWord, i, prev int) []uint32 {
	word := func(k int) uint64 {
		if k < 0 {
			return hashBOS
		}
		if k >= len(ws) {
			return hashEOS
		}
		return ws[k].word
	}
	w := ws[i]
	q := uint64(0)
	if w.inQuote {
		q = 1
	}
	add := func(h uint64) { dst = append(dst, uint32(h^h>>32)) }
	add(mix(1, w.word))
	add(mix(2, word(i-1)))
	add(mix(3, word(i+1)))
	add(mix(4, word(i-2)))
	add(mix(5, word(i+2)))
	add(mix(mix(6, word(i-1)), w.word))
	add(mix(mix(7, w.word), word(i+1)))
	add(mix(8, w.suf))
	add(mix(mix(9, w.shape), q))
	add(mix(10, uint64(prev)))
	add(mix(mix(11, w.word), uint64(prev)))
	add(mix(mix(12, uint64(prev)), q))
	add(0x9e3779b9) // bias
	return dst
}

// Decode tags words with role r's weights, greedily left to right; an I
// that does not follow B or I is read as B.
func (t *Tagger) Decode(ws []TagWord, r int, tags []int) []int {
	tags = tags[:0]
	mask := uint32(1)<<t.Bits - 1
	fs := make([]uint32, 0, 16)
	prev := TagO
	for i := range ws {
		fs = TagFeatures(fs[:0], ws, i, prev)
		best, bestS := TagO, math.Inf(-1)
		for y := range numTags {
			s := 0.0
			for _, f := range fs {
				s += float64(t.W[r][int(f&mask)*numTags+y])
			}
			if s > bestS {
				best, bestS = y, s
			}
		}
		if best == TagI && prev == TagO {
			best = TagB
		}
		tags = append(tags, best)
		prev = best
	}
	return tags
}

// Spans turns BIO tags into byte spans of the words.
func Spans(ws []TagWord, tags []int) []Span {
	var out []Span
	for i := 0; i < len(tags); i++ {
		if tags[i] != TagB {
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] == TagI {
			j++
		}
		out = append(out, Span{ws[i].Start, ws[j-1].End})
		i = j - 1
	}
	return out
}

const taggerMagic = "SLANTAP1"

// MarshalBinary writes magic, bits, then each role's weights (float32 LE).
func (t *Tagger) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(taggerMagic)
	buf.WriteByte(t.Bits)
	for r := range NumRoles {
		if len(t.W[r]) != numTags<<t.Bits {
			return nil, fmt.Errorf("tagger: role %d has %d weights", r, len(t.W[r]))
		}
		_ = binary.Write(&buf, binary.LittleEndian, t.W[r])
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary reads what MarshalBinary wrote.
func (t *Tagger) UnmarshalBinary(data []byte) error {
	h := len(taggerMagic) + 1
	if len(data) < h || string(data[:len(taggerMagic)]) != taggerMagic {
		return fmt.Errorf("tagger: not a %s file", taggerMagic)
	}
	bits := data[len(taggerMagic)]
	n := numTags << bits
	if bits > 22 || len(data) != h+4*n*NumRoles {
		return fmt.Errorf("tagger: %d bytes for %d bits", len(data), bits)
	}
	t.Bits = bits
	for r := range NumRoles {
		t.W[r] = make([]float32, n)
		for i := range t.W[r] {
			t.W[r][i] = math.Float32frombits(binary.LittleEndian.Uint32(data[h+4*(r*n+i):]))
		}
	}
	return nil
}
