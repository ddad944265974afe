package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// runner runs the benchmark binary, numpy_bench.py and pprof. The test
// binary is built once (go test -c) and run once per pass, so that every
// pass is a fresh process with a new heap, and the passes interleave in
// time, which spreads a shared machine's noise over all benchmarks alike.
type runner struct {
	options
	tmp, bin string // scratch directory; the test binary in it
}

func (r *runner) build() error {
	r.bin = filepath.Join(r.tmp, "bench.test")
	_, err := r.output("go", "test", "-c", "-o", r.bin, ".")
	return err
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
		titles[in.Name] = inputTitle(in.DType, in.Shape)
	}
	return titles, err
}

// pass runs the benchmarks once, skipping the cases in exclude.
func (r *runner) pass(exclude []string) (string, error) {
	return r.output(r.bin, "-test.run=^$", "-test.bench="+r.bench, "-test.benchtime="+r.benchtime,
		"-exclude="+strings.Join(exclude, ","))
}

// profile CPU-profiles one benchmark (a -test.bench pattern) for about a
// second and returns pprof's top functions, or why there are none.
func (r *runner) profile(pattern string) string {
	logf("profiling %s", pattern)
	prof := filepath.Join(r.tmp, "cpu.pprof")
	_, err := r.output(r.bin, "-test.run=^$", "-test.bench="+pattern, "-test.benchtime=1s", "-test.cpuprofile="+prof)
	out := ""
	if err == nil {
		out, err = r.output("go", "tool", "pprof", "-top", "-nodecount=15", r.bin, prof)
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

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "report: "+format+"\n", args...)
}
