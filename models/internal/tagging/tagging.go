// Package tagging is the attribution span tagger: averaged perceptrons
// that tag BERT pre-tokenized words B/I/O for each role (source, cue,
// content), their hashed features, greedy and Viterbi decoding (Decode,
// the reference, which training uses; Packed, the same tags laid out for
// speed, which package models uses), and the artifact format
// (attribution.bin). models/train fits the weights; package models tags
// with them.
package tagging

import (
	"math"
	"slices"

	"github.com/slantwire/slant/models/internal/featurehash"
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
	O = iota
	B
	I
	NumTags
)

// Tagger is an averaged-perceptron BIO tagger over pre-tokenized words, one
// weight table per role. Flags say which feature groups and which decoder
// the weights were trained with (FlagRich, FlagCue, FlagViterbi).
type Tagger struct {
	Bits  uint8
	Flags uint8
	W     [NumRoles][]float32 // (2^Bits)·NumTags weights per role
}

// Tagger flags.
const (
	FlagRich         = 1 << iota // sentence position, prefix, cue-word class, quote transitions, neighbours' shape
	FlagCue                      // source and content see the predicted cue spans
	FlagViterbi                  // the cue role: first-order Viterbi decoding (structured perceptron), else greedy
	FlagViterbiSpans             // the same for source and content
)

// Quantize rounds the weights to fixed point, each role's to the
// multiples of 2^-s, s the most fractional bits (up to 24) that keep every
// weight's multiple within an int16 (9 for the shipped tagger, whose
// largest weights are near 60). Every PolNeAR figure slant eval prints is
// the same with the shipped tagger and the hold-out one (even 8 bits lose
// only 0.001–0.002 of exact-span F1), and Packed reads rows of int16s, half
// the cache of float32s. Every score, a sum of a few dozen such weights,
// is then exact in float64 whatever the order of the sum, so Decode and
// Packed agree to the bit however each adds. Quantizing quantized weights
// changes nothing.
func (t *Tagger) Quantize() {
	for r := range NumRoles {
		k, s := toFixed(t.W[r])
		u := math.Ldexp(1, -s)
		for i, v := range k {
			t.W[r][i] = float32(float64(v) * u)
		}
	}
}

// toFixed returns w in fixed point: the int16s k and the shift s with
// k·2^-s the nearest multiple of 2^-s to each weight, s as Quantize
// chooses it.
func toFixed(w []float32) ([]int16, int) {
	m := 0.0
	for _, v := range w {
		m = max(m, math.Abs(float64(v)))
	}
	s := 24
	for s > -100 && m*math.Ldexp(1, s) > math.MaxInt16 {
		s--
	}
	scale := math.Ldexp(1, s) // a power of two: the products are exact
	k := make([]int16, len(w))
	for i, v := range w {
		k[i] = int16(math.Round(float64(v) * scale))
	}
	return k, s
}

// Viterbi reports whether role r decodes with Viterbi.
func (t *Tagger) Viterbi(r int) bool {
	if r == RoleCue {
		return t.Flags&FlagViterbi != 0
	}
	return t.Flags&FlagViterbiSpans != 0
}

// CueRel is a word's position relative to the predicted cue spans: the
// nearest cue ending before it (l*) and starting after it (r*).
type CueRel struct {
	in           bool
	lDist, rDist uint8 // bucketed word distance; 0: no such cue
	lSent, rSent uint8 // sentence starts between word and cue, 0–2
	lPunc, rPunc uint8 // bit 0: a comma between, bit 1: a quotation mark
	lHead, rHead uint64
	lNext, rPrev uint64 // the word right after the left cue, right before the right cue
}

// CueRelations fills dst with each word's relation to the cue spans in
// cue (BIO tags over ws).
func CueRelations(dst []CueRel, ws []Word, cue []int) []CueRel {
	out := slices.Grow(dst[:0], len(ws))[:len(ws)]
	clear(out)
	// left pass
	last := -1 // index of the last word of the previous cue span
	var head uint64
	sents, punc := 0, uint8(0)
	for i := range ws {
		if cue[i] != O {
			if cue[i] == B || i == 0 || cue[i-1] == O {
				head = ws[i].word
			}
			out[i].in = true
			out[i].lHead = head
			last, sents, punc = i, 0, 0
			continue
		}
		if last < 0 {
			continue
		}
		if ws[i].bos {
			sents++
		}
		o := &out[i]
		o.lDist, o.lSent, o.lPunc, o.lHead = distBucket(i-last), uint8(min(sents, 2)), punc, head
		o.lNext = ws[last+1].word
		if ws[i].comma {
			punc |= 1
		}
		if ws[i].quote {
			punc |= 2
		}
	}
	first := -1
	sents, punc = 0, 0
	for i := len(ws) - 1; i >= 0; i-- {
		if cue[i] != O {
			if cue[i] == B || i == 0 || cue[i-1] == O {
				head = ws[i].word
				first = i
			}
			sents, punc = 0, 0
			continue
		}
		if first < 0 {
			continue
		}
		o := &out[i]
		if ws[i+1].bos {
			sents++
		}
		if ws[i+1].comma && i+1 < first {
			punc |= 1
		}
		if ws[i+1].quote && i+1 < first {
			punc |= 2
		}
		o.rDist, o.rSent, o.rPunc, o.rHead = distBucket(first-i), uint8(min(sents, 2)), punc, head
		o.rPrev = ws[first-1].word
	}
	return out
}

