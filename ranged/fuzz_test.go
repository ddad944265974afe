package ranged_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/ranged"
	"github.com/npy2d/npy2d/typed"
)

// FuzzRanged opens arbitrary bytes as a .npy file and as an .npz archive
// and reads row ranges: it must never panic or read past the input, every
// error must wrap one of typed's sentinels, and the rows read must be the
// rows a whole read finds.
func FuzzRanged(f *testing.F) {
	a := generated.NewInt16Array2D(5, 3)
	for i := range a.Data {
		a.Data[i] = int16(i * 1000)
	}
	b, _ := a.MarshalBinary()
	f.Add(b)
	for _, name := range []string{"small.npz", "small_compressed.npz"} {
		z, err := os.ReadFile(filepath.Join("..", "npz", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(z)
	}
	lim := typed.Limits{MaxHeaderLen: 10000, MaxDataBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, b []byte) {
		src := bytes.NewReader(b)
		if r, err := ranged.OpenWithLimits(src, int64(len(b)), lim); err != nil {
			checkSentinel(t, err)
		} else {
			whole, err := generated.ReadNPYWithLimits(bytes.NewReader(b), lim)
			checkRows(t, r, whole, err)
		}
		zr, err := npz.NewReaderWithLimits(src, int64(len(b)), lim)
		if err != nil {
			checkSentinel(t, err)
			return
		}
		for _, e := range zr.Entries() {
			r, err := ranged.OpenEntry(src, e)
			if err != nil {
				if !errors.Is(err, ranged.ErrCompressed) {
					checkSentinel(t, err)
				}
				continue
			}
			whole, err := zr.Array(e.Name)
			checkRows(t, r, whole, err)
		}
	})
}

// checkRows reads r's rows in two ranges and compares them with whole,
// the array a whole read decoded (or failed to, with werr).
func checkRows(t *testing.T, r *ranged.Reader, whole typed.Array, werr error) {
	t.Helper()
	rows, _ := r.Shape()
	mid := rows / 2
	var got []byte
	for _, rg := range [][2]int{{0, mid}, {mid, rows}} {
		part, err := r.ReadArray(rg[0], rg[1])
		if err != nil {
			if !errors.Is(err, ranged.ErrFortranOrder) {
				checkSentinel(t, err)
			}
			return
		}
		got = append(got, part.Bytes()...)
	}
	if werr != nil {
		// A bad bool byte or a bad checksum is found by the whole read; a
		// range read checks bools too, so only the checksum may differ.
		return
	}
	if !bytes.Equal(got, whole.Bytes()) {
		t.Fatalf("row ranges read %x, a whole read %x", got, whole.Bytes())
	}
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
