package train

import (
	"math"
	"sort"
)

func exp(x float64) float64 { return math.Exp(x) }

// confusion counts binary decisions.
type confusion struct{ tp, fp, fn, tn int }

func (c *confusion) add(pred, gold bool) {
	switch {
	case pred && gold:
		c.tp++
	case pred:
		c.fp++
	case gold:
		c.fn++
	default:
		c.tn++
	}
}

func f1(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

// macroF1 averages the F1 of both classes.
func (c *confusion) macroF1() float64 { return (f1(c.tp, c.fp, c.fn) + f1(c.tn, c.fn, c.fp)) / 2 }

// posF1 is the positive class's F1.
func (c *confusion) posF1() float64 { return f1(c.tp, c.fp, c.fn) }

func (c *confusion) precision() float64 {
	if c.tp+c.fp == 0 {
		return 0
	}
	return float64(c.tp) / float64(c.tp+c.fp)
}

func (c *confusion) recall() float64 {
	if c.tp+c.fn == 0 {
		return 0
	}
	return float64(c.tp) / float64(c.tp+c.fn)
}

func f1At(probs []float64, ys []bool, th float64) float64 {
	var c confusion
	for i, p := range probs {
		c.add(p >= th, ys[i])
	}
	return c.posF1()
}

// auc is the area under the ROC curve of scores against labels (ties
// count half).
func auc(scores []float64, ys []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	var rankSum float64
	pos := 0
	for r := 0; r < len(idx); {
		q := r + 1 // at least one: NaN equals nothing, not even itself
		for q < len(idx) && scores[idx[q]] == scores[idx[r]] {
			q++
		}
		mid := float64(r+q+1) / 2 // mean 1-based rank of the tie group
		for _, i := range idx[r:q] {
			if ys[i] {
				rankSum += mid
				pos++
			}
		}
		r = q
	}
	neg := len(scores) - pos
	if pos == 0 || neg == 0 {
		return 0.5
	}
	return (rankSum - float64(pos)*float64(pos+1)/2) / float64(pos*neg)
}
