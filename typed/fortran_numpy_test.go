package typed_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// streamReader hides Len and Seek, as a pipe would: readers then take
// Fortran-order data a chunk of columns at a time.
type streamReader struct{ r io.Reader }

func (s streamReader) Read(p []byte) (int, error) { return s.r.Read(p) }

// TestNumpyFortranFiles: Fortran-order files numpy writes, of every dtype
// in both byte orders, at shapes the transpose kernels take (blocks, tiles,
// edges, the sizes that store around the cache) and at their corners (one
// row or column, empty), read as numpy's C-order bytes in host order:
// straight from memory, through a stream, and into an array that reuses
// its storage.
func TestNumpyFortranFiles(t *testing.T) {
	dir := t.TempDir()
	shapes := [][2]int{{17, 33}, {33, 17}, {1, 70}, {70, 1}, {0, 40}, {40, 0}, {64, 64}, {300, 257}}
	// Large enough for the non-temporal stores (4 MiB of float64), for
	// the dtypes of every item size.
	big := [2]int{1030, 520}
	bigDTypes := []string{"bool", "int8", "float16", "int32", "float64", "complex128"}
	if testing.Short() {
		bigDTypes = []string{}
	}
	cfg, err := json.Marshal(map[string]any{"shapes": shapes, "big": big, "big_dtypes": bigDTypes})
	if err != nil {
		t.Fatal(err)
	}
	out := numpytest.Run(t, dir, `
import json
cfg = json.loads(sys.argv[1])
rng = np.random.default_rng(7)
files = []
for name in DTYPES:
    shapes = [tuple(s) for s in cfg["shapes"]]
    if name in cfg["big_dtypes"]:
        shapes.append(tuple(cfg["big"]))
    for shape in shapes:
        a = random_array(rng, name, shape)
        for order in "<>":
            dt = a.dtype.newbyteorder(order) if a.dtype.itemsize > 1 else a.dtype
            f = np.asfortranarray(a.astype(dt))
            base = "%s_%s_%dx%d" % (name, "le" if order == "<" else "be", shape[0], shape[1])
            np.save(base + ".npy", f)
            with open(base + ".raw", "wb") as w:
                w.write(np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes())
            files.append({"name": base, "dtype": name, "shape": list(shape)})
print(json.dumps(files))
`, string(cfg))
	var files []struct {
		Name  string
		DType string
		Shape [2]int
	}
	if err := json.Unmarshal(out, &files); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, dt := range typed.DTypes() {
		if !dt.Flexible() {
			want += 2 * len(shapes)
		}
	}
	if want += 2 * len(bigDTypes); len(files) != want {
		t.Fatalf("numpy wrote %d files, want %d", len(files), want)
	}
	for _, f := range files {
		file := numpytest.ReadFile(t, dir, f.Name+".npy")
		dt := typed.Impl.MustDType(f.DType)
		// numpy's C-order bytes, little-endian; in host order for Bytes().
		want := typed.Impl.HostOrderCopy(numpytest.ReadFile(t, dir, f.Name+".raw"), dt, '<')
		check := func(how string, a typed.Array) {
			t.Helper()
			rows, cols := a.Shape()
			if rows != f.Shape[0] || cols != f.Shape[1] || !bytes.Equal(a.Bytes(), want) {
				t.Errorf("%s %s: shape (%d, %d), data equal %v", how, f.Name, rows, cols, bytes.Equal(a.Bytes(), want))
			}
		}
		for _, src := range []struct {
			how string
			r   io.Reader
		}{{"memory", bytes.NewReader(file)}, {"stream", streamReader{bytes.NewReader(file)}}} {
			a, err := generated.ReadNPY(src.r)
			if err != nil {
				t.Errorf("ReadNPY from %s %s: %v", src.how, f.Name, err)
				continue
			}
			check("ReadNPY from "+src.how, a)
			// Again into the same array, whose storage is now the right
			// size; a zeroed copy first, so that stale data cannot pass.
			clear(a.Bytes())
			if _, err := a.(io.ReaderFrom).ReadFrom(bytes.NewReader(file)); err != nil {
				t.Errorf("ReadFrom %s: %v", f.Name, err)
				continue
			}
			check("ReadFrom into "+fmt.Sprintf("%T", a), a)
		}
	}
}
