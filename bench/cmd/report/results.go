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

func (k key) String() string { return strings.TrimRight(k.Op+"/"+k.Codec+"/"+k.Input, "/") }

// table says whether k is a row of the per-input tables.
func (k key) table() bool { return k.Op == "Encode" || k.Op == "Decode" }

// results holds every run of every benchmark in first-seen order, a map
// of unit (ns/op, MB/s, allocs/op, ...) to value per run.
type results struct {
	runs  map[key][]map[string]float64
	order []key
	meta  map[string]string // go test's "cpu:", numpy_bench.py's "# numpy" and "# python"
}

func newResults() *results {
	return &results{runs: map[key][]map[string]float64{}, meta: map[string]string{}}
}

var procSuffix = regexp.MustCompile(`-\d+$`) // the -GOMAXPROCS suffix of go test's names

// parse adds the benchmark lines of out (go test's or numpy_bench.py's: a
// name, the iteration count, then value-unit pairs) to rs.
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

// med is the median of unit over k's runs, NaN (printed "—") when there is none.
func (rs *results) med(k key, unit string) float64 {
	var xs []float64
	for _, run := range rs.runs[k] {
		if v, ok := run[unit]; ok {
			xs = append(xs, v)
		}
	}
	return median(xs)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	return (xs[(len(xs)-1)/2] + xs[len(xs)/2]) / 2
}

// spread is the median absolute deviation of ns/op from its median, as a
// share of it: a measure of noise that one starved run does not blow up.
func (rs *results) spread(k key) float64 {
	m := rs.med(k, "ns/op")
	var dev []float64
	for _, run := range rs.runs[k] {
		dev = append(dev, math.Abs(run["ns/op"]-m))
	}
	return median(dev) / m
}

// speedup is how many times as fast fast is as slow: ns(slow)/ns(fast),
// the median of the ratios pass by pass (same process, same minute: most
// of a shared machine's drift cancels), or for numpy, which runs apart,
// the ratio of the medians.
func (rs *results) speedup(slow, fast key) float64 {
	a, b := rs.runs[slow], rs.runs[fast]
	if slow.Codec == "numpy" || fast.Codec == "numpy" || len(a) != len(b) || len(a) < 2 {
		return rs.med(slow, "ns/op") / rs.med(fast, "ns/op")
	}
	xs := make([]float64, len(a))
	for i := range a {
		xs[i] = a[i]["ns/op"] / b[i]["ns/op"]
	}
	return median(xs)
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

// inputs are the Encode and Decode inputs, in run order.
func (rs *results) inputs() []string {
	var out []string
	for _, k := range rs.order {
		if k.table() && !slices.Contains(out, k.Input) {
			out = append(out, k.Input)
		}
	}
	return out
}
