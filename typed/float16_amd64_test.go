//go:build !purego

package typed

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFloat16ArraysPortable: the portable code, which processors without
// F16C and AVX2 run, passes the same tests as the kernels.
func TestFloat16ArraysPortable(t *testing.T) {
	saved := useF16C
	defer func() { useF16C = saved }()
	useF16C = false
	TestFloat16ArraysMatchScalar(t)
	if !testing.Short() {
		TestFloat16ArraysMatchNumpy(t)
	}
}

func needF16C(t *testing.T) {
	if !useF16C {
		t.Skip("no F16C and AVX2 here")
	}
}

// noNaNs32 and noNaNs64 drop the NaNs, which the kernels leave to the
// portable code.
func noNaNs32(cs []uint32) []float32 {
	var fs []float32
	for _, b := range cs {
		if f := math.Float32frombits(b); f == f {
			fs = append(fs, f)
		}
	}
	return fs
}

func noNaNs64(cs []uint64) []float64 {
	var fs []float64
	for _, b := range cs {
		if f := math.Float64frombits(b); f == f {
			fs = append(fs, f)
		}
	}
	return fs
}

// TestFloat16KernelsMatchPortable: on inputs with no item they leave to the
// portable code (every finite half; the rounding cases without NaNs) the
// kernels convert every whole step, bit for bit as the portable code does.
func TestFloat16KernelsMatchPortable(t *testing.T) {
	needF16C(t)
	var hs []Float16
	for _, h := range allHalves() {
		if h&0x7c00 != 0x7c00 {
			hs = append(hs, h)
		}
	}
	steps := len(hs) &^ (f16Step - 1)
	f32, w32 := make([]float32, len(hs)), make([]float32, len(hs))
	if n := f16to32F16C(f32, hs); n != steps {
		t.Fatalf("f16to32F16C converted %d of %d", n, steps)
	}
	float16sToFloat32sGeneric(w32, hs)
	for i := range steps {
		if math.Float32bits(f32[i]) != math.Float32bits(w32[i]) {
			t.Fatalf("f16to32F16C(%#04x) = %#08x, want %#08x", uint16(hs[i]), math.Float32bits(f32[i]), math.Float32bits(w32[i]))
		}
	}
	f64, w64 := make([]float64, len(hs)), make([]float64, len(hs))
	if n := f16to64F16C(f64, hs); n != steps {
		t.Fatalf("f16to64F16C converted %d of %d", n, steps)
	}
	float16sToFloat64sGeneric(w64, hs)
	for i := range steps {
		if math.Float64bits(f64[i]) != math.Float64bits(w64[i]) {
			t.Fatalf("f16to64F16C(%#04x) = %#016x, want %#016x", uint16(hs[i]), math.Float64bits(f64[i]), math.Float64bits(w64[i]))
		}
	}

	in32 := noNaNs32(narrowCases32())
	steps = len(in32) &^ (f16Step - 1)
	got, want := make([]Float16, len(in32)), make([]Float16, len(in32))
	if n := f32to16F16C(got, in32); n != steps {
		t.Fatalf("f32to16F16C converted %d of %d", n, steps)
	}
	float32sToFloat16sGeneric(want, in32)
	for i := range steps {
		if got[i] != want[i] {
			t.Fatalf("f32to16F16C(bits %#08x) = %#04x, want %#04x", math.Float32bits(in32[i]), uint16(got[i]), uint16(want[i]))
		}
	}
	in64 := noNaNs64(narrowCases64())
	steps = len(in64) &^ (f16Step - 1)
	got, want = make([]Float16, len(in64)), make([]Float16, len(in64))
	if n := f64to16F16C(got, in64); n != steps {
		t.Fatalf("f64to16F16C converted %d of %d", n, steps)
	}
	float64sToFloat16sGeneric(want, in64)
	for i := range steps {
		if got[i] != want[i] {
			t.Fatalf("f64to16F16C(bits %#016x) = %#04x, want %#04x", math.Float64bits(in64[i]), uint16(got[i]), uint16(want[i]))
		}
	}
}

