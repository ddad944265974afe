package typed

import "math"

// Array conversions between float16 and float32/float64, bit for bit what
// the scalar conversions (Float16.Float32, Float16FromFloat32, ...) give, and
// so what numpy's astype gives, signalling NaNs included.
//
// Widening rebiases the exponent of normal halves with one addition and
// takes the others (zeros, subnormals, Inf, NaN) from the tables of J. van der Zijp, "Fast Half Float
// Conversions" (2008): a half's bits split into its top six (sign and
// exponent) and its mantissa, and
//
//	bits(float) = f16Mant[f16Offset[h>>10] + h&0x3ff] + f16Exp[h>>10]
//
// with 2,048 mantissa entries and 64 of each other table (12 KB in all, so
// they stay in the L1 cache), built at start-up from the scalar code so that
// the two cannot disagree. Narrowing rounds values in the normal half range
// with integer arithmetic and leaves the rest (subnormals, overflow, NaN) to
// the scalar code.

var (
	f16Offset [64]uint16
	f16Exp32  [64]uint32
	f16Mant32 [2048]uint32
	f16Exp64  [64]uint64
	f16Mant64 [2048]uint64
)

func init() {
	for m := range 1024 {
		// Zero and subnormals take the whole value from the mantissa table;
		// every other half adds its mantissa bits to its exponent's bits.
		f16Mant32[m] = math.Float32bits(Float16(m).Float32())
		f16Mant64[m] = math.Float64bits(Float16(m).Float64())
		f16Mant32[1024+m] = uint32(m) << 13
		f16Mant64[1024+m] = uint64(m) << 42
	}
	for e := range 64 {
		h := Float16(e << 10)
		if e&31 == 0 {
			f16Exp32[e] = math.Float32bits(h.Float32()) // a signed zero
			f16Exp64[e] = math.Float64bits(h.Float64())
			continue
		}
		f16Offset[e] = 1024
		f16Exp32[e] = math.Float32bits(h.Float32())
		f16Exp64[e] = math.Float64bits(h.Float64())
	}
}

// normal4 reports whether all four halves are normal numbers (exponent
// neither 0 nor 31), with one branch: (e-1)&31 is below 30 exactly then.
func normal4(a, b, c, d Float16) bool {
	ea, eb := uint32(a>>10-1)&31, uint32(b>>10-1)&31
	ec, ed := uint32(c>>10-1)&31, uint32(d>>10-1)&31
	return ((ea+2)|(eb+2)|(ec+2)|(ed+2))&32 == 0
}

// Float16sToFloat32s sets dst[i] to src[i] as a float32 (exactly). It
// panics unless len(dst) == len(src).
func Float16sToFloat32s(dst []float32, src []Float16) {
	if len(dst) != len(src) {
		panic("typed: Float16sToFloat32s: lengths differ")
	}
	float16sToFloat32s(dst, src)
}

// float16sToFloat32sGeneric is Float16sToFloat32s in portable Go.
func float16sToFloat32sGeneric(dst []float32, src []Float16) {
	dst = dst[:len(src)]
	// Four at a time: when all four are normal halves, nearly always in
	// real data, rebias each exponent by adding (127-15)<<23 to the
	// shifted bits; otherwise each takes the tables.
	i := 0
	for ; i+4 <= len(src); i += 4 {
		s, d := src[i:i+4:i+4], dst[i:i+4:i+4]
		if normal4(s[0], s[1], s[2], s[3]) {
			d[0] = math.Float32frombits(uint32(s[0]&f16SignMask)<<16 | (uint32(s[0]&0x7fff)<<13 + (127-15)<<23))
			d[1] = math.Float32frombits(uint32(s[1]&f16SignMask)<<16 | (uint32(s[1]&0x7fff)<<13 + (127-15)<<23))
			d[2] = math.Float32frombits(uint32(s[2]&f16SignMask)<<16 | (uint32(s[2]&0x7fff)<<13 + (127-15)<<23))
			d[3] = math.Float32frombits(uint32(s[3]&f16SignMask)<<16 | (uint32(s[3]&0x7fff)<<13 + (127-15)<<23))
			continue
		}
		d[0], d[1], d[2], d[3] = table32(s[0]), table32(s[1]), table32(s[2]), table32(s[3])
	}
	for ; i < len(src); i++ {
		dst[i] = table32(src[i])
	}
}

