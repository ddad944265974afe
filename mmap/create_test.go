package mmap_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/typed"
)

// numericDTypes is the dtype table without its flexible (string) rows.
func numericDTypes() []typed.DType {
	var out []typed.DType
	for _, dt := range typed.DTypes() {
		if dt.Size > 0 {
			out = append(out, dt)
		}
	}
	return out
}

// fill writes a pattern that differs per element into a's data: bytes
// for most dtypes, 0 or 1 for bool.
func fill(b []byte, dt typed.DType, seed int) {
	for i := range b {
		if dt.Kind == 'b' {
			b[i] = byte((i + seed) % 3 % 2)
		} else {
			b[i] = byte(i*7 + seed)
		}
	}
}

// TestCreateMatchesNumpySave creates a mapped array of every dtype, fills
// it in place and closes it: numpy's np.save of the same values writes
// the same bytes, and np.load(mmap_mode="r") reads them.
func TestCreateMatchesNumpySave(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i, dt := range numericDTypes() {
		rows, cols := 3+i%3, 5+i
		m, err := mmap.Create(filepath.Join(dir, dt.Name+".npy"), dt, rows, cols)
		if err != nil {
			t.Fatal(err)
		}
		if r, c := m.Array().Shape(); r != rows || c != cols || m.Array().DType() != dt {
			t.Fatalf("%s: array %v (%d, %d)", dt, m.Array().DType(), r, c)
		}
		fill(m.Bytes(), dt, i)
		// The values numpy should find, in its little-endian order.
		numpytest.WriteFile(t, dir, dt.Name+".bin", typed.Impl.HostOrderCopy(m.Bytes(), dt, '<'))
		if err := m.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
		names = append(names, fmt.Sprintf("%s:%d:%d", dt.Name, rows, cols))
	}
	if !typed.Impl.LittleEndianHost() {
		t.Skip("numpy runs on little-endian hosts here; the files hold big-endian data")
	}
	out := numpytest.Run(t, dir, `
import io
for arg in sys.argv[1:]:
    name, rows, cols = arg.split(':')
    dt = np.dtype(name).newbyteorder('<')
    want = np.frombuffer(open(name + '.bin', 'rb').read(), dtype=dt).reshape(int(rows), int(cols))
    buf = io.BytesIO()
    np.save(buf, want)
    got = open(name + '.npy', 'rb').read()
    if got != buf.getvalue():
        print('differs from np.save:', name)
    m = np.load(name + '.npy', mmap_mode='r')
    if m.dtype != want.dtype or m.shape != want.shape or m.tobytes() != want.tobytes():
        print('np.load differs:', name)
print('ok', len(sys.argv) - 1)
`, names...)
	if got, want := string(out), fmt.Sprintf("ok %d\n", len(names)); got != want {
		t.Fatalf("numpy: %s", got)
	}
}

// sparseGiB is the size of the sparse array TestCreateSparse creates:
// NPY2D_SPARSE_GIB, or 4 (a 100 GiB run is by hand:
// NPY2D_SPARSE_GIB=100 go test -run TestCreateSparse -v ./mmap).
func sparseGiB(t *testing.T) int {
	s := os.Getenv("NPY2D_SPARSE_GIB")
	if s == "" {
		return 4
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("NPY2D_SPARSE_GIB=%q: want a whole number of GiB", s)
	}
	return n
}

// TestCreateSparse creates a float64 array of several GiB (100 by hand) as
// a sparse file, has 8 goroutines write rows spread over its whole range,
// flushes, and has numpy read those rows back with
// np.load(mmap_mode="r"). Only the written pages reach the disk.
func TestCreateSparse(t *testing.T) {
	if !mapsHere {
		t.Skip("without mmap, Create reads the whole array into memory")
	}
	gib := sparseGiB(t)
	const cols = 1024 // 8 KiB rows
	rows := gib << 30 / (cols * 8)
	path := filepath.Join(t.TempDir(), "big.npy")
	start := time.Now()
	m, err := mmap.Create(path, typed.Impl.MustDType("float64"), rows, cols)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	created := time.Since(start)
	a := m.Array().(*generated.Float64Array2D)

	// 8 writers, each writing 16 rows spread over the whole array.
	const writers, each = 8, 16
	var picked []int
	for w := range writers {
		for k := range each {
			picked = append(picked, (w*each+k)*(rows/(writers*each))+w)
		}
	}
	picked = append(picked, rows-1)
	start = time.Now()
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := w; k < len(picked); k += writers {
				i := picked[k]
				row := a.Row(i)
				for j := range row {
					row[j] = float64(i) + float64(j)/1024
				}
			}
		}(w)
	}
	wg.Wait()
	written := time.Since(start)
	start = time.Now()
	if err := m.Flush(); err != nil {
		t.Fatal(err)
	}
	flushed := time.Since(start)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	want := int64(rows)*cols*8 + 128
	if fi.Size() != want {
		t.Fatalf("file has %d bytes, want %d", fi.Size(), want)
	}
	if disk, ok := diskUse(fi); ok {
		// Each written row touches at most 3 pages of 4 KiB (rows are
		// 8 KiB from byte 128); allow the file system its own blocks.
		if limit := int64(len(picked))*3*64<<10 + 1<<20; disk > limit {
			t.Errorf("%d GiB array uses %d bytes of disk after writing %d rows, want at most %d", gib, disk, len(picked), limit)
		}
		t.Logf("%d GiB array (%d x %d float64): created in %v, %d rows written by %d goroutines in %v, flushed in %v; %d bytes on disk",
			gib, rows, cols, created, len(picked), writers, written, flushed, disk)
	}

	var args []string
	for _, i := range picked {
		args = append(args, strconv.Itoa(i))
	}
	out := numpytest.Run(t, filepath.Dir(path), `
m = np.load('big.npy', mmap_mode='r')
rows = [int(a) for a in sys.argv[1:]]
bad = 0
for i in rows:
    if not np.array_equal(m[i], i + np.arange(m.shape[1]) / 1024):
        bad += 1
untouched = [1, m.shape[0] // 2 + 3]
for i in untouched:
    if i not in rows and m[i].any():
        bad += 1
print(m.dtype.name, m.shape, bad)
`, args...)
	if got, want := strings.TrimSpace(string(out)), fmt.Sprintf("float64 (%d, %d) 0", rows, cols); got != want {
		t.Fatalf("numpy read %q, want %q", got, want)
	}
}

