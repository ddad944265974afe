package main

import (
	"cmp"
	"math"
	"path"
	"slices"
)

// target is npy2d's rows against a reference's rows of the same cases, in
// the same run.
type target struct {
	name  string  // what is compared, as the issue states it
	rows  string  // npy2d's rows, Op/codec/case; the case may be a path.Match pattern
	ref   string  // the reference's codec: a BenchmarkPath impl, numpy_bench.py's "numpy", copy...
	every string  // what the cases of a pattern range over, for the text
	unit  string  // "" compares speed; else this unit's value, npy2d's over ref's
	bound float64 // speed: at least this many times as fast; a unit: at most this ratio
}

// targets are those of the open performance issue, on BenchmarkPath.
var targets = []target{
	{"JSON decode (`UnmarshalJSON`) vs Python's json + base64 + frombuffer", "Path/npy2d/json-decode", "numpy", "", "", 5},
	{"JSON decode vs `encoding/base64` decoding the same data", "Path/npy2d/json-decode", "base64", "", "", 0.5},
	{"JSON encode (`MarshalJSON`) vs `encoding/base64` encoding", "Path/npy2d/json-encode", "base64", "", "", 0.8},
	{"npz compressed write vs `np.savez_compressed`", "Path/npy2d/npz-write", "numpy", "", "", 3},
	{"npz compressed archive size vs `np.savez_compressed`'s", "Path/npy2d/npz-write", "numpy", "", "B/archive", 1.02},
	{"npz compressed read vs `np.load`", "Path/npy2d/npz-read", "numpy", "", "", 1.5},
	{"Fortran-order read (`ReadFrom`) vs `copy()`", "Path/npy2d/fortran_*", "copy", "dtype", "", 0.5},
	{"Fortran-order read vs `np.load` + `ascontiguousarray`", "Path/npy2d/fortran_*", "numpy", "dtype", "", 1},
	{"big-endian read (`ReadFrom`) vs `copy()`", "Path/npy2d/bigendian_*", "copy", "multi-byte dtype", "", 0.8},
	{"big-endian read vs `np.load` + `astype`", "Path/npy2d/bigendian_*", "numpy", "multi-byte dtype", "", 1},
	{"float16 slice conversions vs numpy's `astype`", "Path/npy2d/f[0-9]*-f[0-9]*", "numpy", "conversion", "", 2},
	{"`ReadNPY` (a new array) vs `np.load`, 8 to 800 MB", "Path/npy2d/fresh-*", "numpy", "size, from bytes and from a file", "", 1},
	{"3×3 int64 `WriteTo` and `ReadFrom` vs a fixed header and the data", "Path/npy2d/small-*", "bound", "direction", "", 0.5},
	{"3×3 int64 `ReadFrom` vs `binary.Read`", "Path/npy2d/small-read", "binary", "", "", 1},
}

// limits hold npy2d's main rows to their copy() limit, on inputs of
// minBytes or more (smaller ones measure per-call overhead, which the 3×3
// targets judge): a row far below it is profiled.
var limits = []target{
	{"`WriteTo` vs `copy()`", "Encode/npy2d/*", "copy", "input", "", 0.5},
	{"`ReadFrom` vs `copy()`", "Decode/npy2d/*", "copy", "input", "", 0.5},
	{"`ReadNPY` vs `make()` + `copy()`", "Decode/npy2d-fresh/*", "copy-fresh", "input", "", 0.5},
}

const minBytes = 1e6

// outcome is a target judged on one run.
type outcome struct {
	target
	ratios []caseRatio // one per case that both sides ran, worst first
	status string
	top    string // pprof -top of the worst case, when missed
}

type caseRatio struct {
	key
	x float64
}

const (
	met        = "met"
	missed     = "**missed**"
	unmeasured = "not measured"
)

// evaluate judges every target and limit.
func (r *report) evaluate() {
	for _, t := range targets {
		r.outcomes = append(r.outcomes, r.rs.judge(t, 0))
	}
	for _, t := range limits {
		r.limits = append(r.limits, r.rs.judge(t, minBytes))
	}
}

// judge computes t's ratio on every case of t.rows (of at least min
// bytes), worst first: the least speedup, or the greatest ratio of a unit.
func (rs *results) judge(t target, min float64) outcome {
	o := outcome{target: t, status: unmeasured}
	sign := 1
	if t.unit != "" {
		sign = -1
	}
	for _, k := range rs.order {
		if match, _ := path.Match(t.rows, k.String()); !match || rs.bytes(k) < min {
			continue
		}
		ref := key{k.Op, t.ref, k.Input}
		x := rs.speedup(ref, k)
		if t.unit != "" {
			x = rs.med(k, t.unit) / rs.med(ref, t.unit)
		}
		if !math.IsNaN(x) {
			o.ratios = append(o.ratios, caseRatio{k, x})
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

// profilePattern is the -test.bench pattern of one benchmark.
func profilePattern(k key) string {
	return "^Benchmark" + k.Op + "$/^" + k.Codec + "$/^" + k.Input + "$"
}

// bytes is the raw data size of k's input, as b.SetBytes gave it: MB/s
// times ns/op of one run (medians of two columns need not pair up).
func (rs *results) bytes(k key) float64 {
	if runs := rs.runs[k]; len(runs) > 0 && runs[0]["MB/s"] > 0 {
		return math.Round(runs[0]["MB/s"] * runs[0]["ns/op"] / 1e3)
	}
	return math.NaN()
}

// rate is k's throughput in MB/s: its bytes over its median time.
func (rs *results) rate(k key) float64 { return rs.bytes(k) / rs.med(k, "ns/op") * 1e3 }