// table32 is one half as a float32 from the tables: any half.
func table32(h Float16) float32 {
	e := h >> 10
	return math.Float32frombits(f16Mant32[(uint(f16Offset[e])+uint(h&0x3ff))&2047] + f16Exp32[e])
}

// table64 is one half as a float64 from the tables: any half.
func table64(h Float16) float64 {
	e := h >> 10
	return math.Float64frombits(f16Mant64[(uint(f16Offset[e])+uint(h&0x3ff))&2047] + f16Exp64[e])
}

// Float16sToFloat64s sets dst[i] to src[i] as a float64 (exactly). It
// panics unless len(dst) == len(src).
func Float16sToFloat64s(dst []float64, src []Float16) {
	if len(dst) != len(src) {
		panic("typed: Float16sToFloat64s: lengths differ")
	}
	float16sToFloat64s(dst, src)
}

// float16sToFloat64sGeneric is Float16sToFloat64s in portable Go.
func float16sToFloat64sGeneric(dst []float64, src []Float16) {
	dst = dst[:len(src)]
	i := 0
	for ; i+4 <= len(src); i += 4 {
		s, d := src[i:i+4:i+4], dst[i:i+4:i+4]
		if normal4(s[0], s[1], s[2], s[3]) {
			d[0] = math.Float64frombits(uint64(s[0]&f16SignMask)<<48 | (uint64(s[0]&0x7fff)<<42 + (1023-15)<<52))
			d[1] = math.Float64frombits(uint64(s[1]&f16SignMask)<<48 | (uint64(s[1]&0x7fff)<<42 + (1023-15)<<52))
			d[2] = math.Float64frombits(uint64(s[2]&f16SignMask)<<48 | (uint64(s[2]&0x7fff)<<42 + (1023-15)<<52))
			d[3] = math.Float64frombits(uint64(s[3]&f16SignMask)<<48 | (uint64(s[3]&0x7fff)<<42 + (1023-15)<<52))
			continue
		}
		d[0], d[1], d[2], d[3] = table64(s[0]), table64(s[1]), table64(s[2]), table64(s[3])
	}
	for ; i < len(src); i++ {
		dst[i] = table64(src[i])
	}
}

// Float32sToFloat16s sets dst[i] to src[i] rounded to the nearest half,
// ties to even, as Float16FromFloat32 and numpy do. It panics unless
// len(dst) == len(src).
func Float32sToFloat16s(dst []Float16, src []float32) {
	if len(dst) != len(src) {
		panic("typed: Float32sToFloat16s: lengths differ")
	}
	float32sToFloat16s(dst, src)
}

// float32sToFloat16sGeneric is Float32sToFloat16s in portable Go.
func float32sToFloat16sGeneric(dst []Float16, src []float32) {
	for i, f := range src {
		b := math.Float32bits(f)
		a := b & 0x7fffffff
		// Biased exponents 113 to 142 are the normal halves (a carry out of
		// the top one gives Inf, as it should).
		if a-113<<23 >= (142-113+1)<<23 {
			dst[i] = Float16FromFloat32(f)
			continue
		}
		// Round on the 13 dropped bits, ties to even: adding 0xfff plus the
		// lowest kept bit carries into the kept bits exactly when rounding up.
		a += 0xfff + (a>>13)&1
		dst[i] = Float16(b>>16)&f16SignMask | Float16(a>>13-112<<10)
	}
}

// Float64sToFloat16s sets dst[i] to src[i] rounded straight to the nearest
// half, ties to even, as Float16FromFloat64 and numpy do. It panics unless
// len(dst) == len(src).
func Float64sToFloat16s(dst []Float16, src []float64) {
	if len(dst) != len(src) {
		panic("typed: Float64sToFloat16s: lengths differ")
	}
	float64sToFloat16s(dst, src)
}

// float64sToFloat16sGeneric is Float64sToFloat16s in portable Go.
func float64sToFloat16sGeneric(dst []Float16, src []float64) {
	for i, f := range src {
		b := math.Float64bits(f)
		a := b & (1<<63 - 1)
		if a-1009<<52 >= (1038-1009+1)<<52 {
			dst[i] = Float16FromFloat64(f)
			continue
		}
		a += 1<<41 - 1 + (a>>42)&1
		dst[i] = Float16(b>>48)&f16SignMask | Float16(a>>42-1008<<10)
	}
}
