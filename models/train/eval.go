package train

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/slantwire/slant/models"
	"github.com/slantwire/slant/models/internal/features"
	"github.com/slantwire/slant/models/internal/tagging"
)

// Row is one figure of the evaluation.
type Row struct {
	Task, Data string
	N          int
	Metric     string
	Value      float64
	Target     float64 // 0: no target
	Detail     string
}

// SentenceScorer scores one sentence's subjectivity as the product does
// (classify.Classifier.SentenceSubjectivity: rules blended with the model).
type SentenceScorer func(text string) (float64, error)

// Page is what a system reports of one article: its attribution spans and,
// for systems that judge whole pages, its genre.
type Page struct {
	Spans [models.NumRoles][]models.Span
	// SourceTypes, when set, are the types of Spans[RoleSource], in order;
	// CueKinds the kinds of Spans[RoleCue].
	SourceTypes, CueKinds []string
	Genre                 string
	// Score is the article's opinion score and MaxParagraph its highest
	// paragraph's, which the verdict thresholds apply to. Fixed says no
	// threshold changes the genre: no article was found, or page structure
	// (an "Opinion" label) made it opinion.
	Score, MaxParagraph float64
	Fixed               bool
}

// PageReader reads one article (classify with and without models, for
// comparison with the tagger and with the labels).
type PageReader func(ctx context.Context, text string) (Page, error)

// System is a named PageReader. Genre says whether its Page.Genre is a
// verdict to measure.
type System struct {
	Name  string
	Read  PageReader
	Genre bool
}

// Evaluate measures m on the development data: subjectivity on CheckThat
// dev, bias and loaded terms on BABE's held-out fold; when product is not
// nil, the product's blended subjectivity too. The training data is never
// read here except for the BABE file's held-out fold.
func Evaluate(ctx context.Context, m *models.Models, product SentenceScorer, systems []System, cfg Config) ([]Row, error) {
	var rows []Row
	dev, err := readCheckThat(checkthatPath(cfg.Data, "dev"), cfg.Limit)
	if err != nil {
		return nil, err
	}
	var c, pc confusion
	var ss, bs []float64 // model scores, for AUC rows
	for i, e := range dev {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		s, err := m.Score(e.Text)
		if err != nil {
			return nil, err
		}
		c.add(s.Subjectivity >= 0.5, e.Label)
		ss = append(ss, s.Subjectivity)
		if product != nil {
			p, err := product(e.Text)
			if err != nil {
				return nil, err
			}
			pc.add(p >= 0.5, e.Label)
		}
	}
	rows = append(rows, Row{"subjectivity (model)", "CheckThat dev", len(dev), "macro-F1", c.macroF1(), 0.75,
		fmt.Sprintf("SUBJ F1 %.3f, OBJ F1 %.3f", c.posF1(), f1(c.tn, c.fn, c.fp))})
	if product != nil {
		rows = append(rows, Row{"subjectivity (classify)", "CheckThat dev", len(dev), "macro-F1", pc.macroF1(), 0.75,
			fmt.Sprintf("rules+model blend; SUBJ F1 %.3f, OBJ F1 %.3f", pc.posF1(), f1(pc.tn, pc.fn, pc.fp))})
	}

	babe, err := readBABE(babePath(cfg.Data), cfg.Limit)
	if err != nil {
		return nil, err
	}
	// the words the loaded-term model scores: the candidates of the same
	// featurizer (Parse always builds it on the embedded vocabulary)
	fz, err := features.Default()
	if err != nil {
		return nil, err
	}
	var bc, wc confusion
	n := 0
	for _, e := range babe {
		if !e.HeldOut || !e.Gradable {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n++
		s, err := m.Score(e.Text)
		if err != nil {
			return nil, err
		}
		bc.add(s.Bias >= 0.5, e.Label)
		bs = append(bs, s.Bias)
		flagged := map[[2]int]bool{}
		for _, l := range s.Loaded {
			flagged[[2]int{l.Start, l.End}] = true
		}
		enc, err := fz.Encode(e.Text)
		if err != nil {
			return nil, err
		}
		for i, w := range enc.Words {
			if enc.Candidate(i) {
				wc.add(flagged[[2]int{w.Start, w.End}], isLoaded(e.Loaded, e.Text[w.Start:w.End]))
			}
		}
	}
	rows = append(rows,
		Row{"bias (sentence)", "BABE held-out fold", n, "macro-F1", bc.macroF1(), 0.78,
			fmt.Sprintf("Biased F1 %.3f, Non-biased F1 %.3f", bc.posF1(), f1(bc.tn, bc.fn, bc.fp))},
		Row{"loaded terms (word)", "BABE held-out fold", wc.tp + wc.fp + wc.fn + wc.tn, "F1", wc.posF1(), 0,
			fmt.Sprintf("P %.3f R %.3f vs biased_words", wc.precision(), wc.recall())})
	rows = slices.Insert(rows, 1, aucRow("subjectivity (model)", "CheckThat dev", ss, dev))
	rows = slices.Insert(rows, len(rows)-1, aucRow("bias (sentence)", "BABE held-out fold", bs, gradableHeldOut(babe)))
	rows = markAbsent(rows, "subjectivity (model)", ss)
	rows = markAbsent(rows, "bias (sentence)", bs)
	cross, err := crossDomainRows(ctx, m, cfg)
	if err != nil {
		return nil, err
	}
	rows = append(rows, cross...)

	polnear := "PolNeAR dev"
	arts, err := readPolNEAR(cfg.Data, "dev", cfg.Limit)
	if cfg.HoldOut {
		polnear = "PolNeAR train held out"
		arts, err = readPolNEAR(cfg.Data, "train", cfg.Limit)
		arts = slices.DeleteFunc(arts, func(a article) bool { return !PolNeARHoldOut(a.Name) })
	}
	if err != nil {
		return nil, err
	}
	var genre []Row
	if !cfg.HoldOut { // the genre labels are of dev and a train sample
		if genre, err = genreRows(ctx, systems, arts, cfg); err != nil {
			return nil, err
		}
	}
	attr, err := attributionRows(ctx, m, systems, arts, polnear, cfg)
	if err != nil {
		return nil, err
	}
	rows = append(rows, attr...)
	return append(rows, genre...), nil
}

// PrintRows writes the figures as an aligned table.
func PrintRows(w io.Writer, rows []Row) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "task\tdata\tn\tmetric\tvalue\ttarget\tdetail")
	for _, r := range rows {
		target := "-"
		if r.Target > 0 {
			mark := "met"
			if r.Value < r.Target {
				mark = "gap " + fmt.Sprintf("%.3f", r.Target-r.Value)
			}
			target = fmt.Sprintf("%.2f (%s)", r.Target, mark)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%.3f\t%s\t%s\n", r.Task, r.Data, r.N, r.Metric, r.Value, target, r.Detail)
	}
	return tw.Flush()
}

