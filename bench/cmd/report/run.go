package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// runner runs the benchmark binary, numpy_bench.py and pprof. The test
// binary is built once (go test -c) and run once per pass, so that every
// pass is a fresh process with a new heap, and the passes interleave in
// time, which spreads a shared machine's noise over all benchmarks alike.
type runner struct {
	options
	tmp, bin string // scratch directory; the test binary in it
	binLD    string // the binary built with -tags libdeflate, or ""
}

// libdeflateRuns are the benchmarks binLD runs: its own rows, after the
// rows that precede them in the default binary (JSON's), so that they run
// in a process whose heap has grown as it has there; a process's first
// calls fault in memory new to it, which its steady calls do not.
// libdeflateRows keeps its own rows of the output.
const libdeflateRuns = "^BenchmarkPath$/^(npy2d|npy2d-libdeflate)$/^(json-|npz-)"

func libdeflateRows(out string) string {
	var keep []string
	for _, line := range strings.SplitAfter(out, "\n") {
		if !strings.HasPrefix(line, "BenchmarkPath/") || strings.HasPrefix(line, "BenchmarkPath/npy2d-libdeflate/") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "")
}

// binFor is the binary that runs benchmarks matching pattern.
func (r *runner) binFor(pattern string) string {
	if r.binLD != "" && strings.Contains(pattern, "npy2d-libdeflate") {
		return r.binLD
	}
	return r.bin
}

// cases has TestNumpyCases write numpy_bench.py's cases to file, and
// returns the inputs' titles from it: "float64 1000×1000".
func (r *runner) cases(file string) (map[string]string, error) {
	var cs struct {
		Inputs []struct {
			Name, DType string
			Shape       []int
		}
	}
	_, err := r.output(r.bin, "-test.run=^TestNumpyCases$", "-test.bench=^$", "-cases="+file)
	if err == nil {
		var b []byte
		if b, err = os.ReadFile(file); err == nil {
			err = json.Unmarshal(b, &cs)
		}
	}
	titles := map[string]string{}
	for _, in := range cs.Inputs {
		titles[in.Name] = strings.TrimSpace(in.DType + " " + strings.Trim(strings.Join(strings.Fields(fmt.Sprint(in.Shape)), "×"), "[]"))
	}
	return titles, err
}

// numpyOnly names numpy_bench.py's cases (Op/input) for those Go ran.
func numpyOnly(rs *results) string {
	var out []string
	for _, k := range rs.order {
		if k.table() || k.Op == "Path" {
			out = append(out, k.Op+"/"+k.Input)
		}
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), ",")
}

// profiles gives each missed target or limit the profile of its worst
// case, one per case and kind: where the time goes or, for a target on
// allocations, where they are made.
func (r *runner) profiles(rep *report) {
	tops := map[string]string{}
	for _, list := range [][]outcome{rep.outcomes, rep.limits} {
		for i, t := range list {
			if t.status != missed {
				continue
			}
			pattern, index := profilePattern(t.ratios[0].key), t.sampleIndex()
			if _, ok := tops[pattern+index]; !ok {
				tops[pattern+index] = r.profile(pattern, index)
			}
			list[i].top = tops[pattern+index]
		}
	}
}

// allocCalls: an allocation profile counts this many calls.
const allocCalls = 10

// profile returns pprof's top functions for one benchmark (a -test.bench
// pattern), or why there are none: by CPU over a second, or by index (a
// heap sample index) over allocCalls calls, every allocation, as the
// difference of two profiles so that start-up and setup cancel (they would
// swamp a small allocation per call).
func (r *runner) profile(pattern, index string) string {
	logf("profiling %s", pattern)
	prof, base := filepath.Join(r.tmp, "prof"), filepath.Join(r.tmp, "base")
	run := func(args ...string) error {
		_, err := r.output(r.binFor(pattern), append(args, "-test.run=^$", "-test.bench="+pattern)...)
		return err
	}
	heap := func(file string, calls int) error {
		return run(fmt.Sprintf("-test.benchtime=%dx", calls), "-test.memprofilerate=1", "-test.memprofile="+file)
	}
	top := []string{"tool", "pprof", "-top", "-nodecount=15"}
	var err error
	if index == "" {
		err = run("-test.benchtime=1s", "-test.cpuprofile="+prof)
	} else {
		err, top = errors.Join(heap(base, 1), heap(prof, allocCalls+1)), append(top, "-sample_index="+index, "-diff_base="+base)
	}
	out := ""
	if err == nil {
		out, err = r.output("go", append(top, r.binFor(pattern), prof)...)
	}
	if err != nil {
		return err.Error()
	}
	if i := strings.Index(out, "      flat"); i >= 0 {
		out = out[i:] // the table, without pprof's preamble
	}
	return strings.TrimRight(out, "\n")
}

// modules maps the bench module's dependencies to the versions measured.
func (r *runner) modules() map[string]string {
	out, _ := r.output("go", "list", "-m", "all")
	vs := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 2 {
			vs[f[0]] = f[1]
		}
	}
	return vs
}

func (r *runner) output(name string, args ...string) (string, error) {
	c := exec.Command(name, args...)
	c.Stderr = os.Stderr
	out, err := c.Output()
	if err != nil {
		err = fmt.Errorf("%s %s: %w", filepath.Base(name), strings.Join(args, " "), err)
	}
	return string(out), err
}

func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, "report: "+format+"\n", args...) }

// commit names the checkout measured.
func commit() string {
	out, _ := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	c := strings.TrimSpace(string(out))
	if dirty, _ := exec.Command("git", "status", "--porcelain", "--", "..").Output(); len(dirty) > 0 {
		c += " with uncommitted changes"
	}
	return c
}

// host is the machine's CPUs and system; go test's "cpu:" line names the CPU.
func host() string {
	return fmt.Sprintf("%d CPUs, %s/%s", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
}

// loadavg is the 1-, 5- and 15-minute load averages: a busy machine is noisy.
func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}
