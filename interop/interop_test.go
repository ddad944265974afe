package interop_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// numpyShapes are the shapes numpy writes for every dtype: empty ones, a
// single element, one row and one column (where Fortran and C order hold
// the same bytes) and sizes that are multiples of nothing.
var numpyShapes = [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {3, 4}, {7, 13}, {1, 6}, {6, 1}}

// goShapes are the shapes Go writes for numpy to read: numpyShapes plus
// long dimensions, whose digits change how the header is padded (np.save
// leaves room for the first dimension to grow to 21 digits). The huge
// dimensions have no data: numpy accepts them when the product is zero.
var goShapes = append(numpyShapes[:len(numpyShapes):len(numpyShapes)],
	[2]int{123456, 1}, [2]int{1, 10007},
	[2]int{math.MaxInt / 64, 0}, [2]int{0, math.MaxInt / 64})

// TestInterop is the whole judgement by real numpy. numpy writes its
// fixtures first (one Python run); Go reads them, then writes its own files,
// which numpy reads and re-saves (a second run). Subtests name each concern.
func TestInterop(t *testing.T) {
	numpytest.Python(t)
	dir := t.TempDir()
	m := writeNumpyFixtures(t, dir)
	t.Logf("numpy %s on %s (%s-endian); Go on %s (host order %q)",
		m.Numpy, m.Machine, m.ByteOrder, runtime.GOARCH, typed.Impl.HostOrder())

	t.Run("table", func(t *testing.T) { checkTable(t, m) })
	t.Run("numpy-to-go", func(t *testing.T) { checkNumpyFiles(t, dir, m) })
	t.Run("refused", func(t *testing.T) { checkRefused(t, dir, m) })
	t.Run("low-rank-and-strings", func(t *testing.T) { checkLowRank(t, dir, m) })
	t.Run("raw-recipe", func(t *testing.T) { checkRawRecipe(t, dir, m) })
	t.Run("json-from-numpy", func(t *testing.T) { checkJSONFromNumpy(t, dir, m) })
	t.Run("go-to-numpy", func(t *testing.T) { checkGoToNumpy(t, dir, m) })
}

// numpyManifest is what testdata/numpy_write.py prints: the files it wrote
// and what each one holds. Paths are relative to the fixture folder.
type numpyManifest struct {
	Numpy, Machine, ByteOrder string
	// Table is numpy's view of each table row: descr, kind and item size.
	Table map[string]struct {
		Descr, Kind string
		Size        int
	}
	// Specials maps a dtype name to a file of its interesting values,
	// little-endian, one after another.
	Specials map[string]string
	NPY      []struct {
		File, Raw, DType, Variant, Descr string
		Shape                            []int
		Fortran                          bool
	}
	Refused []struct {
		File    string
		DType   *string // the file's dtype when it is a table row
		Err     string  // "shape" or "dtype": the sentinel the error wraps
		Mention string  // what the message must name
	}
	// LowRank are vectors, scalars and string arrays: numpy's shape and
	// dtype name, its C-order little-endian bytes, and whether np.save's
	// file is what Go writes back (C order, little-endian).
	LowRank []struct {
		File, Raw, Name string
		Shape           []int
		Canonical       bool
	}
	Raw []struct {
		Data, DType, Expect string
		DTypeString         string `json:"dtype_string"`
		Shape               []int
		// Order is "native" when the dtype string means host order (the
		// expected bytes are then host order too) and "little" otherwise.
		Order string
	}
	JSON []struct {
		Envelope   string // the text json.dumps wrote
		Raw, DType string
		Shape      []int
	}
}

// writeNumpyFixtures runs testdata/numpy_write.py once in dir, passing the
// dtype table and the shapes, and decodes its manifest.
func writeNumpyFixtures(t *testing.T, dir string) *numpyManifest {
	t.Helper()
	var names []string
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		names = append(names, dt.Name)
	}
	cfg, err := json.Marshal(map[string]any{"dtypes": names, "shapes": numpyShapes})
	if err != nil {
		t.Fatal(err)
	}
	out := numpytest.Run(t, dir, script(t, "numpy_write.py"), string(cfg))
	m := new(numpyManifest)
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		t.Fatalf("numpy_write.py manifest: %v\n%.500s", err, out)
	}
	return m
}

// script returns a Python script kept in testdata/.
func script(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readFile and writeFile are the shared fixture helpers.
var (
	readFile  = numpytest.ReadFile
	writeFile = numpytest.WriteFile
)

// rowsCols turns a manifest shape into (rows, cols), failing on any other
// rank so that a fixture cannot silently lose a dimension.
func rowsCols(t *testing.T, shape []int) (int, int) {
	t.Helper()
	if len(shape) != 2 {
		t.Fatalf("manifest shape %v is not 2-D", shape)
	}
	return shape[0], shape[1]
}

func lookup(t *testing.T, name string) typed.DType {
	t.Helper()
	dt, ok := typed.LookupDType(name)
	if !ok {
		t.Fatalf("numpy's manifest names dtype %q, which is not in the table", name)
	}
	return dt
}

// bigEndianHost is found without package typed, which is under test.
var bigEndianHost = binary.NativeEndian.Uint16([]byte{0, 1}) == 1

// littleEndian converts host-order data of dt to little-endian bytes (and,
// being its own inverse, little-endian bytes to host order). It swaps with
// its own loop, not typed.Impl.Swap, so that a broken swap in the library cannot
// cancel itself out on a big-endian host.
func littleEndian(b []byte, dt typed.DType) []byte {
	unit := dt.Size
	if dt.Kind == 'c' { // two floats, each in its own byte order
		unit /= 2
	}
	if !bigEndianHost || unit == 1 {
		return b
	}
	out := make([]byte, len(b))
	for i := 0; i+unit <= len(b); i += unit {
		for j := 0; j < unit; j++ {
			out[i+j] = b[i+unit-1-j]
		}
	}
	return out
}

// sameAsNumpy reports an error unless a has dtype dt, shape (rows, cols)
// and, as little-endian bytes, exactly want.
func sameAsNumpy(t *testing.T, what string, a typed.Array, dt typed.DType, rows, cols int, want []byte) {
	t.Helper()
	if a.DType() != dt {
		t.Errorf("%s: dtype %s, numpy has %s", what, a.DType(), dt)
		return
	}
	if r, c := a.Shape(); r != rows || c != cols {
		t.Errorf("%s: shape (%d, %d), numpy has (%d, %d)", what, r, c, rows, cols)
		return
	}
	if d := firstDiff(littleEndian(a.Bytes(), dt), want); d != "" {
		t.Errorf("%s: data differs from numpy's: %s", what, d)
	}
}

// firstDiff describes where got and want first differ, or returns "".
func firstDiff(got, want []byte) string {
	if bytes.Equal(got, want) {
		return ""
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-8)
	return fmt.Sprintf("lengths %d and %d, first difference at byte %d: got %x, want %x",
		len(got), len(want), i, got[lo:min(len(got), i+8)], want[lo:min(len(want), i+8)])
}
