package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// testdata/run.txt is a report run's raw output, as -raw writes it: two
// passes of go test -bench lines (one case skipped by -exclude in the
// second), numpy_bench.py's lines after the first, and the scale run.
func sampleRun(t *testing.T) string {
	b, err := os.ReadFile("testdata/run.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func render(t *testing.T, raw string) (*report, string) {
	rep := &report{rs: newResults(),
		o:      options{count: 2, bench: ".", scale: "^BenchmarkScale", benchtime: "50ms", python: "python3", svg: "/tmp/b.svg"},
		titles: map[string]string{"f64_1000x1000": "float64 1000×1000"}}
	rep.rs.parse(raw)
	rep.evaluate()
	return rep, string(rep.markdown())
}

// edit applies f to unit's values on the lines of one benchmark, as if it
// had measured f(x).
func edit(raw, name, unit string, f func(float64) float64) string {
	line := regexp.MustCompile(`(?m)^Benchmark` + regexp.QuoteMeta(name) + `(-\d+)?\s.*$`)
	val := regexp.MustCompile(`([\d.]+)(\s+` + regexp.QuoteMeta(unit) + `)`)
	return line.ReplaceAllStringFunc(raw, func(l string) string {
		return val.ReplaceAllStringFunc(l, func(s string) string {
			m := val.FindStringSubmatch(s)
			x, _ := strconv.ParseFloat(m[1], 64)
			return strconv.FormatFloat(f(x), 'f', -1, 64) + m[2]
		})
	})
}

func set(x float64) func(float64) float64 { return func(float64) float64 { return x } }

// contains reports each of want that md lacks.
func contains(t *testing.T, md string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(md, s) {
			t.Errorf("report lacks\n%s", s)
		}
	}
}

func TestParse(t *testing.T) {
	rs := newResults()
	rs.parse(sampleRun(t))
	if rs.meta["cpu"] != "Oxide Virtual Turin-like Processor" || rs.meta["numpy"] != "1.24.2" || rs.meta["python"] != "3.11.2" {
		t.Errorf("meta = %v", rs.meta)
	}
	for k, n := range map[key]int{
		{"Encode", "npy2d", "f64_1000x1000"}: 2,
		{"Encode", "gob", "f64_1000x1000"}:   1, // excluded from the second pass
		{"Decode", "numpy", "f64_1000x1000"}: 3,
		{"View", "FromBytes", "100MB"}:       2,
		{"PageFault", "", ""}:                2,
	} {
		if got := len(rs.runs[k]); got != n {
			t.Errorf("%v: %d runs, want %d", k, got, n)
		}
	}
	k := key{"Decode", "numpy", "f64_1000x1000"}
	if got := rs.med(k, "ns/op"); got != 493500 { // 470000, 493500, 517000
		t.Errorf("median = %v", got)
	}
	if got, want := rs.spread(k), 23500/493500.0; math.Abs(got-want) > 1e-12 {
		t.Errorf("spread = %v, want %v", got, want)
	}
	if got := rs.med(k, "allocs/op"); !math.IsNaN(got) {
		t.Errorf("numpy allocs/op = %v, want NaN: not reported", got)
	}
	if got := rs.med(key{"Path", "numpy", "npz-write"}, "B/archive"); got != 1700142 {
		t.Errorf("B/archive = %v", got)
	}
}

// TestPairedSpeedup: two Go rows run in the same passes are compared pass
// by pass; numpy, which ran apart, by medians.
func TestPairedSpeedup(t *testing.T) {
	rs := newResults()
	rs.parse(`BenchmarkDecode/slow/x-2 1 100 ns/op
BenchmarkDecode/fast/x-2 1 10 ns/op
BenchmarkDecode/slow/x-2 1 250 ns/op
BenchmarkDecode/fast/x-2 1 50 ns/op
BenchmarkDecode/slow/x-2 1 300 ns/op
BenchmarkDecode/fast/x-2 1 20 ns/op
BenchmarkDecode/numpy/x 1 250 ns/op
`)
	if got := rs.speedup(key{"Decode", "slow", "x"}, key{"Decode", "fast", "x"}); got != 10 { // 10, 5, 15
		t.Errorf("paired = %v, want 10", got)
	}
	if got := rs.speedup(key{"Decode", "numpy", "x"}, key{"Decode", "fast", "x"}); got != 12.5 { // 250 / 20
		t.Errorf("numpy = %v, want 12.5", got)
	}
}

