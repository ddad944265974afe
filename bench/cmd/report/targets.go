package main

import (
	"fmt"
	"math"
	"strings"
)

type status int

const (
	met status = iota
	missed
	unmeasured
)

func (s status) String() string {
	return [...]string{"met", "**missed**", "not measured"}[s]
}

// target is one of issue 4's targets, judged from the medians of one run.
type target struct {
	Name     string // the target, as the issue states it
	Measured string // what this run measured, generated from the figures
	Status   status
	Why      string // for a missed target: the measured reason
	Profile  string // -test.bench pattern of the npy2d case to profile if missed
	Top      string // pprof -top of Profile, filled in by the caller
	Issue    int    // the issue that set it: 4, or 10 for the paths of BenchmarkPath
}

// Which npy2d row each direction is compared with: WriteTo for writes, and
// for reads the row that returns new memory like every peer does
// (ReadFrom into an existing array is reported next to it).
const (
	refWrite = "npy2d"
	refRead  = "npy2d-fresh"
	refReuse = "npy2d"
)

// at is a ratio at one (op, input), and the npy2d row it is taken against.
type at struct {
	x                    float64
	op, input, ref, peer string
}

func (a at) where() string { return dirName(a.op) + " " + inputTitle(a.input) }

func dirName(op string) string {
	switch op {
	case "Encode":
		return "write"
	case "Decode":
		return "read"
	}
	return op
}

// figures gives ratios of medians over the benchmark inputs.
type figures struct {
	rs     *results
	inputs []string // Encode/Decode inputs in run order
}

func newFigures(rs *results) *figures {
	f := &figures{rs: rs}
	seen := map[string]bool{}
	for _, k := range rs.order {
		if (k.Op == "Encode" || k.Op == "Decode") && !seen[k.Input] {
			seen[k.Input] = true
			f.inputs = append(f.inputs, k.Input)
		}
	}
	return f
}

func (f *figures) ns(op, codec, input string) float64 {
	return f.rs.get(op, codec, input).med("ns/op")
}

// ratio is how many times longer slow takes than fast on one input. Two Go
// rows measured in every pass are paired pass by pass (same process, same
// minute) and the median of those ratios is taken, which cancels most of a
// shared machine's drift; otherwise (numpy, or a row run in one pass only)
// it is the ratio of the medians.
func (f *figures) ratio(op, slow, fast, input string) float64 {
	a, b := f.rs.get(op, slow, input), f.rs.get(op, fast, input)
	if a == nil || b == nil {
		return math.NaN()
	}
	if slow == "numpy" || fast == "numpy" || len(a.runs) != len(b.runs) || len(a.runs) < 2 {
		return a.med("ns/op") / b.med("ns/op")
	}
	xs := make([]float64, len(a.runs))
	for i := range a.runs {
		xs[i] = a.runs[i]["ns/op"] / b.runs[i]["ns/op"]
	}
	return median(xs)
}

// speedups is ns(slow)/ns(fast) for every input where both ran: how many
// times faster fast is.
func (f *figures) speedups(op, slow, fast string) []at {
	var out []at
	for _, in := range f.inputs {
		x := f.ratio(op, slow, fast, in)
		if !math.IsNaN(x) {
			out = append(out, at{x, op, in, fast, slow})
		}
	}
	return out
}

// peerSpeedups compares npy2d's WriteTo and ReadFrom with peer.
func (f *figures) peerSpeedups(peer string) []at {
	return append(f.speedups("Encode", peer, refWrite), f.speedups("Decode", peer, refReuse)...)
}

// freshSpeedups compares npy2d's ReadNPY, a new array per call, with peer.
func (f *figures) freshSpeedups(peer string) []at {
	return f.speedups("Decode", peer, refRead)
}

func lowest(xs []at) (at, bool) {
	if len(xs) == 0 {
		return at{}, false
	}
	lo := xs[0]
	for _, x := range xs[1:] {
		if x.x < lo.x {
			lo = x
		}
	}
	return lo, true
}

func highest(xs []at) at {
	hi := xs[0]
	for _, x := range xs[1:] {
		if x.x > hi.x {
			hi = x
		}
	}
	return hi
}

