package htmlreport

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slantwire/slant/classify"
)

// result is a slant/v1 result as the report reads it: the schema's types,
// plus fields that newer engines add (cue_kind, more_content). Decoding
// from JSON rather than using classify.Result directly lets the report show
// such fields when a result carries them, whichever engine wrote it.
type result struct {
	classify.Result
	Attributions []attribution `json:"attributions"`
}

// attribution adds the optional fields of newer engines to the schema's.
type attribution struct {
	classify.Attribution
	CueKind     string          `json:"cue_kind,omitempty"`
	MoreContent []classify.Span `json:"more_content,omitempty"`
}

func decode(data []byte) (*result, error) {
	var r result
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("htmlreport: decoding result: %w", err)
	}
	return &r, nil
}

// node is one element of a block's annotated text: a run of text (Tag
// empty) or a span with classes and children. The template turns it into
// markup, escaping every string.
type node struct {
	Text     string
	Tag      bool
	Class    string
	ID       string
	Tip      string // tooltip text; makes the span focusable
	Describe string // id of the element that describes the span
	Attr     int    // 1-based attribution number, 0 for none
	Badge    string // a visible text label after the span
	BadgeCls string // the badge's class (its strength)
	Href     string // the badge links here (a fragment of this document)
	Children []node
}

// mark is an annotation of a byte range of the page text.
type mark struct {
	start, end int
	prio       int // nesting order for equal ranges: lower is outer
	proto      node
	cont       bool // a continuation after a split: no id, badge or tooltip
}

// Nesting priorities.
const (
	prioSentence = iota
	prioContent
	prioAntecedent
	prioSource
	prioCue
	prioLoaded
)

// nest turns marks over [start, end) into a tree, splitting a mark that
// crosses the end of an enclosing one, and fills the text between marks
// from text (which covers [start, end)).
func nest(text string, start, end int, marks []mark) []node {
	type tree struct {
		m        mark
		children []*tree
	}
	root := &tree{m: mark{start: start, end: end}}
	less := func(a, b mark) bool {
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return a.prio < b.prio
	}
	var queue []mark
	for _, m := range marks {
		m.start, m.end = max(m.start, start), min(m.end, end)
		if m.start < m.end {
			queue = append(queue, m)
		}
	}
	sort.SliceStable(queue, func(i, j int) bool { return less(queue[i], queue[j]) })
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		p := root
		for len(p.children) > 0 {
			last := p.children[len(p.children)-1]
			if last.m.end <= m.start {
				break
			}
			p = last
		}
		if m.end > p.m.end {
			rest := m
			rest.start, rest.cont = p.m.end, true
			m.end = p.m.end
			i := sort.Search(len(queue), func(i int) bool { return less(rest, queue[i]) })
			queue = append(queue[:i], append([]mark{rest}, queue[i:]...)...)
		}
		p.children = append(p.children, &tree{m: m})
	}
	slice := func(a, b int) string {
		return strings.ToValidUTF8(text[a-start:b-start], "\uFFFD")
	}
	var build func(t *tree) []node
	build = func(t *tree) []node {
		var out []node
		at := t.m.start
		for _, c := range t.children {
			if c.m.start > at {
				out = append(out, node{Text: slice(at, c.m.start)})
			}
			n := c.m.proto
			n.Tag = true
			if c.m.cont {
				n.ID, n.Badge, n.Href = "", "", ""
			}
			n.Children = build(c)
			out = append(out, n)
			at = c.m.end
		}
		if at < t.m.end {
			out = append(out, node{Text: slice(at, t.m.end)})
		}
		return out
	}
	return build(root)
}

// blockView is one block as the template shows it.
type blockView struct {
	Index   int
	Kind    string
	Role    string
	Article bool
	Opinion string // the block's opinion score, formatted
	Nodes   []node
}

// attrView is one attribution of the list beside the text.
type attrView struct {
	N          int
	Source     string
	Chain      string // resolution chain: "the outlet → Reuters"
	Cue        string
	CueKind    string
	Content    string
	More       []string
	Type       string
	Strength   string
	Quote      string
	Score      string
	Tip        string
	Shown      bool // its source is marked in the rendered text
	SourceHref string
}

