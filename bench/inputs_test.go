package bench

import (
	"encoding/binary"
	"math/rand/v2"
	"sync"
)

// kind is the element type of an input; codecs register per kind because
// most peers have one entry point per Go type.
type kind int

const (
	kF64 kind = iota
	kI32
	kBool
	kC128
	kI64
)

// input is one benchmark array. Exactly one of the typed slices is set,
// matching kind. Every codec sees the same inputs, so numbers compare.
type input struct {
	name       string // sub-benchmark name, e.g. "f64_1000x1000"
	kind       kind
	rows, cols int

	f64  []float64
	i32  []int32
	b    []bool
	c128 []complex128
	i64  []int64

	// raw is the little-endian bytes of the data, i.e. what a .npy data
	// section holds; its length is what b.SetBytes reports.
	raw []byte

	// out holds the last decode's result. Writing it keeps the decoded
	// data live (so nothing is optimised away) and lets TestRoundTrip
	// compare it with the input.
	out decoded
}

type decoded struct {
	f64  []float64
	i32  []int32
	b    []bool
	c128 []complex128
	i64  []int64
}

// seed is fixed so every run (and every codec) sees the same contents.
const seed = 20240601

var (
	inputsOnce sync.Once
	inputsAll  []*input
)

// allInputs builds the inputs once per test binary (about 17 MB of data
// plus its raw bytes), lazily so `go vet` and -run tests stay cheap.
func allInputs() []*input {
	inputsOnce.Do(func() {
		r := rand.New(rand.NewPCG(seed, seed))
		inputsAll = []*input{
			newInput("f64_1000x1000", kF64, 1000, 1000, func(in *input, n int) {
				in.f64 = make([]float64, n)
				for i := range in.f64 {
					in.f64[i] = r.NormFloat64()
				}
			}),
			newInput("i32_1000x1000", kI32, 1000, 1000, func(in *input, n int) {
				in.i32 = make([]int32, n)
				for i := range in.i32 {
					in.i32[i] = int32(r.Uint32())
				}
			}),
			newInput("bool_1000x1000", kBool, 1000, 1000, func(in *input, n int) {
				in.b = make([]bool, n)
				for i := range in.b {
					in.b[i] = r.IntN(2) == 1
				}
			}),
			newInput("c128_500x500", kC128, 500, 500, func(in *input, n int) {
				in.c128 = make([]complex128, n)
				for i := range in.c128 {
					in.c128[i] = complex(r.NormFloat64(), r.NormFloat64())
				}
			}),
			// Tiny on purpose: measures per-call overhead, not bandwidth.
			newInput("i64_3x3", kI64, 3, 3, func(in *input, n int) {
				in.i64 = make([]int64, n)
				for i := range in.i64 {
					in.i64[i] = int64(r.Uint64()) // full range, negatives included
				}
			}),
		}
	})
	return inputsAll
}

func newInput(name string, k kind, rows, cols int, fill func(*input, int)) *input {
	in := &input{name: name, kind: k, rows: rows, cols: cols}
	fill(in, rows*cols)
	var err error
	// binary.Append is host-independent, so raw is little-endian everywhere.
	switch k {
	case kF64:
		in.raw, err = binary.Append(nil, binary.LittleEndian, in.f64)
	case kI32:
		in.raw, err = binary.Append(nil, binary.LittleEndian, in.i32)
	case kBool:
		in.raw, err = binary.Append(nil, binary.LittleEndian, in.b)
	case kC128:
		in.raw, err = binary.Append(nil, binary.LittleEndian, in.c128)
	case kI64:
		in.raw, err = binary.Append(nil, binary.LittleEndian, in.i64)
	}
	if err != nil {
		panic(err)
	}
	return in
}

// slot gives generic peer helpers typed access to one kind's input slice
// and decode sink, so each peer is written once for all element types.
type slot[T any] struct {
	kind kind
	get  func(*input) []T
	set  func(*input, []T)
}

var (
	f64Slot  = slot[float64]{kF64, func(in *input) []float64 { return in.f64 }, func(in *input, v []float64) { in.out.f64 = v }}
	i32Slot  = slot[int32]{kI32, func(in *input) []int32 { return in.i32 }, func(in *input, v []int32) { in.out.i32 = v }}
	boolSlot = slot[bool]{kBool, func(in *input) []bool { return in.b }, func(in *input, v []bool) { in.out.b = v }}
	c128Slot = slot[complex128]{kC128, func(in *input) []complex128 { return in.c128 }, func(in *input, v []complex128) { in.out.c128 = v }}
	i64Slot  = slot[int64]{kI64, func(in *input) []int64 { return in.i64 }, func(in *input, v []int64) { in.out.i64 = v }}
)
