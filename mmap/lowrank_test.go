package mmap_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/typed"
)

// TestMapLowRank maps numpy's vectors and scalars with their shape, and
// refuses string arrays, which Go holds as strings, with ErrNotMappable.
func TestMapLowRank(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, `
np.save('vector.npy', np.arange(5.0) * 1.5)
np.save('scalar.npy', np.array(-7, dtype='<i4'))
np.save('labels.npy', np.array(['setosa', 'virginica']))
np.savez('model.npz', intercept=np.array([0.25, -1.0]), labels=np.array(['a', 'b']))
`)
	m, err := mmap.Open(filepath.Join(dir, "vector.npy"), mmap.ReadOnly)
	if !typed.Impl.LittleEndianHost() { // numpy wrote little-endian data: not this host's
		if !errors.Is(err, mmap.ErrNotMappable) {
			t.Fatalf("little-endian data on a big-endian host: %v, want ErrNotMappable", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	v := m.Array().(*generated.Float64Array2D)
	if fmt.Sprint(v.NumpyShape(), v.Data) != "[5] [0 1.5 3 4.5 6]" {
		t.Errorf("vector mapped as %v %v", v.NumpyShape(), v.Data)
	}
	m.Close()

	m, err = mmap.Open(filepath.Join(dir, "scalar.npy"), mmap.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	s := m.Array().(*generated.Int32Array2D)
	if s.NDim() != 0 || len(s.NumpyShape()) != 0 || s.Data[0] != -7 {
		t.Errorf("scalar mapped as %v %v", s.NumpyShape(), s.Data)
	}
	m.Close()

	if _, err := mmap.Open(filepath.Join(dir, "labels.npy"), mmap.ReadOnly); !errors.Is(err, mmap.ErrNotMappable) {
		t.Errorf("strings: %v, want ErrNotMappable", err)
	}
	if _, err := mmap.OpenNPZ(filepath.Join(dir, "model.npz"), "labels", mmap.ReadOnly); !errors.Is(err, mmap.ErrNotMappable) {
		t.Errorf("npz strings: %v, want ErrNotMappable", err)
	}
}
