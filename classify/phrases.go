package classify

// A phrase matcher: one pass over a block's lower-cased text finds every
// phrase of every list the role rules look for inside a block, where a
// strings.Contains per phrase would scan the text once per phrase.

import (
	"unicode"
	"unicode/utf8"
)

// phraseGroup names a list of phrases; a scan reports each group found.
type phraseGroup uint8

// maxPhraseGroups bounds the groups of one matcher (bits of phraseHits.found).
const maxPhraseGroups = 16

// phraseHits is what a scan found: the groups with at least one phrase in
// the text, those with one at its very start, and for each group the byte
// offset where its last-starting phrase starts.
type phraseHits struct {
	found, first uint32
	lastStart    [maxPhraseGroups]int32
}

// has reports whether a phrase of group g occurs in the text: what a
// strings.Contains per phrase would report.
func (h *phraseHits) has(g phraseGroup) bool { return h.found&(1<<g) != 0 }

// prefix reports whether the text starts with a phrase of group g: what a
// strings.HasPrefix per phrase would report.
func (h *phraseHits) prefix(g phraseGroup) bool { return h.first&(1<<g) != 0 }

// hasFrom reports whether a phrase of group g starts at or after byte from:
// what a strings.Contains on text[from:] would report.
func (h *phraseHits) hasFrom(g phraseGroup, from int) bool {
	return h.has(g) && int(h.lastStart[g]) >= from
}

// phraseMatcher is an Aho–Corasick automaton compiled to a dense table over
// byte classes: the scan costs one table step per byte, however many
// phrases there are. It matches bytes exactly (as strings.Contains does),
// with no notion of word boundaries, in lower-cased text: its phrases are
// lower case, and scanLower reads an upper-case ASCII letter as its lower
// case. It is built once per lexicon and only read afterwards.
type phraseMatcher struct {
	class   [256]uint8 // byte → column of next; bytes no phrase has share column 0; A–Z as a–z
	columns int
	// next[row+class] is the row of the state after the byte, where a
	// state's row is its number times columns: the scan needs no
	// multiplication. The top bit (hasOut) marks a state some phrase ends
	// at, so the scan looks up outs only there.
	next []uint16
	// outs[state] lists the phrases that end at state (including those
	// ending at its suffixes), as the shortest phrase per group: the one
	// that starts last.
	outs [][]phraseOut
	// own[state] is the groups of the phrase that is state's whole string,
	// depth[state] that string's length: a phrase at the start of the text
	// is one of these, with its depth the bytes scanned.
	own   []uint32
	depth []int32
}

const hasOut = 1 << 15

type phraseOut struct {
	group phraseGroup
	len   int32
}

