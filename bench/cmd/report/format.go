package main

import (
	"fmt"
	"math"
	"strconv"
)

// scaled prints x in the first of units (largest first) it reaches, with
// three significant digits; NaN (no such row) as "—".
func scaled(x float64, units []float64, names ...string) string {
	i := 0
	for i < len(units)-1 && x < units[i] {
		i++
	}
	if math.IsNaN(x) {
		return "—"
	}
	return strconv.FormatFloat(x/units[i], 'g', 3, 64) + " " + names[i]
}

func fmtTime(ns float64) string {
	return scaled(ns, []float64{1e9, 1e6, 1e3, 1}, "s", "ms", "µs", "ns")
}

// fmtRate prints MB/s (10^6 bytes per second, as go test reports it).
func fmtRate(mbs float64) string { return scaled(mbs, []float64{1e6, 1e3, 1}, "TB/s", "GB/s", "MB/s") }

// fmtRatio prints a ratio with two significant digits, whole from 10 up.
func fmtRatio(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "—"
	case x >= 10:
		return fmt.Sprintf("%.0f×", x)
	case x >= 1:
		return fmt.Sprintf("%.1f×", x)
	}
	return fmt.Sprintf("%.2f×", x)
}

// fmtCount prints allocations or faults per op: whole numbers as such,
// fractions (a GC now and then) with two significant digits.
func fmtCount(x float64) string {
	switch {
	case math.IsNaN(x):
		return "—"
	case x == math.Trunc(x) || x >= 100:
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.2g", x)
}
