package main

import (
	"math"
	"slices"
)

// key names one benchmark: BenchmarkEncode/npy2d/f64_1000x1000 is
// {Encode, npy2d, f64_1000x1000}; numpy's lines use the same names.
type key struct{ Op, Codec, Input string }

func (k key) String() string { return k.Op + "/" + k.Codec + "/" + k.Input }

// result is every run of one benchmark: one map of unit to value per run
// (ns/op, MB/s, B/op, allocs/op, faults/op).
type result struct {
	key
	runs []map[string]float64
}

// results keeps benchmarks in the order they first appeared.
type results struct {
	byKey map[key]*result
	order []key
}

func newResults() *results { return &results{byKey: map[key]*result{}} }

func (rs *results) add(k key, vals map[string]float64) {
	r, ok := rs.byKey[k]
	if !ok {
		r = &result{key: k}
		rs.byKey[k] = r
		rs.order = append(rs.order, k)
	}
	r.runs = append(r.runs, vals)
}

func (rs *results) get(op, codec, input string) *result { return rs.byKey[key{op, codec, input}] }

// stat summarises one unit over the runs of a benchmark.
type stat struct {
	Med, Min, Max float64
	N             int
	xs            []float64 // the runs, sorted
}

// stat returns the median and range of unit over r's runs; ok is false
// when r is nil or no run reported the unit.
func (r *result) stat(unit string) (s stat, ok bool) {
	if r == nil {
		return s, false
	}
	var xs []float64
	for _, run := range r.runs {
		if v, ok := run[unit]; ok {
			xs = append(xs, v)
		}
	}
	if len(xs) == 0 {
		return s, false
	}
	s.Med = median(xs)
	s.N, s.Min, s.Max, s.xs = len(xs), xs[0], xs[len(xs)-1], xs
	return s, true
}

// spread is the median absolute deviation of the runs from their median,
// as a fraction of the median: a measure of noise that one starved run on a
// shared machine does not blow up, as it would the range.
func (s stat) spread() float64 {
	if s.Med == 0 || len(s.xs) == 0 {
		return 0
	}
	dev := make([]float64, len(s.xs))
	for i, x := range s.xs {
		dev[i] = math.Abs(x - s.Med)
	}
	return median(dev) / s.Med
}

// median of xs, which it sorts.
func median(xs []float64) float64 {
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}

// med is the median of unit, or NaN when there is none, so that ratios of
// missing rows come out as NaN and print as "—".
func (r *result) med(unit string) float64 {
	s, ok := r.stat(unit)
	if !ok {
		return math.NaN()
	}
	return s.Med
}