// TestFloat16KernelsStopAtNaN: with one NaN (widening: also an Inf) at any
// lane of any of four steps, each kernel converts exactly the steps before
// it, and the exported conversion still gives the portable result.
func TestFloat16KernelsStopAtNaN(t *testing.T) {
	needF16C(t)
	const n = 4 * f16Step
	rng := rand.New(rand.NewPCG(9, 10))
	specials16 := []Float16{0x7c00, 0xfc00, 0x7c01, 0x7dff, 0x7e00, 0xffff, 0xfd55}
	specials32 := []uint32{0x7f800001, 0x7fc00000, 0xffbfffff, 0x7f801fff, 0xff802000, 0x7fffffff}
	specials64 := []uint64{0x7ff0000000000001, 0x7ff8000000000000, 0xfff7ffffffffffff, 0x7ff000003fffffff, 0xfff0040000000000, 0x7fffffffffffffff}
	for at := range n {
		hs := make([]Float16, n)
		in32 := make([]float32, n)
		in64 := make([]float64, n)
		for i := range n {
			in64[i] = rng.NormFloat64() * 1000
			in32[i] = float32(in64[i])
			hs[i] = Float16FromFloat64(in64[i])
		}
		hs[at] = specials16[at%len(specials16)]
		in32[at] = math.Float32frombits(specials32[at%len(specials32)])
		in64[at] = math.Float64frombits(specials64[at%len(specials64)])
		stop := at &^ (f16Step - 1)

		f32, w32 := make([]float32, n), make([]float32, n)
		if k := f16to32F16C(f32, hs); k != stop {
			t.Fatalf("f16to32F16C with %#04x at %d converted %d, want %d", uint16(hs[at]), at, k, stop)
		}
		Float16sToFloat32s(f32, hs)
		float16sToFloat32sGeneric(w32, hs)
		f64, w64 := make([]float64, n), make([]float64, n)
		if k := f16to64F16C(f64, hs); k != stop {
			t.Fatalf("f16to64F16C with %#04x at %d converted %d, want %d", uint16(hs[at]), at, k, stop)
		}
		Float16sToFloat64s(f64, hs)
		float16sToFloat64sGeneric(w64, hs)
		for i := range n {
			if math.Float32bits(f32[i]) != math.Float32bits(w32[i]) || math.Float64bits(f64[i]) != math.Float64bits(w64[i]) {
				t.Fatalf("special half at %d: item %d (%#04x) widens to %#08x and %#016x, want %#08x and %#016x",
					at, i, uint16(hs[i]), math.Float32bits(f32[i]), math.Float64bits(f64[i]), math.Float32bits(w32[i]), math.Float64bits(w64[i]))
			}
		}

		got, want := make([]Float16, n), make([]Float16, n)
		if k := f32to16F16C(got, in32); k != stop {
			t.Fatalf("f32to16F16C with NaN at %d converted %d, want %d", at, k, stop)
		}
		Float32sToFloat16s(got, in32)
		float32sToFloat16sGeneric(want, in32)
		for i := range n {
			if got[i] != want[i] {
				t.Fatalf("NaN at %d: float32 item %d (bits %#08x) = %#04x, want %#04x", at, i, math.Float32bits(in32[i]), uint16(got[i]), uint16(want[i]))
			}
		}
		if k := f64to16F16C(got, in64); k != stop {
			t.Fatalf("f64to16F16C with NaN at %d converted %d, want %d", at, k, stop)
		}
		Float64sToFloat16s(got, in64)
		float64sToFloat16sGeneric(want, in64)
		for i := range n {
			if got[i] != want[i] {
				t.Fatalf("NaN at %d: float64 item %d (bits %#016x) = %#04x, want %#04x", at, i, math.Float64bits(in64[i]), uint16(got[i]), uint16(want[i]))
			}
		}
	}
}

// TestFloat16KernelsEdges: every length 0..70 at every start offset 0..15
// (so every alignment of the vectors), on random bit patterns with NaNs now
// and then: each conversion writes exactly dst[:len(src)], as the portable
// code does.
func TestFloat16KernelsEdges(t *testing.T) {
	needF16C(t)
	const maxN, maxStart = 70, 16
	rng := rand.New(rand.NewPCG(11, 12))
	hs := make([]Float16, maxN+maxStart)
	in32 := make([]float32, len(hs))
	in64 := make([]float64, len(hs))
	for round := range 20 {
		for i := range hs {
			// Random bits hit the all-ones exponent 1 time in 32 for halves
			// and rarely for the others: every fourth round plants NaNs.
			hs[i] = Float16(rng.Uint32())
			in32[i] = math.Float32frombits(rng.Uint32())
			in64[i] = math.Float64frombits(rng.Uint64())
			if round%4 == 3 && rng.IntN(40) == 0 {
				in32[i] = math.Float32frombits(0x7f800000 | rng.Uint32()&0x807fffff | 1)
				in64[i] = math.Float64frombits(0x7ff0000000000000 | rng.Uint64()&0x800fffffffffffff | 1)
			}
			if round%2 == 1 {
				// Values in the half range, so the kernels run long.
				in64[i] = rng.NormFloat64() * math.Exp2(float64(rng.IntN(40)-24))
				in32[i] = float32(in64[i])
				hs[i] = Float16FromFloat32(in32[i])
			}
		}
		for start := range maxStart {
			for n := range maxN + 1 {
				checkEdge(t, start, n, hs[start:start+n], in32[start:start+n], in64[start:start+n])
			}
		}
	}
}

