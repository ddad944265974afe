// Command report runs npy2d's benchmarks and numpy's, and writes
// BENCHMARKS.md and its chart BENCHMARKS.svg at the repository root.
//
// Run it from the bench module:
//
//	cd bench && go run ./cmd/report
//
// It builds the benchmark binary once and runs every benchmark -count times
// (each pass a new process, -benchtime each), runs numpy_bench.py with
// /usr/bin/python3 between the first and second pass, and reports medians
// with their spread. Cases slower than -slow per call in the first pass
// (JSON, gob and Codeberg npyio on the big arrays, up to seconds each) run
// in that pass only, which the tables mark ("1 run"). Where a target is
// missed it profiles the npy2d benchmark concerned and shows pprof's top
// functions. With the defaults it takes a few minutes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

func main() {
	var o options
	flag.IntVar(&o.count, "count", 5, "passes over every benchmark (medians are over passes)")
	flag.StringVar(&o.benchtime, "benchtime", "50ms", "go test -benchtime for each benchmark in each pass")
	flag.DurationVar(&o.slow, "slow", 60*time.Millisecond, "run cases slower than this per call in the first pass only")
	flag.StringVar(&o.python, "python", "/usr/bin/python3", "Python with numpy, for numpy_bench.py")
	flag.StringVar(&o.md, "o", "../BENCHMARKS.md", "report to write")
	flag.StringVar(&o.svg, "svg", "../BENCHMARKS.svg", "chart to write (linked from the report by its base name)")
	flag.StringVar(&o.raw, "raw", "", "if set, also write the raw benchmark output here (benchstat's input format)")
	flag.BoolVar(&o.profile, "profile", true, "profile the npy2d benchmark behind each missed target")
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

type options struct {
	count        int
	benchtime    string
	slow         time.Duration
	python       string
	md, svg, raw string
	profile      bool
}

func run(o options) error {
	if _, err := os.Stat("numpy_bench.py"); err != nil {
		return fmt.Errorf("run me from the bench module: cd bench && go run ./cmd/report (%w)", err)
	}
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "npy2d-report")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	var m machine
	m.collect()
	m.LoadStart = loadavg()
	start := time.Now()
	r := &runner{dir: dir, tmp: tmp, python: o.python, benchtime: o.benchtime}
	logf("building the benchmark binary")
	if err := r.build(); err != nil {
		return err
	}
	rs, meta := newResults(), map[string]string{}
	var raw []byte
	var slow []string
	haveNumPy := false
	for pass := 1; pass <= o.count; pass++ {
		logf("pass %d of %d (%s so far)", pass, o.count, time.Since(start).Round(time.Second))
		out, err := r.pass(slow)
		if err != nil {
			return err
		}
		raw = append(raw, out...)
		parseBench(out, rs, meta)
		if pass == 1 {
			slow = slowCases(rs, o.slow)
			logf("numpy")
			if out, ok := r.numpy(); ok {
				raw = append(raw, out...)
				parseBench(out, rs, meta)
				haveNumPy = true
			}
		}
	}
	m.GoCPU, m.NumPy, m.Python = meta["cpu"], meta["numpy"], meta["python"]
	m.LoadEnd = loadavg()

	rep := &report{rs: rs, m: m, o: o, slow: slow, haveNumPy: haveNumPy, elapsed: time.Since(start)}
	rep.targets = evaluate(rs, haveNumPy)
	if o.profile {
		tops := map[string]string{} // one profile per benchmark, however many targets point at it
		for i, t := range rep.targets {
			if t.Status != missed || t.Profile == "" {
				continue
			}
			if _, done := tops[t.Profile]; !done {
				logf("profiling %s", t.Profile)
				top, err := r.profile(t.Profile)
				if err != nil {
					logf("profile: %v", err)
				}
				tops[t.Profile] = top
			}
			rep.targets[i].Top = tops[t.Profile]
		}
	}
	if o.raw != "" {
		if err := os.WriteFile(o.raw, raw, 0o644); err != nil {
			return err
		}
	}
	svg := chart(rs)
	if err := os.WriteFile(o.svg, svg, 0o644); err != nil {
		return err
	}
	rep.chartName = filepath.Base(o.svg)
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
		if k.Op != "Encode" && k.Op != "Decode" {
			continue
		}
		if rs.byKey[k].med("ns/op") > float64(limit.Nanoseconds()) {
			out = append(out, k.String())
		}
	}
	slices.Sort(out)
	return out
}
