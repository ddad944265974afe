package npz_test

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// savezScript writes the same arrays with np.savez (plain.npz) and
// np.savez_compressed (compressed.npz) and prints what np.load finds in
// them: the keys in order and, for each 2-D array of a supported dtype,
// its dtype, shape, order and its C-order little-endian bytes.
const savezScript = `
import json
rng = np.random.default_rng(7)

def raw(dt, shape):
    return random_array(rng, dt, shape)

kw = {}
for i, dt in enumerate(DTYPES):
    kw['k_' + np.dtype(dt).name] = raw(dt, (2 + i % 3, 1 + i % 4))
kw['empty_rows'] = np.zeros((0, 3))
kw['empty_cols'] = np.zeros((3, 0), dtype='i4')
kw['fortran'] = np.asfortranarray(raw('f8', (3, 5)))
kw['fortran_c8'] = np.asfortranarray(raw('c8', (4, 2)))
kw['big_i4'] = raw('>i4', (2, 3))
kw['big_c16'] = raw('>c16', (3, 2))
kw['f2_special'] = np.array([[np.inf, -np.inf, np.nan], [6e-8, -0.0, 65504]], dtype='f2')
kw['vector'] = np.arange(5.0)
kw['scalar'] = np.array(2.5)
kw['cube'] = np.zeros((2, 2, 2))
kw['strings'] = np.array([['a', 'bc']])
kw['labels'] = np.array(['setosa', 'versicolor', 'virginica'])
kw['byte_labels'] = np.array([b'no', b'yes'])
kw['objects'] = np.array([[None, 1]], dtype=object)
pos = [raw('f8', (2, 2)), raw('u2', (1, 7))]
np.savez('plain.npz', *pos, **kw)
np.savez_compressed('compressed.npz', *pos, **kw)

out = {}
for path in ['plain.npz', 'compressed.npz']:
    z = np.load(path, allow_pickle=True)
    arrays = {}
    for k in z.files:
        a = z[k]
        if a.ndim > 2 or a.dtype.kind not in 'biufcUS':
            continue
        arrays[k] = {
            'dtype': a.dtype.name,
            'shape': list(a.shape),
            'fortran': bool(a.flags.f_contiguous and not a.flags.c_contiguous),
            'data': np.ascontiguousarray(a, dtype=a.dtype.newbyteorder('<')).tobytes().hex(),
        }
    out[path] = {'files': z.files, 'arrays': arrays}
print(json.dumps(out))
`

type numpyArray struct {
	DType   string `json:"dtype"`
	Shape   []int  `json:"shape"`
	Fortran bool   `json:"fortran"`
	Data    string `json:"data"`
}

type numpyArchive struct {
	Files  []string              `json:"files"`
	Arrays map[string]numpyArray `json:"arrays"`
}

// TestReadNumpyArchives reads what np.savez and np.savez_compressed wrote:
// the listing matches np.load's keys, dtypes, shapes and orders; each
// array decodes to numpy's bytes; members that are not 2-D numeric arrays
// are listed with an error that says why; stored members' FileOffset
// points at their data in the file.
func TestReadNumpyArchives(t *testing.T) {
	dir := t.TempDir()
	var want map[string]numpyArchive
	if err := json.Unmarshal(numpytest.Run(t, dir, savezScript), &want); err != nil {
		t.Fatal(err)
	}
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		if _, ok := want["plain.npz"].Arrays["k_"+dt.Name]; !ok {
			t.Fatalf("numpy wrote no %s member", dt.Name)
		}
	}
	for _, name := range []string{"plain.npz", "compressed.npz"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			file, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := npz.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			np := want[name]
			entries := r.Entries()
			if len(entries) != len(np.Files) {
				t.Fatalf("%d entries, numpy lists %d: %v", len(entries), len(np.Files), np.Files)
			}
			for i, e := range entries {
				if e.Name != np.Files[i] {
					t.Fatalf("entry %d is %q, numpy's is %q", i, e.Name, np.Files[i])
				}
				if e.Compressed != (name == "compressed.npz") {
					t.Errorf("%s: Compressed %v", e.Name, e.Compressed)
				}
				w, ok := np.Arrays[e.Name]
				if !ok {
					checkUnsupported(t, r, e)
					continue
				}
				if e.Err != nil {
					t.Fatalf("%s: %v", e.Name, e.Err)
				}
				if e.DType.String() != w.DType || fmt.Sprint(e.Shape()) != fmt.Sprint(w.Shape) || e.Fortran != w.Fortran {
					t.Fatalf("%s: entry %s %v fortran=%v, numpy has %s %v fortran=%v",
						e.Name, e.DType, e.Shape(), e.Fortran, w.DType, w.Shape, w.Fortran)
				}
				a, err := r.Array(e.Name)
				if err != nil {
					t.Fatalf("%s: %v", e.Name, err)
				}
				if got := leHex(a); got != w.Data || fmt.Sprint(a.NumpyShape()) != fmt.Sprint(w.Shape) {
					t.Fatalf("%s: data %v\n got %.80s\nwant %v %.80s", e.Name, a.NumpyShape(), got, w.Shape, w.Data)
				}
				checkFileOffset(t, e, file, w)
			}
		})
	}
}

