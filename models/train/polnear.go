package train

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slantwire/slant/models"
	"github.com/slantwire/slant/models/internal/tagging"
)

// article is one PolNeAR article with its gold spans as byte offsets.
type article struct {
	Name string
	Text string
	Gold [models.NumRoles][]models.Span
}

// PolNeARHoldOut reports the PolNeAR train articles held out for choices
// about the attribution engine: a fifth of them, by a hash of the name.
func PolNeARHoldOut(name string) bool {
	h := fnv.New32a()
	h.Write([]byte(name))
	return h.Sum32()%5 == 0
}

// readPolNEAR reads a PolNeAR split (train or dev). Offsets in the .ann files
// are Unicode code points; they are converted to bytes. An article with two
// annotators' files uses the first in name order (one reading per article, so
// no article counts twice). A discontinuous span ("315 448;463 553") counts
// as its fragments.
func readPolNEAR(data, split string, limit int) ([]article, error) {
	dir := filepath.Join(data, "polnear", split)
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("polnear: %w", err)
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("polnear: no .ann files in %s: %w", dir, fs.ErrNotExist)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var out []article
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		name := base[:strings.LastIndexByte(base, '_')]
		if seen[name] {
			continue
		}
		seen[name] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		a := article{Name: name, Text: string(raw)}
		byteAt := runeOffsets(a.Text)
		f, err := os.Open(ann)
		if err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			cols := strings.SplitN(sc.Text(), "\t", 3)
			if len(cols) < 2 || !strings.HasPrefix(cols[0], "T") {
				continue
			}
			kind, ranges, _ := strings.Cut(cols[1], " ")
			role := -1
			for r := range models.NumRoles {
				if kind == tagging.RoleName(r) {
					role = r
				}
			}
			if role < 0 {
				continue
			}
			for _, frag := range strings.Split(ranges, ";") {
				s, e, ok := strings.Cut(frag, " ")
				si, err1 := strconv.Atoi(s)
				ei, err2 := strconv.Atoi(e)
				if !ok || err1 != nil || err2 != nil || si < 0 || ei > len(byteAt)-1 || si >= ei {
					f.Close()
					return nil, fmt.Errorf("polnear %s: bad span %q", ann, cols[1])
				}
				a.Gold[role] = append(a.Gold[role], models.Span{Start: byteAt[si], End: byteAt[ei]})
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("polnear %s: %w", ann, err)
		}
		out = append(out, a)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, nil
}

