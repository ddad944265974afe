package main

import (
	"flag"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestREADMEGenerateLines checks the //go:generate lines that README.md
// tells consumers to paste against gen's own flags and checks: each runs
// this generator (go run or go tool) with flags gen defines and values it
// accepts. The README test of the root package leaves them to this one.
func TestREADMEGenerateLines(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const (
		run  = "//go:generate go run github.com/npy2d/npy2d/gen"
		tool = "//go:generate go tool github.com/npy2d/npy2d/gen"
	)
	n := 0
	for _, line := range strings.Split(string(readme), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "//go:generate") {
			continue
		}
		n++
		var rest string
		switch {
		case strings.HasPrefix(line, run+" "):
			rest = strings.TrimPrefix(line, run)
		case strings.HasPrefix(line, tool+" "):
			rest = strings.TrimPrefix(line, tool)
		default:
			t.Errorf("README: %q runs neither %q nor %q", line, run[len("//go:generate "):], tool[len("//go:generate "):])
			continue
		}
		args, err := generateArgs(rest)
		if err != nil {
			t.Errorf("README: %q: %v", line, err)
			continue
		}
		fs := flag.NewFlagSet("gen", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		f := defineFlags(fs)
		if err := fs.Parse(args); err != nil {
			t.Errorf("README: %q: %v", line, err)
			continue
		}
		if fs.NArg() > 0 || *f.family != "" {
			t.Errorf("README: %q: unexpected arguments %q or -family", line, fs.Args())
			continue
		}
		if err := checkPattern(*f.pattern); err != nil {
			t.Errorf("README: %q: %v", line, err)
		}
		if _, err := dispatchPattern(*f.dispatch); err != nil {
			t.Errorf("README: %q: %v", line, err)
		}
		if _, err := selectDTypes(*f.dtypes); err != nil {
			t.Errorf("README: %q: %v", line, err)
		}
	}
	if n < 3 {
		t.Errorf("README has %d //go:generate lines, want at least 3: is this test reading the right file?", n)
	}
}

// generateArgs splits a go:generate line's arguments as go generate does:
// at spaces, with double-quoted strings unquoted.
func generateArgs(s string) ([]string, error) {
	var args []string
	for _, w := range strings.Fields(s) {
		if strings.HasPrefix(w, `"`) {
			u, err := strconv.Unquote(w)
			if err != nil {
				return nil, err
			}
			w = u
		}
		args = append(args, w)
	}
	return args, nil
}
