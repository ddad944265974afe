package typed

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
)

// narrowCases32 are float32 bit patterns around every rounding decision:
// each sign, every exponent and every 10-bit kept mantissa, with the 13
// dropped bits below, at, just above and far from half-way; then the cases
// float32Cases checks against numpy, the halves' rounding boundaries, and
// random patterns.
func narrowCases32() []uint32 {
	var cs []uint32
	for sign := range uint32(2) {
		for exp := range uint32(256) {
			for top := range uint32(1024) {
				for _, low := range []uint32{0, 1, 0xfff, 0x1000, 0x1001, 0x1fff} {
					cs = append(cs, sign<<31|exp<<23|top<<13|low)
				}
			}
		}
	}
	cs = append(cs, float32Cases()...)
	cs = append(cs, halfBoundaries32()...)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 1 << 20 {
		cs = append(cs, rng.Uint32())
	}
	return cs
}

func narrowCases64() []uint64 {
	var cs []uint64
	for sign := range uint64(2) {
		for exp := uint64(1023 - 30); exp <= 1023+20; exp++ {
			for top := range uint64(1024) {
				for _, low := range []uint64{0, 1, 1<<41 - 1, 1 << 41, 1<<41 + 1, 1<<42 - 1} {
					cs = append(cs, sign<<63|exp<<52|top<<42|low)
				}
			}
		}
		for _, exp := range []uint64{0, 1, 500, 1000, 1100, 2046, 2047} {
			for top := range uint64(1024) {
				cs = append(cs, sign<<63|exp<<52|top<<42, sign<<63|exp<<52|top<<42|1)
			}
		}
	}
	cs = append(cs, float64Cases()...)
	cs = append(cs, halfBoundaries64()...)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 1 << 20 {
		cs = append(cs, rng.Uint64())
	}
	return cs
}

// TestFloat16ArraysMatchScalar: the array conversions agree bit for bit with
// the scalar ones on every half, and on the rounding cases both ways, at
// every start offset and length near the ends.
func TestFloat16ArraysMatchScalar(t *testing.T) {
	hs := allHalves()
	f32 := make([]float32, len(hs))
	f64 := make([]float64, len(hs))
	Float16sToFloat32s(f32, hs)
	Float16sToFloat64s(f64, hs)
	for i, h := range hs {
		if math.Float32bits(f32[i]) != math.Float32bits(h.Float32()) {
			t.Fatalf("Float16sToFloat32s(%#04x) = %#08x, want %#08x", uint16(h), math.Float32bits(f32[i]), math.Float32bits(h.Float32()))
		}
		if math.Float64bits(f64[i]) != math.Float64bits(h.Float64()) {
			t.Fatalf("Float16sToFloat64s(%#04x) = %#016x, want %#016x", uint16(h), math.Float64bits(f64[i]), math.Float64bits(h.Float64()))
		}
	}

	c32 := narrowCases32()
	in32 := make([]float32, len(c32))
	for i, b := range c32 {
		in32[i] = math.Float32frombits(b)
	}
	out := make([]Float16, len(in32))
	Float32sToFloat16s(out, in32)
	for i, f := range in32 {
		if want := Float16FromFloat32(f); out[i] != want {
			t.Fatalf("Float32sToFloat16s(bits %#08x) = %#04x, want %#04x", c32[i], uint16(out[i]), uint16(want))
		}
	}
	c64 := narrowCases64()
	in64 := make([]float64, len(c64))
	for i, b := range c64 {
		in64[i] = math.Float64frombits(b)
	}
	out = make([]Float16, len(in64))
	Float64sToFloat16s(out, in64)
	for i, f := range in64 {
		if want := Float16FromFloat64(f); out[i] != want {
			t.Fatalf("Float64sToFloat16s(bits %#016x) = %#04x, want %#04x", c64[i], uint16(out[i]), uint16(want))
		}
	}

	// Unaligned starts, odd and empty lengths: each call touches exactly
	// dst[:len(src)].
	for start := range 9 {
		for n := range 40 {
			src := hs[1000+start : 1000+start+n]
			d := make([]float32, n+2)
			Float16sToFloat32s(d[1:n+1], src)
			if d[0] != 0 || d[n+1] != 0 {
				t.Fatalf("start %d n %d: wrote outside dst", start, n)
			}
			for i := range n {
				if math.Float32bits(d[1+i]) != math.Float32bits(src[i].Float32()) {
					t.Fatalf("start %d n %d: element %d", start, n, i)
				}
			}
			h := make([]Float16, n+2)
			Float32sToFloat16s(h[1:n+1], in32[start:start+n])
			Float64sToFloat16s(h[1:n+1], in64[start:start+n])
			if h[0] != 0 || h[n+1] != 0 {
				t.Fatalf("start %d n %d: wrote outside dst", start, n)
			}
		}
	}
}