// runeOffsets maps code-point index → byte offset, with one entry past the
// end.
func runeOffsets(s string) []int {
	out := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// goldTags labels words B/I/O for one role: a word is inside a span when it
// overlaps it; the first word of each span is B.
func goldTags(ws []tagging.Word, spans []models.Span) []int {
	tags := make([]int, len(ws))
	for _, sp := range spans {
		first := true
		for i, w := range ws {
			if w.End <= sp.Start || w.Start >= sp.End {
				continue
			}
			if first {
				tags[i] = tagging.B
				first = false
			} else if tags[i] == tagging.O {
				tags[i] = tagging.I
			}
		}
	}
	return tags
}

// tagConfig are the tagger's training parameters.
type tagConfig struct {
	bits   uint8
	epochs int
	seed   uint64
	flags  uint8 // tagging.FlagRich, FlagCue, FlagViterbi
}

// tagParams of the averaged perceptron.
var tagParams = tagConfig{bits: 16, epochs: 8, seed: 4, flags: tagging.FlagRich | tagging.FlagCue | tagging.FlagViterbi}

// trainTagger fits one averaged perceptron per role with tagParams.
func trainTagger(ctx context.Context, arts []article) (*tagging.Tagger, error) {
	return trainTaggerWith(ctx, arts, tagParams)
}

// trainTaggerWith fits the cue tagger, then the source and content taggers,
// with FlagCue on features of the cue spans the cue tagger predicts on the
// training articles themselves. Out-of-fold (jackknifed) cue predictions,
// closer to test conditions, scored the same or worse on held-out slices
// of train and trained three times slower (models/README.md).
func trainTaggerWith(ctx context.Context, arts []article, cfg tagConfig) (*tagging.Tagger, error) {
	t := &tagging.Tagger{Bits: cfg.bits, Flags: cfg.flags}
	split := tagging.NewSplitter()
	words := make([][]tagging.Word, len(arts))
	for i, a := range arts {
		words[i] = split.Words(a.Text)
	}
	rels := make([][]tagging.CueRel, len(arts))
	var err error
	if t.W[tagging.RoleCue], err = trainRole(ctx, cfg, tagging.RoleCue, arts, words, rels); err != nil {
		return nil, err
	}
	if cfg.flags&tagging.FlagCue != 0 {
		for i := range arts {
			rels[i] = tagging.CueRelations(nil, words[i], t.Decode(words[i], tagging.RoleCue, nil, nil))
		}
	}
	for _, r := range []int{tagging.RoleSource, tagging.RoleContent} {
		if t.W[r], err = trainRole(ctx, cfg, r, arts, words, rels); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// trainRole fits role r's averaged perceptron on the articles,
// in a fixed-seed shuffled order each epoch. Greedy: per word, with the
// gold previous label as history (training on its own predictions fell to
// 0.45/0.60/0.15 exact F1 on dev). Viterbi: Collins' structured perceptron
// over segments that end at sentence boundaries outside gold spans.
func trainRole(ctx context.Context, cfg tagConfig, r int, arts []article, words [][]tagging.Word, rels [][]tagging.CueRel) ([]float32, error) {
	const numTags = tagging.NumTags
	n := numTags << cfg.bits
	mask := uint32(1)<<cfg.bits - 1
	w := make([]float64, n)
	total := make([]float64, n) // Σ over steps of w, kept lazily
	stamp := make([]int, n)
	step := 1
	update := func(fs []uint32, y int, d float64) {
		for _, f := range fs {
			j := int(f&mask)*numTags + y
			total[j] += float64(step-stamp[j]) * w[j]
			stamp[j] = step
			w[j] += d
		}
	}
	viterbi := (&tagging.Tagger{Flags: cfg.flags}).Viterbi(r)
	// Emission features are fixed per word: computed once.
	type seq struct {
		em   [][]uint32
		gold []int
		segs []int // segment starts, then len
	}
	seqs := make([]seq, len(arts))
	for di, ws := range words {
		var rel []tagging.CueRel
		if cfg.flags&tagging.FlagCue != 0 && r != tagging.RoleCue {
			rel = rels[di]
		}
		sq := seq{em: make([][]uint32, len(ws)), gold: goldTags(ws, arts[di].Gold[r])}
		var buf []uint32
		ends := make([]int, len(ws))
		for i := range ws {
			buf = tagging.Emission(buf, cfg.flags, ws, rel, i)
			ends[i] = len(buf)
		}
		for i := range ws {
			s := 0
			if i > 0 {
				s = ends[i-1]
			}
			sq.em[i] = buf[s:ends[i]:ends[i]]
			if i == 0 || ws[i].SentenceStart() {
				sq.segs = append(sq.segs, i)
			}
		}
		sq.segs = append(sq.segs, len(ws))
		seqs[di] = sq
	}
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.seed, uint64(r)))
	var fs []uint32
	var lat tagging.Lattice
	var pred []int
	for range cfg.epochs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, di := range order {
			ws, sq := words[di], &seqs[di]
			if !viterbi {
				prev := tagging.O
				for i := range ws {
					fs = append(fs[:0], sq.em[i]...)
					fs = tagging.Transition(fs, ws, i, prev)
					var s [numTags]float64
					tagging.Scores(&s, w, mask, fs)
					best := 0
					for y := 1; y < numTags; y++ {
						if s[y] > s[best] {
							best = y
						}
					}
					if g := sq.gold[i]; best != g {
						update(fs, g, 1)
						update(fs, best, -1)
					}
					step++
					prev = sq.gold[i]
				}
				continue
			}
			for k := 0; k+1 < len(sq.segs); k++ {
				a, b := sq.segs[k], sq.segs[k+1]
				lat.Reset(b - a)
				if a > 0 {
					lat.Start = sq.gold[a-1]
				}
				for i := a; i < b; i++ {
					tagging.Scores(&lat.E[i-a], w, mask, sq.em[i])
					for p := range numTags {
						if i == a && p != lat.Start {
							continue
						}
						fs = tagging.Transition(fs[:0], ws, i, p)
						tagging.Scores(&lat.T[i-a][p], w, mask, fs)
					}
				}
				pred = lat.Viterbi(pred)
				gold := sq.gold[a:b]
				for i := a; i < b; i++ {
					g, y := gold[i-a], pred[i-a]
					if g != y {
						update(sq.em[i], g, 1)
						update(sq.em[i], y, -1)
					}
					gp, yp := lat.Start, lat.Start
					if i > a {
						gp, yp = gold[i-a-1], pred[i-a-1]
					}
					if g != y || gp != yp {
						fs = tagging.Transition(fs[:0], ws, i, gp)
						update(fs, g, 1)
						fs = tagging.Transition(fs[:0], ws, i, yp)
						update(fs, y, -1)
					}
				}
				step++
			}
		}
	}
	out := make([]float32, n)
	for j := range w {
		total[j] += float64(step-stamp[j]) * w[j]
		out[j] = float32(total[j] / float64(step))
	}
	return out, nil
}

// spanScores compares predicted spans with gold ones: exact-span matches and
// word-level overlap.
type spanScores struct {
	exact   confusion // tp = predicted spans that match a gold span exactly
	overlap confusion // words inside predicted vs gold spans
}

func (s *spanScores) add(ws []tagging.Word, pred, gold []models.Span) {
	g := map[models.Span]bool{}
	for _, sp := range gold {
		g[sp] = true
	}
	p := map[models.Span]bool{}
	for _, sp := range pred {
		p[sp] = true
	}
	for sp := range p {
		if g[sp] {
			s.exact.tp++
		} else {
			s.exact.fp++
		}
	}
	for sp := range g {
		if !p[sp] {
			s.exact.fn++
		}
	}
	inside := func(spans []models.Span, w tagging.Word) bool {
		for _, sp := range spans {
			if w.Start < sp.End && sp.Start < w.End {
				return true
			}
		}
		return false
	}
	for _, w := range ws {
		s.overlap.add(inside(pred, w), inside(gold, w))
	}
}
