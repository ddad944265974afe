package stream_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/stream"
	"github.com/npy2d/npy2d/typed"
)

// FuzzAppend opens arbitrary bytes as a file to append to: OpenAppend must
// refuse with an error wrapping a typed sentinel or accept a file whose
// data then grows by one row, the rows before it unchanged and the header
// declaring one row more.
func FuzzAppend(f *testing.F) {
	for _, a := range []typed.Array{generated.NewInt16Array2D(3, 2), generated.NewBoolArray2D(1, 4), generated.NewFloat64Array2D(0, 3)} {
		var buf bytes.Buffer
		a.WriteTo(&buf)
		f.Add(buf.Bytes())
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "f.npy")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := stream.OpenAppend(path)
		if err != nil {
			for _, s := range []error{typed.ErrFormat, typed.ErrDType, typed.ErrShape, typed.ErrLimit} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps none of typed's sentinels: %v", err)
		}
		h := a.Header()
		before, err := generated.ReadNPY(bytes.NewReader(b))
		if err != nil {
			a.Close()
			return // e.g. a bad bool byte in the data, which appends never read
		}
		row := make([]byte, h.Cols*h.DType.Size)
		if h.Cols == 0 {
			a.Close()
			return
		}
		if err := a.WriteRows(row); err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		after, err := generated.ReadNPY(bytes.NewReader(got))
		if err != nil {
			t.Fatalf("after the append: %v", err)
		}
		r0, c0 := before.Shape()
		r1, c1 := after.Shape()
		if r1 != r0+1 || c1 != c0 || !bytes.Equal(after.Bytes()[:len(before.Bytes())], before.Bytes()) {
			t.Fatalf("(%d, %d) became (%d, %d)", r0, c0, r1, c1)
		}
		var want bytes.Buffer
		after.WriteTo(&want)
		if h.Order != '>' && !bytes.Equal(got, want.Bytes()) {
			t.Fatal("the file is not np.save's encoding of the longer array")
		}
	})
}
