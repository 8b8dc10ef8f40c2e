// Package report renders classify results for people: a full page report
// for `slant classify --format text` and a one-line verdict for streams.
//
// The report needs only the Result: block and span texts travel inside it.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/slantwire/slant/classify"
)

// Options control the rendering.
type Options struct {
	// Color highlights sources, cues and verdicts with ANSI escapes; leave it
	// off when the output is not a terminal.
	Color bool
	// Width wraps block text; 0 means 100 columns.
	Width int
}

// ANSI styles.
const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
)

type painter bool

func (p painter) paint(style, s string) string {
	if !p {
		return s
	}
	return style + s + reset
}

func (p painter) strength(s classify.Strength, text string) string {
	switch s {
	case classify.StrengthStrong:
		return p.paint(green, text)
	case classify.StrengthModerate:
		return p.paint(yellow, text)
	}
	return p.paint(red, text)
}

// Write renders the full report of res: the verdict, then every block with
// its kind and role and, in the article, its sources ⟦…⟧ and cues ‹…›
// marked in place, then the attributions with type and strength.
func Write(w io.Writer, res *classify.Result, opts Options) error {
	p := painter(opts.Color)
	width := opts.Width
	if width <= 0 {
		width = 100
	}
	var b strings.Builder
	title := res.ID
	if res.URL != "" {
		title += "  " + res.URL
	}
	fmt.Fprintf(&b, "%s\n", p.paint(bold, strings.TrimSpace(title)))
	v := res.Page
	s := v.Sourcing
	fmt.Fprintf(&b, "  genre      %s (opinion %.2f)", p.paint(bold, string(v.Genre)), v.OpinionScore)
	if len(v.GenreEvidence) > 0 {
		fmt.Fprintf(&b, "  evidence: %s", strings.Join(v.GenreEvidence, ", "))
	}
	fmt.Fprintf(&b, "\n  sourcing   %s %.2f, %d attributions, %.0f%% of body sentences attributed\n",
		p.paint(bold, string(s.Label)), s.Score, s.Attributions, 100*s.AttributedShare)
	if mix := counts(s.ByType); mix != "" {
		fmt.Fprintf(&b, "  sources    %s\n", mix)
	}
	if len(s.SecondhandFrom) > 0 {
		fmt.Fprintf(&b, "  second-hand from %s\n", p.paint(yellow, strings.Join(s.SecondhandFrom, ", ")))
	}

	bySentence := map[int][]classify.Attribution{}
	for _, a := range res.Attributions {
		bySentence[a.Sentence] = append(bySentence[a.Sentence], a)
	}
	byBlock := map[int][]classify.Attribution{}
	for si, sent := range res.Sentences {
		byBlock[sent.Block] = append(byBlock[sent.Block], bySentence[si]...)
	}
	b.WriteString("\nblocks\n")
	for i, blk := range res.Blocks {
		marker := " "
		if blk.Article {
			marker = "*"
		}
		label := fmt.Sprintf("%-11s %-14s", blk.Kind, blk.Role)
		switch blk.Kind {
		case classify.KindBoilerplate:
			label = p.paint(dim, label)
		case classify.KindOpinion:
			label = p.paint(cyan, label)
		}
		text := highlight(blk, byBlock[i], p)
		fmt.Fprintf(&b, "  %3d %s %s %s\n", i, marker, label, wrap(text, width, 36))
	}
	if len(res.Attributions) > 0 {
		b.WriteString("\nattributions\n")
		for _, a := range res.Attributions {
			src := a.Source.Text
			if a.Antecedent != nil {
				src += " → " + a.Antecedent.Text
			}
			verdict := fmt.Sprintf("%s, %s %.2f, %s", a.SourceType, a.Strength, a.Score, a.Quote)
			fmt.Fprintf(&b, "  s%-3d ⟦%s⟧ ‹%s› %s\n       %s\n", a.Sentence, p.paint(bold, src), a.Cue.Text,
				p.strength(a.Strength, "["+verdict+"]"), wrap(a.Content.Text, width, 7))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// highlight marks sources and cues inside the block's text.
func highlight(blk classify.Block, attrs []classify.Attribution, p painter) string {
	type mark struct {
		at   int
		text string
	}
	var marks []mark
	for _, a := range attrs {
		if a.Source.Start >= blk.Start && a.Source.End <= blk.End {
			marks = append(marks, mark{a.Source.Start, p.paint(bold, "⟦")}, mark{a.Source.End, p.paint(bold, "⟧")})
		}
		if a.Cue.Start >= blk.Start && a.Cue.End <= blk.End {
			marks = append(marks, mark{a.Cue.Start, "‹"}, mark{a.Cue.End, "›"})
		}
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].at < marks[j].at })
	var b strings.Builder
	prev := blk.Start
	for _, m := range marks {
		if m.at < prev {
			continue // overlapping spans: keep the first
		}
		b.WriteString(blk.Text[prev-blk.Start : m.at-blk.Start])
		b.WriteString(m.text)
		prev = m.at
	}
	b.WriteString(blk.Text[prev-blk.Start:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// wrap breaks text into lines of at most width columns, indenting
// continuation lines by indent spaces.
func wrap(text string, width, indent int) string {
	avail := width - indent
	if avail < 20 {
		avail = 20
	}
	var b strings.Builder
	col := 0
	for _, word := range strings.Fields(text) {
		n := len([]rune(word))
		if col > 0 && col+1+n > avail {
			b.WriteString("\n" + strings.Repeat(" ", indent))
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}

// counts renders the non-zero entries of a count map in a stable order.
func counts[K ~string](m map[K]int) string {
	keys := make([]string, 0, len(m))
	for k, n := range m {
		if n > 0 {
			keys = append(keys, string(k))
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[K(k)])
	}
	return strings.Join(parts, ", ")
}

// Summary is a one-line verdict of a result, for streams of results.
func Summary(r *classify.Result) string {
	s := r.Page.Sourcing
	var b strings.Builder
	fmt.Fprintf(&b, "%-24s genre=%s opinion=%.2f sourcing=%s/%.2f attributions=%d", r.ID, r.Page.Genre,
		r.Page.OpinionScore, s.Label, s.Score, s.Attributions)
	if mix := counts(s.ByType); mix != "" {
		fmt.Fprintf(&b, " [%s]", mix)
	}
	if len(s.SecondhandFrom) > 0 {
		fmt.Fprintf(&b, " secondhand=%s", strings.Join(s.SecondhandFrom, ","))
	}
	return b.String()
}
