package tagging

// The tagger laid out for tagging. Decode is the reference: it hashes each
// word's features once per role and reads each role's table on its own.
// Packed tags the same words into the same tags with less of both: the
// base features are the same for every role, so they are hashed once; the
// cue relations, the same for source and content, once for both; and
// source and content, always decoded together, share one row per feature.
// The weights are fixed point (Quantize), and Packed scores and decodes in
// integers of each role's fixed point, adding the three labels' weights of
// a feature at once (lanes). Decode's float64 sums of the same weights are
// exact too, whatever their order, so the tags are the same
// (TestPackedMatchesDecode).

import (
	"math"
	"slices"

	"github.com/slantwire/slant/models/internal/featurehash"
)

// Packed is a Tagger's weights laid out for Tag: the cue role's rows on
// their own (512 KiB at 16 bits: the cue pass, which reads every
// paragraph, keeps most of it in a core's L2), and the source and content
// roles' rows side by side (1 MiB), each role's three weights of a row in
// one uint64 (lanes). One table of all three roles and unpadded rows that
// straddle cache lines were slower over PolNeAR's dev articles
// (BenchmarkTag/polnear-dev). Read-only after Pack, so safe for
// concurrent use.
type Packed struct {
	flags uint8
	mask  uint32
	small uint32      // the first row of the small features' (2^bits)
	cue   []uint64    // cue O, B, I (lanes)
	sc    [][2]uint64 // source, then content
	// The transition features without the word (10: the previous label;
	// 12: it with the quotation and sentence-start bits) take 3 and 12
	// values: their weights, per role.
	w10 [NumRoles][NumTags][NumTags]int64
	w12 [NumRoles][NumTags][4][NumTags]int64
	// tc sums the two as DecodeWith does once per sequence, for Viterbi.
	tc    [NumRoles][NumTags][4][NumTags]int64
	edges edges // the words past a sequence's ends, as baseFeatures reads them
}

// The features with few values (shapes, cue-word classes, sentence
// position, quotation marks; the distances and punctuation to the cues)
// are not hashed at Tag: the rows of all their values are copied after
// the hashed rows at Pack, and read by value. That spares 8 of the 18
// base features' hashes and 4 of the cue relations', and keeps the few
// thousand rows they read, most of them rarely, out of the way of the
// hashed rows in cache. The row of a value is the hashed row of the
// feature with that value, so the sums are the same. Offsets of each
// feature's rows (its number in Emission's hashing) from Packed.small:
const (
	smallShapeQ   = 0                    // 9: shape·2 + quote (5 shapes)
	smallShapes   = smallShapeQ + 10     // 14: the three shapes, as hashed (3 bits each)
	smallClasses  = smallShapes + 512    // 15: classes p + 10·w + 100·n (10 classes)
	smallEnd      = smallClasses + 1000  // 16: as hashed: toEnd (≤ 9), bos, para
	smallQuotes   = smallEnd + 64        // 17: as hashed (5 bits)
	smallClassEnd = smallQuotes + 32     // 19: class·32 + (quote | toEnd<<1)
	smallClasses2 = smallClassEnd + 320  // 20: classes p2 + 10·n2 + 100·w
	smallRelIn    = smallClasses2 + 1000 // 30: as hashed (4 bits: shape ≤ 3)
	smallRelDist  = smallRelIn + 16      // 31: lDist + 10·lSent + 30·rDist + 300·rSent
	smallRelL     = smallRelDist + 900   // 32: as hashed (9 bits)
	smallRelR     = smallRelL + 512      // 33: as hashed (9 bits)
	numSmall      = smallRelR + 512
	numClasses    = 10 // Splitter's cue-word classes, 0 (none) to 9
	numShapes     = 5  // Word.shape, 4 past the ends
)

// A role's O, B and I weights of a row are packed in one uint64, in
// lanes of 21 bits from bit 0, each its fixed-point int16 plus laneBias
// (1 to 65,535): a feature's three weights are added with one integer
// add, and a sum of up to 32 rows (a word has at most maxFeatures, 29)
// stays under 2^21 in every lane, so no lane carries into the next. A
// lane of a sum of n rows is the sum of the weights plus n·laneBias.
const (
	laneBits = 21
	laneMask = 1<<laneBits - 1
	laneBias = 1 << 15
)

// The lanes hold 32 rows' sums (the build fails otherwise), and a word
// has no more features than that.
const (
	_ = uint(laneMask - 32*(laneBias+math.MaxInt16))
	_ = uint(32 - maxFeatures)
)

// lanes packs a role's weights of one row.
func lanes(w []int16) uint64 {
	return uint64(int32(w[O])+laneBias) | uint64(int32(w[B])+laneBias)<<laneBits | uint64(int32(w[I])+laneBias)<<(2*laneBits)
}

