package models

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slantwire/slant/internal/testpages"
	"github.com/slantwire/slant/models/internal/features"
	"github.com/slantwire/slant/models/internal/linear"
)

// realSentences returns lines of real text: the classify fixtures, and the
// readability pages' expected content (tags turned into spaces) when the
// shared data folder is present. Many languages and scripts, so that words
// of one lexeme hash with different character n-grams ("über", "Über")
// meet.
func realSentences(tb testing.TB) []string {
	var texts []string
	files, _ := filepath.Glob("../classify/testdata/pages/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if len(texts) == 0 {
		tb.Fatal("no fixture pages in ../classify/testdata/pages")
	}
	tag := regexp.MustCompile(`<[^>]*>`)
	if pages, err := testpages.Load("../../shared/data/readability-pages/test-pages"); err == nil {
		for _, p := range pages {
			texts = append(texts, tag.ReplaceAllString(p.Expected, " "))
		}
	} else {
		tb.Logf("readability pages absent (%v): fixtures only", err)
	}
	var out []string
	for _, t := range texts {
		for line := range strings.Lines(t) {
			for len(line) > 0 {
				n := min(len(line), 600) // sentence-sized, cut anywhere (even inside a rune)
				out = append(out, line[:n])
				line = line[n:]
			}
		}
	}
	return out
}

// refScorer is ScoreWith without the per-word cache: the reference
// Encode, and every word's loaded-term score from its own features, as
// training computes them.
type refScorer struct {
	m *Models
}

func (r *refScorer) score(text string) (Scores, error) {
	m := r.m
	e, err := m.fz.Encode(text)
	if err != nil {
		return Scores{}, err
	}
	s := Scores{Subjectivity: math.NaN(), Bias: math.NaN()}
	var probs []float64
	cnt := 0
	for i, w := range e.Words {
		if !e.Candidate(i) {
			continue
		}
		var o ownScore
		for _, f := range m.fz.WordOwn(nil, e, i) {
			o.dot += float64(m.loaded.W[f.Index&uint32(len(m.loaded.W)-1)]) * float64(f.Value)
			o.ss += float64(f.Value) * float64(f.Value)
		}
		dot := o.dot
		for _, f := range m.fz.WordContext(nil, e, i) {
			dot += float64(m.loaded.W[f.Index&uint32(len(m.loaded.W)-1)]) * float64(f.Value)
		}
		z := float64(m.loaded.A)*(float64(m.loaded.Bias)+dot/math.Sqrt(o.ss+features.NumWordContext)) + float64(m.loaded.B)
		if z >= m.loadedLogit {
			cnt++
			s.Loaded = append(s.Loaded, Span{w.Start, w.End})
		}
		probs = append(probs, z)
	}
	slices.SortFunc(probs, func(a, b float64) int { return -cmp.Compare(a, b) })
	p1, p2 := 0.0, 0.0
	if len(probs) > 0 {
		p1 = linear.Sigmoid(probs[0])
	}
	if len(probs) > 1 {
		p2 = linear.Sigmoid(probs[1])
	}
	x := features.StackTop(m.fz.Sentence(nil, e), p1, p2, len(probs), cnt)
	s.Subjectivity, s.Bias = m.subj.Prob(x), m.bias.Prob(x)
	return s, nil
}

