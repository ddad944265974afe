// Command report runs npy2d's benchmarks and numpy's, and writes
// BENCHMARKS.md, its chart BENCHMARKS.svg, and the speed summary between
// the speed markers of the README.md beside BENCHMARKS.md:
//
//	cd bench && go run ./cmd/report
//
// It builds the benchmark binary once, runs it -count times (a new process
// per pass), numpy_bench.py after the first pass on the cases Go ran, the
// -scale benchmarks (GiB files) once at the end, and profiles the npy2d
// benchmark behind each missed target. That takes many minutes; a subset,
// beside a copy of README.md:
//
//	cp ../README.md /tmp && go run ./cmd/report -bench '^BenchmarkPath$/^[a-z0-9]+$/^small' -scale '^BenchmarkScaleCreate$' -count 2 -o /tmp/b.md -svg /tmp/b.svg
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

type options struct {
	count                                         int
	bench, scale, benchtime, python, md, svg, raw string
	profile                                       bool
}

// scaleTime is the scale benchmarks' -benchtime: calls of a second or so.
const scaleTime = "3x"

func main() {
	var o options
	flag.IntVar(&o.count, "count", 5, "passes over every benchmark (medians are over passes)")
	flag.StringVar(&o.bench, "bench", ".", "go test -bench pattern of the passes (numpy runs the same cases), less -scale's")
	flag.StringVar(&o.scale, "scale", "^BenchmarkScale", "go test -bench pattern run once after the passes, with -benchtime "+scaleTime+" ('^$': none)")
	flag.StringVar(&o.benchtime, "benchtime", "50ms", "go test -benchtime for each benchmark in each pass")
	flag.StringVar(&o.python, "python", "/usr/bin/python3", "Python with numpy, for numpy_bench.py")
	flag.StringVar(&o.md, "o", "../BENCHMARKS.md", "report to write; the README.md beside it gets the speed summary")
	flag.StringVar(&o.svg, "svg", "../BENCHMARKS.svg", "chart to write (linked from the report by its base name)")
	flag.StringVar(&o.raw, "raw", "", "if set, also write the raw benchmark output here (benchstat's input format)")
	flag.BoolVar(&o.profile, "profile", true, "profile the npy2d benchmark behind each missed target and far row")
	flag.Parse()
	if flag.NArg() > 0 || o.count < 1 || o.scale == "" {
		fmt.Fprintf(os.Stderr, "usage: cd bench && go run ./cmd/report [flags]\n")
		flag.PrintDefaults()
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
	rep := &report{o: o, rs: newResults(), commit: commit(), date: start.UTC().Format("2006-01-02 15:04 UTC"), load: [2]string{loadavg()}}
	r, cases := &runner{options: o, tmp: tmp, bin: filepath.Join(tmp, "bench.test"), binLD: filepath.Join(tmp, "bench-libdeflate.test")}, filepath.Join(tmp, "cases.json")
	logf("building the benchmark binary")
	if _, err := r.output("go", "test", "-c", "-o", r.bin, "."); err != nil {
		return err
	}
	// npz's optional libdeflate inflater needs cgo and the C library: its
	// rows come from a second binary, when this machine can build one.
	if _, err := r.output("go", "test", "-c", "-tags", "libdeflate", "-o", r.binLD, "."); err != nil {
		logf("no libdeflate build (%v): its rows are left out", err)
		r.binLD = ""
	}
	if rep.titles, err = r.cases(cases); err != nil {
		return err
	}
	var raw []byte
	add := func(out string, err error) error { raw = append(raw, out...); rep.rs.parse(out); return err }
	for pass := 1; pass <= o.count; pass++ {
		logf("pass %d of %d (%s so far)", pass, o.count, time.Since(start).Round(time.Second))
		if err := add(r.output(r.bin, "-test.run=^$", "-test.bench="+o.bench, "-test.skip="+o.scale, "-test.benchtime="+o.benchtime, "-test.benchmem")); err != nil {
			return err
		}
		if r.binLD != "" {
			out, err := r.output(r.binLD, "-test.run=^$", "-test.bench="+libdeflateRuns, "-test.benchtime="+o.benchtime, "-test.benchmem")
			if err := add(libdeflateRows(out), err); err != nil {
				return err
			}
		}
		if pass == 1 {
			logf("numpy")
			if err := add(r.output(o.python, "numpy_bench.py", cases, "--only="+numpyOnly(rep.rs))); err != nil {
				logf("no numpy rows: %v", err)
			}
		}
	}
	logf("the scale benchmarks, once")
	if err := add(r.output(r.bin, "-test.run=^$", "-test.bench="+o.scale, "-test.benchtime="+scaleTime, "-test.benchmem")); err != nil {
		return err
	}
	rep.load[1] = loadavg()
	rep.evaluate()
	if o.profile {
		r.profiles(rep)
	}
	rep.modules, rep.elapsed = r.modules(), time.Since(start)
	for name, b := range map[string][]byte{o.raw: raw, o.svg: chart(rep), o.md: rep.markdown()} {
		if name != "" {
			if err := os.WriteFile(name, b, 0o644); err != nil {
				return err
			}
		}
	}
	readme := filepath.Join(filepath.Dir(o.md), "README.md")
	if err := spliceFile(readme, rep.speed()); errors.Is(err, fs.ErrNotExist) {
		logf("no %s to write the speed summary into", readme)
	} else if err != nil {
		return err
	}
	logf("wrote %s and %s in %s", o.md, o.svg, time.Since(start).Round(time.Second))
	return nil
}