// unlanes returns the scores in v, a sum of n rows.
func unlanes(v uint64, n int) [NumTags]int64 {
	bias := int64(n) * laneBias
	return [NumTags]int64{int64(v&laneMask) - bias, int64(v>>laneBits&laneMask) - bias, int64(v>>(2*laneBits)) - bias}
}

// negInf stands for Lattice.Viterbi's -Inf: far below any path's score
// (at most 2^21 a word in magnitude), and no sum with it overflows.
const negInf = math.MinInt64 / 4

// Pack lays t's weights out for Tag. t's roles must all have their
// weights, quantized (Quantize; UnmarshalBinary quantizes): other weights
// are read as Quantize would round them, and Tag's tags are then
// Decode's on the quantized tagger, not on t.
func (t *Tagger) Pack() *Packed {
	n := 1 << t.Bits
	p := &Packed{flags: t.Flags, mask: uint32(n - 1), small: uint32(n),
		cue: make([]uint64, n+numSmall), sc: make([][2]uint64, n+numSmall),
		edges: newEdges()}
	var fixed [NumRoles][]int16
	for r := range NumRoles {
		fixed[r], _ = toFixed(t.W[r])
	}
	for j := range n {
		p.cue[j] = lanes(fixed[RoleCue][j*NumTags:])
		p.sc[j] = [2]uint64{lanes(fixed[RoleSource][j*NumTags:]), lanes(fixed[RoleContent][j*NumTags:])}
	}
	small := func(at int, h uint64) {
		j := featurehash.Fold(h) & p.mask
		p.cue[n+at], p.sc[n+at] = p.cue[j], p.sc[j]
	}
	for v := range uint64(512) {
		if v < 16 {
			small(smallRelIn+int(v), mix(30, v))
		}
		if v < 32 {
			small(smallQuotes+int(v), mix(17, v))
		}
		if v < 64 {
			small(smallEnd+int(v), mix(16, v))
		}
		small(smallShapes+int(v), mix(14, v))
		small(smallRelL+int(v), mix(32, v))
		small(smallRelR+int(v), mix(33, v))
	}
	for sh := range uint64(numShapes) {
		for q := range uint64(2) {
			small(smallShapeQ+int(sh*2+q), mix(mix(9, sh), q))
		}
	}
	for a := range uint64(numClasses) {
		for v := range uint64(32) {
			small(smallClassEnd+int(a*32+v), mix(mix(19, a), v))
		}
		for b := range uint64(numClasses) {
			for c := range uint64(numClasses) {
				k := int(a + numClasses*b + numClasses*numClasses*c)
				small(smallClasses+k, mix(15, a|b<<4|c<<8))
				small(smallClasses2+k, mix(20, a|b<<4|c<<8))
			}
		}
	}
	for ld := range uint64(10) {
		for ls := range uint64(3) {
			for rd := range uint64(10) {
				for rs := range uint64(3) {
					small(smallRelDist+int(ld+10*ls+30*rd+300*rs), mix(31, ld|ls<<4|rd<<8|rs<<12))
				}
			}
		}
	}
	for r := range NumRoles {
		w := fixed[r]
		for prev := range NumTags {
			j := int(featurehash.Fold(mix(10, uint64(prev))) & p.mask)
			for y := range NumTags {
				p.w10[r][prev][y] = int64(w[j*NumTags+y])
			}
			for qb := range 4 {
				j := int(featurehash.Fold(mix(mix(12, uint64(prev)), uint64(qb))) & p.mask)
				for y := range NumTags {
					p.w12[r][prev][qb][y] = int64(w[j*NumTags+y])
					p.tc[r][prev][qb][y] = p.w10[r][prev][y] + p.w12[r][prev][qb][y]
				}
			}
		}
	}
	return p
}

