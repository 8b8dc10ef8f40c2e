package classify

// A read-only hash table of lower-case words, probed with a word as
// written. Looking words up is most of what the tokenizer and the body's
// voice cost: a Go map needs the word lowered into a buffer first, and
// hashes and probes more than a table of a few thousand short keys does.
// The table reads a word eight bytes at a time, lowers those eight bytes at
// once, and tells from them whether the word has capitals or non-ASCII
// bytes: most words are read in one round.

// wordTable maps lower-case words to values of V. It is built once and
// only read afterwards.
type wordTable[V any] struct {
	// slots is open addressing with linear probing: 0 is an empty slot,
	// else bits 16–31 of the word's hash (a tag, apart from the top bits
	// that pick the slot) above its index in entries plus 1, so that a
	// word not listed is almost always ruled out without reading an entry.
	slots   []uint32
	entries []tableEntry[V]
	shift   uint // 64 - log2(len(slots))
}

type tableEntry[V any] struct {
	head uint64 // the key's first eight bytes, as wordKey reads them
	key  string
	val  V
}

// maxTableWords bounds a wordTable's words: an index takes 16 bits.
const maxTableWords = 1<<16 - 2

// newWordTable returns a table of the words of m.
func newWordTable[V any](m map[string]V) wordTable[V] {
	if len(m) > maxTableWords {
		panic("classify: too many words for a wordTable")
	}
	n, bits := 16, uint(4)
	for n < 4*len(m) { // a load of at most 1/4: probes are short
		n, bits = 2*n, bits+1
	}
	t := wordTable[V]{slots: make([]uint32, n), shift: 64 - bits}
	for k, v := range m {
		wk := readWordKey(k, 0, len(k))
		i := wk.hash >> t.shift
		for t.slots[i] != 0 {
			i = (i + 1) & uint64(n-1)
		}
		t.entries = append(t.entries, tableEntry[V]{head: wk.head, key: k, val: v})
		t.slots[i] = uint32(wk.hash)&0xffff0000 | uint32(len(t.entries))
	}
	return t
}

// wordKey is a word read for a look-up.
type wordKey struct {
	hash  uint64 // of the word with its ASCII letters lowered
	head  uint64 // its first eight bytes so lowered, little-endian, zero-padded
	upper bool   // the word has an ASCII capital
	ascii bool   // the word is all ASCII
}

// readWordKey reads the word s[i:j]. The bytes of s after j may be read
// (and masked off): a short word is one eight-byte load when s goes on.
func readWordKey(s string, i, j int) wordKey {
	wk := wordKey{hash: uint64(j-i) * 0x9e3779b97f4a7c15, ascii: true}
	for first := true; ; first = false {
		var x uint64
		n := j - i
		if i+8 <= len(s) {
			b := s[i : i+8]
			x = uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			if n < 8 {
				x &= 1<<(8*n) - 1
			}
		} else {
			for k := i; k < j && k < i+8; k++ {
				x |= uint64(s[k]) << (8 * (k - i))
			}
		}
		x, upper := lowerEight(x)
		wk.upper = wk.upper || upper
		wk.ascii = wk.ascii && x&0x8080808080808080 == 0
		wk.hash = mix64(wk.hash ^ x)
		if first {
			wk.head = x
		}
		if n <= 8 {
			return wk
		}
		i += 8
	}
}

// lowerEight lowers the ASCII capitals among the eight bytes of x, and
// reports whether there were any. Each byte's low seven bits plus 0x3f
// reach 0x80 from 'A' on, plus 0x25 from past 'Z' on, without carrying
// into the next byte.
func lowerEight(x uint64) (uint64, bool) {
	const low7, high = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	y := x & low7
	capital := (y + 0x3f3f3f3f3f3f3f3f) &^ (y + 0x2525252525252525) &^ x & high
	return x | capital>>2, capital != 0
}

// mix64 scrambles h so that every bit of it moves the bits that pick a
// slot and make a tag (the finaliser of splitmix64).
func mix64(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// get returns the value of w as a map would: only a key equal to w.
func (t *wordTable[V]) get(w string) (V, bool) {
	wk := readWordKey(w, 0, len(w))
	for i := t.first(wk); ; i = t.next(i) {
		e, ok := t.candidate(wk, i)
		if !ok {
			var zero V
			return zero, false
		}
		if e != nil && e.key == w {
			return e.val, true
		}
	}
}

// find returns the entry of the ASCII word w, read as wk, whose key is w
// lower-cased, or nil.
func (t *wordTable[V]) find(w string, wk wordKey) *tableEntry[V] {
	for i := t.first(wk); ; i = t.next(i) {
		e, ok := t.candidate(wk, i)
		if !ok {
			return nil
		}
		if e != nil && e.head == wk.head && len(e.key) == len(w) && (len(w) <= 8 || equalLowerASCII(w[8:], e.key[8:])) {
			return e
		}
	}
}

func (t *wordTable[V]) first(wk wordKey) uint64 { return wk.hash >> t.shift }

func (t *wordTable[V]) next(i uint64) uint64 { return (i + 1) & uint64(len(t.slots)-1) }

// candidate returns the entry at slot i if its tag is wk's (nil if not),
// and false at an empty slot, which ends the probe.
func (t *wordTable[V]) candidate(wk wordKey, i uint64) (*tableEntry[V], bool) {
	s := t.slots[i]
	switch {
	case s == 0:
		return nil, false
	case s&0xffff0000 != uint32(wk.hash)&0xffff0000:
		return nil, true
	}
	return &t.entries[s&0xffff-1], true
}

// equalLowerASCII reports whether the ASCII word w lower-cases to key.
func equalLowerASCII(w, key string) bool {
	if len(w) != len(key) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != key[i] {
			return false
		}
	}
	return true
}
