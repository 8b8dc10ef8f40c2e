package classify

// A read-only hash table of lower-case words, probed with a word as
// written. Looking words up is most of what the tokenizer and the body's
// voice cost: a Go map needs the word lowered into a buffer first, and
// hashes and probes more than a table of a few thousand short keys does.

// wordTable maps lower-case words to values of V. It is built once and
// only read afterwards.
type wordTable[V any] struct {
	// slots is open addressing with linear probing: 0 is an empty slot,
	// else the top 16 bits of the word's hash above its index in keys
	// plus 1, so that a word not listed is almost always ruled out by the
	// tag without reading a key. The tag is the hash's bits 16–31, apart
	// from the top bits that pick the slot.
	slots []uint32
	keys  []string
	vals  []V
	shift uint // 64 - log2(len(slots)): a hash's top bits pick its first slot
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
		h := foldHash(k)
		i := h >> t.shift
		for t.slots[i] != 0 {
			i = (i + 1) & uint64(n-1)
		}
		t.keys = append(t.keys, k)
		t.vals = append(t.vals, v)
		t.slots[i] = uint32(h)&0xffff0000 | uint32(len(t.keys))
	}
	return t
}

// foldHash hashes w with each byte's 0x20 bit set: ASCII upper- and
// lower-case letters hash alike, so a capitalised word finds its
// lower-case key without being lowered. Other bytes that differ only in
// that bit collide, which the key comparison settles. It reads eight
// bytes at a time: most words take one round.
func foldHash(w string) uint64 {
	const fold = 0x2020202020202020
	h := uint64(len(w)) * 0x9e3779b97f4a7c15
	for ; len(w) >= 8; w = w[8:] {
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		h = mix64(h ^ (x | fold))
	}
	if len(w) > 0 {
		var x uint64
		for i := 0; i < len(w); i++ {
			x |= uint64(w[i]) << (8 * i)
		}
		h = mix64(h ^ (x | fold))
	}
	return h
}

// mix64 scrambles h so that every bit of it moves the top and middle bits
// that pick a slot and make a tag (the finaliser of splitmix64).
func mix64(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// get returns the value of w, which must be lower case, as a map would.
func (t *wordTable[V]) get(w string) (V, bool) {
	if k := t.find(w, false); k >= 0 {
		return t.vals[k], true
	}
	var zero V
	return zero, false
}

// find returns the index in keys of w, or -1. With fold, w is ASCII and
// matches the key it lower-cases to; without, w matches only itself.
func (t *wordTable[V]) find(w string, fold bool) int {
	h := foldHash(w)
	tag := uint32(h) & 0xffff0000
	mask := uint64(len(t.slots) - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if s&0xffff0000 != tag {
			continue
		}
		k := int(s&0xffff) - 1
		if key := t.keys[k]; key == w || fold && equalLowerASCII(w, key) {
			return k
		}
	}
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
