// Command report runs npy2d's benchmarks and numpy's, and writes
// BENCHMARKS.md and its chart BENCHMARKS.svg at the repository root.
//
// Run it from the bench module:
//
//	cd bench && go run ./cmd/report
//
// It builds the benchmark binary once and runs the benchmarks -count times
// (each pass a new process, -benchtime each), runs numpy_bench.py with
// /usr/bin/python3 between the first and second pass on the cases the Go
// side ran, and reports medians with their spread. Cases slower than -slow
// per call in the first pass run in that pass only. Where a target is
// missed, or an npy2d row is far below its copy() limit, it profiles the
// npy2d benchmark concerned and shows pprof's top functions. With the
// defaults it takes many minutes; -bench runs a subset, e.g.
//
//	go run ./cmd/report -bench '^BenchmarkPath$/^[a-z0-9]+$/^small' -count 2 -o /tmp/b.md -svg /tmp/b.svg
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

type options struct {
	count        int
	bench        string
	benchtime    string
	slow         time.Duration
	python       string
	md, svg, raw string
	profile      bool
}

func main() {
	var o options
	flag.IntVar(&o.count, "count", 5, "passes over every benchmark (medians are over passes)")
	flag.StringVar(&o.bench, "bench", ".", "go test -bench pattern: the benchmarks to run (numpy runs the same cases)")
	flag.StringVar(&o.benchtime, "benchtime", "50ms", "go test -benchtime for each benchmark in each pass")
	flag.DurationVar(&o.slow, "slow", 60*time.Millisecond, "run cases slower than this per call in the first pass only")
	flag.StringVar(&o.python, "python", "/usr/bin/python3", "Python with numpy, for numpy_bench.py")
	flag.StringVar(&o.md, "o", "../BENCHMARKS.md", "report to write")
	flag.StringVar(&o.svg, "svg", "../BENCHMARKS.svg", "chart to write (linked from the report by its base name)")
	flag.StringVar(&o.raw, "raw", "", "if set, also write the raw benchmark output here (benchstat's input format)")
	flag.BoolVar(&o.profile, "profile", true, "profile the npy2d benchmark behind each missed target and far row")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: cd bench && go run ./cmd/report [flags]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || o.count < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if _, err := os.Stat("numpy_bench.py"); err != nil {
		return fmt.Errorf("run me from the bench module: cd bench && go run ./cmd/report (%w)", err)
	}
	tmp, err := os.MkdirTemp("", "npy2d-report")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	rep := &report{o: o, rs: newResults(), m: collectMachine(), chartName: filepath.Base(o.svg)}
	r, cases := &runner{options: o, tmp: tmp}, filepath.Join(tmp, "cases.json")
	logf("building the benchmark binary")
	if err := r.build(); err != nil {
		return err
	}
	if rep.titles, err = r.cases(cases); err != nil {
		return err
	}
	var raw []byte
	for pass := 1; pass <= o.count; pass++ {
		logf("pass %d of %d (%s so far)", pass, o.count, time.Since(start).Round(time.Second))
		out, err := r.pass(rep.slow)
		if err != nil {
			return err
		}
		raw = append(raw, out...)
		rep.rs.parse(out)
		if pass == 1 {
			rep.slow = slowCases(rep.rs, o.slow)
			logf("numpy")
			out, err := r.output(o.python, "numpy_bench.py", cases, "--only="+numpyOnly(rep.rs))
			if rep.haveNumPy = err == nil; err != nil {
				logf("no numpy rows: %v", err)
			}
			raw = append(raw, out...)
			rep.rs.parse(out)
		}
	}
	rep.m.load[1] = loadavg()
	rep.evaluate()
	tops := map[string]string{} // one profile per case, however many targets point at it
	for _, list := range [][]outcome{rep.outcomes, rep.limits} {
		for i, t := range list {
			if t.status != missed || !o.profile {
				continue
			}
			pattern := profilePattern(t.ratios[0].key)
			if _, ok := tops[pattern]; !ok {
				tops[pattern] = r.profile(pattern)
			}
			list[i].top = tops[pattern]
		}
	}
	rep.modules, rep.elapsed = r.modules(), time.Since(start)
	if o.raw != "" {
		if err := os.WriteFile(o.raw, raw, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(o.svg, chart(rep), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(o.md, rep.markdown(), 0o644); err != nil {
		return err
	}
	logf("wrote %s and %s in %s", o.md, o.svg, time.Since(start).Round(time.Second))
	return nil
}

// slowCases lists the Encode and Decode cases whose first run took longer
// than limit per call, as -exclude takes them.
func slowCases(rs *results, limit time.Duration) []string {
	var out []string
	for _, k := range rs.order {
		if (k.Op == "Encode" || k.Op == "Decode") && rs.med(k, "ns/op") > float64(limit.Nanoseconds()) {
			out = append(out, k.String())
		}
	}
	slices.Sort(out)
	return out
}

// numpyOnly names numpy_bench.py's cases (Op/input) for those Go ran.
func numpyOnly(rs *results) string {
	var out []string
	for _, k := range rs.order {
		if k.Op == "Encode" || k.Op == "Decode" || k.Op == "Path" {
			out = append(out, k.Op+"/"+k.Input)
		}
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), ",")
}
