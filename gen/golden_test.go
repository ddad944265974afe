package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/typed"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden pins the consumer-mode output for one dtype under a custom
// name pattern and dispatch prefix, so a change to what the generator emits shows up in review
// as a diff of testdata/int8_grid.golden (go test ./gen -run Golden -update).
func TestGolden(t *testing.T) {
	int8DType, _ := typed.LookupDType("int8")
	got, err := RenderFile(Config{Package: "golden", DTypes: []typed.DType{int8DType}, TypePattern: "%sGrid", Dispatch: "Grid%s", Command: "gen -dtypes int8 -type %sGrid -dispatch Grid"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "int8_grid.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; if the change is intended, run go test ./gen -run Golden -update", path)
	}
}
