package typed_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// checkTruncations cuts file at every byte offset and decodes the stump
// every way: each must fail with ErrFormat wrapping io.ErrUnexpectedEOF,
// except that a reader handed nothing at all says io.EOF.
func checkTruncations(t *testing.T, name string, file []byte) {
	t.Helper()
	h, err := typed.ParseHeader(file, typed.Limits{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for k := 0; k < len(file); k++ {
		stump := file[:k:k]
		for _, d := range decoders {
			_, err := d.decode(stump)
			want := io.ErrUnexpectedEOF
			if k == 0 && d.name != "UnmarshalBinary" {
				want = io.EOF
			}
			if !errors.Is(err, typed.ErrFormat) || !errors.Is(err, want) {
				t.Fatalf("%s cut at byte %d of %d: %s: %v, want %v", name, k, len(file), d.name, err, want)
			}
		}
		if k < h.DataOffset {
			if _, err := typed.ParseHeader(stump, typed.Limits{}); !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("%s cut at byte %d: ParseHeader: %v", name, k, err)
			}
		}
	}
}

// TestTruncatedEverywhere cuts the file WriteTo writes for every dtype.
func TestTruncatedEverywhere(t *testing.T) {
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		a, err := generated.NewArray(dt, 3, 2)
		if err != nil {
			t.Fatal(err)
		}
		arraytest.Fill(a.Bytes(), dt)
		var buf bytes.Buffer
		if _, err := a.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		checkTruncations(t, dt.Name, buf.Bytes())
	}
}

// TestTruncatedNumpyFiles cuts files numpy writes in the layouts WriteTo
// never produces: versions 2.0 and 3.0, big-endian, Fortran order.
func TestTruncatedNumpyFiles(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, `
from numpy.lib import format as fmt
a = np.arange(12, dtype="<f8").reshape(3, 4)
for name, arr, ver in [("v2", a, (2, 0)), ("v3", a.astype("<i4"), (3, 0)),
                       ("be", a.astype(">c8"), None), ("fortran", np.asfortranarray(a.astype(">u2")), None),
                       ("bool", np.asfortranarray(a > 5), None)]:
    with open(name + ".npy", "wb") as f:
        fmt.write_array(f, arr, version=ver)
`)
	names, _ := filepath.Glob(filepath.Join(dir, "*.npy"))
	sort.Strings(names)
	if len(names) != 5 {
		t.Fatalf("numpy wrote %v", names)
	}
	for _, n := range names {
		file, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		checkTruncations(t, filepath.Base(n), file)
	}
}
