package typed

import "math"

// halfBoundaries64 are float64 bit patterns at and around every rounding
// boundary of the halves: for each finite half of either sign and the next
// one up in magnitude (Inf after the largest), the half-way point exactly,
// one float64 ulp either side, and points either side at the dropped bits
// where a float32 mantissa ends (the 29th bit), which is where rounding to
// float32 first would go wrong; then each half itself and its float64
// neighbours, and the same below the smallest subnormal.
func halfBoundaries64() []uint64 {
	var cs []uint64
	add := func(v float64) {
		b := math.Float64bits(v)
		cs = append(cs, b, b+1, b-1, b+1<<28, b-1<<28, b+1<<29, b-1<<29, b+1<<30, b-1<<30)
	}
	for h := range Float16(0x7c00) {
		lo, hi := h.Float64(), (h + 1).Float64()
		if h == 0x7bff {
			hi = 65536 // where Inf would sit: the boundary is 65520
		}
		for _, s := range []float64{1, -1} {
			add(s * lo)
			add(s * (lo + hi) / 2)
		}
	}
	return cs
}

// halfBoundaries32 are the float32 patterns of the same points: the
// half-way points and halves exactly, and one and two float32 ulps either
// side.
func halfBoundaries32() []uint32 {
	var cs []uint32
	for h := range Float16(0x7c00) {
		lo, hi := h.Float64(), (h + 1).Float64()
		if h == 0x7bff {
			hi = 65536
		}
		for _, s := range []float64{1, -1} {
			for _, v := range []float64{s * lo, s * (lo + hi) / 2} {
				b := math.Float32bits(float32(v)) // exact: 12 bits at most
				cs = append(cs, b, b+1, b-1, b+2, b-2)
			}
		}
	}
	return cs
}
