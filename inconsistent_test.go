package npy2d_test

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	npy2d "github.com/npy2d/npy2d"
	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// reshape sets a's Rows and Cols and cuts or grows its Data to n elements,
// without reflection: one case per generated type. A dtype added to the
// table without a case here fails the test.
func reshape(t *testing.T, a typed.Array, rows, cols, n int) {
	t.Helper()
	switch v := a.(type) {
	case *generated.BoolArray2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]bool, n)
	case *generated.Int8Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]int8, n)
	case *generated.Int16Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]int16, n)
	case *generated.Int32Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]int32, n)
	case *generated.Int64Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]int64, n)
	case *generated.Uint8Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]uint8, n)
	case *generated.Uint16Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]uint16, n)
	case *generated.Uint32Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]uint32, n)
	case *generated.Uint64Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]uint64, n)
	case *generated.Float16Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]typed.Float16, n)
	case *generated.Float32Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]float32, n)
	case *generated.Float64Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]float64, n)
	case *generated.Complex64Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]complex64, n)
	case *generated.Complex128Array2D:
		v.Rows, v.Cols, v.Data = rows, cols, make([]complex128, n)
	default:
		t.Fatalf("no case for %T in reshape", a)
	}
	if r, c := a.Shape(); r != rows || c != cols || len(a.Bytes()) != n*a.DType().Size {
		t.Fatalf("reshape did not take")
	}
}

// recorder counts the bytes written to it.
type recorder struct{ n int }

func (r *recorder) Write(p []byte) (int, error) {
	r.n += len(p)
	return len(p), nil
}

// TestInconsistentArraysWriteNothing: for every dtype, an array whose
// Rows, Cols and Data disagree is refused by WriteTo before a byte is
// written, and by MarshalBinary, MarshalJSON and SaveNPY too.
func TestInconsistentArraysWriteNothing(t *testing.T) {
	const big = math.MaxInt/4 + 1 // big*4 wraps around
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		for _, tc := range []struct {
			rows, cols, n int
			err           error
		}{
			{3, 4, 11, typed.ErrShape},
			{3, 4, 13, typed.ErrShape},
			{0, 4, 1, typed.ErrShape},
			{-3, 4, 12, typed.ErrShape},
			{3, -4, 12, typed.ErrShape},
			{-3, -4, 12, typed.ErrShape},        // the product matches len(Data)
			{-1, 0, 0, typed.ErrShape},          // the product matches an empty Data
			{big, 4, 0, typed.ErrLimit},         // rows*cols wraps to 0
			{big, 8, 0, typed.ErrLimit},         // rows*cols wraps to 0
			{0, math.MaxInt, 0, typed.ErrLimit}, // (0, MaxInt) * itemsize overflows, as numpy checks
		} {
			if tc.rows == 0 && tc.cols == math.MaxInt && dt.Size == 1 {
				continue // an empty (0, MaxInt) array of bytes is consistent, as in numpy
			}
			name := fmt.Sprintf("%s (%d, %d) with %d elements", dt, tc.rows, tc.cols, tc.n)
			a, err := generated.NewArray(dt, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			reshape(t, a, tc.rows, tc.cols, tc.n)
			var w recorder
			n, err := a.WriteTo(&w)
			if !errors.Is(err, tc.err) || n != 0 || w.n != 0 {
				t.Errorf("%s: WriteTo wrote %d bytes (says %d), err %v, want %v", name, w.n, n, err, tc.err)
			}
			if b, err := a.(encoding.BinaryMarshaler).MarshalBinary(); !errors.Is(err, tc.err) || len(b) != 0 {
				t.Errorf("%s: MarshalBinary gave %d bytes, err %v", name, len(b), err)
			}
			if b, err := a.(json.Marshaler).MarshalJSON(); !errors.Is(err, tc.err) || len(b) != 0 {
				t.Errorf("%s: MarshalJSON gave %d bytes, err %v", name, len(b), err)
			}
			dir := t.TempDir()
			if err := npy2d.SaveNPY(filepath.Join(dir, "a.npy"), a); !errors.Is(err, tc.err) {
				t.Errorf("%s: SaveNPY: %v", name, err)
			}
			if es, _ := os.ReadDir(dir); len(es) != 0 {
				t.Errorf("%s: SaveNPY left %d files", name, len(es))
			}
		}
	}
}