func checkEdge(t *testing.T, start, n int, hs []Float16, in32 []float32, in64 []float64) {
	t.Helper()
	const guard = 0x5a5a
	f32 := make([]float32, n+2)
	w32 := make([]float32, n+2)
	f32[0], f32[n+1] = guard, guard
	w32[0], w32[n+1] = guard, guard
	Float16sToFloat32s(f32[1:n+1], hs)
	float16sToFloat32sGeneric(w32[1:n+1], hs)
	for i := range f32 {
		if math.Float32bits(f32[i]) != math.Float32bits(w32[i]) {
			t.Fatalf("start %d n %d: float32 item %d is %#08x, want %#08x", start, n, i-1, math.Float32bits(f32[i]), math.Float32bits(w32[i]))
		}
	}
	f64 := make([]float64, n+2)
	w64 := make([]float64, n+2)
	f64[0], f64[n+1] = guard, guard
	w64[0], w64[n+1] = guard, guard
	Float16sToFloat64s(f64[1:n+1], hs)
	float16sToFloat64sGeneric(w64[1:n+1], hs)
	for i := range f64 {
		if math.Float64bits(f64[i]) != math.Float64bits(w64[i]) {
			t.Fatalf("start %d n %d: float64 item %d is %#016x, want %#016x", start, n, i-1, math.Float64bits(f64[i]), math.Float64bits(w64[i]))
		}
	}
	got := make([]Float16, n+2)
	want := make([]Float16, n+2)
	got[0], got[n+1] = guard, guard
	want[0], want[n+1] = guard, guard
	Float32sToFloat16s(got[1:n+1], in32)
	float32sToFloat16sGeneric(want[1:n+1], in32)
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("start %d n %d: half from float32 item %d is %#04x, want %#04x", start, n, i-1, uint16(got[i]), uint16(want[i]))
		}
	}
	Float64sToFloat16s(got[1:n+1], in64)
	float64sToFloat16sGeneric(want[1:n+1], in64)
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("start %d n %d: half from float64 item %d is %#04x, want %#04x", start, n, i-1, uint16(got[i]), uint16(want[i]))
		}
	}
}

// TestFloat16KernelsChunks: over several calls' worth of items, with NaNs
// (and an Inf) at the first and last items of a call's chunk, the
// conversions give the portable result.
func TestFloat16KernelsChunks(t *testing.T) {
	needF16C(t)
	n := 3*f16Chunk + 37
	rng := rand.New(rand.NewPCG(13, 14))
	hs := make([]Float16, n)
	in32 := make([]float32, n)
	in64 := make([]float64, n)
	for i := range n {
		in64[i] = rng.NormFloat64() * 100
		in32[i] = float32(in64[i])
		hs[i] = Float16FromFloat64(in64[i])
	}
	for _, at := range []int{f16Chunk - 1, f16Chunk, 2*f16Chunk - f16Step, 3*f16Chunk + 3, n - 1} {
		hs[at] = 0x7c01 | Float16(at&1)<<15 // a signalling NaN of either sign
		in32[at] = math.Float32frombits(0x7f800001)
		in64[at] = math.Float64frombits(0xfff0000000000001)
	}
	hs[10] = 0xfc00
	f32, w32 := make([]float32, n), make([]float32, n)
	Float16sToFloat32s(f32, hs)
	float16sToFloat32sGeneric(w32, hs)
	f64, w64 := make([]float64, n), make([]float64, n)
	Float16sToFloat64s(f64, hs)
	float16sToFloat64sGeneric(w64, hs)
	got32, want32 := make([]Float16, n), make([]Float16, n)
	Float32sToFloat16s(got32, in32)
	float32sToFloat16sGeneric(want32, in32)
	got64, want64 := make([]Float16, n), make([]Float16, n)
	Float64sToFloat16s(got64, in64)
	float64sToFloat16sGeneric(want64, in64)
	for i := range n {
		if math.Float32bits(f32[i]) != math.Float32bits(w32[i]) || math.Float64bits(f64[i]) != math.Float64bits(w64[i]) ||
			got32[i] != want32[i] || got64[i] != want64[i] {
			t.Fatalf("item %d differs from the portable code", i)
		}
	}
}
