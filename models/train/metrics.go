package train

import "math"

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
