package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// runner runs the benchmark binary, numpy_bench.py and pprof. The test
// binary is built once (go test -c) and run once per pass, so that every
// pass is a fresh process: what -count=N would measure, except that each
// repeat also gets a new heap and the passes interleave in time, which
// spreads the noise of a shared machine over all benchmarks alike.
type runner struct {
	dir       string // the bench module
	tmp       string // scratch directory for the binary and profiles
	bin       string
	python    string
	benchtime string
}

func (r *runner) build() error {
	r.bin = filepath.Join(r.tmp, "bench.test")
	return r.cmd(nil, "go", "test", "-c", "-o", r.bin, ".").Run()
}

// pass runs every benchmark once, skipping the cases in exclude.
func (r *runner) pass(exclude []string) (string, error) {
	args := []string{"-test.run=NONE", "-test.bench=.", "-test.benchtime=" + r.benchtime}
	if len(exclude) > 0 {
		args = append(args, "-exclude="+strings.Join(exclude, ","))
	}
	return r.output(r.bin, args...)
}

// numpy runs numpy_bench.py; ok is false (and the report says so) when
// that Python has no numpy.
func (r *runner) numpy() (out string, ok bool) {
	if err := r.cmd(nil, r.python, "-c", "import numpy").Run(); err != nil {
		logf("no numpy at %s (%v): the report will have no numpy rows", r.python, err)
		return "", false
	}
	out, err := r.output(r.python, "numpy_bench.py")
	if err != nil {
		logf("numpy_bench.py: %v", err)
		return "", false
	}
	return out, true
}

// profile CPU-profiles one benchmark (a -test.bench pattern) for about a
// second and returns pprof's top functions.
func (r *runner) profile(pattern string) (string, error) {
	prof := filepath.Join(r.tmp, fmt.Sprintf("cpu%d.pprof", time.Now().UnixNano()))
	if _, err := r.output(r.bin, "-test.run=NONE", "-test.bench="+pattern,
		"-test.benchtime=1s", "-test.cpuprofile="+prof); err != nil {
		return "", err
	}
	out, err := r.output("go", "tool", "pprof", "-top", "-nodecount=15", r.bin, prof)
	if err != nil {
		return "", err
	}
	// Keep the table: drop pprof's preamble lines up to the header row.
	if i := strings.Index(out, "      flat"); i >= 0 {
		out = out[i:]
	}
	return strings.TrimRight(out, "\n"), nil
}

func (r *runner) cmd(stdout *bytes.Buffer, name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Dir = r.dir
	c.Stderr = os.Stderr
	if stdout != nil {
		c.Stdout = stdout
	}
	return c
}

func (r *runner) output(name string, args ...string) (string, error) {
	var out bytes.Buffer
	err := r.cmd(&out, name, args...).Run()
	if err != nil {
		err = fmt.Errorf("%s %s: %w", filepath.Base(name), strings.Join(args, " "), err)
	}
	return out.String(), err
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "report: "+format+"\n", args...)
}
