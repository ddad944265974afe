package interop_test

import (
	"bytes"
	"encoding"
	"fmt"
	"io"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// checkLowRank: vectors, scalars and string arrays numpy wrote read back
// with numpy's shape, dtype name and bytes through ReadNPY, ReadFrom and
// UnmarshalBinary, and Go writes np.save's own file back byte for byte.
func checkLowRank(t *testing.T, dir string, m *numpyManifest) {
	seen := map[string]bool{}
	for _, c := range m.LowRank {
		file := readFile(t, dir, c.File)
		raw := readFile(t, dir, c.Raw)
		a, err := generated.ReadNPY(bytes.NewReader(file))
		if err != nil {
			t.Errorf("ReadNPY %s: %v", c.File, err)
			continue
		}
		seen[fmt.Sprint(a.DType().Name, len(c.Shape))] = true
		same := func(how string, a typed.Array) {
			t.Helper()
			le := typed.Impl.HostOrderCopy(a.Bytes(), a.DType(), '<')
			if got := fmt.Sprint(a.NumpyShape()); got != fmt.Sprint(c.Shape) || a.DType().String() != c.Name || !bytes.Equal(le, raw) {
				t.Errorf("%s %s: %s %v %x; numpy %s %v %x", how, c.File, a.DType(), a.NumpyShape(), head(le), c.Name, c.Shape, head(raw))
			}
		}
		same("ReadNPY", a)
		b, _ := generated.NewArray(a.DType(), 0, 0)
		if _, err := b.(io.ReaderFrom).ReadFrom(bytes.NewReader(file)); err != nil {
			t.Errorf("ReadFrom %s: %v", c.File, err)
		} else {
			same("ReadFrom", b)
		}
		u, _ := generated.NewArray(a.DType(), 3)
		if err := u.(encoding.BinaryUnmarshaler).UnmarshalBinary(file); err != nil {
			t.Errorf("UnmarshalBinary %s: %v", c.File, err)
		} else {
			same("UnmarshalBinary", u)
		}
		if c.Canonical {
			var buf bytes.Buffer
			if _, err := a.WriteTo(&buf); err != nil {
				t.Errorf("WriteTo %s: %v", c.File, err)
			} else if d := firstDiff(buf.Bytes(), file); d != "" {
				t.Errorf("Go writes %s back differently from np.save: %s", c.File, d)
			}
		}
	}
	for _, dt := range typed.DTypes() {
		for _, rank := range []int{0, 1} {
			if !seen[fmt.Sprint(dt.Name, rank)] {
				t.Errorf("numpy wrote no %s array of rank %d", dt.Name, rank)
			}
		}
	}
}

func head(b []byte) []byte { return b[:min(len(b), 48)] }
