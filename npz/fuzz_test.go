package npz_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// The seeds in testdata were written by numpy 1.24:
//
//	a = np.arange(6, dtype='<f8').reshape(2, 3)
//	m = np.array([[True, False], [False, True]])
//	h = np.array([[1.5, -2]], dtype='f2')
//	v = np.arange(3, dtype='i4')
//	np.savez('small.npz', m, a=a, h=h, v=v)
//	np.savez_compressed('small_compressed.npz', m, a=a, h=h, v=v)

// FuzzNPZ feeds arbitrary bytes to the Reader: it must never panic, every
// error must wrap one of typed's sentinels, memory stays within Limits,
// and whatever decodes must agree with its listing and survive a write
// and a read back unchanged.
func FuzzNPZ(f *testing.F) {
	for _, name := range []string{"small.npz", "small_compressed.npz"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	for i, c := range archiveCases(f)[:5] {
		w.Compressed = i%2 == 1
		if err := w.Add(c.name, c.a); err != nil {
			f.Fatal(err)
		}
	}
	w.Close()
	f.Add(buf.Bytes())

	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := npz.NewReaderWithLimits(bytes.NewReader(b), int64(len(b)), typed.Limits{MaxDataBytes: 1 << 20})
		if err != nil {
			checkSentinel(t, err)
			return
		}
		for _, e := range r.Entries() {
			a, err := r.Array(e.Name)
			if err != nil {
				checkSentinel(t, err)
				continue
			}
			if e.Err != nil {
				t.Fatalf("%s decodes, but its entry says %v", e.Name, e.Err)
			}
			rows, cols := a.Shape()
			if a.DType() != e.DType || rows != e.Rows || cols != e.Cols {
				t.Fatalf("%s decodes as %s (%d, %d), listed as %s (%d, %d)", e.Name, a.DType(), rows, cols, e.DType, e.Rows, e.Cols)
			}
			roundTrip(t, e.Name, a)
		}
	})
}

func checkSentinel(t *testing.T, err error) {
	t.Helper()
	for _, s := range []error{typed.ErrFormat, typed.ErrDType, typed.ErrShape, typed.ErrLimit} {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error wraps none of typed's sentinels: %v", err)
}

func roundTrip(t *testing.T, name string, a typed.Array) {
	t.Helper()
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	if err := w.Add(name, a); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := npz.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	back, err := r.Array(name)
	if err != nil {
		t.Fatal(err)
	}
	arraytest.Same(t, back, a)
}
