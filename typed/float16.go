package typed

import (
	"math"
	"math/bits"
	"strconv"
)

// Float16 is numpy's float16 (IEEE 754 binary16) held as its bit pattern.
// Go has no native half type, so values are stored as raw bits and converted
// on demand; the conversions reproduce numpy's casts bit for bit.
type Float16 uint16

const (
	f16SignMask = 0x8000
	f16ExpMask  = 0x7c00
	f16ManMask  = 0x03ff
	f16Inf      = 0x7c00
)

// Float16FromBits returns the half with the given bit pattern.
func Float16FromBits(b uint16) Float16 { return Float16(b) }

// Bits returns the IEEE 754 binary16 bit pattern of h.
func (h Float16) Bits() uint16 { return uint16(h) }

// IsNaN reports whether h is a NaN (all-ones exponent, non-zero mantissa).
func (h Float16) IsNaN() bool { return h&0x7fff > f16Inf }

// IsInf reports whether h is an infinity, according to sign as in math.IsInf:
// sign > 0 tests for +Inf, sign < 0 for -Inf, sign == 0 for either.
func (h Float16) IsInf(sign int) bool {
	switch {
	case sign > 0:
		return h == f16Inf
	case sign < 0:
		return h == f16SignMask|f16Inf
	}
	return h&0x7fff == f16Inf
}

// String formats h as its exact float32 value with the shortest decimal that
// reads back as that float32, so parsing the text as float32 and converting
// to Float16 gives h again. (numpy's repr prints fewer digits: 6e-08, not
// 5.9604645e-08.)
func (h Float16) String() string {
	return strconv.FormatFloat(float64(h.Float32()), 'g', -1, 32)
}

// Float32 returns h as a float32. Every half is exactly representable.
// NaN payloads are shifted into the top of the float32 mantissa without
// setting the quiet bit, as numpy does, so a signalling NaN stays signalling.
func (h Float16) Float32() float32 {
	sign := uint32(h&f16SignMask) << 16
	exp := uint32(h&f16ExpMask) >> 10
	man := uint32(h & f16ManMask)
	switch exp {
	case 0:
		if man == 0 {
			return math.Float32frombits(sign)
		}
		// Subnormal: value is man*2^-24; renormalise so the leading one
		// becomes the implicit bit. n is the bit length of man (1..10).
		n := uint32(bits.Len32(man))
		return math.Float32frombits(sign | (n+102)<<23 | (man<<(24-n))&0x7fffff)
	case 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | man<<13)
	}
	// Rebias the exponent from 15 to 127.
	return math.Float32frombits(sign | (exp+112)<<23 | man<<13)
}

// Float64 returns h as a float64. It is built from the bits directly rather
// than via float32, because a float32->float64 conversion in hardware would
// quieten signalling NaNs, which numpy's half->double cast does not.
func (h Float16) Float64() float64 {
	sign := uint64(h&f16SignMask) << 48
	exp := uint64(h&f16ExpMask) >> 10
	man := uint64(h & f16ManMask)
	switch exp {
	case 0:
		if man == 0 {
			return math.Float64frombits(sign)
		}
		n := uint64(bits.Len64(man))
		return math.Float64frombits(sign | (n+998)<<52 | (man<<(53-n))&(1<<52-1))
	case 0x1f:
		return math.Float64frombits(sign | 0x7ff<<52 | man<<42)
	}
	// Rebias the exponent from 15 to 1023.
	return math.Float64frombits(sign | (exp+1008)<<52 | man<<42)
}

// Float16FromFloat32 rounds f to the nearest half, ties to even, matching
// numpy's float32->float16 cast: values of magnitude >= 65520 become Inf,
// values below 2^-25 (or equal to it) become signed zero.
// For NaN numpy keeps the sign and the top 10 mantissa bits (so quiet NaNs
// stay quiet and signalling ones are not quietened); if that truncation
// leaves no mantissa bit the result is forced to mantissa 1 to stay NaN.
func Float16FromFloat32(f float32) Float16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & f16SignMask
	exp := int32(b>>23) & 0xff
	man := b & 0x7fffff
	switch {
	case exp == 0xff:
		if man == 0 {
			return Float16(sign | f16Inf)
		}
		m := uint16(man >> 13)
		if m == 0 {
			m = 1
		}
		return Float16(sign | f16Inf | m)
	case exp >= 127+16: // |f| >= 2^16: beyond any rounding to 65504
		return Float16(sign | f16Inf)
	case exp >= 127-14: // normal half range
		// Keep 10 mantissa bits and round on the 13 dropped ones. A carry out
		// of the mantissa correctly bumps the exponent, up to Inf at 65520.
		h := uint32(exp-112)<<10 | man>>13
		return Float16(sign | uint16(roundShifted(h, man&0x1fff, 1<<12)))
	case exp < 127-25: // |f| < 2^-25 rounds to zero (covers float32 subnormals)
		return Float16(sign)
	}
	// Half subnormal: the result is sig*2^(exp-150) in units of 2^-24.
	sig := man | 1<<23
	shift := uint32(126 - exp) // 14..24
	h := sig >> shift
	return Float16(sign | uint16(roundShifted(h, sig&(1<<shift-1), 1<<(shift-1))))
}

// Float16FromFloat64 rounds f straight to the nearest half, ties to even, as
// numpy's float64->float16 cast does. Going through float32 first would round
// twice and give different results just around half-way points (for example
// 65519.99 would become Inf instead of 65504).
func Float16FromFloat64(f float64) Float16 {
	b := math.Float64bits(f)
	sign := uint16(b>>48) & f16SignMask
	exp := int64(b>>52) & 0x7ff
	man := b & (1<<52 - 1)
	switch {
	case exp == 0x7ff:
		if man == 0 {
			return Float16(sign | f16Inf)
		}
		m := uint16(man >> 42)
		if m == 0 {
			m = 1
		}
		return Float16(sign | f16Inf | m)
	case exp >= 1023+16:
		return Float16(sign | f16Inf)
	case exp >= 1023-14:
		h := uint64(exp-1008)<<10 | man>>42
		return Float16(sign | uint16(roundShifted(h, man&(1<<42-1), 1<<41)))
	case exp < 1023-25:
		return Float16(sign)
	}
	sig := man | 1<<52
	shift := uint64(1051 - exp) // 43..53
	h := sig >> shift
	return Float16(sign | uint16(roundShifted(h, sig&(1<<shift-1), 1<<(shift-1))))
}

// roundShifted rounds the truncated value h up by one unit when the dropped
// bits rest exceed the half-way value, or equal it and h is odd (ties to even).
func roundShifted[T uint32 | uint64](h, rest, half T) T {
	if rest > half || (rest == half && h&1 != 0) {
		h++
	}
	return h
}