func benchPattern(op, codec, input string) string {
	return fmt.Sprintf("^Benchmark%s$/^%s$/^%s$", op, codec, input)
}

const f64 = "f64_1000x1000"
const small = "i64_3x3"

// evaluate judges every target from rs.
func evaluate(rs *results, haveNumPy bool) []target {
	f := newFigures(rs)
	var ts []target

	for _, d := range []struct{ op, name string }{{"Encode", "WriteTo"}, {"Decode", "ReadFrom"}} {
		x := f.ratio(d.op, "copy", "npy2d", f64)
		t := target{
			Name:    d.name + " of float64 1000×1000 at ≥ 0.7× copy() throughput",
			Profile: benchPattern(d.op, "npy2d", f64),
		}
		t.Status, t.Measured = judge(x, x >= 0.7), fmt.Sprintf("%s copy() (%s vs %s)", fmtRatio(x),
			fmtRate(rs.get(d.op, "npy2d", f64).med("MB/s")), fmtRate(rs.get(d.op, "copy", f64).med("MB/s")))
		if t.Status == missed {
			t.Why = "The profile below shows where the time goes beyond the memmove."
		}
		ts = append(ts, t)
	}

	ts = append(ts, allocTarget(f, "ReadFrom into an existing array of the right size: 0 allocations",
		[]key{{"Decode", refReuse, ""}}, 0))
	ts = append(ts, allocTarget(f, "Bytes() and FromBytes views: 0 allocations",
		[]key{{"Encode", "npy2d-view", ""}, {"Decode", "npy2d-view", ""},
			{"View", "Bytes", "1KB"}, {"View", "Bytes", "100MB"}, {"View", "FromBytes", "1KB"}, {"View", "FromBytes", "100MB"}}, 0))
	ts = append(ts, constantTime(f))

	for _, p := range []struct {
		name  string
		peers []string
		limit float64
	}{
		{"≥ 10× faster than sbinet/npyio (GitHub v0.9.0)", []string{"npyio-github"}, 10},
		{"≥ 10× faster than sbinet/npyio (Codeberg v0.14.0, slices and *mat.Dense)", []string{"npyio-codeberg", "npyio-codeberg-dense"}, 10},
		{"≥ 10× faster than encoding/gob", []string{"gob"}, 10},
		{"Ahead of GoMLX's numpy package", []string{"gomlx"}, 1},
	} {
		var both, fresh []at
		for _, peer := range p.peers {
			both = append(both, f.peerSpeedups(peer)...)
			fresh = append(fresh, f.freshSpeedups(peer)...)
		}
		ts = append(ts, speedTarget(f, p.name+": WriteTo and ReadFrom, every input", both, p.limit))
		t := speedTarget(f, p.name+": ReadNPY (a new array per call), every input", fresh, p.limit)
		if t.Status == missed {
			t.Why, t.Profile = floorWhy(f, p.peers, p.limit)
		}
		ts = append(ts, t)
	}

	if haveNumPy {
		ts = append(ts, speedTarget(f, "WriteTo at least as fast as np.save, every input", f.speedups("Encode", "numpy", refWrite), 1))
		ts = append(ts, speedTarget(f, "ReadFrom (existing array) at least as fast as np.load, every input", f.speedups("Decode", "numpy", refReuse), 1))
		t := speedTarget(f, "ReadNPY (new array per call) at least as fast as np.load, every input", f.speedups("Decode", "numpy", refRead), 1)
		if t.Status == missed {
			t.Why = freshWhy(f, t) + " " + t.Why
		}
		ts = append(ts, t)
	} else {
		ts = append(ts, target{Name: "At least as fast as np.save/np.load", Status: unmeasured,
			Measured: "numpy was not available to this run"})
	}

	t := target{Name: "3×3 int64: a small, stated number of allocations per call"}
	w, r, n := rs.get("Encode", "npy2d", small).med("allocs/op"), rs.get("Decode", "npy2d", small).med("allocs/op"),
		rs.get("Decode", "npy2d-fresh", small).med("allocs/op")
	t.Measured = fmt.Sprintf("WriteTo %s, ReadFrom %s, ReadNPY %s (the array and its data)", fmtCount(w), fmtCount(r), fmtCount(n))
	t.Status = judge(w+r+n, w == 0 && r == 0 && n <= 2)
	ts = append(ts, t)
	for i := range ts {
		ts[i].Issue = 4
	}
	for _, t := range pathTargets(f, haveNumPy) {
		t.Issue = 10
		ts = append(ts, t)
	}
	return ts
}