// countView is one row of a count table.
type countView struct {
	Name  string
	Count int
	Class string
}

// view is everything the report template reads.
type view struct {
	Title         string
	ID, URL, Site string
	Model         string
	Genre         string
	Opinion       string
	Evidence      []string
	Sourcing      string
	SourcingScore string
	Attributions  int
	Share         string
	ByType        []countView
	ByStrength    []countView
	Secondhand    []string
	Blocks        []blockView
	Attrs         []attrView
	Hidden        int // blocks not rendered, over the size limit
	HiddenBytes   int
	HiddenAttrs   int // attributions of the part not rendered, not listed
	Nav           []Link
	Alerts        []Alert
}

func label(s string) string { return strings.ReplaceAll(s, "_", " ") }

func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// chain follows an attribution's antecedent through the sources of other
// attributions: "They" → "an American official"; "the outlet" → "Reuters".
func chain(attrs []attribution, i int) []string {
	out := []string{attrs[i].Source.Text}
	seen := map[int]bool{i: true}
	a := attrs[i]
	for a.Antecedent != nil && len(out) < 8 {
		out = append(out, a.Antecedent.Text)
		next := -1
		for j, b := range attrs {
			if !seen[j] && b.Source.Start == a.Antecedent.Start && b.Source.End == a.Antecedent.End {
				next = j
				break
			}
		}
		if next < 0 {
			break
		}
		seen[next] = true
		a = attrs[next]
	}
	return out
}

// tip is the tooltip of an attribution's source.
func tip(a attribution, ch []string) string {
	parts := []string{label(string(a.SourceType)), string(a.Strength) + " " + f2(a.Score), string(a.Quote) + " quote"}
	if a.CueKind != "" {
		parts = append(parts, "cue: "+label(a.CueKind))
	}
	if len(ch) > 1 {
		parts = append(parts, strings.Join(ch, " → "))
	}
	return strings.Join(parts, " · ")
}

func subjBucket(v float64) int {
	b := int(v * 5)
	return min(max(b, 0), 4)
}

