package main

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// codecOrder is the row order of every table: the limits, npy2d's ways,
// numpy, then the peers. Codecs not listed (new benchmarks) follow npy2d's
// rows if their name starts with npy2d, else go last, in run order.
var codecOrder = []string{"copy", "copy-fresh", "npy2d", "npy2d-fresh", "npy2d-view", "npy2d-json", "generics", "numpy",
	"gomlx", "npyio-github", "npyio-codeberg", "npyio-codeberg-dense", "gonpy", "binary", "gob", "json"}

// codecs lists the codecs that ran op on input, in table order.
func (r *report) codecs(op, input string) []string {
	var known, npy, other []string
	for _, k := range r.rs.order {
		if k.Op != op || k.Input != input {
			continue
		}
		switch {
		case slices.Contains(codecOrder, k.Codec):
			known = append(known, k.Codec)
		case strings.HasPrefix(k.Codec, "npy2d"):
			npy = append(npy, k.Codec)
		default:
			other = append(other, k.Codec)
		}
	}
	slices.SortStableFunc(known, func(a, b string) int {
		return slices.Index(codecOrder, a) - slices.Index(codecOrder, b)
	})
	at := 0
	for i, c := range known {
		if strings.HasPrefix(c, "npy2d") {
			at = i + 1
		}
	}
	out := slices.Concat(known[:at], npy, known[at:], other)
	return out
}

func (r *report) table(b *strings.Builder, f *figures, op, in string) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	if op == "Encode" {
		p("\n**Write** (encode into a reused `bytes.Buffer`)\n\n| codec | throughput (this machine) | time/op | ± | allocs/op | faults/op | vs copy() | `WriteTo` is |\n|---|--:|--:|--:|--:|--:|--:|--:|\n")
	} else {
		p("\n**Read** (decode from a `bytes.Reader`)\n\n| codec | throughput (this machine) | time/op | ± | allocs/op | faults/op | vs copy() | `ReadFrom` is | `ReadNPY` is |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	}
	for _, c := range r.codecs(op, in) {
		res := r.rs.get(op, c, in)
		ns, _ := res.stat("ns/op")
		name := "`" + c + "`"
		if strings.HasPrefix(c, "npy2d") {
			name = "**" + name + "**"
		}
		spread := fmt.Sprintf("%.0f%%", 100*ns.spread())
		if ns.N == 1 {
			spread = "1 run"
		}
		vsCopy := f.ratio(op, "copy", c, in)
		if c == "npy2d-view" {
			vsCopy = math.NaN() // no bytes move: a ratio would mislead
		}
		rate := fmtRate(res.med("MB/s"))
		if c == "npy2d-view" {
			rate = "(view)" // no bytes move; see Views
		}
		p("| %s | %s | %s | %s | %s | %s | %s |", name, rate, fmtTime(ns.Med), spread,
			fmtCount(res.med("allocs/op")), fmtCount(res.med("faults/op")), fmtRatio(vsCopy))
		if op == "Encode" {
			p(" %s |\n", r.faster(f, op, c, refWrite, in))
		} else {
			p(" %s | %s |\n", r.faster(f, op, c, refReuse, in), r.faster(f, op, c, refRead, in))
		}
	}
}

// faster is how many times faster npy2d's row ref is than codec's, blank
// for npy2d's own rows and the limits.
func (r *report) faster(f *figures, op, codec, ref, in string) string {
	if strings.HasPrefix(codec, "npy2d") || strings.HasPrefix(codec, "copy") {
		return ""
	}
	return fmtRatio(f.ratio(op, codec, ref, in))
}

func (r *report) views(b *strings.Builder, f *figures) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\n## Views\n\n`Bytes()` returns the array's memory as bytes and `Float64Array2DFromBytes` adopts aligned bytes as an array:\n")
	p("no byte moves, so the time must not depend on the size. float64, 8 columns:\n\n")
	p("| view | 1 KB | 100 MB | allocs/op |\n|---|--:|--:|--:|\n")
	for _, v := range []string{"Bytes", "FromBytes"} {
		small, big := r.rs.get("View", v, "1KB"), r.rs.get("View", v, "100MB")
		p("| `%s` | %s | %s | %s |\n", v, fmtTime(small.med("ns/op")), fmtTime(big.med("ns/op")),
			fmtCount(math.Max(small.med("allocs/op"), big.med("allocs/op"))))
	}
	if bv := r.rs.get("Decode", "npy2d-view", "bool_1000x1000"); bv != nil {
		p("\n`BoolArray2DFromBytes` is the one view that reads the data: Go's `bool` must hold only 0 or 1, so it\n")
		p("checks every byte (%s for 1,000,000 bools, %s; see the `npy2d-view` rows).\n", fmtTime(bv.med("ns/op")), fmtRate(bv.med("MB/s")))
	}
}