// TestOpenReadWrite opens np.save's file with ReadWrite (numpy's
// mmap_mode="r+"), changes it in place, and numpy sees the change.
func TestOpenReadWrite(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, `np.save('a.npy', np.arange(12, dtype='<i4').reshape(3, 4))`)
	path := filepath.Join(dir, "a.npy")
	m, err := mmap.Open(path, mmap.ReadWrite)
	if !typed.Impl.LittleEndianHost() {
		if !errors.Is(err, mmap.ErrNotMappable) {
			t.Fatalf("a little-endian file on a big-endian host: %v", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	a := m.Array().(*generated.Int32Array2D)
	a.Set(1, 2, -7)
	if err := m.Flush(); err != nil {
		t.Fatal(err)
	}
	a.Set(2, 3, 99) // after Flush: Close leaves it in the file too
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	if err := m.Flush(); !errors.Is(err, mmap.ErrNotWritable) {
		t.Fatalf("Flush after Close: %v", err)
	}
	out := numpytest.Run(t, dir, `
want = np.arange(12, dtype='<i4').reshape(3, 4)
want[1, 2] = -7
want[2, 3] = 99
import io
buf = io.BytesIO()
np.save(buf, want)
print(open('a.npy', 'rb').read() == buf.getvalue())
`)
	if string(out) != "True\n" {
		t.Fatalf("numpy: %s", out)
	}
}

// TestReadWriteRefusals: ReadWrite needs a writable .npy, and a
// ReadOnly map has nothing to flush.
func TestReadWriteRefusals(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.npy")
	m, err := mmap.Create(path, typed.Impl.MustDType("int16"), 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	m.Close()
	ro, err := mmap.Open(path, mmap.ReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	if err := ro.Flush(); !errors.Is(err, mmap.ErrNotWritable) {
		t.Errorf("Flush of a ReadOnly map: %v", err)
	}
	ro.Close()
	if _, err := mmap.OpenNPZ(path, "a", mmap.ReadWrite); err == nil {
		t.Error("OpenNPZ ReadWrite: no error")
	}
	if _, err := mmap.Create(filepath.Join(dir, "b.npy"), typed.Impl.MustDType("int16"), -1, 2); !errors.Is(err, typed.ErrShape) {
		t.Errorf("Create of shape (-1, 2): %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.npy")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed Create left a file: %v", err)
	}
	if _, err := mmap.Create(filepath.Join(dir, "c.npy"), typed.DType{Name: "float128", Kind: 'f', Size: 16}, 1, 1); !errors.Is(err, typed.ErrDType) {
		t.Errorf("Create of a dtype outside the table: %v", err)
	}
	if err := os.Chmod(path, 0o444); err == nil && os.Geteuid() != 0 {
		if _, err := mmap.Open(path, mmap.ReadWrite); err == nil {
			t.Error("ReadWrite of a read-only file: no error")
		}
	}
}

// TestReadWriteHostile: ReadWrite holds files to their headers as
// ReadOnly does, and a refused file is left as it was.
func TestReadWriteHostile(t *testing.T) {
	dir := t.TempDir()
	a := generated.NewFloat64Array2D(4, 4)
	good, _ := a.MarshalBinary()
	for name, b := range map[string][]byte{
		"short": good[:len(good)-8],
		"long":  append(bytes.Clone(good), 0),
		"empty": nil,
	} {
		path := filepath.Join(dir, name+".npy")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if m, err := mmap.Open(path, mmap.ReadWrite); !errors.Is(err, typed.ErrFormat) {
			if m != nil {
				m.Close()
			}
			t.Errorf("%s: %v", name, err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, b) {
			t.Errorf("%s: a refused file changed", name)
		}
	}
}

// TestCreateEmpty: arrays without data are files of a header alone, as
// np.save writes them.
func TestCreateEmpty(t *testing.T) {
	dir := t.TempDir()
	for _, shape := range [][2]int{{0, 3}, {4, 0}, {0, 0}} {
		path := filepath.Join(dir, "e.npy")
		m, err := mmap.Create(path, typed.Impl.MustDType("float64"), shape[0], shape[1])
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(path)
		var want bytes.Buffer
		generated.NewFloat64Array2D(shape[0], shape[1]).WriteTo(&want)
		if typed.Impl.LittleEndianHost() && !bytes.Equal(got, want.Bytes()) {
			t.Errorf("(%d, %d): %q, want %q", shape[0], shape[1], got, want.Bytes())
		}
	}
}
