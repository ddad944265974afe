package main

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// key names one benchmark: BenchmarkEncode/npy2d/f64_1000x1000 is
// {Encode, npy2d, f64_1000x1000}; numpy_bench.py's lines use the same names.
type key struct{ Op, Codec, Input string }

func (k key) String() string {
	return strings.TrimRight(k.Op+"/"+k.Codec+"/"+k.Input, "/")
}

// results holds every run of every benchmark, one map of unit to value
// (ns/op, MB/s, allocs/op, faults/op, ...) per run, in first-seen order.
type results struct {
	runs  map[key][]map[string]float64
	order []key
	meta  map[string]string // go test's "cpu:", numpy_bench.py's "# numpy" and "# python"
}

func newResults() *results {
	return &results{runs: map[key][]map[string]float64{}, meta: map[string]string{}}
}

// procSuffix is the -GOMAXPROCS suffix go test appends to benchmark names.
var procSuffix = regexp.MustCompile(`-\d+$`)

// parse adds the benchmark lines of out (go test -bench output, or
// numpy_bench.py's) to rs: a name, the iteration count, then value-unit
// pairs. Other lines (SKIP notices, logs) are ignored.
func (rs *results) parse(out string) {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) > 1 && f[0] == "cpu:" {
			rs.meta["cpu"] = strings.Join(f[1:], " ")
		} else if len(f) == 3 && f[0] == "#" {
			rs.meta[f[1]] = f[2] // numpy_bench.py's "# numpy 1.24.2"
		}
		if !strings.HasPrefix(line, "Benchmark") || len(f) < 4 || len(f)%2 != 0 {
			continue
		}
		vals := map[string]float64{}
		for i := 2; i < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				vals[f[i+1]] = v
			}
		}
		if _, err := strconv.Atoi(f[1]); err != nil || vals["ns/op"] == 0 {
			continue
		}
		p := append(strings.SplitN(procSuffix.ReplaceAllString(f[0][len("Benchmark"):], ""), "/", 3), "", "")
		k := key{p[0], p[1], p[2]}
		if _, seen := rs.runs[k]; !seen {
			rs.order = append(rs.order, k)
		}
		rs.runs[k] = append(rs.runs[k], vals)
	}
}

// values are unit's values over k's runs, sorted.
func (rs *results) values(k key, unit string) []float64 {
	var xs []float64
	for _, run := range rs.runs[k] {
		if v, ok := run[unit]; ok {
			xs = append(xs, v)
		}
	}
	slices.Sort(xs)
	return xs
}

// med is the median of unit over k's runs, NaN when there is none, so
// that figures of missing rows print as "—".
func (rs *results) med(k key, unit string) float64 { return median(rs.values(k, unit)) }

func median(sorted []float64) float64 {
	n := len(sorted)
	switch {
	case n == 0:
		return math.NaN()
	case n%2 == 1:
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// spread is the median absolute deviation of ns/op from its median, as a
// share of it: a measure of noise that one starved run does not blow up.
func (rs *results) spread(k key) float64 {
	xs := rs.values(k, "ns/op")
	m := median(xs)
	dev := make([]float64, len(xs))
	for i, x := range xs {
		dev[i] = math.Abs(x - m)
	}
	slices.Sort(dev)
	return median(dev) / m
}

// speedup is how many times as fast fast is as slow: ns(slow)/ns(fast).
// Two rows measured in the same passes are paired pass by pass (same
// process, same minute) and the median of those ratios taken, which
// cancels most of a shared machine's drift; otherwise (numpy, or a row run
// in one pass only) it is the ratio of the medians.
func (rs *results) speedup(slow, fast key) float64 {
	a, b := rs.runs[slow], rs.runs[fast]
	if slow.Codec == "numpy" || fast.Codec == "numpy" || len(a) != len(b) || len(a) < 2 {
		return rs.med(slow, "ns/op") / rs.med(fast, "ns/op")
	}
	xs := make([]float64, len(a))
	for i := range a {
		xs[i] = a[i]["ns/op"] / b[i]["ns/op"]
	}
	slices.Sort(xs)
	return median(xs)
}

// inputs are the Encode and Decode inputs, in run order.
func (rs *results) inputs() []string {
	var out []string
	for _, k := range rs.order {
		if (k.Op == "Encode" || k.Op == "Decode") && !slices.Contains(out, k.Input) {
			out = append(out, k.Input)
		}
	}
	return out
}
