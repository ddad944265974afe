package main

import (
	"fmt"
	"math"
	"strings"
)

// Issue 10's targets, from BenchmarkPath (paths_test.go) and numpy_bench.py's
// Path rows: every path beside its reference, measured in the same run, as
// a ratio (how many times as fast npy2d is; above 1 is faster).

// pathRatio is ns(ref)/ns(npy2d) on one Path case.
func (f *figures) pathRatio(ref, input string) float64 { return f.ratio("Path", ref, "npy2d", input) }

func pathPattern(input string) string { return benchPattern("Path", "npy2d", input) }

// pathTarget needs pathRatio(ref, input) >= limit on every input.
func pathTarget(f *figures, name, ref, refName string, inputs []string, limit float64) target {
	t := target{Name: name}
	worst, where := math.Inf(1), ""
	var parts []string
	for _, in := range inputs {
		x := f.pathRatio(ref, in)
		if math.IsNaN(x) {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s", in, fmtRatio(x)))
		if x < worst {
			worst, where = x, in
		}
	}
	if where == "" {
		t.Status, t.Measured = unmeasured, "no such rows in this run"
		return t
	}
	t.Status = judge(worst, worst >= limit)
	if len(inputs) == 1 {
		t.Measured = fmt.Sprintf("%s %s (%s vs %s)", fmtRatio(worst), refName,
			fmtRate(f.rs.get("Path", "npy2d", where).med("MB/s")), fmtRate(f.rs.get("Path", ref, where).med("MB/s")))
	} else {
		t.Measured = fmt.Sprintf("least %s %s, on %s (%s)", fmtRatio(worst), refName, where, strings.Join(parts, ", "))
	}
	if t.Status == missed {
		t.Profile = pathPattern(where)
		t.Why = fmt.Sprintf("The profile of npy2d on `%s` follows.", where)
	}
	return t
}

func pathAllocs(f *figures, name string, inputs []string, limit float64) target {
	var keys []key
	for _, in := range inputs {
		keys = append(keys, key{"Path", "npy2d", in})
	}
	return allocTarget(f, name, keys, limit)
}

func pathTargets(f *figures, haveNumPy bool) []target {
	var ts []target
	numpy := func(t target) target {
		if !haveNumPy {
			t.Status, t.Measured = unmeasured, "numpy was not available to this run"
		}
		return t
	}
	ts = append(ts, numpy(pathTarget(f, "JSON: UnmarshalJSON ≥ 5× Python's json.loads + b64decode + frombuffer (float64 1000×1000)",
		"numpy", "Python", []string{"json-decode"}, 5)))
	ts = append(ts, pathTarget(f, "JSON: UnmarshalJSON ≥ 0.5× the speed of encoding/base64 decoding the same data",
		"base64", "base64", []string{"json-decode"}, 0.5))
	ts = append(ts, pathAllocs(f, "JSON: UnmarshalJSON into an array of the right size: 0 allocations", []string{"json-decode"}, 0))
	ts = append(ts, pathTarget(f, "JSON: MarshalJSON ≥ 0.8× the speed of encoding/base64 encoding the same data",
		"base64", "base64", []string{"json-encode"}, 0.8))
	ts = append(ts, pathAllocs(f, "JSON: MarshalJSON allocates its result once", []string{"json-encode"}, 1))

	ts = append(ts, numpy(pathTarget(f, "npz: compressed write ≥ 3× np.savez_compressed (int8 2000×2000 of small values)",
		"numpy", "np.savez_compressed", []string{"npz-write"}, 3)))
	ts = append(ts, numpy(npzSize(f)))
	ts = append(ts, numpy(pathTarget(f, "npz: compressed read ≥ 1.5× np.load", "numpy", "np.load", []string{"npz-read"}, 1.5)))
	ts = append(ts, npzAllocated(f))

	var fortran, big []string
	for _, k := range f.rs.order {
		switch {
		case k.Op == "Path" && k.Codec == "npy2d" && strings.HasPrefix(k.Input, "fortran_"):
			fortran = append(fortran, k.Input)
		case k.Op == "Path" && k.Codec == "npy2d" && strings.HasPrefix(k.Input, "bigendian_"):
			big = append(big, k.Input)
		}
	}
	t := pathTarget(f, "Fortran-order read (ReadFrom) ≥ 0.5× copy(), every dtype", "copy", "copy()", fortran, 0.5)
	if t.Status == missed {
		t.Why = "A transpose cannot stream like copy(): each item moves alone (no SIMD shuffles in portable Go), and one " +
			"side of every tile is strided. The read is one pass: chunks of columns are read into a cache-sized buffer and " +
			"transposed from there in tiles through a stack buffer, with no zeroed scratch and no per-item calls; numpy's " +
			"own transpose (the next target) is slower on every dtype. " + t.Why
	}
	ts = append(ts, t)
	ts = append(ts, numpy(pathTarget(f, "Fortran-order read ahead of np.load + ascontiguousarray, every dtype", "numpy", "numpy", fortran, 1)))
	ts = append(ts, pathTarget(f, "Big-endian read (ReadFrom) ≥ 0.8× copy(), every item size", "copy", "copy()", big, 0.8))
	ts = append(ts, numpy(pathTarget(f, "Big-endian read ahead of np.load + astype, every item size", "numpy", "numpy", big, 1)))

	ts = append(ts, numpy(pathTarget(f, "float16 array conversions ≥ 2× numpy's astype (2^20 values)", "numpy", "numpy",
		[]string{"f16-f32", "f16-f64", "f32-f16", "f64-f16"}, 2)))

	var fresh []string
	for _, src := range []string{"bytes", "file"} {
		for _, size := range []string{"8MB", "80MB", "800MB"} {
			fresh = append(fresh, "fresh-"+src+"_"+size)
		}
	}
	ts = append(ts, numpy(pathTarget(f, "ReadNPY (new array) ≥ np.load at 8, 80 and 800 MB, from a *bytes.Reader and from a cached file",
		"numpy", "np.load", fresh, 1)))

	ts = append(ts, pathTarget(f, "3×3 int64 WriteTo within 2× of the fixed-header bound", "bound", "the bound", []string{"small-write"}, 0.5))
	t = pathTarget(f, "3×3 int64 ReadFrom within 2× of the fixed-header bound", "bound", "the bound", []string{"small-read"}, 0.5)
	if t.Status == missed {
		t.Why = "The bound reads 128 + 72 bytes with two calls and parses nothing; ReadFrom must check the magic, version " +
			"and length and parse the header dict (dtype, order, shape, padding) before it knows how many bytes follow, " +
			"and a typed.Header (over 100 bytes) is passed by value through the generated methods. The header now goes " +
			"into a stack buffer from a *bytes.Reader (no pool, no io.ReadFull) and the data in one Read. " + t.Why
	}
	ts = append(ts, t)
	ts = append(ts, pathTarget(f, "3×3 int64 ReadFrom ahead of binary.Read (into an existing slice)", "binary", "binary.Read", []string{"small-read"}, 1))
	ts = append(ts, pathAllocs(f, "3×3 int64 WriteTo and ReadFrom: 0 allocations", []string{"small-write", "small-read"}, 0))
	return ts
}

// npzSize compares the archives' sizes: npy2d's at most 2% over numpy's.
func npzSize(f *figures) target {
	t := target{Name: "npz: compressed archive within 2% of np.savez_compressed's size"}
	ours, theirs := f.rs.get("Path", "npy2d", "npz-write").med("B/archive"), f.rs.get("Path", "numpy", "npz-write").med("B/archive")
	x := ours / theirs
	t.Status = judge(x, x <= 1.02)
	t.Measured = fmt.Sprintf("%s bytes against numpy's %s: %+.1f%%", fmtCount(ours), fmtCount(theirs), (x-1)*100)
	return t
}

// npzAllocated checks that a compressed read allocates about the array's
// size once: at most an eighth more (the reader's own state).
func npzAllocated(f *figures) target {
	t := target{Name: "npz: compressed read allocates the array's storage once, at its final size"}
	res := f.rs.get("Path", "npy2d", "npz-read")
	b, size := res.med("B/op"), res.med("MB/s")*res.med("ns/op")/1e3
	t.Status = judge(b, b <= size*1.125)
	t.Measured = fmt.Sprintf("%s allocated per read of a %s array (%s allocations in all)", fmtBytes(b), fmtBytes(size), fmtCount(res.med("allocs/op")))
	return t
}