func TestTargets(t *testing.T) {
	raw := sampleRun(t)
	_, md := render(t, raw)
	contains(t, md,
		// numpy 23.1 ms (median of three) against npy2d's 5.25 ms.
		"| JSON decode (`UnmarshalJSON`) vs Python's json + base64 + frombuffer | `Path/npy2d/json-decode` | `numpy` | ≥ 5× | 4.4× (1.52 GB/s vs 346 MB/s) | **missed** |",
		"| JSON decode vs `encoding/base64` decoding the same data | `Path/npy2d/json-decode` | `base64` | ≥ 0.5× | 0.80× (1.52 GB/s vs 1.9 GB/s) | met |",
		"| npz compressed write vs `np.savez_compressed` | `Path/npy2d/npz-write` | `numpy` | ≥ 3× | 3.2× ",
		"| npz compressed archive size vs `np.savez_compressed`'s | `Path/npy2d/npz-write` | `numpy` | ≤ 1.02× | 0.998× (1697332 B/archive vs 1700142 B/archive) | met |",
		"| npz compressed read vs `np.load` | `Path/npy2d/npz-read` | `numpy` | ≥ 1.5× | 0.70× (381 MB/s vs 544 MB/s) | **missed** |",
		"| Fortran-order read (`ReadFrom`) vs `copy()` | `Path/npy2d/fortran_*` | `copy` | ≥ 0.5× | 0.05× on `fortran_int8`, 0.20× at best; 2 cases: every dtype | **missed** |",
		"| Fortran-order read vs `np.load` + `ascontiguousarray` | `Path/npy2d/fortran_*` | `numpy` | ≥ 1× | 0.70× (952 MB/s vs 1.36 GB/s) | **missed** |",
		"| 3×3 int64 `WriteTo` and `ReadFrom` vs a fixed header and the data | `Path/npy2d/small-*` | `bound` | ≥ 0.5× | 0.13× on `small-read`, 0.25× at best; 2 cases: every direction | **missed** |",
		"| 3×3 int64 `ReadFrom` vs `binary.Read` | `Path/npy2d/small-read` | `binary` | ≥ 1× | 3.3× (762 MB/s vs 229 MB/s) | met |",
		"| float16 slice conversions vs numpy's `astype` | `Path/npy2d/f[0-9]*-f[0-9]*` | `numpy` | ≥ 2× | no such rows in this run | not measured |",
		// A missed target lists every case.
		"### Missed: Fortran-order read (`ReadFrom`) vs `copy()`\n\n| case | npy2d | `copy` | ratio |\n|---|--:|--:|--:|\n"+
			"| `fortran_int8` | 952 MB/s | 19 GB/s | 0.05× |\n| `fortran_float64` | 3.81 GB/s | 19 GB/s | 0.20× |\n",
	)
	if n := strings.Count(md, "\n### Missed: "); n != 6 { // five targets, one limit
		t.Errorf("%d missed sections, want 6", n)
	}

	// The statements follow the figures: npy2d's JSON decode twice as fast
	// meets the target it missed.
	_, md = render(t, edit(raw, "Path/npy2d/json-decode", "ns/op", func(x float64) float64 { return x / 2 }))
	if !regexp.MustCompile(`\| JSON decode \(.*\| ≥ 5× \| 8\.8× \(.*\| met \|`).MatchString(md) {
		t.Error("with a faster JSON decode, the target is not met at 8.8×")
	}
	if strings.Contains(md, "### Missed: JSON") {
		t.Error("a met target has a missed section")
	}
}

