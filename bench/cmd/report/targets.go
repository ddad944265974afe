package main

import (
	"cmp"
	"fmt"
	"math"
	"path"
	"slices"
)

// target is npy2d's rows against a reference on the same cases, in the
// same run.
type target struct {
	name  string  // what is compared, as the issue states it
	rows  string  // npy2d's rows, Op/codec/case; the case may be a path.Match pattern
	ref   string  // a codec of the same cases (a BenchmarkPath impl, "numpy", "copy"...); for a unit also "" (none) or "data" (the data size)
	every string  // what the cases of a pattern range over, for the text
	unit  string  // "" compares speed; else this unit's value (allocs/op and B/op are -benchmem's), over ref's
	bound float64 // speed: at least this many times as fast; a unit: at most this
}

// targets are those of the open performance issue, on BenchmarkPath.
var targets = []target{
	{"JSON decode (`UnmarshalJSON`) vs Python's json + base64 + frombuffer", "Path/npy2d/json-decode", "numpy", "", "", 5},
	{"JSON decode vs `encoding/base64` decoding the same data", "Path/npy2d/json-decode", "base64", "", "", 0.5},
	{"JSON decode into an array of the right size: allocations", "Path/npy2d/json-decode", "", "", "allocs/op", 0},
	{"JSON encode (`MarshalJSON`) vs `encoding/base64` encoding", "Path/npy2d/json-encode", "base64", "", "", 0.8},
	{"npz compressed write vs `np.savez_compressed`", "Path/npy2d/npz-write", "numpy", "", "", 3},
	{"npz compressed archive size vs `np.savez_compressed`'s", "Path/npy2d/npz-write", "numpy", "", "B/archive", 1.02},
	{"npz compressed read vs `np.load`", "Path/npy2d/npz-read", "numpy", "", "", 1.5},
	{"npz compressed read of a member, archive open: allocations (one of the final size)", "Path/npy2d/npz-member", "", "", "allocs/op", 4},
	{"npz compressed read: bytes allocated vs the member's data", "Path/npy2d/npz-read", "data", "", "B/op", 1.25},
	{"npz compressed read, built with `-tags libdeflate`, vs `np.load`", "Path/npy2d-libdeflate/npz-read", "numpy", "", "", 1.5},
	{"npz compressed read of a member, built with `-tags libdeflate`: allocations", "Path/npy2d-libdeflate/npz-member", "", "", "allocs/op", 4},
	{"npz compressed read, built with `-tags libdeflate`: bytes allocated vs the member's data", "Path/npy2d-libdeflate/npz-read", "data", "", "B/op", 1.25},
	{"Fortran-order read (`ReadFrom`) vs `copy()`", "Path/npy2d/fortran_*", "copy", "dtype", "", 0.5},
	{"Fortran-order read vs `np.load` + `ascontiguousarray`", "Path/npy2d/fortran_*", "numpy", "dtype", "", 1},
	{"big-endian read (`ReadFrom`) vs `copy()`", "Path/npy2d/bigendian_*", "copy", "multi-byte dtype", "", 0.8},
	{"big-endian read vs `np.load` + `astype`", "Path/npy2d/bigendian_*", "numpy", "multi-byte dtype", "", 1},
	{"float16 slice conversions vs numpy's `astype`", "Path/npy2d/f[0-9]*-f[0-9]*", "numpy", "conversion", "", 2},
	{"`ReadNPY` (a new array) vs `np.load`, 8 to 800 MB", "Path/npy2d/fresh-*", "numpy", "size, from bytes and from a file", "", 1},
	{"3×3 int64 `WriteTo` and `ReadFrom` vs a fixed header and the data", "Path/npy2d/small-*", "bound", "direction", "", 0.5},
	{"3×3 int64 `WriteTo` and `ReadFrom`: allocations", "Path/npy2d/small-*", "", "direction", "allocs/op", 0},
	{"3×3 int64 `ReadFrom` vs `binary.Read`", "Path/npy2d/small-read", "binary", "", "", 1},
}

// minBytes: the limits judge inputs of this size or more; smaller ones
// measure per-call overhead, which the 3×3 targets judge.
const minBytes = 1e6

// outcome is a target judged on one run.
type outcome struct {
	target
	ratios []caseRatio // one per case measured, worst first
	status string
	top    string // the profile of the worst case, when missed
}

type caseRatio struct {
	key
	x float64
}

const met, missed, unmeasured = "met", "**missed**", "not measured"

// evaluate judges the targets, and holds npy2d's main rows (the tables'
// columns) to their limits: a row far below its limit is profiled.
func (r *report) evaluate() {
	for _, t := range targets {
		r.outcomes = append(r.outcomes, r.rs.judge(t, 0))
	}
	for _, c := range columns {
		t := target{"`" + c.call + "` vs its limit", c.op + "/" + c.codec + "/*", c.limit, "input", "", 0.5}
		r.limits = append(r.limits, r.rs.judge(t, minBytes))
	}
}

// judge computes t's ratio on every case of t.rows (of at least min
// bytes), worst first: the least speedup, or the greatest unit value.
func (rs *results) judge(t target, min float64) outcome {
	o, sign := outcome{target: t, status: unmeasured}, 1
	if t.unit != "" {
		sign = -1
	}
	for _, k := range rs.order {
		if match, _ := path.Match(t.rows, k.String()); match && !(rs.bytes(k) < min) {
			if x := rs.ratio(t, k); !math.IsNaN(x) {
				o.ratios = append(o.ratios, caseRatio{k, x})
			}
		}
	}
	slices.SortStableFunc(o.ratios, func(a, b caseRatio) int { return sign * cmp.Compare(a.x, b.x) })
	if len(o.ratios) > 0 {
		o.status = met
		if sign*cmp.Compare(o.ratios[0].x, t.bound) < 0 {
			o.status = missed
		}
	}
	return o
}

// ratio is t's measure of case k: npy2d's speedup over the reference, or
// its value of t.unit, over the reference's or the data size if any.
func (rs *results) ratio(t target, k key) float64 {
	switch t.ref {
	case "":
		return rs.med(k, t.unit)
	case "data":
		return rs.med(k, t.unit) / rs.bytes(k)
	}
	if t.unit == "" {
		return rs.speedup(t.refKey(k), k)
	}
	return rs.med(k, t.unit) / rs.med(t.refKey(k), t.unit)
}

func (t target) refKey(k key) key { return key{k.Op, t.ref, k.Input} }

// sampleIndex is the heap profile's view of t's unit, or "" for a CPU profile.
func (t target) sampleIndex() string {
	return map[string]string{"allocs/op": "alloc_objects", "B/op": "alloc_space"}[t.unit]
}

// show prints a ratio of t, or a value when t has no reference.
func (t target) show(x float64) string {
	switch {
	case t.unit == "":
		return fmtRatio(x)
	case t.ref == "":
		return fmtCount(x) + " " + t.unit
	}
	return fmt.Sprintf("%.3f×", x)
}

func (t target) needed() string {
	switch {
	case t.unit == "":
		return fmt.Sprintf("≥ %g×", t.bound)
	case t.ref == "":
		return fmt.Sprintf("≤ %g %s", t.bound, t.unit)
	}
	return fmt.Sprintf("≤ %g×", t.bound)
}

// profilePattern is the -test.bench pattern of one benchmark.
func profilePattern(k key) string {
	return "^Benchmark" + k.Op + "$/^" + k.Codec + "$/^" + k.Input + "$"
}
