package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

const sample = `goos: linux
cpu: Some CPU @ 3 GHz
BenchmarkEncode/npy2d/f64_1000x1000-2         	     489	    287291 ns/op	27846.36 MB/s	         0 faults/op	       0 B/op	       0 allocs/op
BenchmarkEncode/npy2d/f64_1000x1000-2         	     500	    300000 ns/op	26666.67 MB/s	         0 faults/op	       0 B/op	       0 allocs/op
BenchmarkEncode/npy2d/f64_1000x1000-2         	     400	    250000 ns/op	32000.00 MB/s	         1 faults/op	       0 B/op	       0 allocs/op
--- SKIP: BenchmarkEncode/json/f64_1000x1000
    bench_test.go:22: excluded by -exclude
BenchmarkView/FromBytes/100MB-2   	 1853751	        71.88 ns/op	       0 B/op	       0 allocs/op
# numpy 1.24.2
# python 3.11.2
BenchmarkDecode/numpy/i64_3x3 	     697	       99508.2 ns/op	     0.72 MB/s	     0.000 faults/op
PASS
`

func TestParseBench(t *testing.T) {
	rs, meta := newResults(), map[string]string{}
	parseBench(sample, rs, meta)
	if meta["cpu"] != "Some CPU @ 3 GHz" || meta["numpy"] != "1.24.2" || meta["python"] != "3.11.2" {
		t.Errorf("meta = %v", meta)
	}
	want := []key{{"Encode", "npy2d", "f64_1000x1000"}, {"View", "FromBytes", "100MB"}, {"Decode", "numpy", "i64_3x3"}}
	if len(rs.order) != len(want) {
		t.Fatalf("keys = %v, want %v", rs.order, want)
	}
	for i, k := range want {
		if rs.order[i] != k {
			t.Errorf("key %d = %v, want %v", i, rs.order[i], k)
		}
	}
	w := rs.get("Encode", "npy2d", "f64_1000x1000")
	if len(w.runs) != 3 {
		t.Fatalf("%d runs, want 3", len(w.runs))
	}
	s, _ := w.stat("ns/op")
	if s.Med != 287291 || s.Min != 250000 || s.Max != 300000 || s.N != 3 {
		t.Errorf("stat = %+v", s)
	}
	// Deviations from the median: 37291, 0, 12709; their median is 12709.
	if got, want := s.spread(), 12709/287291.0; math.Abs(got-want) > 1e-12 {
		t.Errorf("spread = %v, want %v", got, want)
	}
	if got := w.med("faults/op"); got != 0 {
		t.Errorf("median faults = %v, want 0", got)
	}
	if got := rs.get("Decode", "numpy", "i64_3x3").med("allocs/op"); !math.IsNaN(got) {
		t.Errorf("numpy allocs = %v, want NaN (not reported)", got)
	}
}

func TestMedianEven(t *testing.T) {
	r := &result{runs: []map[string]float64{{"ns/op": 4}, {"ns/op": 1}, {"ns/op": 3}, {"ns/op": 10}}}
	if s, _ := r.stat("ns/op"); s.Med != 3.5 {
		t.Errorf("median = %v, want 3.5", s.Med)
	}
}

