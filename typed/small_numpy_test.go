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

// TestNumpySmallFiles: small files numpy writes, of every fixed-size
// dtype, in np.save's form (which ReadFrom takes on its fast path from a
// *bytes.Reader) and in the forms it hands to the general path (big-endian
// data, Fortran order, versions 2.0 and 3.0), are read by the generated
// types from memory and through a plain reader with the same result; the
// arrays written back with WriteTo, numpy loads equal to what it saved,
// dtype and shape included.
func TestNumpySmallFiles(t *testing.T) {
	dir := t.TempDir()
	out := numpytest.Run(t, dir, `
import json
rng = np.random.default_rng(11)
files = []
for name in DTYPES:
    for shape in [(3, 3), (7,), (), (0, 4), (12, 34), (1, 1)]:
        a = random_array(rng, name, shape)
        base = "%s_%s" % (name, "x".join(map(str, shape)) or "scalar")
        np.save(base + ".npy", a)
        files.append({"name": base, "dtype": name})
    a = random_array(rng, name, (3, 4))
    variants = {
        "be": lambda f: np.save(f, a.astype(a.dtype.newbyteorder(">"))),
        "fortran": lambda f: np.save(f, np.asfortranarray(a)),
        "v2": lambda f: np.lib.format.write_array(f, a, version=(2, 0)),
        "v3": lambda f: np.lib.format.write_array(f, a, version=(3, 0)),
    }
    for tag, write in variants.items():
        base = "%s_3x4_%s" % (name, tag)
        with open(base + ".npy", "wb") as f:
            write(f)
        np.save(base + ".want.npy", a)
        files.append({"name": base, "dtype": name, "want": base + ".want.npy"})
print(json.dumps(files))
`)
	var files []struct{ Name, DType, Want string }
	if err := json.Unmarshal(out, &files); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		dt := typed.Impl.MustDType(f.DType)
		file := numpytest.ReadFile(t, dir, f.Name+".npy")
		read := func(r io.Reader) typed.Array {
			a, err := generated.NewArray(dt)
			if err != nil {
				t.Fatal(err)
			}
			n, err := a.(io.ReaderFrom).ReadFrom(r)
			if err != nil || n != int64(len(file)) {
				t.Fatalf("%s: read %d of %d bytes: %v", f.Name, n, len(file), err)
			}
			return a
		}
		// Into an array of the right size too: the fast path reuses it.
		fast, plain := read(bytes.NewReader(file)), read(streamReader{bytes.NewReader(file)})
		again := fast.(io.ReaderFrom)
		if _, err := again.ReadFrom(bytes.NewReader(file)); err != nil {
			t.Fatalf("%s: reading again: %v", f.Name, err)
		}
		for _, a := range []typed.Array{fast, again.(typed.Array)} {
			if fmt.Sprint(a.NumpyShape()) != fmt.Sprint(plain.NumpyShape()) || !bytes.Equal(a.Bytes(), plain.Bytes()) {
				t.Fatalf("%s: from memory %v, through a stream %v", f.Name, a.NumpyShape(), plain.NumpyShape())
			}
		}
		var w bytes.Buffer
		if _, err := fast.WriteTo(&w); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		numpytest.WriteFile(t, dir, f.Name+".go.npy", w.Bytes())
		want := f.Want
		if want == "" {
			want = f.Name + ".npy"
		}
		names = append(names, f.Name+".go.npy", want)
	}
	arg, err := json.Marshal(names)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(bytes.TrimSpace(numpytest.Run(t, dir, `
import json
names = json.loads(sys.argv[1])
bad = []
for got, want in zip(names[::2], names[1::2]):
    g, w = np.load(got), np.load(want)
    if g.dtype != w.dtype.newbyteorder("=") or g.shape != w.shape or not np.array_equal(g, w, equal_nan=False) and not (g.tobytes() == w.astype(w.dtype.newbyteorder("<")).tobytes()):
        bad.append(got)
print(len(names) // 2, bad)
`, string(arg)))); got != fmt.Sprintf("%d []", len(names)/2) {
		t.Fatalf("numpy: %s", got)
	}
}
