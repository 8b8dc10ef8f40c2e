package models

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
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

// TagWord is a word with the context the tagger's features need.
type TagWord struct {
	Start, End int
	lower      string
	shape      uint64
	inQuote    bool
}

// TagWords splits text into words (BERT pre-tokenization) and marks which
// lie inside double quotation marks.
func TagWords(text string) []TagWord {
	ws := wordpiece.Words(nil, text)
	out := make([]TagWord, len(ws))
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
		out[i] = TagWord{Start: w.Start, End: w.End, lower: lowerASCII(s), shape: shape, inQuote: in && !isQuote}
	}
	return out
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' || s[i] >= utf8.RuneSelf {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func strHash(ns uint64, s string) uint64 {
	h := ns*0x100000001b3 ^ 0xcbf29ce484222325
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return mix(h, ns)
}

// TagFeatures appends the hashed features of word i given the previous
// label: the word and its neighbours (±2), suffix, shape, quotation state,
// and the previous label alone and with the word.
func TagFeatures(dst []uint32, ws []TagWord, i, prev int) []uint32 {
	word := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= len(ws) {
			return "</s>"
		}
		return ws[k].lower
	}
	w := ws[i]
	suf := w.lower
	if len(suf) > 3 {
		suf = suf[len(suf)-3:]
	}
	q := uint64(0)
	if w.inQuote {
		q = 1
	}
	add := func(h uint64) { dst = append(dst, uint32(h^h>>32)) }
	add(strHash(1, w.lower))
	add(strHash(2, word(i-1)))
	add(strHash(3, word(i+1)))
	add(strHash(4, word(i-2)))
	add(strHash(5, word(i+2)))
	add(mix(strHash(6, word(i-1)), strHash(6, w.lower)))
	add(mix(strHash(7, w.lower), strHash(7, word(i+1))))
	add(strHash(8, suf))
	add(mix(mix(9, w.shape), q))
	add(mix(10, uint64(prev)))
	add(mix(strHash(11, w.lower), uint64(prev)))
	add(mix(mix(12, uint64(prev)), q))
	add(0x9e3779b9) // bias
	return dst
}

// Decode tags words with role r's weights, greedily left to right; an I
// that does not follow B or I is read as B.
func (t *Tagger) Decode(ws []TagWord, r int, tags []int) []int {
	tags = tags[:0]
	mask := uint32(1)<<t.Bits - 1
	var fs []uint32
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
