package typed

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// numpyPython returns an interpreter that can import numpy. The system
// interpreter is used because the python3 on PATH may lack numpy. Without
// numpy the test is skipped locally but fails under CI=true, so CI can never
// silently stop checking against numpy.
func numpyPython(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	msg := ""
	if _, err := os.Stat(py); err != nil {
		msg = fmt.Sprintf("%s not found: %v", py, err)
	} else if out, err := exec.Command(py, "-c", "import numpy").CombinedOutput(); err != nil {
		msg = fmt.Sprintf("%s cannot import numpy: %v: %s", py, err, strings.TrimSpace(string(out)))
	}
	if msg != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return py
}

// numpyCastScript casts a raw little-endian file from one dtype to another.
// errstate silences overflow warnings, which are expected for the Inf cases.
const numpyCastScript = `
import sys
import numpy as np
src, dst, inp, out = sys.argv[1:]
a = np.fromfile(inp, dtype=src)
with np.errstate(all="ignore"):
    b = a.astype(dst)
b.tofile(out)
`

// numpyCast runs numpy's astype on raw little-endian data and returns the
// raw little-endian result. Data goes through files so NaN payloads are
// carried exactly, with no text formatting in between.
func numpyCast(t *testing.T, in []byte, src, dst string) []byte {
	t.Helper()
	py := numpyPython(t)
	dir := t.TempDir()
	inPath := filepath.Join(dir, "in.bin")
	outPath := filepath.Join(dir, "out.bin")
	if err := os.WriteFile(inPath, in, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", numpyCastScript, src, dst, inPath, outPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("numpy cast %s->%s: %v: %s", src, dst, err, out)
	}
	res, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func allHalves() []Float16 {
	hs := make([]Float16, 1<<16)
	for i := range hs {
		hs[i] = Float16(i)
	}
	return hs
}

func halvesToLE(hs []Float16) []byte {
	b := make([]byte, 2*len(hs))
	for i, h := range hs {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(h))
	}
	return b
}

