package mmap_test

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/typed"
)

// writeNPY writes a .npy file of a rows x cols array of dt, filled with
// data or, when data is nil, with arraytest.Fill's pattern.
func writeNPY(t testing.TB, dt typed.DType, rows, cols int, data []byte) string {
	t.Helper()
	a, err := generated.NewArray(dt, rows, cols)
	if err != nil {
		t.Fatal(err)
	}
	if data == nil {
		arraytest.Fill(a.Bytes(), dt)
	} else {
		copy(a.Bytes(), data)
	}
	path := filepath.Join(t.TempDir(), dt.Name+".npy")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeFile(t testing.TB, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.npy")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// headerPadded is a version 1.0 header whose data starts at byte total
// (which must leave room for dict): numpy pads to 64, but the format
// allows any padding.
func headerPadded(dict string, total int) []byte {
	b := []byte(typed.Magic + "\x01\x00\x00\x00" + dict)
	for len(b) < total-1 {
		b = append(b, ' ')
	}
	b = append(b, '\n')
	binary.LittleEndian.PutUint16(b[8:], uint16(len(b)-10))
	return b
}

// TestHostileFiles: files that are malformed, lie about their size or
// cannot be used in place are refused at Open with an error that says why
// and wraps the matching sentinel; nothing is mapped for them.
func TestHostileFiles(t *testing.T) {
	f8 := typed.Impl.MustDType("float64")
	good, err := os.ReadFile(writeNPY(t, f8, 4, 4, nil))
	// host and other are descr byte orders: data in host order is
	// refused only for its alignment, data in the other for its order.
	host, other := string(typed.Impl.HostOrder()), ">"
	if host == ">" {
		other = "<"
	}
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		file []byte
		want error
		says string
	}{
		{"truncated data", good[:len(good)-1], io.ErrUnexpectedEOF, "the header declares 256 bytes, the file has 255"},
		{"truncated header", good[:50], io.ErrUnexpectedEOF, "truncated"},
		{"empty file", nil, typed.ErrFormat, "empty"},
		{"bytes after the data", append(good[:len(good):len(good)], 0), typed.ErrFormat, "1 byte after the data"},
		{"huge shape, small file", headerPadded("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000), }", 128), io.ErrUnexpectedEOF, "the file has 128"},
		{"not npy", []byte("hello, world, this is not a .npy file at all"), typed.ErrFormat, "not a .npy file"},
		{"object dtype", headerPadded("{'descr': '|O', 'fortran_order': False, 'shape': (1, 1), }", 128), typed.ErrDType, "pickle"},
		{"three dimensions", headerPadded("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", 128), typed.ErrShape, "3 dimensions"},
		{"bool byte 2", append(headerPadded("{'descr': '|b1', 'fortran_order': False, 'shape': (2, 2), }", 128), 0, 1, 2, 1), typed.ErrFormat, "bool byte 0x02"},
		{"unaligned data", append(headerPadded("{'descr': '"+host+"f8', 'fortran_order': False, 'shape': (1, 2), }", 132), make([]byte, 16)...), mmap.ErrNotMappable, "not aligned to 8 bytes"},
		{"foreign byte order", append(headerPadded("{'descr': '"+other+"i4', 'fortran_order': False, 'shape': (1, 2), }", 128), make([]byte, 8)...), mmap.ErrNotMappable, "byte order"},
		{"fortran", append(headerPadded("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 2), }", 128), 1, 2, 3, 4), mmap.ErrNotMappable, "Fortran"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file)
			for _, mode := range []mmap.Mode{mmap.ReadOnly, mmap.CopyOnWrite} {
				m, err := mmap.Open(path, mode)
				if m != nil || !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
					t.Fatalf("Open(%v): %v\nwant an error wrapping %v that says %q", mode, err, tc.want, tc.says)
				}
			}
		})
	}
	if _, err := mmap.Open(filepath.Join(t.TempDir(), "missing.npy"), mmap.ReadOnly); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v, want os.ErrNotExist", err)
	}
	if _, err := mmap.Open(writeFile(t, good), mmap.Mode(7)); err == nil || !strings.Contains(err.Error(), "unknown mode") {
		t.Fatalf("mode 7: %v, want unknown mode", err)
	}
}

// TestMapShapes: empty arrays open (nothing to map), and a Fortran-order
// file with one row is laid out as C order, so it maps.
func TestMapShapes(t *testing.T) {
	u1 := typed.Impl.MustDType("uint8")
	for _, shape := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}} {
		m, err := mmap.Open(writeNPY(t, u1, shape[0], shape[1], nil), mmap.ReadOnly)
		if err != nil {
			t.Fatal(err)
		}
		if r, c := m.Array().Shape(); r != shape[0] || c != shape[1] {
			t.Fatalf("shape (%d, %d), want %v", r, c, shape)
		}
		m.Close()
	}
	row := append(headerPadded("{'descr': '|u1', 'fortran_order': True, 'shape': (1, 4), }", 128), 1, 2, 3, 4)
	m, err := mmap.Open(writeFile(t, row), mmap.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if got := m.Array().(*generated.Uint8Array2D).Row(0); string(got) != "\x01\x02\x03\x04" {
		t.Fatalf("row %v, want [1 2 3 4]", got)
	}
}

// TestTruncatedWhileMapped shows what the package documentation says of a
// file cut short under its mapping: touching the lost pages faults, and
// with debug.SetPanicOnFault the fault is a panic that recover catches
// (without it the program would die with "unexpected fault address").
func TestTruncatedWhileMapped(t *testing.T) {
	if !mapsHere {
		t.Skip("no mmap on this platform: the data was read at Open")
	}
	page := os.Getpagesize()
	path := writeNPY(t, typed.Impl.MustDType("uint8"), 4, page, nil)
	m, err := mmap.Open(path, mmap.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	x := m.Array().(*generated.Uint8Array2D)
	_ = x.At(3, page-1) // fine while the file is whole
	if err := os.Truncate(path, int64(m.Header().DataOffset)); err != nil {
		t.Fatal(err)
	}
	fault := make(chan any)
	go func() {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() { fault <- recover() }()
		_ = x.At(3, page-1)
	}()
	r := <-fault
	if _, ok := r.(runtime.Error); !ok {
		t.Fatalf("reading past the truncated end recovered %v, want a runtime.Error", r)
	}
}

func filledArray(dt typed.DType, rows, cols int) (typed.Array, error) {
	a, err := generated.NewArray(dt, rows, cols)
	if err != nil {
		return nil, err
	}
	arraytest.Fill(a.Bytes(), dt)
	return a, nil
}