// baseRows writes the rows of word i's base features to f (the first
// numBase without FlagRich), in baseFeatures' order: a hashed feature's
// in the hashed rows, a small one's by value.
func (p *Packed) baseRows(f *[numBaseRich]uint32, ws []Word, i int) {
	p2, pw, nw, n2 := p.edges.around(ws, i)
	w := &ws[i]
	q := b2u(w.inQuote)
	m, s := p.mask, p.small
	fold := featurehash.Fold
	f[0] = fold(mix(1, w.word)) & m
	f[1] = fold(mix(2, pw.word)) & m
	f[2] = fold(mix(3, nw.word)) & m
	f[3] = fold(mix(4, p2.word)) & m
	f[4] = fold(mix(5, n2.word)) & m
	f[5] = fold(mix(mix(6, pw.word), w.word)) & m
	f[6] = fold(mix(mix(7, w.word), nw.word)) & m
	f[7] = fold(mix(8, w.suf)) & m
	f[8] = s + smallShapeQ + uint32(w.shape)*2 + uint32(q)
	f[9] = 0x9e3779b9 & m // bias
	if p.flags&FlagRich == 0 {
		return
	}
	f[10] = fold(mix(13, w.pre)) & m
	f[11] = s + smallShapes + (uint32(pw.shape) | uint32(w.shape)<<3 | uint32(nw.shape)<<6)
	f[12] = s + smallClasses + uint32(pw.class) + numClasses*uint32(w.class) + numClasses*numClasses*uint32(nw.class)
	f[13] = s + smallEnd + uint32(uint64(w.toEnd)|b2u(w.bos)<<4|b2u(w.para)<<5)
	f[14] = s + smallQuotes + uint32(b2u(pw.inQuote)|q<<1|b2u(nw.inQuote)<<2|b2u(nw.quote)<<3|b2u(pw.quote)<<4)
	f[15] = fold(mix(mix(18, w.word), b2u(w.bos)|b2u(nw.bos)<<1)) & m
	f[16] = s + smallClassEnd + 32*uint32(w.class) + uint32(q|uint64(w.toEnd)<<1)
	f[17] = s + smallClasses2 + uint32(p2.class) + numClasses*uint32(n2.class) + numClasses*numClasses*uint32(w.class)
}

// relRows writes the rows of word w's relation c to the predicted cues
// to f, in relFeatures' order, and returns their number.
func (p *Packed) relRows(f *[maxRel]uint32, w *Word, c *CueRel) int {
	q := b2u(w.inQuote)
	m, s := p.mask, p.small
	fold := featurehash.Fold
	f[0] = s + smallRelIn + uint32(b2u(c.in)|uint64(w.shape)<<1|q<<3)
	f[1] = s + smallRelDist + uint32(c.lDist) + 10*uint32(c.lSent) + 30*uint32(c.rDist) + 300*uint32(c.rSent)
	f[2] = s + smallRelL + uint32(uint64(c.lDist)|uint64(c.lSent)<<4|uint64(c.lPunc)<<6|q<<8)
	f[3] = s + smallRelR + uint32(uint64(c.rDist)|uint64(c.rSent)<<4|uint64(c.rPunc)<<6|q<<8)
	n := 4
	if c.lDist > 0 {
		f[n] = fold(mix(mix(34, c.lHead), uint64(min(c.lDist, 6))|uint64(c.lSent)<<4)) & m
		f[n+1] = fold(mix(mix(35, c.lNext), uint64(min(c.lDist, 6))|uint64(c.lSent)<<4|q<<6)) & m
		f[n+2] = fold(mix(mix(36, w.word), uint64(min(c.lDist, 3))|uint64(c.lSent)<<4)) & m
		n += 3
	}
	if c.rDist > 0 {
		f[n] = fold(mix(mix(37, c.rHead), uint64(min(c.rDist, 6))|uint64(c.rSent)<<4)) & m
		f[n+1] = fold(mix(mix(38, c.rPrev), uint64(min(c.rDist, 6))|uint64(c.rSent)<<4|q<<6)) & m
		f[n+2] = fold(mix(mix(39, w.word), uint64(min(c.rDist, 3))|uint64(c.rSent)<<4)) & m
		n += 3
	}
	if c.in {
		f[n] = fold(mix(mix(40, c.lHead), w.word)) & m
		n++
	}
	return n
}

// rows11 reads into d.l11 role r's rows of feature 11 (the word with the
// previous label) of each word and previous label: all at once, so that
// the reads overlap, rather than one by one in the decoders' dependent
// steps.
func (p *Packed) rows11(d *Decoder, r int) {
	d.l11 = slices.Grow(d.l11[:0], len(d.t11))[:len(d.t11)]
	switch r {
	case RoleCue:
		for i, t := range d.t11 {
			d.l11[i] = [NumTags]uint64{p.cue[t[O]], p.cue[t[B]], p.cue[t[I]]}
		}
	default:
		k := 0
		if r == RoleContent {
			k = 1
		}
		for i, t := range d.t11 {
			d.l11[i] = [NumTags]uint64{p.sc[t[O]][k], p.sc[t[B]][k], p.sc[t[I]][k]}
		}
	}
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
	// Each word's base rows go straight into d.fs, nb apart; the slack
	// lets the last words' be written as whole arrays.
	d.fs = slices.Grow(d.fs[:0], n*nb+numBaseRich)[:n*nb+numBaseRich]
	var f [maxFeatures]uint32
	cue, sc := p.cue, p.sc // in registers: the loops store to memory
	for i := range ws {
		fs := (*[numBaseRich]uint32)(d.fs[i*nb:])
		p.baseRows(fs, ws, i)
		var c uint64
		for _, h := range fs[:nb] {
			c += cue[h]
		}
		d.em[i][RoleCue] = unlanes(c, nb)
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
		var src, con uint64
		n := nb
		for _, h := range d.fs[i*nb : (i+1)*nb] {
			r := &sc[h]
			src += r[0]
			con += r[1]
		}
		if p.flags&FlagCue != 0 {
			k := p.relRows((*[maxRel]uint32)(f[:maxRel]), &ws[i], &d.rel[i])
			for _, h := range f[:k] {
				r := &sc[h]
				src += r[0]
				con += r[1]
			}
			n += k
		}
		d.em[i][RoleSource] = unlanes(src, n)
		d.em[i][RoleContent] = unlanes(con, n)
	}
	if p.viterbi(RoleSource) { // and content: one flag for both
		for _, r := range []int{RoleSource, RoleContent} {
			d.tags[r] = p.decode(d, r, d.tags[r])
		}
	} else {
		p.greedySpans(d)
	}
	tags[RoleSource], tags[RoleContent] = d.tags[RoleSource], d.tags[RoleContent]
	return tags, true
}