// Hashes of the sentence boundaries as neighbouring words.
const (
	hashBOS uint64 = 0x5bd1e9955bd1e995
	hashEOS uint64 = 0x27d4eb2f165667c5
)

func mix(h, x uint64) uint64 { return featurehash.Mix(h, x) }

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// Emission appends the hashed features of word i that do not depend on
// the previous label: the word and its neighbours (±2), suffix, shape,
// quotation state; with FlagRich sentence position, prefix, cue-word
// classes, quote transitions; with rel (FlagCue, source and content) the
// word's relation to the predicted cues. The first features (the base
// ones, baseFeatures) are the same for every role; the cue relations
// (relFeatures) follow them.
func Emission(dst []uint32, flags uint8, ws []Word, rel []CueRel, i int) []uint32 {
	var f [maxFeatures]uint32
	n := baseFeatures(&f, flags, ws, i)
	if rel != nil {
		n += relFeatures((*[maxRel]uint32)(f[n:]), ws[i], rel[i])
	}
	return append(dst, f[:n]...)
}

// Feature counts: the base features without and with FlagRich, and the
// most cue-relation features a word has.
const (
	numBase     = 10
	numBaseRich = 18
	maxRel      = 11
	maxFeatures = numBaseRich + maxRel
)

// edges are the words past a sequence's two ends, which the features read
// as neighbours: shape 4, no class, and a hash of their own.
type edges struct{ bos, eos Word }

func newEdges() edges {
	return edges{bos: Word{shape: 4, word: hashBOS}, eos: Word{shape: 4, word: hashEOS}}
}

// around returns the words two and one before word i and one and two
// after it, by pointer (no Word copied), the edges past the ends.
func (e *edges) around(ws []Word, i int) (p2, p, n, n2 *Word) {
	p2, p, n, n2 = &e.bos, &e.bos, &e.eos, &e.eos
	if i >= 2 {
		p2 = &ws[i-2]
	}
	if i >= 1 {
		p = &ws[i-1]
	}
	if i+1 < len(ws) {
		n = &ws[i+1]
	}
	if i+2 < len(ws) {
		n2 = &ws[i+2]
	}
	return p2, p, n, n2
}

// baseFeatures writes the role-independent features of word i to f and
// returns their number (numBase, or numBaseRich with FlagRich).
func baseFeatures(f *[maxFeatures]uint32, flags uint8, ws []Word, i int) int {
	e := newEdges()
	p2, p, n, n2 := e.around(ws, i)
	w := &ws[i]
	q := b2u(w.inQuote)
	fold := featurehash.Fold
	f[0] = fold(mix(1, w.word))
	f[1] = fold(mix(2, p.word))
	f[2] = fold(mix(3, n.word))
	f[3] = fold(mix(4, p2.word))
	f[4] = fold(mix(5, n2.word))
	f[5] = fold(mix(mix(6, p.word), w.word))
	f[6] = fold(mix(mix(7, w.word), n.word))
	f[7] = fold(mix(8, w.suf))
	f[8] = fold(mix(mix(9, uint64(w.shape)), q))
	f[9] = 0x9e3779b9 // bias
	if flags&FlagRich == 0 {
		return numBase
	}
	f[10] = fold(mix(13, w.pre))
	f[11] = fold(mix(14, uint64(p.shape)|uint64(w.shape)<<3|uint64(n.shape)<<6))
	f[12] = fold(mix(15, uint64(p.class)|uint64(w.class)<<4|uint64(n.class)<<8))
	f[13] = fold(mix(16, uint64(w.toEnd)|b2u(w.bos)<<4|b2u(w.para)<<5))
	f[14] = fold(mix(17, b2u(p.inQuote)|q<<1|b2u(n.inQuote)<<2|b2u(n.quote)<<3|b2u(p.quote)<<4))
	f[15] = fold(mix(mix(18, w.word), b2u(w.bos)|b2u(n.bos)<<1))
	f[16] = fold(mix(mix(19, uint64(w.class)), q|uint64(w.toEnd)<<1))
	f[17] = fold(mix(20, uint64(p2.class)|uint64(n2.class)<<4|uint64(w.class)<<8))
	return numBaseRich
}

