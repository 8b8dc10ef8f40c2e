package tagging

// The tagger laid out for tagging. Decode is the reference: it hashes each
// word's features once per role and reads each role's table on its own.
// Packed tags the same words into the same tags with less of both: the
// base features are the same for every role, so they are hashed once; the
// cue relations, the same for source and content, once for both; and
// source and content, always decoded together, share one row per feature.
// Scores are summed in Decode's order, feature by feature in float64, so
// the tags are the same to the bit (TestPackedMatchesDecode).

import (
	"math"
	"slices"

	"github.com/slantwire/slant/models/internal/featurehash"
)

// Packed is a Tagger's weights laid out for Tag: the cue role's rows on
// their own (1 MiB at 16 bits: the cue pass, which reads every paragraph,
// keeps most of it in a core's L2), and the source and content roles' rows
// side by side. One table of all three roles (4 MiB) and unpadded rows
// that straddle cache lines were slower over PolNeAR's dev articles
// (BenchmarkTag/polnear-dev). Read-only after Pack, so safe for
// concurrent use.
type Packed struct {
	flags uint8
	mask  uint32
	cue   [][cueLen]float32
	sc    [][scLen]float32 // source O, B, I, then content O, B, I
	// The transition features without the word (10: the previous label;
	// 12: it with the quotation and sentence-start bits) take 3 and 12
	// values: their weights, per role.
	w10 [NumRoles][NumTags][NumTags]float32
	w12 [NumRoles][NumTags][4][NumTags]float32
	// tc sums the two as DecodeWith does once per sequence, for Viterbi.
	tc [NumRoles][NumTags][4][NumTags]float64
}

// The float32s in a row of Packed.cue and Packed.sc: padded to 16 and 32
// bytes, so that no row straddles two cache lines (large allocations are
// page-aligned).
const (
	cueLen = 4
	scLen  = 8
)

// Pack lays t's weights out for Tag. t's roles must all have their
// weights.
func (t *Tagger) Pack() *Packed {
	n := 1 << t.Bits
	p := &Packed{flags: t.Flags, mask: uint32(n - 1), cue: make([][cueLen]float32, n), sc: make([][scLen]float32, n)}
	for j := range n {
		copy(p.cue[j][:], t.W[RoleCue][j*NumTags:(j+1)*NumTags])
		copy(p.sc[j][:], t.W[RoleSource][j*NumTags:(j+1)*NumTags])
		copy(p.sc[j][NumTags:], t.W[RoleContent][j*NumTags:(j+1)*NumTags])
	}
	for r := range NumRoles {
		w := t.W[r]
		for prev := range NumTags {
			j := featurehash.Fold(mix(10, uint64(prev))) & p.mask
			copy(p.w10[r][prev][:], w[int(j)*NumTags:])
			for qb := range 4 {
				j := featurehash.Fold(mix(mix(12, uint64(prev)), uint64(qb))) & p.mask
				copy(p.w12[r][prev][qb][:], w[int(j)*NumTags:])
				for y := range NumTags {
					p.tc[r][prev][qb][y] = float64(p.w10[r][prev][y])
					p.tc[r][prev][qb][y] += float64(p.w12[r][prev][qb][y])
				}
			}
		}
	}
	return p
}

// w11 returns role r's weights of row j (feature 11).
func (p *Packed) w11(r int, j uint32) []float32 {
	switch r {
	case RoleCue:
		return p.cue[j][:NumTags]
	case RoleSource:
		return p.sc[j][:NumTags]
	}
	return p.sc[j][NumTags : 2*NumTags]
}

// viterbi reports whether role r decodes with Viterbi.
func (p *Packed) viterbi(r int) bool { return (&Tagger{Flags: p.flags}).Viterbi(r) }

// Tags are the BIO tags of each role for the words of one Tag call.
type Tags [NumRoles][]int