// build makes the view of r, rendering blocks until maxText bytes of page
// text have been shown.
func build(r *result, o Options) *view {
	v := &view{
		ID: r.ID, URL: r.URL, Site: r.Site, Model: r.Model,
		Genre: string(r.Page.Genre), Opinion: f2(r.Page.OpinionScore),
		Evidence: r.Page.GenreEvidence,
		Sourcing: string(r.Page.Sourcing.Label), SourcingScore: f2(r.Page.Sourcing.Score),
		Attributions: r.Page.Sourcing.Attributions,
		Share:        strconv.FormatFloat(100*r.Page.Sourcing.AttributedShare, 'f', 0, 64) + "%",
		Secondhand:   r.Page.Sourcing.SecondhandFrom,
		Nav:          o.Nav,
		Alerts:       o.Alerts,
	}
	for _, t := range classify.SourceTypes() {
		v.ByType = append(v.ByType, countView{Name: label(string(t)), Count: r.Page.Sourcing.ByType[t]})
	}
	for _, s := range classify.Strengths() {
		v.ByStrength = append(v.ByStrength, countView{Name: string(s), Count: r.Page.Sourcing.ByStrength[s], Class: "str-" + string(s)})
	}
	v.Title = r.ID
	for _, b := range r.Blocks {
		if b.Role == classify.RoleHeadline {
			v.Title = b.Text
			break
		}
	}
	if v.Title == "" {
		v.Title = "untitled page"
	}

	// Marks by block: sentences and loaded terms by their block, attribution
	// spans by the block that holds them.
	blockOf := func(s classify.Span) int {
		i := sort.Search(len(r.Blocks), func(i int) bool { return r.Blocks[i].End > s.Start })
		if i < len(r.Blocks) && r.Blocks[i].Start <= s.Start && s.End <= r.Blocks[i].End && s.Start < s.End {
			return i
		}
		return -1
	}
	marks := make([][]mark, len(r.Blocks))
	add := func(s classify.Span, m mark) {
		if b := blockOf(s); b >= 0 {
			m.start, m.end = s.Start, s.End
			marks[b] = append(marks[b], m)
		}
	}
	for _, s := range r.Sentences {
		cls := "sent subj-" + strconv.Itoa(subjBucket(s.Subjectivity))
		badge := ""
		if s.Subjective {
			cls += " subjective"
			badge = "subjective " + f2(s.Subjectivity)
		}
		add(classify.Span{Start: s.Start, End: s.End}, mark{prio: prioSentence, proto: node{Class: cls, Badge: badge}})
		for _, t := range s.LoadedTerms {
			add(t, mark{prio: prioLoaded, proto: node{Class: "loaded", Tip: "loaded term"}})
		}
	}
	for i, a := range r.Attributions {
		n := i + 1
		ns := strconv.Itoa(n)
		ch := chain(r.Attributions, i)
		t := tip(a, ch)
		str := string(a.Strength)
		add(a.Content, mark{prio: prioContent, proto: node{Class: "content q-" + string(a.Quote), ID: "content-" + ns, Attr: n}})
		for _, m := range a.MoreContent {
			add(m, mark{prio: prioContent, proto: node{Class: "content more q-" + string(a.Quote), Attr: n}})
		}
		if a.Antecedent != nil {
			add(*a.Antecedent, mark{prio: prioAntecedent, proto: node{Class: "ante", Attr: n, Tip: "antecedent of source " + ns + " (" + a.Source.Text + ")"}})
		}
		add(a.Source, mark{prio: prioSource, proto: node{Class: "src str-" + str, ID: "src-" + ns, Tip: t,
			Describe: "attr-" + ns, Attr: n, Badge: ns + " " + str, BadgeCls: "str-" + str, Href: "#attr-" + ns}})
		add(a.Cue, mark{prio: prioCue, proto: node{Class: "cue", ID: "cue-" + ns, Attr: n}})
		av := attrView{
			N: n, Source: a.Source.Text, Cue: a.Cue.Text, CueKind: label(a.CueKind), Content: a.Content.Text,
			Type: label(string(a.SourceType)), Strength: str, Quote: string(a.Quote), Score: f2(a.Score), Tip: t,
			SourceHref: "#src-" + ns,
		}
		if len(ch) > 1 {
			av.Chain = strings.Join(ch, " → ")
		}
		for _, m := range a.MoreContent {
			av.More = append(av.More, m.Text)
		}
		v.Attrs = append(v.Attrs, av)
	}

	shown := 0
	for i, b := range r.Blocks {
		if shown+len(b.Text) > o.maxText() && i > 0 {
			v.Hidden = len(r.Blocks) - i
			for _, rest := range r.Blocks[i:] {
				v.HiddenBytes += len(rest.Text)
			}
			break
		}
		shown += len(b.Text)
		text := b.Text
		if len(text) != b.End-b.Start || !utf8.ValidString(text) {
			// A block whose text does not match its span cannot be
			// annotated by offsets: show it plain.
			marks[i] = nil
			text = strings.ToValidUTF8(text, "\uFFFD")
		}
		bv := blockView{Index: i, Kind: string(b.Kind), Role: label(string(b.Role)), Article: b.Article, Opinion: f2(b.OpinionScore)}
		if len(text) > o.maxText() {
			text = strings.ToValidUTF8(text[:o.maxText()], "")
			v.HiddenBytes += len(b.Text) - len(text)
			marks[i] = nil
		}
		if marks[i] == nil {
			bv.Nodes = []node{{Text: text}}
		} else {
			bv.Nodes = nest(text, b.Start, b.End, marks[i])
		}
		for _, m := range marks[i] {
			if m.proto.Attr > 0 && strings.HasPrefix(m.proto.ID, "src-") {
				v.Attrs[m.proto.Attr-1].Shown = true
			}
		}
		v.Blocks = append(v.Blocks, bv)
	}
	if v.Hidden > 0 {
		// List only the attributions of the part shown, so that the list
		// is bounded by the same limit as the text.
		end := r.Blocks[len(r.Blocks)-v.Hidden].Start
		kept := v.Attrs[:0]
		for i, a := range v.Attrs {
			if r.Attributions[i].Source.Start < end {
				kept = append(kept, a)
			}
		}
		v.HiddenAttrs = len(v.Attrs) - len(kept)
		v.Attrs = kept
	}
	return v
}
