package bench

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// casesFile is where TestNumpyCases writes the cases numpy_bench.py times,
// so that numpy's list of inputs and dtypes is this module's, not a copy.
var casesFile = flag.String("cases", "", "write numpy_bench.py's cases to this JSON `file`, and the inputs as .npy files beside it")

// numpyCases is the JSON numpy_bench.py reads (and cmd/report, for the
// inputs' dtypes and shapes).
type numpyCases struct {
	Inputs []numpyInput `json:"inputs"` // BenchmarkEncode and BenchmarkDecode's, in run order
	Layout []string     `json:"layout"` // dtypes of BenchmarkPath's fortran_ and bigendian_ cases
	Fresh  []numpyFresh `json:"fresh"`  // BenchmarkPath's fresh- cases
}

type numpyInput struct {
	Name  string `json:"name"`
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
	File  string `json:"file"` // the input as npy2d writes it, beside the JSON: numpy times the same values
}

type numpyFresh struct {
	Name string `json:"name"`
	Rows int    `json:"rows"`
	Cols int    `json:"cols"`
}

// freshCols is pathFresh's column count.
const freshCols = 1024

// TestNumpyCases derives numpy's cases from allInputs, the dtype table and
// freshSizes, checking that each input reads back as its raw bytes; with
// -cases it writes them for numpy_bench.py.
func TestNumpyCases(t *testing.T) {
	var cs numpyCases
	for _, in := range allInputs() {
		var w bytes.Buffer
		if err := codecTable["npy2d"][in.kind].encode(&w, in); err != nil {
			t.Fatal(err)
		}
		a, err := generated.ReadNPY(bytes.NewReader(w.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		// in.raw is little-endian, a.Bytes() in host order.
		if !slices.Equal(a.NumpyShape(), []int{in.rows, in.cols}) || len(a.Bytes()) != len(in.raw) ||
			typed.Impl.LittleEndianHost() && !bytes.Equal(a.Bytes(), in.raw) {
			t.Fatalf("%s: npy2d's file does not hold the input", in.name)
		}
		file := in.name + ".npy"
		if *casesFile != "" {
			if err := os.WriteFile(filepath.Join(filepath.Dir(*casesFile), file), w.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cs.Inputs = append(cs.Inputs, numpyInput{in.name, a.DType().Name, a.NumpyShape(), file})
	}
	for _, dt := range typed.DTypes() {
		if !dt.Flexible() { // as pathLayout: strings have no layout to convert
			cs.Layout = append(cs.Layout, dt.Name)
		}
	}
	for _, s := range freshSizes {
		cs.Fresh = append(cs.Fresh, numpyFresh{s.name, s.rows, freshCols})
	}
	if len(cs.Inputs) == 0 || !slices.Contains(cs.Layout, "float64") || len(cs.Fresh) == 0 {
		t.Fatalf("cases missing: %+v", cs)
	}
	b, err := json.MarshalIndent(cs, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if *casesFile != "" {
		if err := os.WriteFile(*casesFile, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
