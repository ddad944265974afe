package npz_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// loadScript prints, for each archive given, what np.load finds (keys in
// order; dtype, shape and tobytes() of each array), whether zipfile's
// checksums hold, and where each stored member's array data starts in the
// file, found by zipfile and numpy's own header reader.
const loadScript = `
import json, struct, zipfile
out = {}
for path in sys.argv[1:]:
    z = np.load(path)
    arrays = {k: {'dtype': z[k].dtype.name, 'shape': list(z[k].shape), 'fortran': False,
                  'data': z[k].tobytes().hex()} for k in z.files}
    offsets = {}
    with zipfile.ZipFile(path) as zf:
        bad = zf.testzip()
        for zi in zf.infolist():
            if zi.compress_type != zipfile.ZIP_STORED:
                continue
            with open(path, 'rb') as f:
                f.seek(zi.header_offset)
                h = f.read(30)
            n, m = struct.unpack('<HH', h[26:30])
            with zf.open(zi) as fp:
                version = np.lib.format.read_magic(fp)
                np.lib.format._read_array_header(fp, version)
                offsets[zi.filename] = zi.header_offset + 30 + n + m + fp.tell()
    out[path] = {'files': z.files, 'arrays': arrays, 'bad': bad, 'offsets': offsets}
print(json.dumps(out))
`

type loaded struct {
	numpyArchive
	Bad     *string          `json:"bad"`
	Offsets map[string]int64 `json:"offsets"`
}

// filled returns a deterministic rows x cols array of dt.
func filled(t testing.TB, dt typed.DType, rows, cols int) typed.Array {
	a, err := generated.NewArray(dt, rows, cols)
	if err != nil {
		t.Fatal(err)
	}
	arraytest.Fill(a.Bytes(), dt)
	return a
}

type added struct {
	name string // as given to Add: "" for numpy's arr_N
	a    typed.Array
}

// archiveCases are the arrays each written archive holds: every dtype,
// named and unnamed, empty shapes and a non-ASCII name.
func archiveCases(t testing.TB) []added {
	var cases []added
	for i, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		name := "k_" + dt.Name
		if i%3 == 0 {
			name = ""
		}
		cases = append(cases, added{name, filled(t, dt, 1+i%4, 2+i%5)})
	}
	return append(cases,
		added{"empty_rows", filled(t, typed.Impl.MustDType("float64"), 0, 4)},
		added{"", filled(t, typed.Impl.MustDType("uint16"), 3, 0)},
		added{"größe", filled(t, typed.Impl.MustDType("int32"), 2, 2)},
	)
}

// wantNames is what np.load should list: the given names, or arr_N
// counted among unnamed arrays.
func wantNames(cases []added) []string {
	var names []string
	n := 0
	for _, c := range cases {
		if c.name == "" {
			names = append(names, fmt.Sprintf("arr_%d", n))
			n++
			continue
		}
		names = append(names, c.name)
	}
	return names
}

// TestNumpyLoadsGoArchives writes archives stored, compressed and mixed
// (stored members after compressed ones), and has numpy load them: keys,
// dtypes, shapes and bytes are what Go wrote, zipfile's checksums hold,
// and every stored member's data starts at a multiple of 64 in the file.
// Go's own Reader reads them back too.
func TestNumpyLoadsGoArchives(t *testing.T) {
	dir := t.TempDir()
	cases := archiveCases(t)
	names := wantNames(cases)
	modes := map[string]func(i int) bool{
		"stored.npz":     func(int) bool { return false },
		"compressed.npz": func(int) bool { return true },
		"mixed.npz":      func(i int) bool { return i%2 == 1 },
	}
	var paths []string
	for file, compress := range modes {
		path := filepath.Join(dir, file)
		paths = append(paths, path)
		w, err := npz.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			w.Compressed = compress(i)
			if err := w.Add(c.name, c.a); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	var got map[string]loaded
	if err := json.Unmarshal(numpytest.Run(t, dir, loadScript, paths...), &got); err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		np := got[path]
		if np.Bad != nil {
			t.Errorf("%s: zipfile finds a bad member: %s", path, *np.Bad)
		}
		if strings.Join(np.Files, ",") != strings.Join(names, ",") {
			t.Fatalf("%s: numpy lists %v, want %v", path, np.Files, names)
		}
		r, err := npz.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		stored := 0
		for i, c := range cases {
			name := names[i]
			w := np.Arrays[name]
			rows, cols := c.a.Shape()
			if w.DType != c.a.DType().Name || w.Shape[0] != rows || w.Shape[1] != cols || w.Data != leHex(c.a) {
				t.Fatalf("%s: numpy loads %s as %s %v %.40s, Go wrote %s (%d, %d) %.40s",
					path, name, w.DType, w.Shape, w.Data, c.a.DType(), rows, cols, leHex(c.a))
			}
			if off, ok := np.Offsets[name+".npy"]; ok {
				stored++
				if off%64 != 0 {
					t.Errorf("%s: %s data at offset %d, not a multiple of 64", path, name, off)
				}
				if e, _ := r.Lookup(name); e.FileOffset != off {
					t.Errorf("%s: %s: FileOffset %d, zipfile says %d", path, name, e.FileOffset, off)
				}
			}
			back, err := r.Array(name)
			if err != nil {
				t.Fatal(err)
			}
			arraytest.Same(t, back, c.a)
		}
		r.Close()
		if strings.HasSuffix(path, "mixed.npz") && stored != (len(cases)+1)/2 {
			t.Errorf("%s: %d stored members, want %d", path, stored, (len(cases)+1)/2)
		}
	}
}

// TestWriterNames: a name used twice is refused, as np.savez refuses a
// keyword that collides with a positional arr_N, and the archive written
// so far stays good.
func TestWriterNames(t *testing.T) {
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	a := filled(t, typed.Impl.MustDType("int8"), 2, 2)
	if err := w.Add("arr_0", a); err != nil {
		t.Fatal(err)
	}
	if err := w.Add("", a); err == nil {
		t.Fatal("a second arr_0 was accepted")
	}
	bad := &generated.Int8Array2D{Rows: 3, Cols: 3, Data: make([]int8, 4)}
	if err := w.Add("bad", bad); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("inconsistent array: %v, want typed.ErrShape", err)
	}
	if err := w.Add("x", a); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := npz.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range r.Entries() {
		names = append(names, e.Name)
	}
	if strings.Join(names, ",") != "arr_0,x" {
		t.Fatalf("entries %v, want arr_0, x", names)
	}
}

// TestWriterDeterministic: equal arrays make equal archives, so archives
// can be compared and cached by content.
func TestWriterDeterministic(t *testing.T) {
	write := func() []byte {
		var buf bytes.Buffer
		w := npz.NewWriter(&buf)
		for i, c := range archiveCases(t) {
			w.Compressed = i%2 == 0
			if err := w.Add(c.name, c.a); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(write(), write()) {
		t.Fatal("two archives of the same arrays differ")
	}
}