// synthetic builds results in which every peer is slowdown times slower
// than npy2d (and numpy numpySlowdown times), one run each.
func synthetic(slowdown, numpySlowdown float64) *results {
	rs := newResults()
	inputs := map[string]float64{"f64_1000x1000": 8e6, "i32_1000x1000": 4e6, "bool_1000x1000": 1e6, "c128_500x500": 4e6, "i64_3x3": 72}
	add := func(op, codec, in string, ns, allocs float64) {
		rs.add(key{op, codec, in}, map[string]float64{"ns/op": ns, "MB/s": inputs[in] / ns * 1e3, "allocs/op": allocs, "faults/op": 0})
	}
	for _, in := range []string{"f64_1000x1000", "i32_1000x1000", "bool_1000x1000", "c128_500x500", "i64_3x3"} {
		base := inputs[in] / 10 // 10 GB/s
		for _, op := range []string{"Encode", "Decode"} {
			add(op, "copy", in, base*0.9, 0)
			add(op, "npy2d", in, base, 0)
			add(op, "npy2d-view", in, 5, 0)
			add(op, "numpy", in, base*numpySlowdown, 0)
			for _, peer := range []string{"npyio-github", "npyio-codeberg", "gob", "gomlx", "generics"} {
				add(op, peer, in, base*slowdown, 3)
			}
		}
		add("Decode", "npy2d-fresh", in, base*1.2, 2)
		add("Decode", "copy-fresh", in, base*1.1, 1)
	}
	for _, v := range []string{"Bytes", "FromBytes"} {
		for _, size := range []string{"1KB", "100MB"} {
			rs.add(key{"View", v, size}, map[string]float64{"ns/op": 3, "allocs/op": 0})
		}
	}
	return rs
}

func render(rs *results) string {
	r := &report{rs: rs, haveNumPy: true, o: options{count: 1, benchtime: "1x"}, chartName: "c.svg"}
	r.m.NumPy = "1.0"
	r.targets = evaluate(rs, true)
	return string(r.markdown())
}

// TestStatementsFollowNumbers: the same report code says "met" or
// "missed" depending only on the figures.
func TestStatementsFollowNumbers(t *testing.T) {
	fast := render(synthetic(20, 2))
	if strings.Contains(fast, "**missed**") {
		t.Errorf("targets missed with every peer 20× slower:\n%s", fast)
	}
	for _, s := range []string{"npy2d is at least 20× as fast as sbinet/npyio (GitHub)",
		"(`ReadNPY`, as the other libraries' readers do), npy2d is at least 17× as fast as sbinet/npyio (GitHub)", "17 of the 17 targets are met",
		"`WriteTo` writes a float64 1000×1000 array at 10 GB/s, 0.90× the speed of `copy()`"} {
		if !strings.Contains(fast, s) {
			t.Errorf("report lacks %q", s)
		}
	}

	slow := render(synthetic(5, 0.5))
	for _, s := range []string{"≥ 10× faster than sbinet/npyio (GitHub v0.9.0): WriteTo and ReadFrom, every input | 5.0× as fast",
		"≥ 10× faster than encoding/gob: ReadNPY (a new array per call), every input | 4.2× as fast",
		"make() plus copy() of the same bytes is itself only 4.5× as fast as `npyio-github`",
		"### Missed: WriteTo at least as fast as np.save"} {
		if !strings.Contains(slow, s) {
			t.Errorf("report lacks %q", s)
		}
	}
}

func TestChartIsXML(t *testing.T) {
	svg := chart(synthetic(20, 2))
	d := xml.NewDecoder(bytes.NewReader(svg))
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("chart is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "rect" {
			n++
		}
	}
	// Per input, 8 write bars and 10 read bars (views left out), plus the
	// background.
	if want := 5*(8+10) + 1; n != want {
		t.Errorf("%d rects, want %d", n, want)
	}
}

// TestPairedRatio: two Go rows run in every pass are compared pass by
// pass; numpy (not paired with any pass) by medians.
func TestPairedRatio(t *testing.T) {
	rs := newResults()
	for _, ns := range [][2]float64{{100, 10}, {250, 50}, {300, 20}} {
		rs.add(key{"Decode", "slow", "x"}, map[string]float64{"ns/op": ns[0]})
		rs.add(key{"Decode", "fast", "x"}, map[string]float64{"ns/op": ns[1]})
		rs.add(key{"Decode", "numpy", "x"}, map[string]float64{"ns/op": ns[0]})
	}
	f := newFigures(rs)
	if got := f.ratio("Decode", "slow", "fast", "x"); got != 10 { // ratios 10, 5, 15
		t.Errorf("paired ratio = %v, want 10", got)
	}
	if got := f.ratio("Decode", "numpy", "fast", "x"); got != 12.5 { // 250 / 20
		t.Errorf("numpy ratio = %v, want 12.5", got)
	}
}