func TestFloat16ArraysPanicOnLength(t *testing.T) {
	for name, f := range map[string]func(){
		"Float16sToFloat32s": func() { Float16sToFloat32s(make([]float32, 2), make([]Float16, 3)) },
		"Float16sToFloat64s": func() { Float16sToFloat64s(make([]float64, 3), make([]Float16, 2)) },
		"Float32sToFloat16s": func() { Float32sToFloat16s(make([]Float16, 1), nil) },
		"Float64sToFloat16s": func() { Float64sToFloat16s(nil, make([]float64, 1)) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic on different lengths", name)
				}
			}()
			f()
		}()
	}
}

// TestFloat16ArraysMatchNumpy: numpy's astype is the judge, on all 65,536
// halves widening and on the rounding cases narrowing.
func TestFloat16ArraysMatchNumpy(t *testing.T) {
	hs := allHalves()
	want32 := numpyCast(t, halvesToLE(hs), "<f2", "<f4")
	want64 := numpyCast(t, halvesToLE(hs), "<f2", "<f8")
	f32 := make([]float32, len(hs))
	f64 := make([]float64, len(hs))
	Float16sToFloat32s(f32, hs)
	Float16sToFloat64s(f64, hs)
	for i := range hs {
		if g, w := math.Float32bits(f32[i]), binary.LittleEndian.Uint32(want32[4*i:]); g != w {
			t.Fatalf("%#04x -> float32: %#08x, numpy %#08x", i, g, w)
		}
		if g, w := math.Float64bits(f64[i]), binary.LittleEndian.Uint64(want64[8*i:]); g != w {
			t.Fatalf("%#04x -> float64: %#016x, numpy %#016x", i, g, w)
		}
	}
	c32 := narrowCases32()
	n32 := numpyCast(t, u32sToLE(c32), "<f4", "<f2")
	in32 := make([]float32, len(c32))
	for i, b := range c32 {
		in32[i] = math.Float32frombits(b)
	}
	out := make([]Float16, len(c32))
	Float32sToFloat16s(out, in32)
	for i := range out {
		if w := binary.LittleEndian.Uint16(n32[2*i:]); uint16(out[i]) != w {
			t.Fatalf("float32 bits %#08x -> %#04x, numpy %#04x", c32[i], uint16(out[i]), w)
		}
	}
	c64 := narrowCases64()
	n64 := numpyCast(t, u64sToLE(c64), "<f8", "<f2")
	in64 := make([]float64, len(c64))
	for i, b := range c64 {
		in64[i] = math.Float64frombits(b)
	}
	out = make([]Float16, len(c64))
	Float64sToFloat16s(out, in64)
	for i := range out {
		if w := binary.LittleEndian.Uint16(n64[2*i:]); uint16(out[i]) != w {
			t.Fatalf("float64 bits %#016x -> %#04x, numpy %#04x", c64[i], uint16(out[i]), w)
		}
	}
}

func BenchmarkFloat16Arrays(b *testing.B) {
	const n = 1 << 20
	rng := rand.New(rand.NewPCG(7, 8))
	hs := make([]Float16, n)
	f32 := make([]float32, n)
	f64 := make([]float64, n)
	for i := range hs {
		f64[i] = rng.NormFloat64() * 100
		f32[i] = float32(f64[i])
		hs[i] = Float16FromFloat64(f64[i])
	}
	b.Run("f16-f32", func(b *testing.B) {
		b.SetBytes(2 * n)
		for b.Loop() {
			Float16sToFloat32s(f32, hs)
		}
	})
	b.Run("f16-f64", func(b *testing.B) {
		b.SetBytes(2 * n)
		for b.Loop() {
			Float16sToFloat64s(f64, hs)
		}
	})
	b.Run("f32-f16", func(b *testing.B) {
		b.SetBytes(2 * n)
		for b.Loop() {
			Float32sToFloat16s(hs, f32)
		}
	})
	b.Run("f64-f16", func(b *testing.B) {
		b.SetBytes(2 * n)
		for b.Loop() {
			Float64sToFloat16s(hs, f64)
		}
	})
}
