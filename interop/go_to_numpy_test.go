package interop_test

import (
	"encoding"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// goEntry is one array Go wrote, as testdata/numpy_check.py reads it.
type goEntry struct {
	DType string   `json:"dtype"`
	Shape [2]int   `json:"shape"`
	Raw   string   `json:"raw"`  // C-order little-endian bytes
	NPY   []string `json:"npy"`  // WriteTo's file, then MarshalBinary's
	JSON  string   `json:"json"` // MarshalJSON's envelope
	Save  string   `json:"save"` // where np.save writes the same array
}

// checkGoToNumpy: for every dtype and goShapes, Go fills an array with
// arraytest.Fill, puts numpy's special values at its start, and writes it
// with WriteTo, MarshalBinary and MarshalJSON beside its raw bytes. One
// numpy run loads each file and compares it bit for bit with the raw bytes,
// decodes the envelope, and np.save's the array rebuilt from the raw bytes;
// then Go's files must equal np.save's byte for byte.
func checkGoToNumpy(t *testing.T, dir string, m *numpyManifest) {
	var entries []goEntry
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		special := littleEndian(readFile(t, dir, m.Specials[dt.Name]), dt) // now host order
		if len(special) == 0 {
			t.Fatalf("numpy gave no special values for %s", dt)
		}
		for _, s := range goShapes {
			a, err := generated.NewArray(dt, s[0], s[1])
			if err != nil {
				t.Fatal(err)
			}
			arraytest.Fill(a.Bytes(), dt)
			copy(a.Bytes(), special) // whole items: both lengths are multiples of the size

			e := goEntry{DType: dt.Name, Shape: s}
			stem := fmt.Sprintf("go-%s-%dx%d", dt.Name, s[0], s[1])
			e.Raw = stem + ".raw"
			writeFile(t, dir, e.Raw, littleEndian(a.Bytes(), dt))

			e.NPY = []string{stem + ".npy", stem + ".bin.npy"}
			f, err := os.Create(filepath.Join(dir, e.NPY[0]))
			if err != nil {
				t.Fatal(err)
			}
			n, err := a.WriteTo(f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				t.Fatalf("WriteTo %s: %v", stem, err)
			}
			if fi, err := os.Stat(f.Name()); err != nil {
				t.Fatal(err)
			} else if fi.Size() != n {
				t.Errorf("WriteTo %s returned %d, the file has %d bytes", stem, n, fi.Size())
			}

			bin, err := a.(encoding.BinaryMarshaler).MarshalBinary()
			if err != nil {
				t.Fatalf("MarshalBinary %s: %v", stem, err)
			}
			writeFile(t, dir, e.NPY[1], bin)

			env, err := a.(json.Marshaler).MarshalJSON()
			if err != nil {
				t.Fatalf("MarshalJSON %s: %v", stem, err)
			}
			e.JSON = stem + ".json"
			writeFile(t, dir, e.JSON, env)
			e.Save = stem + ".numpy.npy"
			entries = append(entries, e)
		}
	}
	list, err := json.Marshal(entries)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "go-manifest.json", list)

	out := numpytest.Run(t, dir, script(t, "numpy_check.py"), "go-manifest.json")
	var res struct {
		Checked                   int
		Errors                    []string
		Numpy, Machine, ByteOrder string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("numpy_check.py: %v\n%.500s", err, out)
	}
	for _, e := range res.Errors {
		t.Errorf("numpy: %s", e)
	}
	if want := len(entries) * 3; res.Checked != want {
		t.Errorf("numpy checked %d files, want %d", res.Checked, want)
	}

	for _, e := range entries {
		saved := readFile(t, dir, e.Save)
		for _, name := range e.NPY {
			if d := firstDiff(readFile(t, dir, name), saved); d != "" {
				t.Errorf("%s differs from np.save of the same %s %v array: %s", name, e.DType, e.Shape, d)
			}
		}
	}
	t.Logf("numpy %s on %s (%s-endian) checked %d files of %d arrays", res.Numpy, res.Machine, res.ByteOrder, res.Checked, len(entries))
}
