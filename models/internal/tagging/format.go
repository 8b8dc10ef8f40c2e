package tagging

// The artifact format, attribution.bin.

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

const taggerMagic = "SLANTAP3"

// MarshalBinary writes magic, bits, flags, then each role's weights
// (float32 LE), DEFLATE-compressed.
func (t *Tagger) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(taggerMagic)
	buf.WriteByte(t.Bits)
	buf.WriteByte(t.Flags)
	// The weights, DEFLATE-compressed: hashed features leave runs of
	// repeated and zero bytes, and the embedded artifact shrinks from 2.4 to
	// 1.7 MB losslessly. Go's flate at a fixed level is deterministic, so
	// slant train still reproduces the file byte for byte.
	zw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	for r := range NumRoles {
		if len(t.W[r]) != NumTags<<t.Bits {
			return nil, fmt.Errorf("tagger: role %d has %d weights", r, len(t.W[r]))
		}
		if err := binary.Write(zw, binary.LittleEndian, t.W[r]); err != nil {
			return nil, fmt.Errorf("tagger: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary reads the format MarshalBinary writes.
func (t *Tagger) UnmarshalBinary(data []byte) error {
	h := len(taggerMagic) + 2
	if len(data) < h || string(data[:len(taggerMagic)]) != taggerMagic {
		return fmt.Errorf("tagger: not a %s file", taggerMagic)
	}
	bits := data[len(taggerMagic)]
	if bits > 22 {
		return fmt.Errorf("tagger: %d feature bits", bits)
	}
	n := NumTags << bits
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(data[h:])), int64(4*n*NumRoles)+1))
	if err != nil {
		return fmt.Errorf("tagger: weights: %w", err)
	}
	if len(raw) != 4*n*NumRoles {
		return fmt.Errorf("tagger: %d bytes of weights for %d bits", len(raw), bits)
	}
	t.Bits, t.Flags = bits, data[len(taggerMagic)+1]
	for r := range NumRoles {
		t.W[r] = make([]float32, n)
		for i := range t.W[r] {
			w := math.Float32frombits(binary.LittleEndian.Uint32(raw[4*(r*n+i):]))
			if math.IsNaN(float64(w)) || math.IsInf(float64(w), 0) {
				return fmt.Errorf("tagger: role %d: weight %d is %v", r, i, w)
			}
			t.W[r][i] = w
		}
	}
	// The tagger tags with fixed-point weights (Quantize): the artifact
	// keeps training's float32s, and Decode then gives Packed's tags.
	t.Quantize()
	return nil
}