// relFeatures writes the features of word w's relation c to the predicted
// cues to f and returns their number.
func relFeatures(f *[maxRel]uint32, w Word, c CueRel) int {
	q := b2u(w.inQuote)
	fold := featurehash.Fold
	f[0] = fold(mix(30, b2u(c.in)|uint64(w.shape)<<1|q<<3))
	f[1] = fold(mix(31, uint64(c.lDist)|uint64(c.lSent)<<4|uint64(c.rDist)<<8|uint64(c.rSent)<<12))
	f[2] = fold(mix(32, uint64(c.lDist)|uint64(c.lSent)<<4|uint64(c.lPunc)<<6|q<<8))
	f[3] = fold(mix(33, uint64(c.rDist)|uint64(c.rSent)<<4|uint64(c.rPunc)<<6|q<<8))
	n := 4
	if c.lDist > 0 {
		f[n] = fold(mix(mix(34, c.lHead), uint64(min(c.lDist, 6))|uint64(c.lSent)<<4))
		f[n+1] = fold(mix(mix(35, c.lNext), uint64(min(c.lDist, 6))|uint64(c.lSent)<<4|q<<6))
		f[n+2] = fold(mix(mix(36, w.word), uint64(min(c.lDist, 3))|uint64(c.lSent)<<4))
		n += 3
	}
	if c.rDist > 0 {
		f[n] = fold(mix(mix(37, c.rHead), uint64(min(c.rDist, 6))|uint64(c.rSent)<<4))
		f[n+1] = fold(mix(mix(38, c.rPrev), uint64(min(c.rDist, 6))|uint64(c.rSent)<<4|q<<6))
		f[n+2] = fold(mix(mix(39, w.word), uint64(min(c.rDist, 3))|uint64(c.rSent)<<4))
		n += 3
	}
	if c.in {
		f[n] = fold(mix(mix(40, c.lHead), w.word))
		n++
	}
	return n
}

// appendHashes appends feature hashes folded to 32 bits.
func appendHashes(dst []uint32, hs ...uint64) []uint32 {
	for _, h := range hs {
		dst = append(dst, featurehash.Fold(h))
	}
	return dst
}

// Transition appends the features of word i that depend on the previous
// label: the label alone, with the word and with the quote state.
func Transition(dst []uint32, ws []Word, i, prev int) []uint32 {
	w := ws[i]
	add := func(h uint64) { dst = append(dst, featurehash.Fold(h)) }
	add(mix(10, uint64(prev)))
	add(mix(mix(11, w.word), uint64(prev)))
	add(mix(mix(12, uint64(prev)), b2u(w.inQuote)|b2u(w.bos)<<1))
	return dst
}

// Scores adds the weights of features fs to s, one score per label.
func Scores[F float32 | float64](s *[NumTags]float64, w []F, mask uint32, fs []uint32) {
	for _, f := range fs {
		j := int(f&mask) * NumTags
		s[0] += float64(w[j])
		s[1] += float64(w[j+1])
		s[2] += float64(w[j+2])
	}
}

// Lattice holds the scores of one sequence for Viterbi decoding: per word,
// the emission scores and the transition scores from each previous label
// (for the first word, only that from Start counts).
type Lattice struct {
	Start int // the label before the first word: O, or a training segment's gold
	E     [][NumTags]float64
	T     [][NumTags][NumTags]float64
	back  [][NumTags]uint8
}

// Reset sizes the lattice for n words, zeroed.
func (l *Lattice) Reset(n int) {
	l.E = slices.Grow(l.E[:0], n)[:n]
	l.T = slices.Grow(l.T[:0], n)[:n]
	l.back = slices.Grow(l.back[:0], n)[:n]
	l.Start = O
	clear(l.E)
	clear(l.T)
}

