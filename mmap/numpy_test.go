package mmap_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/typed"
)

// saveScript has np.save write one file per case and prints, for each,
// what np.load(path, mmap_mode='r') holds: dtype, shape and its C-order
// little-endian bytes.
const saveScript = `
import json
rng = np.random.default_rng(3)

def raw(dt, shape):
    return random_array(rng, dt, shape)

cases = {}
for i, dt in enumerate(DTYPES):
    cases[np.dtype(dt).name] = raw(dt, (3 + i % 4, 700 + i))  # several pages each
cases['empty'] = np.zeros((0, 5))
cases['row'] = np.asfortranarray(raw('f8', (1, 9)))
cases['big_endian'] = raw('>f8', (4, 4))
cases['fortran'] = np.asfortranarray(raw('i4', (4, 3)))
out = {}
for name, a in cases.items():
    np.save(name + '.npy', a)
    m = np.load(name + '.npy', mmap_mode='r')
    out[name] = {'dtype': m.dtype.name, 'shape': list(m.shape),
                 'data': np.ascontiguousarray(m, dtype=m.dtype.newbyteorder('<')).tobytes().hex()}
print(json.dumps(out))
`

type numpyArray struct {
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
	Data  string `json:"data"`
}

func saveNumpy(t *testing.T) (dir string, want map[string]numpyArray) {
	dir = t.TempDir()
	if err := json.Unmarshal(numpytest.Run(t, dir, saveScript), &want); err != nil {
		t.Fatal(err)
	}
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		if _, ok := want[dt.Name]; !ok {
			t.Fatalf("numpy wrote no %s case", dt.Name)
		}
	}
	return dir, want
}

// leHex is numpy's tobytes() of a, as hex, whatever the host's order.
func leHex(a typed.Array) string {
	return hex.EncodeToString(typed.Impl.HostOrderCopy(a.Bytes(), a.DType(), '<'))
}

// sameMemory reports whether a's data is m's bytes, not a copy.
func sameMemory(a typed.Array, m *mmap.File) bool {
	return unsafe.SliceData(a.Bytes()) == unsafe.SliceData(m.Bytes())
}

// TestMapNumpyFiles maps what np.save wrote, in both modes: the array
// equals np.load(mmap_mode='r')'s and is the mapped memory itself. Files
// that cannot be used in place (big-endian, Fortran order; every
// multi-byte dtype on a big-endian host) are refused with ErrNotMappable,
// and reading them instead works.
func TestMapNumpyFiles(t *testing.T) {
	dir, want := saveNumpy(t)
	for name, w := range want {
		path := filepath.Join(dir, name+".npy")
		for _, mode := range []mmap.Mode{mmap.ReadOnly, mmap.CopyOnWrite} {
			m, err := mmap.Open(path, mode)
			dt, _ := typed.LookupDType(w.DType)
			order := byte('<')
			if name == "big_endian" {
				order = '>'
			}
			refuse := name == "fortran" || (dt.Size > 1 && order != typed.Impl.HostOrder())
			if refuse {
				if !errors.Is(err, mmap.ErrNotMappable) {
					t.Fatalf("%s: Open(%v): %v, want ErrNotMappable", name, mode, err)
				}
				checkRead(t, path, w)
				continue
			}
			if err != nil {
				t.Fatalf("%s: Open(%v): %v", name, mode, err)
			}
			a := m.Array()
			rows, cols := a.Shape()
			if a.DType().Name != w.DType || rows != w.Shape[0] || cols != w.Shape[1] {
				t.Fatalf("%s: mapped %s (%d, %d), numpy has %s %v", name, a.DType(), rows, cols, w.DType, w.Shape)
			}
			if got := leHex(a); got != w.Data {
				t.Fatalf("%s: data\n got %.80s\nwant %.80s", name, got, w.Data)
			}
			if rows*cols > 0 && !sameMemory(a, m) {
				t.Fatalf("%s: the array's data is a copy, not the mapping", name)
			}
			if !m.Mapped() && mapsHere {
				t.Fatalf("%s: not mapped on a platform with mmap", name)
			}
			if err := m.Close(); err != nil {
				t.Fatal(err)
			}
			if err := m.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
		}
	}
}

// checkRead: a file Open refuses is read by generated.ReadNPY, the
// fallback the error suggests.
func checkRead(t *testing.T, path string, w numpyArray) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := generated.ReadNPY(f)
	if err != nil {
		t.Fatal(err)
	}
	if leHex(a) != w.Data {
		t.Fatalf("%s: read data differs from numpy's", path)
	}
}

// TestCopyOnWrite writes every byte of a CopyOnWrite array: the file, a
// ReadOnly mapping of it and numpy all still see the original data.
func TestCopyOnWrite(t *testing.T) {
	dir, want := saveNumpy(t)
	path := filepath.Join(dir, "uint8.npy") // one-byte items map on any host
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := mmap.Open(path, mmap.CopyOnWrite)
	if err != nil {
		t.Fatal(err)
	}
	ro, err := mmap.Open(path, mmap.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	x := c.Array().(*generated.Uint8Array2D)
	for i := range x.Data {
		x.Data[i] = ^x.Data[i]
	}
	if leHex(ro.Array()) != want["uint8"].Data {
		t.Fatal("a write to the CopyOnWrite array shows in a ReadOnly mapping")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("a write to the CopyOnWrite array reached the file")
	}
	out := numpytest.Run(t, dir, `print(np.load('uint8.npy').tobytes().hex())`)
	if string(bytes.TrimSpace(out)) != want["uint8"].Data {
		t.Fatal("numpy reads changed data after CopyOnWrite writes")
	}
}

// TestReadOnlySeesFileChanges: a ReadOnly mapping is shared, as numpy's
// mmap_mode='r' is, so a write to the file shows through the array.
func TestReadOnlySeesFileChanges(t *testing.T) {
	if !mapsHere {
		t.Skip("no mmap on this platform: the data was read at Open")
	}
	path := writeNPY(t, typed.Impl.MustDType("uint8"), 2, 3, nil)
	m, err := mmap.Open(path, mmap.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{42}, int64(m.Header().DataOffset)+4); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if got := m.Array().(*generated.Uint8Array2D).At(1, 1); got != 42 {
		t.Fatalf("element (1, 1) is %d after the file was written with 42", got)
	}
}