// fresh shows what a new Go allocation costs next to reusing memory, which
// is the difference between ReadFrom and ReadNPY, and between Go and numpy.
func (r *report) fresh(b *strings.Builder, f *figures) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\n## The cost of a fresh allocation\n\n")
	p("A reader that returns a new array pays for new memory: Go's `make()` zeroes it (numpy's `np.load` does not),\n")
	p("and memory the Go heap has just taken from the OS costs a page fault per 4 KB page when first touched.\n")
	p("`copy-fresh` is `make()` plus `copy()`, the floor for such a reader. npy2d's `ReadFrom` reuses the array's memory,\n")
	p("and `FromBytes` adopts the caller's bytes, so neither pays it.\n")
	if c := f.faultCost(); !math.IsNaN(c) {
		p("On this machine a minor page fault costs %s (`BenchmarkPageFault`: touch each page of fresh memory), as\n", fmtTime(c))
		p("long as `copy()` takes to move %s of a float64 array here, so a few faults per call weigh heavily.\n",
			fmtBytes(c*r.rs.get("Decode", "copy", f64).med("MB/s")/1e3))
	}
	p("\n")
	p("| input | `copy()` | `make()`+`copy()` | fresh memory costs | `ReadFrom` | `ReadNPY` | np.load | faults/op: copy-fresh, ReadNPY, np.load | ReadNPY's faults × fault cost |\n")
	p("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, in := range f.inputs {
		c, cf := f.ns("Decode", "copy", in), f.ns("Decode", "copy-fresh", in)
		if math.IsNaN(cf) {
			continue
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %s, %s, %s | %s |\n", inputTitle(in), fmtTime(c), fmtTime(cf), fmtTime(cf-c),
			fmtTime(f.ns("Decode", refReuse, in)), fmtTime(f.ns("Decode", refRead, in)), fmtTime(f.ns("Decode", "numpy", in)),
			fmtCount(r.rs.get("Decode", "copy-fresh", in).med("faults/op")),
			fmtCount(r.rs.get("Decode", refRead, in).med("faults/op")),
			fmtCount(r.rs.get("Decode", "numpy", in).med("faults/op")),
			fmtTime(r.rs.get("Decode", refRead, in).med("faults/op")*f.faultCost()))
	}
}