// Tag tags ws for every role into d's buffers, cue first; when the cue
// role finds no cue the source and content passes are skipped and their
// tags are nil, and ok is false. The tags are valid until d's next use.
func (p *Packed) Tag(d *Decoder, ws []Word) (tags Tags, ok bool) {
	n := len(ws)
	d.em = slices.Grow(d.em[:0], n)[:n]
	d.t11 = slices.Grow(d.t11[:0], n)[:n]
	d.qb = slices.Grow(d.qb[:0], n)[:n]
	nb := numBase
	if p.flags&FlagRich != 0 {
		nb = numBaseRich
	}
	d.fs = slices.Grow(d.fs[:0], n*nb)[:n*nb]
	var f [maxFeatures]uint32
	cue, sc, mask := p.cue, p.sc, p.mask // in registers: the loops store to memory
	for i := range ws {
		baseFeatures(&f, p.flags, ws, i)
		fs := d.fs[i*nb:]
		var c0, c1, c2 float64
		for k, h := range f[:nb] {
			h &= mask
			fs[k] = h
			r := &cue[h]
			c0 += float64(r[0])
			c1 += float64(r[1])
			c2 += float64(r[2])
		}
		d.em[i][RoleCue] = [NumTags]float64{c0, c1, c2}
		h := mix(11, ws[i].word)
		for prev := range NumTags {
			d.t11[i][prev] = featurehash.Fold(mix(h, uint64(prev))) & p.mask
		}
		d.qb[i] = uint8(b2u(ws[i].inQuote) | b2u(ws[i].bos)<<1)
	}
	d.tags[RoleCue] = p.decode(d, RoleCue, d.tags[RoleCue])
	tags[RoleCue] = d.tags[RoleCue]
	if !slices.Contains(tags[RoleCue], B) {
		return tags, false
	}
	if p.flags&FlagCue != 0 {
		d.rel = CueRelations(d.rel, ws, tags[RoleCue])
	}
	for i := range ws {
		// Source and content: the base features, then the cue relations,
		// each row read once for both roles.
		var s0, s1, s2, t0, t1, t2 float64
		for _, h := range d.fs[i*nb : (i+1)*nb] {
			r := &sc[h]
			s0 += float64(r[0])
			s1 += float64(r[1])
			s2 += float64(r[2])
			t0 += float64(r[3])
			t1 += float64(r[4])
			t2 += float64(r[5])
		}
		if p.flags&FlagCue != 0 {
			k := relFeatures((*[maxRel]uint32)(f[:maxRel]), ws[i], d.rel[i])
			for _, h := range f[:k] {
				r := &sc[h&mask]
				s0 += float64(r[0])
				s1 += float64(r[1])
				s2 += float64(r[2])
				t0 += float64(r[3])
				t1 += float64(r[4])
				t2 += float64(r[5])
			}
		}
		d.em[i][RoleSource] = [NumTags]float64{s0, s1, s2}
		d.em[i][RoleContent] = [NumTags]float64{t0, t1, t2}
	}
	for _, r := range []int{RoleSource, RoleContent} {
		d.tags[r] = p.decode(d, r, d.tags[r])
		tags[r] = d.tags[r]
	}
	return tags, true
}

// decode tags role r from the emission sums and transition rows in d,
// the way DecodeWith does.
func (p *Packed) decode(d *Decoder, r int, tags []int) []int {
	if !p.viterbi(r) {
		tags = tags[:0]
		prev := O
		for i := range d.em {
			// Decode's order: the emission features, then the
			// transition features 10, 11, 12.
			s := d.em[i][r]
			w10, w11, w12 := &p.w10[r][prev], p.w11(r, d.t11[i][prev]), &p.w12[r][prev][d.qb[i]]
			for y := range NumTags {
				s[y] += float64(w10[y])
				s[y] += float64(w11[y])
				s[y] += float64(w12[y])
			}
			best := O
			for y := 1; y < NumTags; y++ {
				if s[y] > s[best] {
					best = y
				}
			}
			if best == I && prev == O {
				best = B
			}
			tags = append(tags, best)
			prev = best
		}
		return tags
	}
	return p.viterbiDecode(d, r, tags)
}

// viterbiDecode is Lattice.Viterbi over role r's scores as DecodeWith
// fills the lattice, with each transition score computed where Viterbi
// reads it rather than stored, and the 3×3 step written out: the same
// sums and comparisons in the same order, so the same tags.
func (p *Packed) viterbiDecode(d *Decoder, r int, tags []int) []int {
	n := len(d.em)
	tags = slices.Grow(tags[:0], n)[:n]
	if n == 0 {
		return tags
	}
	d.back = slices.Grow(d.back[:0], n)[:n]
	tc := &p.tc[r]
	// The first word: from O (Lattice.Start), and I may not follow O.
	e, w, t := &d.em[0][r], p.w11(r, d.t11[0][O]), &tc[O][d.qb[0]]
	c0 := e[O] + (t[O] + float64(w[O]))
	c1 := e[B] + (t[B] + float64(w[B]))
	c2 := math.Inf(-1)
	for i := 1; i < n; i++ {
		t11, q := &d.t11[i], d.qb[i]
		wo, wb, wi := p.w11(r, t11[O]), p.w11(r, t11[B]), p.w11(r, t11[I])
		to, tb, ti := &tc[O][q], &tc[B][q], &tc[I][q]
		e := &d.em[i][r]
		no, bo := best3(c0+(to[O]+float64(wo[O])), c1+(tb[O]+float64(wb[O])), c2+(ti[O]+float64(wi[O])))
		nb, bb := best3(c0+(to[B]+float64(wo[B])), c1+(tb[B]+float64(wb[B])), c2+(ti[B]+float64(wi[B])))
		ni, bi := best3(math.Inf(-1), c1+(tb[I]+float64(wb[I])), c2+(ti[I]+float64(wi[I])))
		c0, c1, c2 = no+e[O], nb+e[B], ni+e[I]
		d.back[i] = [NumTags]uint8{bo, bb, bi}
	}
	cur, y := [NumTags]float64{c0, c1, c2}, O
	for k := 1; k < NumTags; k++ {
		if cur[k] > cur[y] {
			y = k
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = y
		y = int(d.back[i][y])
	}
	return tags
}

// best3 is Lattice.Viterbi's choice of the previous label: the first
// highest score, 0 when none beats -Inf.
func best3(so, sb, si float64) (float64, uint8) {
	best, bp := math.Inf(-1), uint8(0)
	if so > best {
		best, bp = so, O
	}
	if sb > best {
		best, bp = sb, B
	}
	if si > best {
		best, bp = si, I
	}
	return best, bp
}