// Viterbi returns the best BIO-valid label sequence (no I after O or at the
// start); the first word's transition scores are those from l.Start.
func (l *Lattice) Viterbi(tags []int) []int {
	n := len(l.E)
	tags = slices.Grow(tags[:0], n)[:n]
	if n == 0 {
		return tags
	}
	inf := math.Inf(-1)
	cur := [NumTags]float64{}
	for y := range NumTags {
		cur[y] = l.E[0][y] + l.T[0][l.Start][y]
	}
	if l.Start == O {
		cur[I] = inf
	}
	for i := 1; i < n; i++ {
		var nxt [NumTags]float64
		for y := range NumTags {
			best, bp := inf, uint8(0)
			for p := range NumTags {
				if y == I && p == O {
					continue
				}
				if s := cur[p] + l.T[i][p][y]; s > best {
					best, bp = s, uint8(p)
				}
			}
			nxt[y] = best + l.E[i][y]
			l.back[i][y] = bp
		}
		cur = nxt
	}
	backtrack(tags, cur, l.back)
	return tags
}

// backtrack writes the best path into tags: from the first highest final
// score, back along the back pointers.
func backtrack[S int64 | float64](tags []int, final [NumTags]S, back [][NumTags]uint8) {
	y := 0
	for k := 1; k < NumTags; k++ {
		if final[k] > final[y] {
			y = k
		}
	}
	for i := len(tags) - 1; i >= 0; i-- {
		tags[i] = y
		y = int(back[i][y])
	}
}

// Decoder holds one goroutine's buffers for DecodeWith and Packed.Tag;
// the zero value is ready.
type Decoder struct {
	fs  []uint32
	rel []CueRel
	lat Lattice

	// Packed.Tag's: per word the emission sums of each role, the rows of
	// feature 11 per previous label and the role's weights in them, the
	// quotation and sentence-start bits; the tags.
	em    [][NumRoles][NumTags]int64
	t11   [][NumTags]uint32
	l11   [][NumTags]uint64
	l11sc [][NumTags][2]uint64 // source's and content's, for greedySpans
	qb    []uint8
	back  [][NumTags]uint8
	tags  Tags
}

// Decode tags words with role r's weights. cue holds the cue role's tags
// for the same words (needed by source and content when the tagger was
// trained with FlagCue; ignored otherwise).
func (t *Tagger) Decode(ws []Word, r int, cue, tags []int) []int {
	return t.DecodeWith(new(Decoder), ws, r, cue, tags)
}

// DecodeWith is Decode with reusable buffers.
func (t *Tagger) DecodeWith(d *Decoder, ws []Word, r int, cue, tags []int) []int {
	mask := uint32(1)<<t.Bits - 1
	var rel []CueRel
	if t.Flags&FlagCue != 0 && r != RoleCue {
		d.rel = CueRelations(d.rel, ws, cue)
		rel = d.rel
	}
	w := t.W[r]
	if !t.Viterbi(r) {
		tags = tags[:0]
		prev := O
		for i := range ws {
			d.fs = Emission(d.fs[:0], t.Flags, ws, rel, i)
			d.fs = Transition(d.fs, ws, i, prev)
			var s [NumTags]float64
			Scores(&s, w, mask, d.fs)
			best := greedyLabel(&s, prev)
			tags = append(tags, best)
			prev = best
		}
		return tags
	}
	l := &d.lat
	l.Start = O
	n := len(ws)
	l.E = slices.Grow(l.E[:0], n)[:n]
	l.T = slices.Grow(l.T[:0], n)[:n]
	l.back = slices.Grow(l.back[:0], n)[:n]
	// The transition features other than the word's (Transition) take
	// 4 values per previous label: score them once per sequence.
	var tc [NumTags][4][NumTags]float64
	for p := range NumTags {
		for qb := range 4 {
			d.fs = appendHashes(d.fs[:0], mix(10, uint64(p)), mix(mix(12, uint64(p)), uint64(qb)))
			Scores(&tc[p][qb], w, mask, d.fs)
		}
	}
	for i := range ws {
		d.fs = Emission(d.fs[:0], t.Flags, ws, rel, i)
		var e [NumTags]float64
		Scores(&e, w, mask, d.fs)
		l.E[i] = e
		qb := b2u(ws[i].inQuote) | b2u(ws[i].bos)<<1
		for p := range NumTags {
			if i == 0 && p != O {
				continue
			}
			d.fs = appendHashes(d.fs[:0], mix(mix(11, ws[i].word), uint64(p)))
			s := tc[p][qb]
			Scores(&s, w, mask, d.fs)
			l.T[i][p] = s
		}
	}
	return l.Viterbi(tags)
}

// greedyLabel is the greedy decoders' choice: the best-scoring label (the
// first of a tie), an I after an O made a B so that every span begins.
func greedyLabel[T int64 | float64](s *[NumTags]T, prev int) int {
	best := O
	for y := 1; y < NumTags; y++ {
		if s[y] > s[best] {
			best = y
		}
	}
	if best == I && prev == O {
		best = B
	}
	return best
}