// cueKindPrecision counts, per cue kind, the predicted cues that match an
// annotated cue exactly. PolNeAR's cues carry no kind, so only precision
// is measured by kind.
func cueKindPrecision(m map[string]*confusion, pred Page, gold []models.Span) map[string]*confusion {
	if m == nil {
		m = map[string]*confusion{}
	}
	g := map[models.Span]bool{}
	for _, sp := range gold {
		g[sp] = true
	}
	for i, sp := range pred.Spans[models.RoleCue] {
		if i >= len(pred.CueKinds) {
			break
		}
		c := m[pred.CueKinds[i]]
		if c == nil {
			c = new(confusion)
			m[pred.CueKinds[i]] = c
		}
		c.add(true, g[sp])
	}
	return m
}

// attributionRows measures the tagger alone and each system on the
// PolNeAR articles: exact-span and token-overlap F1 per role, cue precision
// by cue kind, and source-type accuracy on the labelled dev sources.
func attributionRows(ctx context.Context, m *models.Models, systems []System, arts []article, polnear string, cfg Config) ([]Row, error) {
	var rows []Row
	targets := [models.NumRoles]float64{0.75, 0.72, 0.60}
	systems = append([]System{{Name: "tagger", Read: func(_ context.Context, text string) (Page, error) {
		return Page{Spans: m.Attributions(text)}, nil
	}}}, systems...)
	scores := make([][models.NumRoles]spanScores, len(systems))
	typed := make([]typeScores, len(systems))
	kinds := make([]map[string]*confusion, len(systems))
	classes := make([]map[string]*confusion, len(systems))
	labels, err := sourceTypesByArticle(cfg.HoldOut)
	if err != nil {
		return nil, err
	}
	split := tagging.NewSplitter()
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ws := split.Words(a.Text)
		for si, sys := range systems {
			pred, err := sys.Read(ctx, a.Text)
			if err != nil {
				return nil, fmt.Errorf("polnear %s: %w", a.Name, err)
			}
			for r := range models.NumRoles {
				scores[si][r].add(ws, pred.Spans[r], a.Gold[r])
			}
			classes[si] = structureRecall(classes[si], a, ws, pred)
			if pred.SourceTypes != nil {
				typed[si].add(a.Text, labels[a.Name], pred)
			}
			if pred.CueKinds != nil {
				kinds[si] = cueKindPrecision(kinds[si], pred, a.Gold[models.RoleCue])
			}
		}
	}
	for si, sys := range systems {
		for _, k := range slices.Sorted(maps.Keys(classes[si])) {
			c := classes[si][k]
			rows = append(rows, Row{fmt.Sprintf("%s (%s)", k, sys.Name), polnear, c.tp + c.fn, "exact-span recall", c.recall(), 0,
				fmt.Sprintf("%d of %d annotated spans of this class found exactly", c.tp, c.tp+c.fn)})
		}
		for _, k := range slices.Sorted(maps.Keys(kinds[si])) {
			c := kinds[si][k]
			rows = append(rows, Row{fmt.Sprintf("cue %s (%s)", k, sys.Name), polnear, c.tp + c.fp, "exact-span precision", c.precision(), 0,
				fmt.Sprintf("%d cues of this kind, %d match an annotated cue exactly", c.tp+c.fp, c.tp)})
		}
		if t := typed[si]; t.labelled > 0 {
			rows = append(rows, Row{fmt.Sprintf("source type (%s)", sys.Name), "PolNeAR dev, labelled", t.matched, "accuracy", t.accuracy(), 0.90,
				fmt.Sprintf("on the %d of %d labelled sources it finds with the same span; %s", t.matched, t.labelled, t.confusions())})
		}
	}
	for si, sys := range systems {
		for r := range models.NumRoles {
			s := &scores[si][r]
			task := fmt.Sprintf("attribution %s (%s)", strings.ToLower(tagging.RoleName(r)), sys.Name)
			rows = append(rows,
				Row{task, polnear, s.exact.tp + s.exact.fn, "exact-span F1", s.exact.posF1(), targets[r],
					fmt.Sprintf("P %.3f R %.3f", s.exact.precision(), s.exact.recall())},
				Row{task, polnear, s.overlap.tp + s.overlap.fn, "token-overlap F1", s.overlap.posF1(), 0,
					fmt.Sprintf("P %.3f R %.3f (words)", s.overlap.precision(), s.overlap.recall())})
		}
	}
	return rows, nil
}