// TestAllocTargets: -benchmem's allocs/op and B/op against the bounds:
// the canned run meets them, one allocation too many misses them.
func TestAllocTargets(t *testing.T) {
	raw := sampleRun(t)
	_, md := render(t, raw)
	contains(t, md,
		"| JSON decode into an array of the right size: allocations | `Path/npy2d/json-decode` | — | ≤ 0 allocs/op | 0 allocs/op | met |",
		"| npz compressed read of a member, archive open: allocations (one of the final size) | `Path/npy2d/npz-member` | — | ≤ 4 allocs/op | 3 allocs/op | met |",
		// 4,012,345 bytes allocated for 4,000,000 of data.
		"| npz compressed read: bytes allocated vs the member's data | `Path/npy2d/npz-read` | `data` | ≤ 1.25× | 1.003× (4012345 B/op vs 4000000 bytes) | met |",
		"| 3×3 int64 `WriteTo` and `ReadFrom`: allocations | `Path/npy2d/small-*` | — | ≤ 0 allocs/op | 0 allocs/op on `small-write`, 0 allocs/op at best; 2 cases: every direction | met |",
	)

	raw = edit(raw, "Path/npy2d/json-decode", "allocs/op", set(1))
	raw = edit(raw, "Path/npy2d/npz-member", "allocs/op", set(5))
	raw = edit(raw, "Path/npy2d/npz-read", "B/op", set(5000001)) // a second copy would be 8,000,000
	raw = edit(raw, "Path/npy2d/small-read", "allocs/op", set(2))
	rep, md := render(t, raw)
	contains(t, md,
		"| JSON decode into an array of the right size: allocations | `Path/npy2d/json-decode` | — | ≤ 0 allocs/op | 1 allocs/op | **missed** |",
		"| npz compressed read of a member, archive open: allocations (one of the final size) | `Path/npy2d/npz-member` | — | ≤ 4 allocs/op | 5 allocs/op | **missed** |",
		"| npz compressed read: bytes allocated vs the member's data | `Path/npy2d/npz-read` | `data` | ≤ 1.25× | 1.250× (5000001 B/op vs 4000000 bytes) | **missed** |",
		"| 3×3 int64 `WriteTo` and `ReadFrom`: allocations | `Path/npy2d/small-*` | — | ≤ 0 allocs/op | 2 allocs/op on `small-read`, 0 allocs/op at best; 2 cases: every direction | **missed** |",
		"### Missed: 3×3 int64 `WriteTo` and `ReadFrom`: allocations\n\n| case | npy2d | — | ratio |\n|---|--:|--:|--:|\n"+
			"| `small-read` | 2 allocs/op | — | 2 allocs/op |\n| `small-write` | 0 allocs/op | — | 0 allocs/op |\n",
	)
	// Their profiles are of the heap, by count or by size, not of the CPU.
	for i := range rep.outcomes {
		rep.outcomes[i].top = "(top)"
	}
	contains(t, string(rep.markdown()),
		"Allocations of 10 calls (`go tool pprof -sample_index=alloc_objects -diff_base` of heap profiles at 11 calls and 1, `-test.memprofilerate=1`) of `-bench '^BenchmarkPath$/^npy2d$/^json-decode$'`",
		"Allocations of 10 calls (`go tool pprof -sample_index=alloc_space -diff_base` of heap profiles at 11 calls and 1, `-test.memprofilerate=1`) of `-bench '^BenchmarkPath$/^npy2d$/^npz-read$'`",
		"CPU profile (`go tool pprof -top`) of `-bench '^BenchmarkPath$/^npy2d$/^npz-read$'`",
	)
}

// TestScale: the scale run's rows have their own section, each with its
// ratio to the row it is compared with, and none in Other benchmarks.
func TestScale(t *testing.T) {
	raw := sampleRun(t)
	_, md := render(t, raw)
	contains(t, md,
		"## Scale\n\n`bench/scale_test.go`, run once after the passes (`-bench '^BenchmarkScale' -benchtime 3x`",
		"| `ScaleRowRanges/goroutines=1` | 21.1 GB/s | 51 ms | 2.0× `ScaleCopy` |", // 102 ms / 51 ms
		"| `ScaleRowRanges/goroutines=4` | 22.8 GB/s | 47 ms | 2.2× `ScaleCopy` |",
		"| `ScaleCopy` | 10.5 GB/s | 102 ms | — |",
		"| `ScaleCreate/1MiB` | — | 2.4 ms | — |",
		"| `ScaleCreate/100GiB` | — | 3.1 ms | 0.77× `ScaleCreate/1MiB` |",
		"| `ScaleAppend/append` | 890 MB/s | 1.21 s | 1.5× `ScaleAppend/WriteTo` |",
	)
	if other := md[strings.Index(md, "## Other benchmarks"):]; strings.Contains(other, "Scale") {
		t.Error("scale rows under Other benchmarks")
	}
	_, md = render(t, raw[:strings.Index(raw, "BenchmarkScale")])
	if strings.Contains(md, "## Scale") {
		t.Error("a Scale section without the scale run")
	}
}

