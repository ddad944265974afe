package mmap_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// TestMapGoArchive: every stored member of an archive npz.Writer wrote
// maps in place (its data is 64-aligned) and equals what npz reads; a
// compressed member is refused with ErrNotMappable.
func TestMapGoArchive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.npz")
	w, err := npz.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]typed.Array{}
	for i, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		a, _ := filledArray(dt, 3+i, 100+i)
		want[dt.Name] = a
		if err := w.Add(dt.Name, a); err != nil {
			t.Fatal(err)
		}
	}
	w.Compressed = true
	z, _ := filledArray(typed.Impl.MustDType("uint8"), 2, 2)
	if err := w.Add("compressed", z); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	for name, a := range want {
		m, err := mmap.OpenNPZ(path, name, mmap.CopyOnWrite)
		if !typed.Impl.LittleEndianHost() && a.DType().Size > 1 {
			if !errors.Is(err, mmap.ErrNotMappable) {
				t.Fatalf("%s on a big-endian host: %v, want ErrNotMappable", name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		arraytest.Same(t, m.Array(), a)
		if !sameMemory(m.Array(), m) {
			t.Fatalf("%s: the array is a copy, not the mapping", name)
		}
		m.Close()
	}
	if _, err := mmap.OpenNPZ(path, "compressed.npy", mmap.ReadOnly); !errors.Is(err, mmap.ErrNotMappable) || !strings.Contains(err.Error(), "compressed") {
		t.Fatalf("compressed member: %v, want ErrNotMappable", err)
	}
	if _, err := mmap.OpenNPZ(path, "missing", mmap.ReadOnly); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing member: %v, want os.ErrNotExist", err)
	}
}

// TestMapNumpyArchive: members of an np.savez archive map when their data
// happens to be aligned for their type, and are refused as unaligned
// otherwise; what maps equals what numpy loads.
func TestMapNumpyArchive(t *testing.T) {
	dir := t.TempDir()
	out := numpytest.Run(t, dir, `
arrays = {'k%d' % i: np.arange(i * 7 + 6, dtype=dt).reshape(-1, 1) for i, dt in enumerate(['u1', 'i2', 'f4', 'f8', 'c16', 'i8', 'u4', 'f2'] * 2)}
np.savez('a.npz', **arrays)
z = np.load('a.npz')
for k in z.files:
    print(k, z[k].tobytes().hex())
`)
	mapped, refused := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, data, _ := strings.Cut(line, " ")
		m, err := mmap.OpenNPZ(filepath.Join(dir, "a.npz"), name, mmap.ReadOnly)
		if errors.Is(err, mmap.ErrNotMappable) {
			refused++
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		mapped++
		if got := leHex(m.Array()); got != data {
			t.Fatalf("%s: mapped %s, numpy loads %s", name, got, data)
		}
		m.Close()
	}
	t.Logf("%d members mapped, %d refused", mapped, refused)
	if mapped == 0 {
		t.Fatal("no member mapped; the one-byte ones always can")
	}
}