// structureRecall counts, per structure class of the annotated spans, how
// many a system found exactly: pronoun sources ("he", "who"), sources with
// an apposition ("Jane Roe, a lawyer for the family,"), sources in a
// sentence with two or more annotated cues, multi-word cues ("said in a
// statement") and channels ("according to"). PolNeAR's files do not keep
// which spans form one attribution here, so the classes are read from the
// spans themselves.
func structureRecall(m map[string]*confusion, a article, ws []tagging.Word, pred Page) map[string]*confusion {
	if m == nil {
		m = map[string]*confusion{}
	}
	count := func(class string, sp models.Span, found map[models.Span]bool) {
		c := m[class]
		if c == nil {
			c = new(confusion)
			m[class] = c
		}
		c.add(found[sp], true)
	}
	sentence := sentenceOf(ws)
	cuesIn := map[int]int{}
	for _, sp := range a.Gold[models.RoleCue] {
		cuesIn[sentence(sp.Start)]++
	}
	found := [models.NumRoles]map[models.Span]bool{}
	for r := range models.NumRoles {
		found[r] = map[models.Span]bool{}
		for _, sp := range pred.Spans[r] {
			found[r][sp] = true
		}
	}
	for _, sp := range a.Gold[models.RoleSource] {
		text := strings.ToLower(strings.TrimSpace(a.Text[sp.Start:sp.End]))
		switch {
		case pronounSources[text]:
			count("source: pronoun", sp, found[models.RoleSource])
		case strings.Contains(text, ", "):
			count("source: apposition", sp, found[models.RoleSource])
		}
		if cuesIn[sentence(sp.Start)] >= 2 {
			count("source: sentence with 2+ cues", sp, found[models.RoleSource])
		}
	}
	for _, sp := range a.Gold[models.RoleCue] {
		text := strings.ToLower(a.Text[sp.Start:sp.End])
		switch {
		case strings.HasPrefix(text, "according") || strings.HasPrefix(text, "per "):
			count("cue: channel", sp, found[models.RoleCue])
		case strings.Contains(text, " "):
			count("cue: several words", sp, found[models.RoleCue])
		default:
			count("cue: one word", sp, found[models.RoleCue])
		}
	}
	return m
}

// pronounSources are the pronoun spans PolNeAR marks as sources.
var pronounSources = map[string]bool{"he": true, "she": true, "they": true, "it": true, "who": true, "we": true, "i": true, "you": true, "his": true, "her": true, "their": true, "which": true}

// sentenceOf returns a function from a byte offset to the index of the
// tagger word sentence that holds it.
func sentenceOf(ws []tagging.Word) func(at int) int {
	var starts []int
	for _, w := range ws {
		if w.SentenceStart() {
			starts = append(starts, w.Start)
		}
	}
	return func(at int) int {
		i, _ := slices.BinarySearch(starts, at+1)
		return i - 1
	}
}