// newPhraseMatcher compiles the phrases of groups[g] as group g.
func newPhraseMatcher(groups [][]string) *phraseMatcher {
	if len(groups) > maxPhraseGroups {
		panic("classify: too many phrase groups")
	}
	m := &phraseMatcher{columns: 1}
	for _, list := range groups {
		for _, p := range list {
			for i := 0; i < len(p); i++ {
				if 'A' <= p[i] && p[i] <= 'Z' {
					panic("classify: upper case in phrase " + p)
				}
				if m.class[p[i]] == 0 {
					m.class[p[i]] = uint8(m.columns)
					m.columns++
				}
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	// The trie: goto edges, -1 where there is none.
	type node struct {
		edge  []int32
		outs  []phraseOut
		own   uint32
		depth int32
	}
	newNode := func() node {
		e := make([]int32, m.columns)
		for i := range e {
			e[i] = -1
		}
		return node{edge: e}
	}
	nodes := []node{newNode()}
	for g, list := range groups {
		for _, p := range list {
			s := int32(0)
			for i := 0; i < len(p); i++ {
				c := m.class[p[i]]
				if nodes[s].edge[c] < 0 {
					nodes[s].edge[c] = int32(len(nodes))
					n := newNode()
					n.depth = int32(i + 1)
					nodes = append(nodes, n)
				}
				s = nodes[s].edge[c]
			}
			nodes[s].outs = addOut(nodes[s].outs, phraseOut{phraseGroup(g), int32(len(p))})
			nodes[s].own |= 1 << g
		}
	}
	if len(nodes)*m.columns >= hasOut {
		panic("classify: phrase matcher too large")
	}
	// Breadth-first, fill in the missing edges from the failure links and
	// inherit the outputs of the longest proper suffix.
	m.next = make([]uint16, len(nodes)*m.columns)
	m.outs = make([][]phraseOut, len(nodes))
	m.own = make([]uint32, len(nodes))
	m.depth = make([]int32, len(nodes))
	for i, n := range nodes {
		m.own[i], m.depth[i] = n.own, n.depth
	}
	fail := make([]int32, len(nodes))
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		outs := nodes[s].outs
		if s != 0 {
			for _, o := range m.outs[fail[s]] {
				outs = addOut(outs, o)
			}
		}
		m.outs[s] = outs
		for c := 0; c < m.columns; c++ {
			t := nodes[s].edge[c]
			switch {
			case t >= 0:
				if s != 0 {
					fail[t] = int32(m.next[int(fail[s])*m.columns+c])
				}
				queue = append(queue, t)
			case s == 0:
				t = 0
			default:
				t = int32(m.next[int(fail[s])*m.columns+c])
			}
			m.next[int(s)*m.columns+c] = uint16(t)
		}
	}
	// State numbers to rows, flagged.
	for i, t := range m.next {
		row := t * uint16(m.columns)
		if len(m.outs[t]) > 0 {
			row |= hasOut
		}
		m.next[i] = row
	}
	return m
}

// addOut adds o to outs, keeping only the shortest phrase of each group:
// it starts last.
func addOut(outs []phraseOut, o phraseOut) []phraseOut {
	for i := range outs {
		if outs[i].group == o.group {
			outs[i].len = min(outs[i].len, o.len)
			return outs
		}
	}
	return append(outs, o)
}

// scan finds every phrase in text, which is lower case.
func (m *phraseMatcher) scan(text []byte) phraseHits {
	var h phraseHits
	row := 0
	for i, c := range text {
		v := m.next[row+int(m.class[c])]
		row = int(v &^ hasOut)
		if v&hasOut != 0 {
			m.record(&h, row, i)
		}
	}
	return h
}

// scanLower finds every phrase in strings.ToLower(s) without lower-casing
// s: ASCII letters are folded by the class table, and other runes are
// read as they are, which is what lower-casing leaves them if they have no
// lower case of their own. It reports false, having found nothing, if s
// has a rune that lower-casing changes (É) or an invalid byte: the caller
// lower-cases s and scans that instead.
//
// It also counts the words of s as countWords(s, limit) does: each table
// step waits on the load of the one before, and the count fits in that
// wait, where a pass of its own was as dear as the scan.
func (m *phraseMatcher) scanLower(s string, limit int) (h phraseHits, words int, ok bool) {
	limit = max(limit, 1) // countWords stops at the first word whatever the limit
	row, plain := 0, 0    // s[:plain] is known to be left as it is by lower-casing
	in := false           // inside a word
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			word := isASCIIAlnum(c)
			if word && !in && words < limit {
				words++
			}
			in = word || in && (c == '\'' || c == '-' || c == '.')
		} else if i >= plain {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || unicode.ToLower(r) != r {
				return phraseHits{}, 0, false
			}
			plain = i + size
			word := unicode.IsLetter(r) || unicode.IsDigit(r)
			if word && !in && words < limit {
				words++
			}
			in = word || in && r == '’'
		}
		v := m.next[row+int(m.class[c])]
		row = int(v &^ hasOut)
		if v&hasOut != 0 {
			m.record(&h, row, i)
		}
	}
	return h, words, true
}

// record adds the phrases that end at byte i, in the state of row, to h.
func (m *phraseMatcher) record(h *phraseHits, row, i int) {
	s := row / m.columns
	if int(m.depth[s]) == i+1 {
		h.first |= m.own[s]
	}
	for _, o := range m.outs[s] {
		h.found |= 1 << o.group
		h.lastStart[o.group] = max(h.lastStart[o.group], int32(i+1)-o.len)
	}
}

// appendLower appends strings.ToLower(s) to dst without allocating a
// string: ASCII byte by byte, other runes as strings.ToLower maps them
// (unicode.ToLower, and an invalid byte becomes U+FFFD), so the bytes and
// their offsets are exactly those of strings.ToLower.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += size
	}
	return dst
}
