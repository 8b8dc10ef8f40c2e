package train

// Cross-domain protocol: subjectivity trained without one data source and
// scored on it. A model that learnt what opinion looks like, rather than
// the topics and outlets of its training sentences, keeps its ranking
// (AUC) across CheckThat and BABE; one that memorised them does not. The
// single-source models are exactly what slant train --exclude babe and
// --exclude checkthat build, trained here in memory on the current code.

import (
	"context"
	"fmt"
	"math"

	"github.com/slantwire/slant/models"
	"github.com/slantwire/slant/models/internal/features"
)

// crossTarget is the AUC the issue asks of subjectivity in both directions.
const crossTarget = 0.75

// babeOpinion returns BABE's sentences with an unambiguous opinion label,
// "Expresses writer's opinion" as SUBJ and "Entirely factual" as OBJ, in
// the held-out fold or in the training folds. "Somewhat factual but also
// opinionated" is left out of scoring: it is neither class, and counting it
// as either would measure where a model puts the middle, not whether it
// ranks opinion above fact.
func babeOpinion(babe []Example, heldOut bool) []Example {
	var out []Example
	for _, e := range babe {
		if e.HeldOut != heldOut {
			continue
		}
		switch e.Opinion {
		case opinionSubj:
			out = append(out, Example{Text: e.Text, Label: true})
		case opinionObj:
			out = append(out, Example{Text: e.Text})
		}
	}
	return out
}

// scored is one model's figures on one labelled set.
type scored struct {
	c   confusion
	auc float64
	n   int
}

func scoreSet(ctx context.Context, score func(string) (float64, error), ex []Example) (scored, error) {
	var s scored
	ps := make([]float64, len(ex))
	ys := make([]bool, len(ex))
	for i, e := range ex {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return s, err
			}
		}
		p, err := score(e.Text)
		if err != nil {
			return s, err
		}
		ps[i], ys[i] = p, e.Label
		s.c.add(p >= 0.5, e.Label)
	}
	s.auc, s.n = auc(ps, ys), len(ex)
	return s, nil
}

// rows are a macro-F1 row and an AUC row for the set; target applies to
// the AUC.
func (s scored) rows(task, data string, f1Target, aucTarget float64) []Row {
	return []Row{
		{task, data, s.n, "macro-F1", s.c.macroF1(), f1Target, fmt.Sprintf("SUBJ F1 %.3f, OBJ F1 %.3f", s.c.posF1(), f1(s.c.tn, s.c.fn, s.c.fp))},
		{task, data, s.n, "AUC", s.auc, aucTarget, "ranking, whatever the threshold"},
	}
}

// crossDomainRows scores m's subjectivity on BABE's held-out opinion labels
// (in domain: BABE's training folds are in its training data), then trains
// subjectivity on CheckThat alone and on BABE alone and scores each on its
// own domain's development set and on the other source. The sets marked
// "selection" (CheckThat train, BABE's training folds) are the ones
// features and regularisation were chosen on; CheckThat dev and BABE's
// held-out fold are reported.
func crossDomainRows(ctx context.Context, m *models.Models, cfg Config) ([]Row, error) {
	ct, err := readCheckThat(checkthatPath(cfg.Data, "train"), cfg.Limit)
	if err != nil {
		return nil, err
	}
	dev, err := readCheckThat(checkthatPath(cfg.Data, "dev"), cfg.Limit)
	if err != nil {
		return nil, err
	}
	babe, err := readBABE(babePath(cfg.Data), cfg.Limit)
	if err != nil {
		return nil, err
	}
	babeHeld := babeOpinion(babe, true)
	var rows []Row
	var ss []float64
	s, err := scoreSet(ctx, func(t string) (float64, error) {
		sc, err := m.Score(t)
		ss = append(ss, sc.Subjectivity)
		return sc.Subjectivity, err
	}, babeHeld)
	if err != nil {
		return nil, err
	}
	rows = markAbsent(append(rows, s.rows("subjectivity (model)", "BABE held-out fold, opinion", 0, 0)...), "subjectivity (model)", ss)

	fz, err := features.Default()
	if err != nil {
		return nil, err
	}
	single, err := singleSourceRows(ctx, fz, ct, dev, babe)
	if err != nil {
		return nil, err
	}
	return append(rows, single...), nil
}

// singleSourceRows trains subjectivity on CheckThat train alone and on
// BABE alone and scores each in domain and across.
func singleSourceRows(ctx context.Context, fz *features.Featurizer, ct, dev, babe []Example) ([]Row, error) {
	babeHeld, babeTrain := babeOpinion(babe, true), babeOpinion(babe, false)
	var rows []Row
	quiet := func(string, ...any) {}
	for _, v := range []struct {
		name     string
		ct, babe []Example
	}{
		{"CheckThat only", ct, nil},
		{"BABE only", nil, babe},
	} {
		set, err := trainSentenceModels(ctx, fz, v.ct, v.babe, quiet)
		if err != nil {
			return nil, err
		}
		score := func(t string) (float64, error) {
			x, err := set.stk.features(t)
			if err != nil {
				return 0, err
			}
			return set.subj.Prob(x), nil
		}
		type test struct {
			data  string
			ex    []Example
			cross bool
		}
		tests := []test{
			{"CheckThat dev", dev, false},
			{"BABE held-out fold, opinion", babeHeld, true},
			{"BABE training folds, opinion (selection)", babeTrain, true},
		}
		if v.ct == nil {
			tests = []test{
				{"BABE held-out fold, opinion", babeHeld, false},
				{"CheckThat dev", dev, true},
				{"CheckThat train (selection)", ct, true},
			}
		}
		for _, tc := range tests {
			s, err := scoreSet(ctx, score, tc.ex)
			if err != nil {
				return nil, err
			}
			task, target := fmt.Sprintf("subjectivity (%s)", v.name), 0.0
			if tc.cross {
				task, target = fmt.Sprintf("subjectivity (%s, cross-domain)", v.name), crossTarget
			}
			rows = append(rows, s.rows(task, tc.data, 0, target)...)
		}
	}
	return rows, nil
}

// aucRow is the AUC of scores against the labels of ex, in order.
func aucRow(task, data string, scores []float64, ex []Example) Row {
	ys := make([]bool, len(ex))
	for i, e := range ex {
		ys[i] = e.Label
	}
	return Row{task, data, len(ex), "AUC", auc(scores, ys), 0, "ranking, whatever the threshold"}
}

// gradableHeldOut is BABE's held-out fold with a bias label, in order.
func gradableHeldOut(babe []Example) []Example {
	var out []Example
	for _, e := range babe {
		if e.HeldOut && e.Gradable {
			out = append(out, e)
		}
	}
	return out
}

// markAbsent marks the rows of task as having no model when its scores are
// NaN (an artifact left out by slant train --exclude): no value, no
// target, instead of the figures of a model that answers one class.
func markAbsent(rows []Row, task string, scores []float64) []Row {
	if len(scores) == 0 || !math.IsNaN(scores[0]) {
		return rows
	}
	for i := range rows {
		if rows[i].Task == task {
			rows[i].Value, rows[i].Target, rows[i].Detail = 0, 0, "no model: its data was excluded (slant train --exclude)"
		}
	}
	return rows
}