// TestSpeed: README's summary states the ratios of BENCHMARKS.md's run,
// between the markers, leaving the text around them as it was.
func TestSpeed(t *testing.T) {
	rep, _ := render(t, sampleRun(t))
	block := string(rep.speed())
	contains(t, block,
		"| as fast as | `WriteTo` | `ReadFrom` | `ReadNPY` |",
		// The limits (inputs of 1 MB or more), as in the Limits table.
		"| the limit, on inputs of 1 MB or more: `copy()`; `make()` + `copy()` for `ReadNPY` | 0.96× | 0.96× | 0.40× |",
		"| `numpy` | 3.4× | 1.8× | 0.19× |",
		// Every input: gob writes the 3×3 60× and float64 1000×1000 330× as slowly.
		"| `gob` | 60× to 330× | 50× to 200× | 5.2× to 100× |",
		"[Targets](BENCHMARKS.md#targets): 8 of 21 met; missed: JSON decode (`UnmarshalJSON`) vs Python's json + base64 + frombuffer; npz compressed read vs `np.load`;",
		"and the data; 8 not measured in this run.",
	)

	file := filepath.Join(t.TempDir(), "README.md")
	before, after := "# x\n\n## Speed\n\nHand-written.\n\n"+speedBegin, speedEnd+"\n\nMore prose.\n"
	if err := os.WriteFile(file, []byte(before+"stale figures\n"+after), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a second run replaces the first one's block
		if err := spliceFile(file, []byte(block)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(file); string(got) != before+block+after {
			t.Fatalf("README after the splice:\n%s", got)
		}
	}
	if err := os.WriteFile(file, []byte("no markers\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := spliceFile(file, []byte(block)); err == nil {
		t.Error("no error without the markers")
	}
	if got, _ := os.ReadFile(file); string(got) != "no markers\n" {
		t.Errorf("a README without markers was changed: %q", got)
	}
}

func TestTables(t *testing.T) {
	rep, md := render(t, sampleRun(t))
	contains(t, md,
		"### float64 1000×1000 (7.63 MiB)",
		"### i64_3x3 (72 bytes)", // no title known: the benchmark's name
		// gob's write of the large input ran in the first pass only.
		"| `gob` | 88.9 MB/s | 90 ms | 1 run | 54 | 2826 | 0.00× | 330× |",
		"| **`npy2d-fresh`** | 3.05 GB/s | 2.62 ms | 5% | 2 | 30 | 0.10× |  |  |",
		"| **`npy2d-view`** | (view) | 6.5 ns | 5% | 0 | 0 | — |  |",
		"| `numpy` | 16.2 GB/s | 494 µs | 5% | — | 0.019 | 0.53× | 1.8× | 0.19× |",
		// A codec registered in bench/ but not in codecs.go is reported all the same.
		"| `mypeer` | 1.9 GB/s | 4.2 ms | 5% | 3 | 0 | 0.06× | 15× | 1.6× |",
		"| `mypeer` | (not described",
		// Limits: the 3×3 input is left out; the fresh read is 0.40× make()+copy().
		"| `WriteTo` vs its limit | `Encode/npy2d/*` | `copy` | ≥ 0.5× | 0.96× (29.3 GB/s vs 30.5 GB/s) | met |",
		"| `ReadNPY` vs its limit | `Decode/npy2d-fresh/*` | `copy-fresh` | ≥ 0.5× | 0.40× (3.05 GB/s vs 7.62 GB/s) | **missed** |",
		"| `View/FromBytes/100MB` | — | 75.5 ns | 5% | 0 | — |",
		"| minor page fault | 12.8 µs (`BenchmarkPageFault`) |",
	)
	// Every codec that ran an input has a row in its table.
	for _, in := range rep.rs.inputs() {
		for _, op := range []string{"Encode", "Decode"} {
			for _, c := range rep.rs.codecsOf(op, in) {
				if !regexp.MustCompile(fmt.Sprintf("(?s)### %s.*\\| (\\*\\*)?`%s`", regexp.QuoteMeta(rep.title(in)), regexp.QuoteMeta(c))).MatchString(md) {
					t.Errorf("no row for %s/%s/%s", op, c, in)
				}
			}
		}
	}
}

func TestChartIsXML(t *testing.T) {
	rep, _ := render(t, sampleRun(t))
	d := xml.NewDecoder(bytes.NewReader(chart(rep)))
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
	// The background, then a bar per codec with a throughput, views left
	// out: writes 5 (float64, numpy among them) and 3, reads 7 and 5.
	if want := 1 + 5 + 3 + 7 + 5; n != want {
		t.Errorf("%d rects, want %d", n, want)
	}
}