// others lists benchmarks outside Encode, Decode and View (added later,
// e.g. mmap or streaming), so that nothing measured goes unreported.
func (r *report) others(b *strings.Builder) {
	var ks []key
	for _, k := range r.rs.order {
		if k.Op != "Encode" && k.Op != "Decode" && k.Op != "View" && k.Op != "PageFault" {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Other benchmarks\n\n| benchmark | throughput (this machine) | time/op | ± | allocs/op |\n|---|--:|--:|--:|--:|\n")
	for _, k := range ks {
		res := r.rs.byKey[k]
		ns, _ := res.stat("ns/op")
		fmt.Fprintf(b, "| `%s` | %s | %s | %.0f%% | %s |\n", k, fmtRate(res.med("MB/s")), fmtTime(ns.Med),
			100*ns.spread(), fmtCount(res.med("allocs/op")))
	}
}

// codecDocs says what each row is; versions come from go.mod.
var codecDocs = map[string]string{
	"copy":                 "`copy()` of the raw bytes into a buffer allocated beforehand: the memory-bandwidth limit.",
	"copy-fresh":           "`make()` then `copy()`: the limit for a reader that returns new memory (read only).",
	"npy2d":                "`WriteTo` into the reused buffer; `ReadFrom` into an existing array of the right size, reusing its memory.",
	"npy2d-fresh":          "`generated.ReadNPY`: a new array per call, as every peer returns (read only; it writes with `WriteTo`).",
	"npy2d-view":           "`Bytes()` as the writer and `...FromBytes` as the reader: zero-copy views, as `arr.tobytes()` / `np.frombuffer`.",
	"npy2d-json":           "`MarshalJSON` / `UnmarshalJSON`: the `{dtype, shape, base64 data}` envelope.",
	"generics":             "The same .npy codec written once with Go generics (`bench/generic`): what generating per-type code buys.",
	"numpy":                "`np.save` / `np.load` to and from `io.BytesIO`, by `numpy_bench.py` in the same run.",
	"gomlx":                "GoMLX's `pkg/core/tensors/numpy` (%s): `ToNpyWriter` of a prebuilt tensor, `FromNpyReader`.",
	"npyio-github":         "`github.com/sbinet/npyio` %s: `Write(w, slice)` / `Read(r, &slice)`; writes shape (N,).",
	"npyio-codeberg":       "`codeberg.org/sbinet/npyio` %s, the same calls; writes shape (N,).",
	"npyio-codeberg-dense": "Codeberg npyio's 2-D path, a gonum `*mat.Dense` (float64 only).",
	"gonpy":                "`github.com/kshedden/gonpy` %s: `NpyWriter` / `NpyReader` (no bool).",
	"binary":               "`encoding/binary` `Write` / `Read` of the slice: no header; the reader must know the length.",
	"gob":                  "`encoding/gob` of the slice, a new `Encoder` / `Decoder` per call.",
	"json":                 "`encoding/json` of `{Shape, Data}` (complex128 as [re, im] pairs).",
}

var codecModules = map[string]string{
	"gomlx": "github.com/gomlx/gomlx", "npyio-github": "github.com/sbinet/npyio",
	"npyio-codeberg": "codeberg.org/sbinet/npyio", "gonpy": "github.com/kshedden/gonpy",
}

func (r *report) legend(b *strings.Builder) {
	versions := modVersions("go.mod")
	fmt.Fprintf(b, "\n## Codecs\n\n| row | what it measures |\n|---|---|\n")
	seen := map[string]bool{}
	for _, k := range r.rs.order {
		if (k.Op != "Encode" && k.Op != "Decode") || seen[k.Codec] {
			continue
		}
		seen[k.Codec] = true
	}
	var names []string
	for c := range seen {
		names = append(names, c)
	}
	slices.SortFunc(names, func(a, b string) int { return order(a) - order(b) })
	for _, c := range names {
		doc, ok := codecDocs[c]
		if !ok {
			doc = "(not described by cmd/report; see its registration in bench/)"
		}
		if m, ok := codecModules[c]; ok {
			doc = fmt.Sprintf(doc, versions[m])
		}
		fmt.Fprintf(b, "| `%s` | %s |\n", c, doc)
	}
}

func order(c string) int {
	if i := slices.Index(codecOrder, c); i >= 0 {
		return i
	}
	return len(codecOrder)
}

func (r *report) method(b *strings.Builder) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\n## Method\n\n")
	p("- Inputs (`bench/inputs_test.go`): float64 1000×1000, int32 1000×1000, bool 1000×1000, complex128 500×500 and\n")
	p("  int64 3×3 (per-call overhead), the same for every codec. Writes go to a reused `bytes.Buffer`; reads decode the\n")
	p("  codec's own encoding from a `bytes.Reader`. Throughput counts the raw data bytes (`b.SetBytes`), not headers.\n")
	p("- `go test -c` once, then %d passes of `-run=NONE -bench=. -benchtime=%s`, each a new process; every figure is\n", r.o.count, r.o.benchtime)
	p("  the median over passes, *±* the median absolute deviation of the passes from it. numpy's figures are the\n")
	p("  median of `numpy_bench.py`'s repeats, run between the first and second pass.\n")
	p("- Ratios between two Go rows that ran in every pass are the median of the per-pass ratios: both were measured\n")
	p("  in the same process within a minute, which cancels much of a shared machine's drift. Ratios involving numpy\n")
	p("  or a row run once are ratios of medians.\n")
	if len(r.slow) > 0 {
		p("- %d cases took over %s per call in the first pass and were run in it only (\"1 run\" in the tables): %s.\n",
			len(r.slow), r.o.slow, "`"+strings.Join(r.slow, "`, `")+"`")
	}
	p("- Before timing, each case is called until a call faults in almost no new pages and, for codecs that allocate,\n")
	p("  the calls have allocated a whole GC heap goal (at most 64 calls or 0.5 s; see `timeOp` in `bench/bench_test.go`),\n")
	p("  so that reads which allocate are measured with a heap that has grown to hold their results. *faults/op* counts the\n")
	p("  minor page faults that remain: on virtual machines a fault can cost tens of microseconds, so that column\n")
	p("  explains most of the spread of the rows that allocate large arrays.\n")
	p("- The whole run took %s. Load average (1, 5, 15 min) before: %s; after: %s. A loaded machine\n", r.elapsed.Round(1e9), r.m.LoadStart, r.m.LoadEnd)
	p("  widens the spread; the ratios, taken within one run, move less than the absolute figures.\n")
	p("- Reproduce with `%s` (flags: `-count`, `-benchtime`, `-slow`, `-python`; `-raw FILE` keeps the raw output\n", command)
	p("  for benchstat). CI runs every benchmark once: `cd bench && go test -run=NONE -bench=. -benchtime=1x ./...`.\n")
}

func (r *report) machine(b *strings.Builder) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	p("\n## Machine\n\n| | |\n|---|---|\n")
	p("| CPU | %s |\n", r.cpuName())
	if r.m.Memory != "" {
		p("| memory | %s |\n", r.m.Memory)
	}
	p("| OS | %s |\n| Go | %s |\n", r.m.Kernel, r.m.Go)
	if c := r.rs.get("PageFault", "", "").med("ns/fault"); !math.IsNaN(c) {
		p("| minor page fault | %s (`BenchmarkPageFault`) |\n", fmtTime(c))
	}
	if r.haveNumPy {
		p("| numpy | %s (Python %s, `%s`) |\n", r.m.NumPy, r.m.Python, r.o.python)
	}
	if r.m.Commit != "" {
		p("| npy2d | commit %s |\n", r.m.Commit)
	}
	p("| date | %s |\n", r.m.Date)
}
