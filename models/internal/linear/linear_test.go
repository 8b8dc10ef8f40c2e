package linear

import "testing"

func TestLinearRoundTrip(t *testing.T) {
	m := &Model{Bits: 2, Bias: 0.5, A: 1.5, B: -0.25, Threshold: 0.4, W: []float32{1, -2, 3, 0}}
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Model
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if got.Bits != m.Bits || got.Bias != m.Bias || got.A != m.A || got.B != m.B || got.Threshold != m.Threshold || len(got.W) != 4 || got.W[2] != 3 {
		t.Errorf("round trip gave %+v", got)
	}
	for _, bad := range [][]byte{nil, []byte("SLANTLR1"), b[:len(b)-1], append([]byte("XXXXXXXX"), b[8:]...)} {
		if err := new(Model).UnmarshalBinary(bad); err == nil {
			t.Errorf("%d bytes accepted", len(bad))
		}
	}
}
