package typed_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// paddedHeader is a valid (2, 3) int16 file whose header dict is n bytes,
// padded with spaces as a writer reserving room might do.
func paddedHeader(n int) []byte {
	return rawNPY(1, 0, i2+strings.Repeat(" ", n-len(i2)-1)+"\n", d12)
}

// TestMaxHeaderLen checks the header cap: numpy's 10,000 bytes by default
// (and when Limits leaves it 0), raised per call for a caller who needs it.
func TestMaxHeaderLen(t *testing.T) {
	for _, tc := range []struct {
		name string
		lim  typed.Limits
		n    int
		err  error
	}{
		{"default at the limit", typed.Limits{}, 10000, nil},
		{"default over the limit", typed.Limits{}, 10001, typed.ErrLimit},
		{"zero means the default", typed.Limits{MaxDataBytes: 1 << 20}, 10000, nil},
		{"zero means the default, over", typed.Limits{}, 10001, typed.ErrLimit},
		{"raised", typed.Limits{MaxHeaderLen: 20000}, 15000, nil},
		{"raised, over", typed.Limits{MaxHeaderLen: 20000}, 20001, typed.ErrLimit},
		{"lowered", typed.Limits{MaxHeaderLen: 100}, 118, typed.ErrLimit},
	} {
		file := paddedHeader(tc.n)
		_, err := generated.ReadNPYWithLimits(bytes.NewReader(file), tc.lim)
		_, perr := typed.ParseHeader(file, tc.lim)
		for _, e := range []error{err, perr} {
			if tc.err == nil && e != nil || tc.err != nil && !errors.Is(e, tc.err) {
				t.Errorf("%s: header of %d bytes: %v, want %v", tc.name, tc.n, e, tc.err)
			}
			if e != nil && !strings.Contains(e.Error(), "typed.Limits.MaxHeaderLen") {
				t.Errorf("%s: %q does not name the setting", tc.name, e)
			}
		}
	}
}

// TestMaxHeaderLenNumpy checks that np.load draws the line where npy2d
// does: it refuses the 10,001-byte header by default and reads it when
// max_header_size allows.
func TestMaxHeaderLenNumpy(t *testing.T) {
	dir := t.TempDir()
	for name, n := range map[string]int{"at.npy": 10000, "over.npy": 10001} {
		if err := os.WriteFile(filepath.Join(dir, name), paddedHeader(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := numpytest.Run(t, dir, `
for name in ["at.npy", "over.npy"]:
    for kw in [{}, {"max_header_size": 20000}]:
        try:
            np.load(name, **kw)
            print(name, kw.get("max_header_size", "default"), "ok")
        except ValueError:
            print(name, kw.get("max_header_size", "default"), "refused")
`)
	want := "at.npy default ok\nat.npy 20000 ok\nover.npy default refused\nover.npy 20000 ok\n"
	if string(out) != want {
		t.Fatalf("numpy says\n%s\nwant\n%s", out, want)
	}
}

// TestMaxDataBytes checks the per-call cap on rows*cols*itemsize.
func TestMaxDataBytes(t *testing.T) {
	file := v1(i2, d12) // 12 bytes of data
	if _, err := generated.ReadNPYWithLimits(bytes.NewReader(file), typed.Limits{MaxDataBytes: 12}); err != nil {
		t.Fatalf("12 bytes under a 12-byte cap: %v", err)
	}
	_, err := generated.ReadNPYWithLimits(bytes.NewReader(file), typed.Limits{MaxDataBytes: 11})
	if !errors.Is(err, typed.ErrLimit) || !strings.Contains(err.Error(), "typed.Limits.MaxDataBytes") {
		t.Fatalf("12 bytes under an 11-byte cap: %v", err)
	}
}