func u32sToLE(vs []uint32) []byte {
	b := make([]byte, 4*len(vs))
	for i, v := range vs {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func u64sToLE(vs []uint64) []byte {
	b := make([]byte, 8*len(vs))
	for i, v := range vs {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b
}

// checkLen stops the test if numpy returned an unexpected amount of data.
func checkLen(t *testing.T, got []byte, n, size int) {
	t.Helper()
	if len(got) != n*size {
		t.Fatalf("numpy returned %d bytes, want %d", len(got), n*size)
	}
}

// mismatches logs the first few mismatches and then gives up, so one
// systematic bug does not print a million lines.
type mismatches struct {
	t *testing.T
	n int
}

func (m *mismatches) add(format string, args ...any) {
	m.t.Helper()
	m.n++
	if m.n <= 20 {
		m.t.Errorf(format, args...)
	}
}

func (m *mismatches) done(total int) {
	m.t.Helper()
	if m.n > 20 {
		m.t.Errorf("... %d mismatches in total", m.n)
	}
	m.t.Logf("compared %d cases with numpy, %d mismatches", total, m.n)
}

// float32Cases covers float32 inputs where float32->float16 rounding is
// decided: every half-way point between adjacent halves and its neighbours,
// the half values themselves, dense sweeps over the subnormal, underflow and
// overflow boundaries, NaN payloads, specials, and random bit patterns.
func float32Cases() []uint32 {
	var cs []uint32
	add := func(b uint32) { cs = append(cs, b, b^0x80000000) }
	around := func(b uint32, r uint32) {
		for d := uint32(0); d <= r; d++ {
			add(b + d)
			if b >= d {
				add(b - d)
			}
		}
	}
	// For every positive finite half: the half itself and the midpoint to
	// the next half (65520 for 65504), each with +-1 and +-2 ulps.
	for h := uint16(0); h <= 0x7bff; h++ {
		lo := float64(Float16(h).Float32())
		hi := 65536.0
		if h < 0x7bff {
			hi = float64(Float16(h + 1).Float32())
		}
		around(math.Float32bits(float32(lo)), 2)
		around(math.Float32bits(float32((lo+hi)/2)), 2)
	}
	// Dense sweeps: around 2^-25 (round-to-zero boundary), 2^-24 (smallest
	// subnormal), 2^-14 (smallest normal), 65504 and 65520 (overflow), 2^16.
	for _, v := range []float32{0x1p-26, 0x1p-25, 0x1.8p-25, 0x1p-24, 0x1.8p-24, 0x1p-15, 0x1p-14, 0x1.ffcp-15, 65504, 65520, 65536, 1} {
		around(math.Float32bits(v), 1<<12)
	}
	// Whole float32 binades that map to half subnormals, at a stride that
	// still hits many distinct rounding cases.
	for b := uint32(0x33000000); b < 0x38800000; b += 0x101 {
		add(b)
	}
	// Specials and float32 subnormals.
	for _, b := range []uint32{0, 1, 2, 0x7fffff, 0x800000, 0x7f7fffff, 0x7f800000, 0x3f800000} {
		add(b)
	}
	// NaNs: payloads that survive truncation, that vanish in it (forced to
	// mantissa 1), quiet and signalling, all with both signs.
	for _, m := range []uint32{1, 2, 0xfff, 0x1000, 0x1fff, 0x2000, 0x2001, 0x3fff, 0x4000,
		0x200000, 0x3fffff, 0x400000, 0x400001, 0x401fff, 0x402000, 0x7fe000, 0x7fffff, 0x155555, 0x2aaaaa} {
		add(0x7f800000 | m)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1 << 20 {
		cs = append(cs, r.Uint32())
	}
	// Random values concentrated where halves live (exponents 100..145).
	for range 1 << 18 {
		e := 100 + r.Uint32N(46)
		cs = append(cs, r.Uint32()&0x807fffff|e<<23)
	}
	for range 1 << 12 {
		cs = append(cs, r.Uint32()|0x7f800000) // random NaNs (and rarely Inf)
	}
	return cs
}

// float64Cases is float32Cases for float64, plus the double-rounding traps:
// values a hair off a half-way point, which float32 would round onto the
// midpoint and then tie-break, unlike numpy's direct rounding.
func float64Cases() []uint64 {
	var cs []uint64
	const signBit = 1 << 63
	add := func(b uint64) { cs = append(cs, b, b^signBit) }
	around := func(b uint64, r uint64) {
		for d := uint64(0); d <= r; d++ {
			add(b + d)
			if b >= d {
				add(b - d)
			}
		}
	}
	for h := uint16(0); h <= 0x7bff; h++ {
		lo := Float16(h).Float64()
		hi := 65536.0
		if h < 0x7bff {
			hi = Float16(h + 1).Float64()
		}
		mid := (lo + hi) / 2
		around(math.Float64bits(lo), 1)
		around(math.Float64bits(mid), 2)
		if mid == 0 {
			continue
		}
		// Offsets at and just inside float32's rounding granularity at
		// mid: float32(mid +- tiny) == mid, which is the double-rounding trap.
		ulp32 := float64(math.Nextafter32(float32(mid), float32(math.Inf(1))) - float32(mid))
		for _, off := range []float64{ulp32 / 4, ulp32 / 2, ulp32 * 3 / 4, ulp32} {
			add(math.Float64bits(mid + off))
			add(math.Float64bits(mid - off))
			around(math.Float64bits(mid+off), 1)
			around(math.Float64bits(mid-off), 1)
		}
	}
	for _, v := range []float64{0x1p-26, 0x1p-25, 0x1.8p-25, 0x1p-24, 0x1.8p-24, 0x1p-15, 0x1p-14, 0x1.ffcp-15, 65504, 65520, 65536, 1} {
		around(math.Float64bits(v), 1<<12)
	}
	// Half subnormal binades at a stride.
	for b := uint64(0x3e60000000000000); b < 0x3f10000000000000; b += 0x10000000101 {
		add(b)
	}
	for _, b := range []uint64{0, 1, 2, 1<<52 - 1, 1 << 52, 0x7fefffffffffffff, 0x7ff0000000000000, 0x3ff0000000000000,
		0x47efffffe0000000, 0x47efffffffffffff, 0x47f0000000000000, 0x36a0000000000000, 0x3e6ffffffffffff} {
		add(b)
	}
	for _, m := range []uint64{1, 2, 1<<42 - 1, 1 << 42, 1<<42 + 1, 1<<43 - 1, 1 << 43, 1 << 51, 1<<51 + 1,
		1<<51 | (1<<42 - 1), 1<<52 - 1, 0x5555555555555, 0xaaaaaaaaaaaaa, 0x0000020000000, 0x00000001fffff} {
		add(0x7ff0000000000000 | m)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 1 << 20 {
		cs = append(cs, r.Uint64())
	}
	for range 1 << 18 {
		e := 990 + r.Uint64N(50)
		cs = append(cs, r.Uint64()&(signBit|1<<52-1)|e<<52)
	}
	for range 1 << 12 {
		cs = append(cs, r.Uint64()|0x7ff0000000000000)
	}
	return cs
}

func TestFloat16ToFloat32MatchesNumpy(t *testing.T) {
	hs := allHalves()
	got := numpyCast(t, halvesToLE(hs), "<f2", "<f4")
	checkLen(t, got, len(hs), 4)
	m := &mismatches{t: t}
	for i, h := range hs {
		want := binary.LittleEndian.Uint32(got[4*i:])
		if g := math.Float32bits(h.Float32()); g != want {
			m.add("Float16(%#04x).Float32() = %#08x, numpy %#08x", uint16(h), g, want)
		}
	}
	m.done(len(hs))
}

func TestFloat16ToFloat64MatchesNumpy(t *testing.T) {
	hs := allHalves()
	got := numpyCast(t, halvesToLE(hs), "<f2", "<f8")
	checkLen(t, got, len(hs), 8)
	m := &mismatches{t: t}
	for i, h := range hs {
		want := binary.LittleEndian.Uint64(got[8*i:])
		if g := math.Float64bits(h.Float64()); g != want {
			m.add("Float16(%#04x).Float64() = %#016x, numpy %#016x", uint16(h), g, want)
		}
	}
	m.done(len(hs))
}

func TestFloat16FromFloat32MatchesNumpy(t *testing.T) {
	cs := float32Cases()
	got := numpyCast(t, u32sToLE(cs), "<f4", "<f2")
	checkLen(t, got, len(cs), 2)
	m := &mismatches{t: t}
	for i, b := range cs {
		want := binary.LittleEndian.Uint16(got[2*i:])
		if g := Float16FromFloat32(math.Float32frombits(b)); uint16(g) != want {
			m.add("Float16FromFloat32(bits %#08x) = %#04x, numpy %#04x", b, uint16(g), want)
		}
	}
	m.done(len(cs))
}

func TestFloat16FromFloat64MatchesNumpy(t *testing.T) {
	cs := float64Cases()
	got := numpyCast(t, u64sToLE(cs), "<f8", "<f2")
	checkLen(t, got, len(cs), 2)
	m := &mismatches{t: t}
	for i, b := range cs {
		want := binary.LittleEndian.Uint16(got[2*i:])
		if g := Float16FromFloat64(math.Float64frombits(b)); uint16(g) != want {
			m.add("Float16FromFloat64(bits %#016x) = %#04x, numpy %#04x", b, uint16(g), want)
		}
	}
	m.done(len(cs))
}

// refRound is a slow, independent float64->half rounding used without
// numpy: it finds the two finite halves bracketing |x| and picks the nearer,
// ties to the even bit pattern. 2|x| and lo+hi are exact in float64, so the
// comparison is exact. NaNs are not handled.
func refRound(x float64) Float16 {
	var sign Float16
	if math.Signbit(x) {
		sign = 0x8000
		x = -x
	}
	if x >= 65520 {
		return sign | 0x7c00
	}
	// Positive finite halves are ordered like their bit patterns.
	i, _ := slices.BinarySearchFunc(positiveHalves, x, func(h, x float64) int {
		switch {
		case h < x:
			return -1
		case h > x:
			return 1
		}
		return 0
	})
	if i < len(positiveHalves) && positiveHalves[i] == x {
		return sign | Float16(i)
	}
	lo, hi := Float16(i-1), Float16(i) // i == 0x7c00 stands for 65536
	loV, hiV := positiveHalves[i-1], 65536.0
	if i < len(positiveHalves) {
		hiV = positiveHalves[i]
	}
	switch s, t := 2*x, loV+hiV; {
	case s < t:
		return sign | lo
	case s > t:
		return sign | hi
	case lo&1 == 0:
		return sign | lo
	}
	return sign | hi
}

var positiveHalves = func() []float64 {
	v := make([]float64, 0x7c00)
	for i := range v {
		// Computed by arithmetic, not by Float64, to stay independent.
		e, m := i>>10, float64(i&0x3ff)
		if e == 0 {
			v[i] = math.Ldexp(m, -24)
		} else {
			v[i] = math.Ldexp(1024+m, e-25)
		}
	}
	return v
}()

func TestFloat16FromFloat32Reference(t *testing.T) {
	for _, b := range float32Cases() {
		f := math.Float32frombits(b)
		if f != f {
			continue
		}
		if g, w := Float16FromFloat32(f), refRound(float64(f)); g != w {
			t.Fatalf("Float16FromFloat32(bits %#08x) = %#04x, reference %#04x", b, uint16(g), uint16(w))
		}
	}
}

func TestFloat16FromFloat64Reference(t *testing.T) {
	traps := 0
	for _, b := range float64Cases() {
		f := math.Float64frombits(b)
		if f != f {
			continue
		}
		g := Float16FromFloat64(f)
		if w := refRound(f); g != w {
			t.Fatalf("Float16FromFloat64(bits %#016x) = %#04x, reference %#04x", b, uint16(g), uint16(w))
		}
		if g != Float16FromFloat32(float32(f)) {
			traps++
		}
	}
	// The case set is only useful if it contains values where rounding via
	// float32 would give a different answer.
	if traps < 100000 {
		t.Errorf("only %d double-rounding traps among the float64 cases", traps)
	}
	t.Logf("%d float64 cases where rounding via float32 differs", traps)
}

// Every half, NaNs included, must survive a round trip through float32 and
// float64 bit for bit: the widening is exact and keeps NaN payloads.
func TestFloat16RoundTrip(t *testing.T) {
	for _, h := range allHalves() {
		if g := Float16FromFloat32(h.Float32()); g != h {
			t.Errorf("Float16FromFloat32(%#04x.Float32()) = %#04x", uint16(h), uint16(g))
		}
		if g := Float16FromFloat64(h.Float64()); g != h {
			t.Errorf("Float16FromFloat64(%#04x.Float64()) = %#04x", uint16(h), uint16(g))
		}
		if f32, f64 := h.Float32(), h.Float64(); !h.IsNaN() && float64(f32) != f64 {
			t.Errorf("%#04x: Float32 %v and Float64 %v disagree", uint16(h), f32, f64)
		}
	}
}

func TestFloat16KnownValues(t *testing.T) {
	for _, c := range []struct {
		bits uint16
		v    float64
		s    string
	}{
		{0x3c00, 1, "1"},
		{0xc000, -2, "-2"},
		{0x7bff, 65504, "65504"},
		{0xfbff, -65504, "-65504"},
		{0x0001, 0x1p-24, "5.9604645e-08"},
		{0x03ff, 0x1.ff8p-15, "6.097555e-05"},
		{0x0400, 0x1p-14, "6.1035156e-05"},
		{0x3555, 0x1.554p-2, "0.33325195"},
		{0x3bff, 0x1.ffcp-1, "0.9995117"},
		{0x3c01, 0x1.004p0, "1.0009766"},
		{0x0000, 0, "0"},
		{0x8000, math.Copysign(0, -1), "-0"},
		{0x7c00, math.Inf(1), "+Inf"},
		{0xfc00, math.Inf(-1), "-Inf"},
	} {
		h := Float16FromBits(c.bits)
		if h.Bits() != c.bits {
			t.Errorf("Float16FromBits(%#04x).Bits() = %#04x", c.bits, h.Bits())
		}
		if g := h.Float64(); math.Float64bits(g) != math.Float64bits(c.v) {
			t.Errorf("%#04x.Float64() = %v, want %v", c.bits, g, c.v)
		}
		if g := h.Float32(); math.Float32bits(g) != math.Float32bits(float32(c.v)) {
			t.Errorf("%#04x.Float32() = %v, want %v", c.bits, g, c.v)
		}
		if g := Float16FromFloat64(c.v); g != h {
			t.Errorf("Float16FromFloat64(%v) = %#04x, want %#04x", c.v, uint16(g), c.bits)
		}
		if g := Float16FromFloat32(float32(c.v)); g != h {
			t.Errorf("Float16FromFloat32(%v) = %#04x, want %#04x", c.v, uint16(g), c.bits)
		}
		if g := h.String(); g != c.s {
			t.Errorf("%#04x.String() = %q, want %q", c.bits, g, c.s)
		}
	}
}

func TestFloat16Rounding(t *testing.T) {
	for _, c := range []struct {
		v    float64
		bits uint16
	}{
		{65519, 0x7bff},                    // below the overflow midpoint
		{65520, 0x7c00},                    // midpoint ties to even, which is Inf
		{math.Nextafter(65520, 0), 0x7bff}, // double-rounding trap: float32 would give Inf
		{0x1p-25, 0x0000},                  // half of the smallest subnormal ties to zero
		{0x1.0000000000001p-25, 0x0001},
		{0x1.8p-24, 0x0002},             // 1.5 subnormal units ties to even 2
		{1 + 0x1p-11, 0x3c00},           // tie between 0x3c00 and 0x3c01 -> even
		{1 + 0x1p-11 + 0x1p-40, 0x3c01}, // just above the tie; float32 would tie to even
		{1 + 3*0x1p-11, 0x3c02},         // tie between 0x3c01 and 0x3c02 -> even
		{1e10, 0x7c00},
		{1e-10, 0x0000},
	} {
		if g := Float16FromFloat64(c.v); g.Bits() != c.bits {
			t.Errorf("Float16FromFloat64(%v) = %#04x, want %#04x", c.v, g.Bits(), c.bits)
		}
	}
	if g := Float16FromFloat32(float32(1 + 0x1p-11 + 0x1p-40)); g.Bits() != 0x3c00 {
		t.Errorf("float32 rounds 1+2^-11+2^-40 onto the tie first; got %#04x, want 0x3c00", g.Bits())
	}
}

func TestFloat16Classify(t *testing.T) {
	for _, c := range []struct {
		bits               uint16
		nan, inf, pos, neg bool
	}{
		{0x7c00, false, true, true, false},
		{0xfc00, false, true, false, true},
		{0x7c01, true, false, false, false},
		{0x7e00, true, false, false, false},
		{0xffff, true, false, false, false},
		{0x7bff, false, false, false, false},
		{0x0000, false, false, false, false},
	} {
		h := Float16FromBits(c.bits)
		if h.IsNaN() != c.nan || h.IsInf(0) != c.inf || h.IsInf(1) != c.pos || h.IsInf(-1) != c.neg {
			t.Errorf("%#04x: IsNaN %v IsInf(0) %v IsInf(1) %v IsInf(-1) %v", c.bits,
				h.IsNaN(), h.IsInf(0), h.IsInf(1), h.IsInf(-1))
		}
		if h.IsNaN() != math.IsNaN(h.Float64()) || h.IsInf(0) != math.IsInf(h.Float64(), 0) {
			t.Errorf("%#04x: classification disagrees with math", c.bits)
		}
	}
	// NaN conversions keep the sign and the top mantissa bits, and never
	// collapse to Inf.
	for _, c := range []struct {
		in   uint32
		want uint16
	}{
		{0x7fc00000, 0x7e00}, // quiet NaN stays quiet
		{0xffc00000, 0xfe00},
		{0x7f800001, 0x7c01}, // payload truncated away: forced to stay NaN
		{0x7fa00000, 0x7d00}, // signalling NaN is not quietened
	} {
		if g := Float16FromFloat32(math.Float32frombits(c.in)); g.Bits() != c.want {
			t.Errorf("Float16FromFloat32(bits %#08x) = %#04x, want %#04x", c.in, g.Bits(), c.want)
		}
	}
	if g := Float16FromFloat64(math.Float64frombits(0x7ff0000000000001)); g.Bits() != 0x7c01 {
		t.Errorf("Float16FromFloat64(signalling NaN 1) = %#04x, want 0x7c01", g.Bits())
	}
	if g := Float16FromBits(0x7d00).Float64(); math.Float64bits(g) != 0x7ff4000000000000 {
		t.Errorf("Float16(0x7d00).Float64() = %#016x, want 0x7ff4000000000000", math.Float64bits(g))
	}
}

var (
	sinkF16 Float16
	sinkF32 float32
	sinkF64 float64
)

func benchInputs() []float64 {
	r := rand.New(rand.NewPCG(5, 6))
	v := make([]float64, 4096)
	for i := range v {
		v[i] = (r.Float64()*2 - 1) * math.Ldexp(1, r.IntN(40)-24)
	}
	return v
}

func BenchmarkFloat16FromFloat32(b *testing.B) {
	in := benchInputs()
	f := make([]float32, len(in))
	for i, v := range in {
		f[i] = float32(v)
	}
	var h Float16
	for i := 0; b.Loop(); i++ {
		h ^= Float16FromFloat32(f[i&(len(f)-1)])
	}
	sinkF16 = h
}

func BenchmarkFloat16FromFloat64(b *testing.B) {
	in := benchInputs()
	var h Float16
	for i := 0; b.Loop(); i++ {
		h ^= Float16FromFloat64(in[i&(len(in)-1)])
	}
	sinkF16 = h
}

func BenchmarkFloat16Float32(b *testing.B) {
	var s float32
	for i := 0; b.Loop(); i++ {
		s += Float16(i & 0x7bff).Float32()
	}
	sinkF32 = s
}

func BenchmarkFloat16Float64(b *testing.B) {
	var s float64
	for i := 0; b.Loop(); i++ {
		s += Float16(i & 0x7bff).Float64()
	}
	sinkF64 = s
}