// checkUnsupported: a member numpy holds but the family cannot is listed
// with the reason and with what its header declares, and decoding it fails
// with the same reason.
func checkUnsupported(t *testing.T, r *npz.Reader, e npz.Entry) {
	t.Helper()
	if e.Err == nil {
		t.Fatalf("%s: no error for a member the family cannot hold", e.Name)
	}
	wantInfo := map[string]string{"cube": "<f8 (2, 2, 2)", "objects": "|O (1, 2)"}[e.Name]
	if e.Info.String() != wantInfo {
		t.Fatalf("%s: listed as %q, want %q", e.Name, e.Info, wantInfo)
	}
	if !errors.Is(e.Err, typed.ErrShape) && !errors.Is(e.Err, typed.ErrDType) {
		t.Fatalf("%s: %v, want typed.ErrShape or typed.ErrDType", e.Name, e.Err)
	}
	if _, err := r.Array(e.Name); err == nil || err.Error() != e.Err.Error() {
		t.Fatalf("%s: Array says %v, entry says %v", e.Name, err, e.Err)
	}
}

// checkFileOffset: for a stored member, the file holds the array's data at
// FileOffset (C-order little-endian arrays only: others are stored
// differently from what numpy hands back).
func checkFileOffset(t *testing.T, e npz.Entry, file []byte, w numpyArray) {
	t.Helper()
	if e.Compressed {
		if e.FileOffset != -1 {
			t.Fatalf("%s: FileOffset %d for a compressed member", e.Name, e.FileOffset)
		}
		return
	}
	if e.Fortran || e.Order == '>' {
		return
	}
	data, _ := hex.DecodeString(w.Data)
	end := e.FileOffset + int64(len(data))
	if e.FileOffset < 0 || end > int64(len(file)) || string(file[e.FileOffset:end]) != string(data) {
		t.Fatalf("%s: FileOffset %d does not point at the data", e.Name, e.FileOffset)
	}
}

// leHex is numpy's tobytes() of a, as hex, whatever the host's order.
func leHex(a typed.Array) string {
	return hex.EncodeToString(typed.Impl.HostOrderCopy(a.Bytes(), a.DType(), '<'))
}

// TestReadIntoTyped decodes into a caller's typed array and refuses one of
// another dtype.
func TestReadIntoTyped(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, `np.savez('a.npz', w=np.arange(12.0).reshape(3, 4))`)
	r, err := npz.Open(filepath.Join(dir, "a.npz"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var w generated.Float64Array2D
	if err := r.ReadInto("w", &w); err != nil {
		t.Fatal(err)
	}
	if w.Rows != 3 || w.Cols != 4 || w.At(2, 3) != 11 {
		t.Fatalf("got %+v", w)
	}
	if err := r.ReadInto("w.npy", &generated.Int32Array2D{}); !errors.Is(err, typed.ErrDType) {
		t.Fatalf("reading float64 into int32: %v, want typed.ErrDType", err)
	}
	if _, err := r.Array("missing"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing member: %v, want os.ErrNotExist", err)
	}
}