// TestScoreMatchesReference holds ScoreWith, its words from the per-word
// cache, to the reference on real text, bit for bit: with the cache at
// full size, and small enough to be emptied again and again.
func TestScoreMatchesReference(t *testing.T) {
	sents := realSentences(t)
	for _, wordCap := range []int{wordCacheSize, 300, 1} {
		t.Run(fmt.Sprintf("words%d", wordCap), func(t *testing.T) {
			m, err := Load()
			if err != nil {
				t.Fatal(err)
			}
			m.wordCap = wordCap
			ref := &refScorer{m: m}
			var sc Scratch
			n := len(sents)
			if wordCap < 1000 {
				n = min(n, 4000) // the reference tokenizes afresh
			}
			for _, text := range sents[:n] {
				got, err := m.ScoreWith(&sc, text)
				if err != nil {
					t.Fatal(err)
				}
				want, err := ref.score(text)
				if err != nil {
					t.Fatal(err)
				}
				if math.Float64bits(got.Subjectivity) != math.Float64bits(want.Subjectivity) ||
					math.Float64bits(got.Bias) != math.Float64bits(want.Bias) || !slices.Equal(got.Loaded, want.Loaded) {
					t.Fatalf("%q:\n got %+v\nwant %+v", text, got, want)
				}
				// the cached words are the reference's
				e, _ := m.fz.Encode(text)
				if len(e.Words) != len(sc.enc.Words) {
					t.Fatalf("%q: %d words, reference %d", text, len(sc.enc.Words), len(e.Words))
				}
				for i, w := range e.Words {
					c := sc.enc.Words[i]
					if c.Start != w.Start || c.End != w.End || !reflect.DeepEqual(*c.Lexeme, *w.Lexeme) {
						t.Fatalf("%q: word %d: cached %+v, reference %+v", text, i, c, w)
					}
				}
			}
			t.Logf("%d sentences", n)
		})
	}
}

// BenchmarkScorePages measures ScoreWith over the lines of the classify
// fixtures and, when present, the readability pages' content, one Scratch
// a page as classify has it; cpu-ns/op (user+system time) is the figure to
// compare on a shared machine (go test -run '^$' -bench ScorePages -cpu 1
// ./models).
func BenchmarkScorePages(b *testing.B) {
	m, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	sents := realSentences(b)
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		var sc Scratch
		for _, s := range sents {
			if _, err := m.ScoreWith(&sc, s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestWordEntryLayout keeps a cache entry in two cache lines and free of
// pointers: a cache of a hundred thousand words then costs the garbage
// collector no scanning (with pointers in them, the entries cost the HTML
// page set 5% more CPU).
func TestWordEntryLayout(t *testing.T) {
	if size := reflect.TypeFor[wordEntry]().Size(); size > 128 {
		t.Errorf("wordEntry is %d bytes, more than two cache lines", size)
	}
	var hasPointers func(reflect.Type) bool
	hasPointers = func(t reflect.Type) bool {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.String, reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
			return true
		case reflect.Array:
			return hasPointers(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				if hasPointers(t.Field(i).Type) {
					return true
				}
			}
		}
		return false
	}
	if hasPointers(reflect.TypeFor[wordEntry]()) {
		t.Error("wordEntry holds a pointer")
	}
}

// TestScoreConcurrent scores real text from several goroutines at once,
// for the race detector (go test -race): the word cache is shared.
func TestScoreConcurrent(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	sents := realSentences(t)
	if testing.Short() || raceEnabled {
		sents = sents[:min(len(sents), 3000)]
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sc Scratch
			for k := range sents {
				if _, err := m.ScoreWith(&sc, sents[(k+g*len(sents)/4)%len(sents)]); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestScoreIndependentOfHistory: a sentence scores the same whatever the
// Models scored before it. Words of one lexeme hash may differ in their
// character n-grams ("über", "Über"), and a cache keyed by the hash once
// gave every such word the score of whichever came first.
func TestScoreIndependentOfHistory(t *testing.T) {
	before := []string{"Das ist über alles wichtig, sagte er.", "Ein café, a CAFÉ and a Café."}
	for _, s := range []string{"Über alles: the minister's outrageous claim.", "The cafe was a disgrace, critics said."} {
		fresh, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		want, err := fresh.ScoreWith(&Scratch{}, s)
		if err != nil {
			t.Fatal(err)
		}
		seen, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range before {
			if _, err := seen.ScoreWith(&Scratch{}, b); err != nil {
				t.Fatal(err)
			}
		}
		got, err := seen.ScoreWith(&Scratch{}, s)
		if err != nil {
			t.Fatal(err)
		}
		if math.Float64bits(got.Subjectivity) != math.Float64bits(want.Subjectivity) || math.Float64bits(got.Bias) != math.Float64bits(want.Bias) {
			t.Errorf("%q after other sentences: %+v, on a fresh Models: %+v", s, got, want)
		}
	}
}
