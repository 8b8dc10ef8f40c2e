package train

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/slantwire/slant/models/internal/features"
	"github.com/slantwire/slant/models/internal/linear"
)

// params of one logistic regression fit.
type params struct {
	bits     uint8
	epochs   int
	eta      float64 // AdaGrad step
	l2       float64 // weight decay per epoch, relative to eta
	balanced bool    // weight classes to equal total weight
	seed     uint64
}

// fit trains logistic regression with AdaGrad over the examples in a
// shuffled order drawn from a fixed seed. Everything is sequential float64
// arithmetic, so the same inputs give the same weights bit for bit.
func fit(ctx context.Context, xs [][]features.Feature, ys []bool, p params) (*linear.Model, error) {
	return fitWeighted(ctx, xs, ys, nil, p)
}

// fitWeighted is fit with a weight per example (nil: all 1), multiplied
// into the class weights.
func fitWeighted(ctx context.Context, xs [][]features.Feature, ys []bool, sw []float64, p params) (*linear.Model, error) {
	n := 1 << p.bits
	mask := uint32(n - 1)
	w := make([]float64, n)
	g2 := make([]float64, n)
	var bias, biasG2 float64
	wPos, wNeg := 1.0, 1.0
	if p.balanced {
		pos := 0
		for _, y := range ys {
			if y {
				pos++
			}
		}
		if pos > 0 && pos < len(ys) {
			wPos = float64(len(ys)) / (2 * float64(pos))
			wNeg = float64(len(ys)) / (2 * float64(len(ys)-pos))
		}
	}
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(p.seed, p.seed^0x5eed))
	for epoch := 0; epoch < p.epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			z := bias
			for _, f := range xs[i] {
				z += w[f.Index&mask] * float64(f.Value)
			}
			y, cw := 0.0, wNeg
			if ys[i] {
				y, cw = 1, wPos
			}
			if sw != nil {
				cw *= sw[i]
			}
			g := cw * (1/(1+math.Exp(-z)) - y)
			for _, f := range xs[i] {
				j := f.Index & mask
				gj := g * float64(f.Value)
				g2[j] += gj * gj
				w[j] -= p.eta * gj / math.Sqrt(g2[j]+1e-8)
			}
			biasG2 += g * g
			bias -= p.eta * g / math.Sqrt(biasG2+1e-8)
		}
		decay := 1 - p.eta*p.l2
		for j := range w {
			w[j] *= decay
		}
	}
	m := &linear.Model{Bits: p.bits, Bias: float32(bias), A: 1, B: 0, Threshold: 0.5, W: make([]float32, n)}
	for j := range w {
		m.W[j] = float32(w[j])
	}
	return m, nil
}

// platt fits σ(A·s + B) to labels by Newton's method on the (optionally
// class-balanced) log loss, with Platt's target smoothing.
func platt(scores []float64, ys []bool, balanced bool) (a, b float64) {
	pos := 0
	for _, y := range ys {
		if y {
			pos++
		}
	}
	neg := len(ys) - pos
	if pos == 0 || neg == 0 {
		return 1, 0
	}
	tPos, tNeg := (float64(pos)+1)/(float64(pos)+2), 1/(float64(neg)+2)
	wPos, wNeg := 1.0, 1.0
	if balanced {
		wPos, wNeg = float64(len(ys))/(2*float64(pos)), float64(len(ys))/(2*float64(neg))
	}
	// Newton's method with a backtracking line search (Lin, Lin and Weng
	// 2007): a plain Newton step can overshoot when the scores are large and
	// end on a poor or inverted fit.
	loss := func(a, b float64) float64 {
		var l float64
		for i, s := range scores {
			t, cw := tNeg, wNeg
			if ys[i] {
				t, cw = tPos, wPos
			}
			z := a*s + b
			// log(1+e^z) - t·z, computed stably
			if z >= 0 {
				l += cw * (z*(1-t) + math.Log1p(math.Exp(-z)))
			} else {
				l += cw * (-z*t + math.Log1p(math.Exp(z)))
			}
		}
		return l
	}
	a, b = 0, math.Log((float64(neg)+1)/(float64(pos)+1))
	if balanced {
		b = 0
	}
	cur := loss(a, b)
	for iter := 0; iter < 100; iter++ {
		var ga, gb, haa, hab, hbb float64
		for i, s := range scores {
			t, cw := tNeg, wNeg
			if ys[i] {
				t, cw = tPos, wPos
			}
			p := 1 / (1 + math.Exp(-(a*s + b)))
			d := cw * (p - t)
			h := cw * p * (1 - p)
			ga += d * s
			gb += d
			haa += h * s * s
			hab += h * s
			hbb += h
		}
		if math.Abs(ga) < 1e-9 && math.Abs(gb) < 1e-9 {
			break
		}
		haa += 1e-12
		hbb += 1e-12
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := -(hbb*ga - hab*gb) / det
		db := -(haa*gb - hab*ga) / det
		gd := ga*da + gb*db
		step := 1.0
		for step >= 1e-10 {
			na, nb := a+step*da, b+step*db
			if nl := loss(na, nb); nl < cur+1e-4*step*gd {
				a, b, cur = na, nb, nl
				break
			}
			step /= 2
		}
		if step < 1e-10 {
			break
		}
	}
	return a, b
}

// folds assigns n examples to 5 folds by position after a fixed shuffle.
func folds(n int, seed uint64) []int {
	perm := rand.New(rand.NewPCG(seed+1, 7)).Perm(n)
	fold := make([]int, n)
	for r, i := range perm {
		fold[i] = r % numFolds
	}
	return fold
}

const numFolds = 5

// crossScoresWeighted returns out-of-fold raw scores: fold k of 5 is
// scored by a model fit on the other four, with example weights (nil: all
// 1).
func crossScoresWeighted(ctx context.Context, xs [][]features.Feature, ys []bool, sw []float64, fold []int, p params) ([]float64, error) {
	scores := make([]float64, len(xs))
	for f := range numFolds {
		var tx [][]features.Feature
		var ty []bool
		var tw []float64
		for i := range xs {
			if fold[i] != f {
				tx = append(tx, xs[i])
				ty = append(ty, ys[i])
				if sw != nil {
					tw = append(tw, sw[i])
				}
			}
		}
		m, err := fitWeighted(ctx, tx, ty, tw, p)
		if err != nil {
			return nil, err
		}
		for i := range xs {
			if fold[i] == f {
				scores[i] = m.Raw(xs[i])
			}
		}
	}
	return scores, nil
}

// bestThreshold picks the calibrated-probability threshold that maximises
// positive-class F1 over out-of-fold probabilities among those whose
// precision is at least minPrecision (for rare positives, where 0.5 would
// predict almost nothing, while a flagged word must usually be right).
func bestThreshold(probs []float64, ys []bool, minPrecision float64) float64 {
	idx := make([]int, len(probs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return probs[idx[a]] > probs[idx[b]] })
	pos := 0
	for _, y := range ys {
		if y {
			pos++
		}
	}
	best, bestF := 0.5, -1.0
	tp := 0
	for r, i := range idx {
		if ys[i] {
			tp++
		}
		if r+1 < len(idx) && probs[idx[r+1]] == probs[i] {
			continue
		}
		f := 2 * float64(tp) / float64(r+1+pos)
		if f > bestF && float64(tp)/float64(r+1) >= minPrecision {
			bestF, best = f, probs[i]
		}
	}
	return best
}
