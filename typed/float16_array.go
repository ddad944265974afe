package typed

// Conversions of whole slices between Float16 and float32 or float64, with
// numpy's astype results bit for bit (NaN payloads included). len(dst) must
// equal len(src); they panic otherwise.

// Float16sToFloat32s sets dst[i] to src[i] as a float32 (exact).
func Float16sToFloat32s(dst []float32, src []Float16) {
	checkLens(len(dst), len(src))
	for i, h := range src {
		dst[i] = h.Float32()
	}
}

// Float16sToFloat64s sets dst[i] to src[i] as a float64 (exact).
func Float16sToFloat64s(dst []float64, src []Float16) {
	checkLens(len(dst), len(src))
	for i, h := range src {
		dst[i] = h.Float64()
	}
}

// Float32sToFloat16s sets dst[i] to src[i] rounded to the nearest half,
// ties to even, as Float16FromFloat32.
func Float32sToFloat16s(dst []Float16, src []float32) {
	checkLens(len(dst), len(src))
	for i, f := range src {
		dst[i] = Float16FromFloat32(f)
	}
}

// Float64sToFloat16s sets dst[i] to src[i] rounded straight to the nearest
// half, ties to even, as Float16FromFloat64.
func Float64sToFloat16s(dst []Float16, src []float64) {
	checkLens(len(dst), len(src))
	for i, f := range src {
		dst[i] = Float16FromFloat64(f)
	}
}

func checkLens(dst, src int) {
	if dst != src {
		panic("typed: float16 slice conversion with len(dst) != len(src)")
	}
}
