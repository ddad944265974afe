package main

import (
	"fmt"
	"math"
	"strings"
)

// fmtTime prints nanoseconds with a unit that keeps three digits.
func fmtTime(ns float64) string {
	switch {
	case math.IsNaN(ns):
		return "—"
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	default:
		return fmt.Sprintf("%.3g ns", ns)
	}
}

// fmtRate prints MB/s (10^6 bytes per second, as go test reports it).
func fmtRate(mbs float64) string {
	switch {
	case math.IsNaN(mbs):
		return "—"
	case mbs >= 1e6:
		return fmt.Sprintf("%.3g TB/s", mbs/1e6)
	case mbs >= 1e3:
		return fmt.Sprintf("%.3g GB/s", mbs/1e3)
	default:
		return fmt.Sprintf("%.3g MB/s", mbs)
	}
}

// fmtRatio prints a ratio with two significant digits (more above 100).
func fmtRatio(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "—"
	case x >= 100:
		return fmt.Sprintf("%.0f×", x)
	case x >= 10:
		return fmt.Sprintf("%.0f×", x)
	case x >= 1:
		return fmt.Sprintf("%.1f×", x)
	default:
		return fmt.Sprintf("%.2f×", x)
	}
}

// fmtCount prints allocations or faults per op: whole numbers as such,
// small fractions (a GC now and then) with two significant digits.
func fmtCount(x float64) string {
	switch {
	case math.IsNaN(x):
		return "—"
	case x == math.Trunc(x) || x >= 100:
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprintf("%.2g", x)
	}
}

// inputNames turns inputs_test.go's names into words: f64_1000x1000 is
// "float64 1000×1000".
var inputTypes = map[string]string{"f64": "float64", "i32": "int32", "bool": "bool", "c128": "complex128", "i64": "int64"}

func inputTitle(in string) string {
	t, shape, ok := strings.Cut(in, "_")
	if name, known := inputTypes[t]; ok && known {
		return name + " " + strings.ReplaceAll(shape, "x", "×")
	}
	return in
}

// fmtBytes prints a size in bytes with a binary unit.
func fmtBytes(n float64) string {
	switch {
	case math.IsNaN(n):
		return "?"
	case n >= 1<<20:
		return fmt.Sprintf("%.3g MiB", n/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.3g KiB", n/(1<<10))
	default:
		return fmt.Sprintf("%.0f bytes", n)
	}
}
