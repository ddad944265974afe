package npy2d_test

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	npy2d "github.com/npy2d/npy2d"
	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// reshape sets a's Rows and Cols and gives it a fresh Data of n elements,
// whatever its generated type: every one has these three fields.
func reshape(t *testing.T, a typed.Array, rows, cols, n int) {
	t.Helper()
	v := reflect.ValueOf(a).Elem()
	v.FieldByName("Rows").SetInt(int64(rows))
	v.FieldByName("Cols").SetInt(int64(cols))
	data := v.FieldByName("Data")
	data.Set(reflect.MakeSlice(data.Type(), n, n))
	if r, c := a.Shape(); r != rows || c != cols || data.Len() != n {
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
