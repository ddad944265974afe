package typed_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// loadScript loads each file named in argv with np.load, as a careful
// caller would (allow_pickle=False, default max_header_size), under a
// memory cap so that a lying header cannot hurt the machine, and prints one
// JSON line per file: the dtype name, shape and little-endian C-order bytes,
// or the error.
const loadScript = `
import json, resource
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
for path in sys.argv[1:]:
    try:
        a = np.load(path, allow_pickle=False)
        le = np.ascontiguousarray(a.astype(a.dtype.newbyteorder("<")))
        out = {"ok": True, "dtype": a.dtype.name, "shape": list(a.shape), "hex": le.tobytes().hex()}
    except BaseException as e:
        out = {"ok": False, "err": "%s: %s" % (type(e).__name__, str(e)[:200])}
    print(json.dumps(out))
`

type numpyVerdict struct {
	OK    bool
	DType string
	Shape []int
	Hex   string
	Err   string
}

// TestHostileNumpyAgrees hands every case of the hostile table to numpy.
// npy2d may accept only what numpy reads, and must then hold the same
// array; it may refuse what numpy reads only for a reason the table gives
// (stricter), and a case claiming such a reason must really be one numpy
// reads.
func TestHostileNumpyAgrees(t *testing.T) {
	cases := hostileCases()
	dir := t.TempDir()
	var paths []string
	for i, c := range cases {
		p := filepath.Join(dir, fmt.Sprintf("case%03d.npy", i))
		if err := os.WriteFile(p, c.file, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := numpytest.Run(t, dir, loadScript, paths...)
	dec := json.NewDecoder(bytes.NewReader(out))
	for _, c := range cases {
		var v numpyVerdict
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("reading numpy's verdicts: %v\n%s", err, out)
		}
		a, err := generated.ReadNPY(bytes.NewReader(c.file))
		switch {
		case err == nil && !v.OK:
			t.Errorf("%s: npy2d accepts a file numpy refuses (%s)", c.name, v.Err)
		case err == nil:
			rows, cols := a.Shape()
			le := hex.EncodeToString(typed.Impl.HostOrderCopy(a.Bytes(), a.DType(), '<'))
			if c.native && !typed.Impl.LittleEndianHost() {
				// numpy runs natively here, on a little-endian host, and reads
				// native order as little-endian; this host reads it as its own.
				le = hex.EncodeToString(typed.Impl.HostOrderCopy(a.Bytes(), a.DType(), '>'))
			}
			if a.DType().String() != v.DType || fmt.Sprint(a.NumpyShape()) != fmt.Sprint(v.Shape) || le != v.Hex {
				t.Errorf("%s: npy2d reads %s %v (%d, %d) %s; numpy %s %v %s", c.name, a.DType(), a.NumpyShape(), rows, cols, le, v.DType, v.Shape, v.Hex)
			}
		case v.OK && c.stricter == "":
			t.Errorf("%s: npy2d refuses a file numpy reads as %s %v: %v", c.name, v.DType, v.Shape, err)
		case !v.OK && c.stricter != "":
			t.Errorf("%s: marked stricter than numpy (%s), but numpy refuses it too: %s", c.name, c.stricter, v.Err)
		}
	}
}