// judge is met or missed, or unmeasured when x is NaN (a row is missing).
func judge(x float64, ok bool) status {
	switch {
	case math.IsNaN(x):
		return unmeasured
	case ok:
		return met
	}
	return missed
}

// allocTarget checks that every row matching one of keys (an empty Input
// matches every input) allocates at most limit per op.
func allocTarget(f *figures, name string, keys []key, limit float64) target {
	t := target{Name: name}
	worst, n := -1.0, 0
	var where key
	for _, k := range f.rs.order {
		for _, want := range keys {
			if k.Op != want.Op || k.Codec != want.Codec || (want.Input != "" && k.Input != want.Input) {
				continue
			}
			a := f.rs.byKey[k].med("allocs/op")
			if math.IsNaN(a) {
				continue
			}
			n++
			if a > worst {
				worst, where = a, k
			}
		}
	}
	if n == 0 {
		t.Status, t.Measured = unmeasured, "no such rows in this run"
		return t
	}
	t.Status = judge(worst, worst <= limit)
	t.Measured = fmt.Sprintf("at most %s allocs/op over %d rows", fmtCount(worst), n)
	if t.Status == missed {
		t.Measured += " (" + where.String() + ")"
		t.Profile = benchPattern(where.Op, where.Codec, where.Input)
		t.Why = "The profile of that row follows."
	}
	return t
}

// constantTime compares the views at 1 KB and 100 MB. A copy would take
// 100,000 times longer at the larger size; within 3× is noise.
func constantTime(f *figures) target {
	t := target{Name: "Bytes() and FromBytes in constant time (float64, 1 KB vs 100 MB)"}
	var parts []string
	worst := 0.0
	for _, v := range []string{"Bytes", "FromBytes"} {
		a, b := f.ns("View", v, "1KB"), f.ns("View", v, "100MB")
		worst = math.Max(worst, b/a)
		if math.IsNaN(a) || math.IsNaN(b) {
			worst = math.NaN()
		}
		parts = append(parts, fmt.Sprintf("%s %s → %s", v, fmtTime(a), fmtTime(b)))
	}
	t.Status = judge(worst, worst <= 3)
	t.Measured = strings.Join(parts, "; ")
	return t
}

// speedTarget needs every ratio in xs to be at least limit.
func speedTarget(f *figures, name string, xs []at, limit float64) target {
	t := target{Name: name}
	lo, ok := lowest(xs)
	if !ok {
		t.Status, t.Measured = unmeasured, "no such rows in this run"
		return t
	}
	t.Status = judge(lo.x, lo.x >= limit)
	t.Measured = fmt.Sprintf("%s as fast; least on %s", span(xs), lo.where())
	if t.Status == missed {
		ours, theirs := f.ratio(lo.op, "copy", lo.ref, lo.input), f.ratio(lo.op, "copy", lo.peer, lo.input)
		if ours >= 0.85 && theirs >= 0.85 {
			t.Why = fmt.Sprintf("On %s both run at the memory-bandwidth limit: npy2d at %s the speed of copy(), `%s` "+
				"at %s. Both move the data with one memmove and neither can beat copy(), so they tie within this machine's noise.",
				lo.where(), fmtRatio(ours), lo.peer, fmtRatio(theirs))
			return t
		}
		t.Profile = benchPattern(lo.op, lo.ref, lo.input)
		t.Why = fmt.Sprintf("The profile of npy2d on %s follows.", lo.where())
	}
	return t
}

// freshWhy explains a fresh read slower than np.load with the cost of new
// memory in Go, measured on the worst row.
func freshWhy(f *figures, t target) string {
	var worst at
	for _, x := range f.speedups("Decode", "numpy", refRead) {
		if worst.input == "" || x.x < worst.x {
			worst = x
		}
	}
	return fmt.Sprintf("ReadNPY must return new memory: Go's make() zeroes it, and memory the heap has just taken from "+
		"the OS costs a page fault per 4 KB page when first touched; np.load fills uninitialised memory that malloc "+
		"recycles (%s page faults per call). %s npy2d's answer, where the caller can use it, is ReadFrom into an "+
		"array it keeps (0 allocations) or FromBytes over bytes it already has.",
		fmtCount(f.rs.get("Decode", "numpy", worst.input).med("faults/op")), freshStory(f, worst.input))
}