// greedySpans is decode's greedy pass for source and content at once,
// each with its own previous label: the two roles' weights of a row of
// feature 11 are read together, once for both.
func (p *Packed) greedySpans(d *Decoder) {
	n := len(d.t11)
	d.l11sc = slices.Grow(d.l11sc[:0], n)[:n]
	for i, t := range d.t11 {
		d.l11sc[i] = [NumTags][2]uint64{p.sc[t[O]], p.sc[t[B]], p.sc[t[I]]}
	}
	src, con := d.tags[RoleSource][:0], d.tags[RoleContent][:0]
	ps, pc := O, O
	for i := range n {
		ps = p.greedyStep(RoleSource, d.em[i][RoleSource], unlanes(d.l11sc[i][ps][0], 1), ps, d.qb[i])
		pc = p.greedyStep(RoleContent, d.em[i][RoleContent], unlanes(d.l11sc[i][pc][1], 1), pc, d.qb[i])
		src, con = append(src, ps), append(con, pc)
	}
	d.tags[RoleSource], d.tags[RoleContent] = src, con
}

// greedyStep is DecodeWith's greedy choice of role r's label for a word
// with emission scores s and feature 11's weights w11, after prev.
func (p *Packed) greedyStep(r int, s, w11 [NumTags]int64, prev int, qb uint8) int {
	w10, w12 := &p.w10[r][prev], &p.w12[r][prev][qb]
	for y := range NumTags {
		s[y] += w10[y] + w11[y] + w12[y]
	}
	return greedyLabel(&s, prev)
}

// decode tags role r from the emission sums and transition rows in d,
// the way DecodeWith does.
func (p *Packed) decode(d *Decoder, r int, tags []int) []int {
	p.rows11(d, r)
	if p.viterbi(r) {
		return p.viterbiDecode(d, r, tags)
	}
	tags = tags[:0]
	prev := O
	for i := range d.em {
		prev = p.greedyStep(r, d.em[i][r], unlanes(d.l11[i][prev], 1), prev, d.qb[i])
		tags = append(tags, prev)
	}
	return tags
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
	e, w, t := &d.em[0][r], unlanes(d.l11[0][O], 1), &tc[O][d.qb[0]]
	c0 := e[O] + (t[O] + w[O])
	c1 := e[B] + (t[B] + w[B])
	c2 := int64(negInf)
	for i := 1; i < n; i++ {
		l11, q := &d.l11[i], d.qb[i]
		wo, wb, wi := unlanes(l11[O], 1), unlanes(l11[B], 1), unlanes(l11[I], 1)
		to, tb, ti := &tc[O][q], &tc[B][q], &tc[I][q]
		e := &d.em[i][r]
		no, bo := best3(c0+(to[O]+wo[O]), c1+(tb[O]+wb[O]), c2+(ti[O]+wi[O]))
		nb, bb := best3(c0+(to[B]+wo[B]), c1+(tb[B]+wb[B]), c2+(ti[B]+wi[B]))
		ni, bi := best3(negInf, c1+(tb[I]+wb[I]), c2+(ti[I]+wi[I]))
		c0, c1, c2 = no+e[O], nb+e[B], ni+e[I]
		d.back[i] = [NumTags]uint8{bo, bb, bi}
	}
	backtrack(tags, [NumTags]int64{c0, c1, c2}, d.back)
	return tags
}

// best3 is Lattice.Viterbi's choice of the previous label: the first
// highest score (one is always a path's, above negInf).
func best3(so, sb, si int64) (int64, uint8) {
	best, bp := int64(math.MinInt64), uint8(0)
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
