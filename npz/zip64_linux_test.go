package npz_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/ranged"
	"github.com/npy2d/npy2d/typed"
)

// The ZIP64 tests write and read members of more than 4 GiB in seconds and
// with little memory or disk: the array is an anonymous mapping whose
// untouched pages are the kernel's one zero page, and the archive is a
// sparse file, whose zero blocks are holes. numpy's side does the same
// (np.zeros is calloc; its writes go through a file object that seeks over
// zeros). They need about 1 GiB of free disk in case the file system
// cannot make holes, and are skipped with -short and under -race.

const (
	bigCols = 1 << 20  // 1 MiB rows of uint8
	bigRows = 4096 + 2 // 4 GiB + 2 MiB: past uint32 sizes and offsets
	bigSize = bigRows * bigCols
)

// markedRows are rows given non-zero values; the rest are zero.
var markedRows = []int{0, 1, 2047, 4095, 4096, 4097}

func rowValue(i, j int) byte { return byte(i*31 + j*7 + 1) }

// zeroBacked returns a bigRows x bigCols uint8 array whose memory is an
// anonymous private mapping: only the marked rows use memory.
func zeroBacked(t *testing.T) *generated.Uint8Array2D {
	t.Helper()
	mem, err := syscall.Mmap(-1, 0, bigSize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
	if err != nil {
		t.Skipf("no anonymous mapping of %d bytes: %v", bigSize, err)
	}
	t.Cleanup(func() { syscall.Munmap(mem) })
	// Huge pages: reading the untouched memory then maps the kernel's huge
	// zero page, one fault per 2 MiB instead of one per 4 KiB (page
	// faults cost 13 µs each on the CI machine). Without THP it is a
	// hint that does nothing.
	syscall.Madvise(mem, syscall.MADV_HUGEPAGE)
	for _, i := range markedRows {
		row := mem[i*bigCols : (i+1)*bigCols]
		for j := range row {
			row[j] = rowValue(i, j)
		}
	}
	a, err := generated.Uint8Array2DFromBytes(mem, bigRows, bigCols)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// sparseFile writes zero blocks as holes.
type sparseFile struct {
	f   *os.File
	pos int64
}

func (s *sparseFile) Write(p []byte) (int, error) {
	const block = 64 << 10
	var zero [block]byte
	n := 0
	for len(p) > 0 {
		c := p[:min(len(p), block)]
		if bytes.Equal(c, zero[:len(c)]) {
			if _, err := s.f.Seek(int64(len(c)), io.SeekCurrent); err != nil {
				return n, err
			}
		} else if _, err := s.f.Write(c); err != nil {
			return n, err
		}
		n += len(c)
		s.pos += int64(len(c))
		p = p[len(c):]
	}
	return n, nil
}

func (s *sparseFile) Close() error {
	if err := s.f.Truncate(s.pos); err != nil { // a trailing hole
		return err
	}
	return s.f.Close()
}

func needBig(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("writes and reads a 4 GiB member: skipped with -short")
	}
	if raceEnabled {
		// Deflating 4 GiB under the race detector takes minutes; .ci/run
		// runs these tests once without it.
		t.Skip("writes and reads a 4 GiB member: skipped under -race (.ci/run runs it without)")
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(t.TempDir(), &st); err == nil && int64(st.Bavail)*int64(st.Bsize) < 1<<30 {
		t.Skipf("under 1 GiB free in the temporary folder")
	}
}

func diskUse(t *testing.T, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Blocks * 512
}

// checkBig reads the archive at path as numpy's or npz.Writer's layout of
// small, big, after: the big member's marked rows through ranged (stored
// members) and the whole member as a stream (which checks its CRC).
func checkBig(t *testing.T, path string, small, after typed.Array) {
	t.Helper()
	r, err := npz.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var names []string
	for _, e := range r.Entries() {
		if e.Err != nil {
			t.Fatal(e.Err)
		}
		names = append(names, e.Name)
	}
	if got := strings.Join(names, " "); got != "small big after" {
		t.Fatalf("members %s", got)
	}
	e, _ := r.Lookup("big")
	if e.Rows != bigRows || e.Cols != bigCols || e.Size != int64(bigSize)+128 {
		t.Fatalf("big member: shape (%d, %d), %d bytes", e.Rows, e.Cols, e.Size)
	}
	if !e.Compressed {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rr, err := ranged.OpenEntry(f, e)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range append(markedRows, 3) {
			row := make([]byte, bigCols)
			if err := rr.ReadRows(row, i, i+1); err != nil {
				t.Fatal(err)
			}
			for j := range row {
				want := byte(0)
				if i != 3 {
					want = rowValue(i, j)
				}
				if row[j] != want {
					t.Fatalf("row %d column %d: %d, want %d", i, j, row[j], want)
				}
			}
		}
	}
	start := time.Now()
	rc, err := r.Open("big")
	if err != nil {
		t.Fatal(err)
	}
	// 1 MiB reads: io.Discard's own ReadFrom would read 8 KiB at a time.
	n, err := io.CopyBuffer(struct{ io.Writer }{io.Discard}, rc, make([]byte, 1<<20))
	rc.Close()
	if err != nil || n != e.Size {
		t.Fatalf("streaming the big member: %d bytes, %v", n, err)
	}
	t.Logf("streamed and checked the %d-byte member in %v", n, time.Since(start))
	for name, want := range map[string]typed.Array{"small": small, "after": after} {
		got, err := r.Array(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%s differs", name)
		}
	}
}

func smallArrays() (small, after *generated.Float64Array2D) {
	small = generated.NewFloat64Array2D(2, 3)
	copy(small.Data, []float64{1, 2, 3, 4, 5, 6})
	after = generated.NewFloat64Array2D(1, 2)
	copy(after.Data, []float64{-1, 0.5})
	return small, after
}

// TestZip64Write writes a stored and a compressed archive whose middle
// member is over 4 GiB, reads them back, and has Python's zipfile and
// numpy read them.
func TestZip64Write(t *testing.T) {
	needBig(t)
	big := zeroBacked(t)
	small, after := smallArrays()
	dir := t.TempDir()
	for _, compressed := range []bool{false, true} {
		name := "stored.npz"
		if compressed {
			name = "deflated.npz"
		}
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		sf := &sparseFile{f: f}
		start := time.Now()
		w := npz.NewWriter(sf)
		w.Compressed = compressed
		for _, m := range []struct {
			name string
			a    typed.Array
		}{{"small", small}, {"big", big}, {"after", after}} {
			if err := w.Add(m.name, m.a); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := sf.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: written in %v, %d bytes, %d on disk", name, time.Since(start), sf.pos, diskUse(t, path))
		checkBig(t, path, small, after)
		if !compressed {
			checkLocalZip64(t, path)
		}
	}
	args := []string{"stored.npz", "deflated.npz"}
	for _, i := range markedRows {
		args = append(args, fmt.Sprint(i))
	}
	out := numpytest.Run(t, dir, zipfileCheck, args...)
	if got, want := strings.TrimSpace(string(out)), strings.Join(args[:len(args)-len(markedRows)], " ok\n")+" ok"; got != want {
		t.Fatalf("python: %s", got)
	}
}

// zipfileCheck has Python's zipfile (numpy's reader) read each archive in
// argv: the big member whole, in chunks (zipfile checks its CRC at the
// end), comparing the marked rows; np.load for the small members.
const zipfileCheck = `
import zipfile
paths = [a for a in sys.argv[1:] if a.endswith('.npz')]
marked = [int(a) for a in sys.argv[1:] if not a.endswith('.npz')]
cols = 1 << 20
def value(i):
    return ((i * 31 + np.arange(cols, dtype=np.int64) * 7 + 1) % 256).astype(np.uint8)
for path in paths:
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo('big.npy')
        with zf.open(info) as f:
            version = np.lib.format.read_magic(f)
            shape, fortran, dtype = np.lib.format._read_array_header(f, version)
            assert shape == (4098, cols) and dtype == np.uint8 and not fortran, (shape, dtype)
            for i in range(shape[0]):
                row = f.read(cols)
                assert len(row) == cols, (i, len(row))
                if i in marked:
                    assert np.array_equal(np.frombuffer(row, np.uint8), value(i)), i
                elif row.count(0) != cols:
                    raise AssertionError('row %d not zero' % i)
            assert f.read(1) == b''  # and zipfile has checked the CRC
    z = np.load(path)
    assert z['small'].tolist() == [[1, 2, 3], [4, 5, 6]], z['small']
    assert z['after'].tolist() == [[-1, 0.5]]
    print(path, 'ok')
`

// checkLocalZip64 checks that the big stored member's local header has
// the zip64 extra field with both sizes, as the zip specification (4.5.3)
// and Python's zipfile want for sizes of 0xFFFFFFFF.
func checkLocalZip64(t *testing.T, path string) {
	t.Helper()
	r, err := npz.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := r.Lookup("big")
	r.Close()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The local header ends with the name and the extra field; the .npy
	// header starts at FileOffset-128. Search back for its signature.
	at := max(0, e.FileOffset-128-512)
	buf := make([]byte, e.FileOffset-128-at)
	if _, err := f.ReadAt(buf, at); err != nil {
		t.Fatal(err)
	}
	i := bytes.LastIndex(buf, []byte("PK\x03\x04"))
	if i < 0 {
		t.Fatal("no local header before the big member")
	}
	h := buf[i:]
	if c, u := binary.LittleEndian.Uint32(h[18:]), binary.LittleEndian.Uint32(h[22:]); c != 0xffffffff || u != 0xffffffff {
		t.Fatalf("local header sizes %#x, %#x, want 0xffffffff", c, u)
	}
	nameLen, extraLen := int(binary.LittleEndian.Uint16(h[26:])), int(binary.LittleEndian.Uint16(h[28:]))
	extra := h[30+nameLen : 30+nameLen+extraLen]
	for len(extra) >= 4 {
		id, n := binary.LittleEndian.Uint16(extra), int(binary.LittleEndian.Uint16(extra[2:]))
		if id == 1 {
			if n < 16 || binary.LittleEndian.Uint64(extra[4:]) != uint64(e.Size) || binary.LittleEndian.Uint64(extra[12:]) != uint64(e.Size) {
				t.Fatalf("zip64 extra field %x, want both sizes %d", extra[:4+n], e.Size)
			}
			return
		}
		extra = extra[4+n:]
	}
	t.Fatal("no zip64 extra field in the big member's local header")
}

// TestZip64FromNumpy reads archives np.savez and np.savez_compressed
// wrote with a member over 4 GiB.
func TestZip64FromNumpy(t *testing.T) {
	needBig(t)
	dir := t.TempDir()
	args := []string{}
	for _, i := range markedRows {
		args = append(args, fmt.Sprint(i))
	}
	start := time.Now()
	numpytest.Run(t, dir, `
import io
class Sparse(io.RawIOBase):
    """A file that writes zero blocks as holes."""
    def __init__(self, path):
        self.f = open(path, 'wb')
    def writable(self): return True
    def seekable(self): return True
    def tell(self): return self.f.tell()
    def seek(self, off, whence=0): return self.f.seek(off, whence)
    def write(self, b):
        b = memoryview(b).cast('B')
        n = len(b)
        for k in range(0, n, 1 << 20):
            c = b[k:k + (1 << 20)]
            if c == zeros[:len(c)]:
                self.f.seek(len(c), 1)
            else:
                self.f.write(c)
        return n
    def close(self):
        self.f.truncate(self.f.tell())
        self.f.close()
zeros = memoryview(bytes(1 << 20))
cols = 1 << 20
big = np.zeros((4098, cols), dtype=np.uint8)
for i in [int(a) for a in sys.argv[1:]]:
    big[i] = (i * 31 + np.arange(cols, dtype=np.int64) * 7 + 1) % 256
small = np.array([[1.0, 2, 3], [4, 5, 6]])
after = np.array([[-1, 0.5]])
f = Sparse('stored.npz')
np.savez(f, small=small, big=big, after=after)
f.close()
`, args...)
	t.Logf("numpy wrote the stored archive in %v, %d bytes on disk", time.Since(start), diskUse(t, filepath.Join(dir, "stored.npz")))
	small, after := smallArrays()
	checkBig(t, filepath.Join(dir, "stored.npz"), small, after)
}