// faultCost is BenchmarkPageFault's ns per minor page fault, or NaN.
func (f *figures) faultCost() float64 { return f.rs.get("PageFault", "", "").med("ns/fault") }

// freshStory gives the times of the fresh and reusing readers on one input,
// with their page faults and what those cost at BenchmarkPageFault's rate.
func freshStory(f *figures, in string) string {
	cost := f.faultCost()
	timed := func(codec string) string {
		r := f.rs.get("Decode", codec, in)
		s := fmtTime(r.med("ns/op"))
		if n := r.med("faults/op"); n >= 1 {
			s += fmt.Sprintf(" with %s page faults per call", fmtCount(n))
			if !math.IsNaN(cost) {
				s += fmt.Sprintf(" (about %s at %s each)", fmtTime(n*cost), fmtTime(cost))
			}
		}
		return s
	}
	return fmt.Sprintf("On %s, ReadNPY takes %s; make() plus copy() of the same bytes %s; copy() into an existing "+
		"buffer %s; ReadFrom %s.", inputTitle(in), timed(refRead), timed("copy-fresh"),
		fmtTime(f.ns("Decode", "copy", in)), fmtTime(f.ns("Decode", refReuse, in)))
}

// faultBound reports whether page faults explain most of what ReadNPY
// takes beyond make()+copy() on one input.
func faultBound(f *figures, in string) bool {
	extra := f.ns("Decode", refRead, in) - f.ns("Decode", "copy-fresh", in)
	faults := f.rs.get("Decode", refRead, in).med("faults/op") - f.rs.get("Decode", "copy-fresh", in).med("faults/op")
	return extra > 0 && faults*f.faultCost() >= extra/2
}

// floorWhy explains a fresh read short of a speed target from the rows
// that miss: how far make()+copy() alone (copy-fresh, the least any reader
// returning new memory must do) and ReadFrom are ahead of the peer there,
// and where ReadNPY's time goes on the worst of them.
func floorWhy(f *figures, peers []string, limit float64) (why, profile string) {
	var parts []string
	var worst at
	reuseMeets := true
	for _, peer := range peers {
		for _, x := range f.freshSpeedups(peer) {
			if x.x >= limit {
				continue
			}
			if worst.input == "" || x.x < worst.x {
				worst = x
			}
			reuse := f.ratio("Decode", peer, refReuse, x.input)
			reuseMeets = reuseMeets && reuse >= limit
			parts = append(parts, fmt.Sprintf("`%s` on %s: ReadNPY %s, make()+copy() %s, ReadFrom %s",
				peer, inputTitle(x.input), fmtRatio(x.x), fmtRatio(f.ratio("Decode", peer, "copy-fresh", x.input)),
				fmtRatio(reuse)))
		}
	}
	why = "How many times as fast as the peer each reader is, on the rows that miss: " + strings.Join(parts, "; ") + ". "
	floor := f.ratio("Decode", worst.peer, "copy-fresh", worst.input)
	switch {
	case floor < limit:
		why += fmt.Sprintf("On the worst row, %s, make() plus copy() of the same bytes is itself only %s as fast as "+
			"`%s`, so no reader that returns new memory could meet the target there on this machine. ",
			inputTitle(worst.input), fmtRatio(floor), worst.peer)
	case faultBound(f, worst.input):
		why += fmt.Sprintf("On the worst row, %s, most of what ReadNPY takes beyond make()+copy() is page faults: its "+
			"heap grew into memory new to the process during the timed calls. ", inputTitle(worst.input))
	default:
		profile = benchPattern("Decode", refRead, worst.input)
		why += "The profile of ReadNPY on the worst row follows. "
	}
	why += freshStory(f, worst.input)
	if reuseMeets {
		why += " ReadFrom, which reuses the array's memory, meets the target on every one of these rows."
	}
	return why, profile
}
