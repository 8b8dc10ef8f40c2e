// Package linear is the models' logistic regression over hashed features,
// with Platt calibration, and its artifact format (subjectivity.bin,
// bias.bin, loaded.bin). models/train fits it; package models scores with
// it.
package linear

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/slantwire/slant/models/internal/features"
)

// Model is a logistic-regression model over hashed features with Platt
// calibration: p = σ(A·(w·x + Bias) + B). Threshold is the calibrated
// probability from which the positive class is predicted.
type Model struct {
	Bits      uint8 // log2 of the hashed feature space
	Bias      float32
	A, B      float32 // Platt scaling of the raw score
	Threshold float32
	W         []float32
}

// Raw is the uncalibrated score w·x + Bias.
func (m *Model) Raw(x []features.Feature) float64 {
	s := float64(m.Bias)
	mask := uint32(len(m.W) - 1)
	for _, f := range x {
		s += float64(m.W[f.Index&mask]) * float64(f.Value)
	}
	return s
}

// Prob is the calibrated probability of the positive class.
func (m *Model) Prob(x []features.Feature) float64 {
	return Sigmoid(float64(m.A)*m.Raw(x) + float64(m.B))
}

// Sigmoid is the logistic function, which turns a calibrated score into a
// probability.
func Sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

const linearMagic = "SLANTLR1"

// MarshalBinary writes the model in a small fixed little-endian format:
// magic, bits, bias, A, B, threshold, then 2^bits float32 weights. The
// encoding has no maps and no timestamps, so the same model gives the same
// bytes.
func (m *Model) MarshalBinary() ([]byte, error) {
	if len(m.W) != 1<<m.Bits {
		return nil, fmt.Errorf("linear model: %d weights for %d bits", len(m.W), m.Bits)
	}
	var buf bytes.Buffer
	buf.WriteString(linearMagic)
	buf.WriteByte(m.Bits)
	for _, v := range []float32{m.Bias, m.A, m.B, m.Threshold} {
		_ = binary.Write(&buf, binary.LittleEndian, v)
	}
	_ = binary.Write(&buf, binary.LittleEndian, m.W)
	return buf.Bytes(), nil
}

// UnmarshalBinary reads what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(data []byte) error {
	const head = len(linearMagic) + 1 + 4*4
	if len(data) < head || string(data[:len(linearMagic)]) != linearMagic {
		return fmt.Errorf("linear model: not a %s file", linearMagic)
	}
	bits := data[len(linearMagic)]
	if bits > 24 || len(data) != head+4<<bits {
		return fmt.Errorf("linear model: %d bytes for %d bits", len(data), bits)
	}
	f := func(off int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(data[off:])) }
	o := len(linearMagic) + 1
	m.Bits, m.Bias, m.A, m.B, m.Threshold = bits, f(o), f(o+4), f(o+8), f(o+12)
	m.W = make([]float32, 1<<bits)
	for i := range m.W {
		m.W[i] = f(head + 4*i)
	}
	return nil
}
