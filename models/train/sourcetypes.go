package train

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slantwire/slant/models"
)

// sourceTypeLabels are our own source-type labels of PolNeAR attribution
// sources: every Source span of every dev article (one annotator's file per
// article, the first in name order, as readPolNEAR reads them). Only the
// article names, the spans' code-point offsets, the span text (at most 120
// characters) and the labels are here; the texts stay in the shared data
// folder. See models/README.md, "Source types (labelled dev set)".
//
//go:embed polnear-sourcetypes.tsv
var sourceTypeLabels string

// SourceTypeLabelNames are the labels the source-type set uses: classify's
// eight SourceTypes in their order, then "writer" (the piece's own author,
// "I" or "we" in an op-ed or a letter: not an attribution the product
// grades) and "none" (the span is not a source: an annotation error, an
// event, a figure of speech).
func SourceTypeLabelNames() []string {
	return []string{
		"named_person", "named_organization", "media_outlet", "document",
		"unnamed_official", "unnamed_person", "unnamed_group", "anonymous",
		"writer", "none",
	}
}

// MaxSourceTypeSpan is the most characters of a span's text the labels keep.
const MaxSourceTypeSpan = 120

// SourceTypeLabel is one labelled Source span.
type SourceTypeLabel struct {
	Split, Name string
	// Start and End are the span's offsets in Unicode code points into
	// polnear/<Split>/text/<Name>.txt, exactly as in the .ann file.
	Start, End int
	// Source is the span's text with tabs, carriage returns and newlines
	// replaced by spaces, cut to MaxSourceTypeSpan characters.
	Source string
	Type   string
	// Note is empty for an obvious call; otherwise the antecedent of a
	// pronoun ("he → Trump") or the reason for a hard call.
	Note string
}

// ReadSourceTypeLabels parses the embedded labels.
func ReadSourceTypeLabels() ([]SourceTypeLabel, error) {
	var out []SourceTypeLabel
	// Only the final newline is cut: a row with an empty note ends in a tab.
	for i, line := range strings.Split(strings.TrimRight(sourceTypeLabels, "\r\n"), "\n") {
		if i == 0 {
			continue // header
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 7 {
			return nil, fmt.Errorf("source type labels line %d: %d columns, want 7", i+1, len(cols))
		}
		start, err1 := strconv.Atoi(cols[2])
		end, err2 := strconv.Atoi(cols[3])
		if err1 != nil || err2 != nil || start < 0 || start >= end {
			return nil, fmt.Errorf("source type labels line %d: bad span %q %q", i+1, cols[2], cols[3])
		}
		l := SourceTypeLabel{Split: cols[0], Name: cols[1], Start: start, End: end, Source: cols[4], Type: cols[5], Note: cols[6]}
		if !slices.Contains(SourceTypeLabelNames(), l.Type) {
			return nil, fmt.Errorf("source type labels line %d: unknown type %q", i+1, l.Type)
		}
		out = append(out, l)
	}
	return out, nil
}

// sourceTypesByArticle returns the labelled sources of each dev article
// that have a source type (not "writer" or "none"); none when measuring on
// the train hold-out, which is not labelled.
func sourceTypesByArticle(holdOut bool) (map[string][]SourceTypeLabel, error) {
	out := map[string][]SourceTypeLabel{}
	if holdOut {
		return out, nil
	}
	labels, err := ReadSourceTypeLabels()
	if err != nil {
		return nil, err
	}
	for _, l := range labels {
		if l.Type != "writer" && l.Type != "none" {
			out[l.Name] = append(out[l.Name], l)
		}
	}
	return out, nil
}

// typeScores compares a system's source types with the labels on the
// sources it found with exactly the labelled span.
type typeScores struct {
	labelled, matched, correct int
	confused                   map[[2]string]int // label, predicted
}

func (t *typeScores) add(text string, labels []SourceTypeLabel, pred Page) {
	byteAt := runeOffsets(text)
	types := map[models.Span]string{}
	for i, sp := range pred.Spans[models.RoleSource] {
		if i < len(pred.SourceTypes) {
			types[sp] = pred.SourceTypes[i]
		}
	}
	for _, l := range labels {
		if l.End >= len(byteAt) {
			continue
		}
		t.labelled++
		got, ok := types[models.Span{Start: byteAt[l.Start], End: byteAt[l.End]}]
		if !ok {
			continue
		}
		t.matched++
		if got == l.Type {
			t.correct++
			continue
		}
		if t.confused == nil {
			t.confused = map[[2]string]int{}
		}
		t.confused[[2]string{l.Type, got}]++
	}
}

func (t *typeScores) accuracy() float64 {
	if t.matched == 0 {
		return 0
	}
	return float64(t.correct) / float64(t.matched)
}

// confusions lists the three most frequent confusions, "label→predicted n".
func (t *typeScores) confusions() string {
	type pair struct {
		k [2]string
		n int
	}
	var ps []pair
	for k, n := range t.confused {
		ps = append(ps, pair{k, n})
	}
	slices.SortFunc(ps, func(a, b pair) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.k[0]+a.k[1], b.k[0]+b.k[1])
	})
	var parts []string
	for _, p := range ps[:min(3, len(ps))] {
		parts = append(parts, fmt.Sprintf("%s→%s %d", p.k[0], p.k[1], p.n))
	}
	return "most confused: " + strings.Join(parts, ", ")
}
