package tagging

// The tagger laid out for tagging. Decode is the reference: it hashes each
// word's features once per role and reads each role's table on its own.
// Packed tags the same words into the same tags with a third of the
// hashing and a third of the cache misses: the base features are the same
// for every role, so they are hashed once and each addresses one row that
// holds the weights of all three roles; the cue relations, the same for
// source and content, are hashed once for both. Scores are summed in
// Decode's order, feature by feature in float64, so the tags are the same
// to the bit (TestPackedMatchesDecode).

import (
	"slices"

	"github.com/slantwire/slant/models/internal/featurehash"
)

// rowLen is the float32s in a row of Packed: per role its O, B and I
// weights, padded to 64 bytes, one cache line.
const rowLen = 16

// Where each role's weights start in a row.
const (
	srcO  = RoleSource * NumTags
	cueO  = RoleCue * NumTags
	contO = RoleContent * NumTags
)

// Packed is a Tagger's weights in rows: row j holds, for each role r,
// t.W[r][3j:3j+3] at r·NumTags. Read-only after Pack, so safe for
// concurrent use.
type Packed struct {
	flags uint8
	mask  uint32
	rows  [][rowLen]float32
	// The transition features without the word (10: the previous label;
	// 12: it with the quotation and sentence-start bits) take 3 and 12
	// values: their weights, per role.
	w10 [NumRoles][NumTags][NumTags]float32
	w12 [NumRoles][NumTags][4][NumTags]float32
}

// Pack lays t's weights out for Tag. t's roles must all have their
// weights.
func (t *Tagger) Pack() *Packed {
	n := 1 << t.Bits
	p := &Packed{flags: t.Flags, mask: uint32(n - 1), rows: make([][rowLen]float32, n)}
	for r := range NumRoles {
		w := t.W[r]
		for j := range n {
			copy(p.rows[j][r*NumTags:], w[j*NumTags:(j+1)*NumTags])
		}
		for prev := range NumTags {
			j := featurehash.Fold(mix(10, uint64(prev))) & p.mask
			copy(p.w10[r][prev][:], w[int(j)*NumTags:])
			for qb := range 4 {
				j := featurehash.Fold(mix(mix(12, uint64(prev)), uint64(qb))) & p.mask
				copy(p.w12[r][prev][qb][:], w[int(j)*NumTags:])
			}
		}
	}
	return p
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
	var f [maxFeatures]uint32
	for i := range ws {
		k := baseFeatures(&f, p.flags, ws, i)
		// Nine sums in registers: each row is read once for all roles.
		var c0, c1, c2, s0, s1, s2, t0, t1, t2 float64
		for _, h := range f[:k] {
			r := &p.rows[h&p.mask]
			c0 += float64(r[cueO])
			c1 += float64(r[cueO+1])
			c2 += float64(r[cueO+2])
			s0 += float64(r[srcO])
			s1 += float64(r[srcO+1])
			s2 += float64(r[srcO+2])
			t0 += float64(r[contO])
			t1 += float64(r[contO+1])
			t2 += float64(r[contO+2])
		}
		d.em[i] = [NumRoles][NumTags]float64{
			RoleCue:     {c0, c1, c2},
			RoleSource:  {s0, s1, s2},
			RoleContent: {t0, t1, t2},
		}
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
		for i := range ws {
			k := relFeatures((*[maxRel]uint32)(f[:maxRel]), ws[i], d.rel[i])
			e := &d.em[i]
			s0, s1, s2 := e[RoleSource][0], e[RoleSource][1], e[RoleSource][2]
			t0, t1, t2 := e[RoleContent][0], e[RoleContent][1], e[RoleContent][2]
			for _, h := range f[:k] {
				r := &p.rows[h&p.mask]
				s0 += float64(r[srcO])
				s1 += float64(r[srcO+1])
				s2 += float64(r[srcO+2])
				t0 += float64(r[contO])
				t1 += float64(r[contO+1])
				t2 += float64(r[contO+2])
			}
			e[RoleSource] = [NumTags]float64{s0, s1, s2}
			e[RoleContent] = [NumTags]float64{t0, t1, t2}
		}
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
	o := r * NumTags
	if !p.viterbi(r) {
		tags = tags[:0]
		prev := O
		for i := range d.em {
			// Decode's order: the emission features, then the
			// transition features 10, 11, 12.
			s := d.em[i][r]
			w10, w11, w12 := &p.w10[r][prev], p.rows[d.t11[i][prev]][o:o+NumTags], &p.w12[r][prev][d.qb[i]]
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
	l := &d.lat
	n := len(d.em)
	l.Start = O
	l.E = slices.Grow(l.E[:0], n)[:n]
	l.T = slices.Grow(l.T[:0], n)[:n]
	l.back = slices.Grow(l.back[:0], n)[:n]
	// DecodeWith's per-sequence sums of features 10 and 12.
	var tc [NumTags][4][NumTags]float64
	for prev := range NumTags {
		for qb := range 4 {
			for y := range NumTags {
				tc[prev][qb][y] = float64(p.w10[r][prev][y])
				tc[prev][qb][y] += float64(p.w12[r][prev][qb][y])
			}
		}
	}
	for i := range d.em {
		l.E[i] = d.em[i][r]
		for prev := range NumTags {
			if i == 0 && prev != O {
				continue
			}
			s := tc[prev][d.qb[i]]
			w11 := p.rows[d.t11[i][prev]][o : o+NumTags]
			for y := range NumTags {
				s[y] += float64(w11[y])
			}
			l.T[i][prev] = s
		}
	}
	return l.Viterbi(tags)
}
