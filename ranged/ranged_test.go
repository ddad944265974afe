package ranged_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/ranged"
	"github.com/npy2d/npy2d/typed"
)

// countingReaderAt counts the calls and bytes a ReaderAt serves.
type countingReaderAt struct {
	r            io.ReaderAt
	calls, bytes atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.calls.Add(1)
	c.bytes.Add(int64(n))
	return n, err
}

// numpyScript writes, for every dtype, <name>.npy (little-endian, C
// order), <name>_be.npy (big-endian), <name>.bin (its C-order
// little-endian bytes), a stored archive all.npz of the little-endian
// arrays and a compressed one, and f.npy in Fortran order.
const numpyScript = `
rng = np.random.default_rng(11)
members = {}
for i, name in enumerate(DTYPES):
    a = random_array(rng, name, (37 + i, 3 + i % 5))
    le = a.astype(a.dtype.newbyteorder('<'))
    np.save(name + '.npy', le)
    np.save(name + '_be.npy', a.astype(a.dtype.newbyteorder('>')))
    open(name + '.bin', 'wb').write(le.tobytes())
    members[name] = le
np.savez('all.npz', **members)
np.savez_compressed('all_z.npz', **members)
np.savez('big.npz', small=np.ones((2, 2)), big=np.zeros((1 << 16, 8)), after=np.arange(5))
np.save('f.npy', np.asfortranarray(np.arange(12.0).reshape(3, 4)))
`

func numericDTypes() []typed.DType {
	var out []typed.DType
	for _, dt := range typed.DTypes() {
		if dt.Size > 0 {
			out = append(out, dt)
		}
	}
	return out
}

func openFile(t testing.TB, path string) (*os.File, int64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return f, fi.Size()
}

// checkRanges has 4 goroutines read disjoint row ranges of r covering
// every row, through ReadInto, ReadRows and ReadArray in turn, and
// compares each with numpy's little-endian bytes.
func checkRanges(t *testing.T, r *ranged.Reader, want []byte) {
	t.Helper()
	h := r.Header()
	rowLen := r.RowLen()
	var wg sync.WaitGroup
	errs := make(chan error, h.Rows)
	const workers = 4
	for w := range workers {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			part, err := generated.NewArray(h.DType, 0, 0)
			if err != nil {
				errs <- err
				return
			}
			for i := w * 3; i < h.Rows; i += workers * 3 {
				j := min(i+3, h.Rows)
				var got []byte
				switch (i / 3) % 3 {
				case 0:
					err = r.ReadInto(part.(typed.DataReader), i, j)
					got = part.Bytes()
				case 1:
					got = make([]byte, (j-i)*rowLen)
					err = r.ReadRows(got, i, j)
				default:
					var a typed.Array
					a, err = r.ReadArray(i, j)
					if err == nil {
						got = a.Bytes()
					}
				}
				if err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(typed.Impl.HostOrderCopy(got, h.DType, '<'), want[i*rowLen:j*rowLen]) {
					errs <- fmt.Errorf("%s: rows [%d, %d) differ from numpy's", h.DType, i, j)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestNumpyRowRanges reads row ranges of np.save's files in both byte
// orders, and of np.savez's members, from several goroutines at once.
func TestNumpyRowRanges(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, numpyScript)
	// Listing reads the directory and the headers, none of the data: of
	// an archive with a 4 MiB member, a few KiB.
	bf, bsize := openFile(t, filepath.Join(dir, "big.npz"))
	bc := &countingReaderAt{r: bf}
	br, err := npz.NewReader(bc, bsize)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(br.Entries()); n != 3 {
		t.Fatalf("big.npz lists %d members", n)
	}
	if got := bc.bytes.Load(); got > 16<<10 {
		t.Errorf("listing a %d-byte archive read %d bytes", bsize, got)
	}
	t.Logf("listing a %d-byte archive of 3 members: %d reads, %d bytes", bsize, bc.calls.Load(), bc.bytes.Load())
	zf, zsize := openFile(t, filepath.Join(dir, "all.npz"))
	zr, err := npz.NewReader(zf, zsize)
	if err != nil {
		t.Fatal(err)
	}
	listed := zr.Entries()
	for _, dt := range numericDTypes() {
		want := numpytest.ReadFile(t, dir, dt.Name+".bin")
		for _, name := range []string{dt.Name + ".npy", dt.Name + "_be.npy"} {
			f, size := openFile(t, filepath.Join(dir, name))
			c := &countingReaderAt{r: f}
			r, err := ranged.Open(c, size)
			if err != nil {
				t.Fatal(name, err)
			}
			if calls := c.calls.Load(); calls != 1 {
				t.Errorf("%s: Open made %d reads, want 1", name, calls)
			}
			checkRanges(t, r, want)
			if c.bytes.Load() != min(size, ranged.HeaderProbe)+size-r.DataOffset() {
				t.Errorf("%s: read %d bytes: more than the header and each row once", name, c.bytes.Load())
			}
		}
		var e npz.Entry
		for _, x := range listed {
			if x.Name == dt.Name {
				e = x
			}
		}
		r, err := ranged.OpenEntry(zf, e)
		if err != nil {
			t.Fatal(err)
		}
		checkRanges(t, r, want)
	}

	// Refusals: a compressed member, Fortran order, ranges out of bounds.
	zzf, zzsize := openFile(t, filepath.Join(dir, "all_z.npz"))
	if _, err := ranged.OpenNPZ(zzf, zzsize, "float64"); !errors.Is(err, ranged.ErrCompressed) {
		t.Errorf("compressed member: %v", err)
	}
	if _, err := ranged.OpenNPZ(zf, zsize, "nothing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing member: %v", err)
	}
	ff, fsize := openFile(t, filepath.Join(dir, "f.npy"))
	r, err := ranged.Open(ff, fsize)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.ReadRows(make([]byte, 32), 0, 1); !errors.Is(err, ranged.ErrFortranOrder) || !errors.Is(err, typed.ErrShape) {
		t.Errorf("Fortran order: %v", err)
	}
	r, err = ranged.OpenNPZ(zf, zsize, "int8")
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := r.Shape()
	for _, rg := range [][2]int{{-1, 2}, {3, 2}, {0, rows + 1}, {rows, rows + 1}} {
		if err := r.ReadRows(make([]byte, cols), rg[0], rg[1]); !errors.Is(err, typed.ErrShape) {
			t.Errorf("rows [%d, %d) of %d: %v", rg[0], rg[1], rows, err)
		}
	}
	if err := r.ReadRows(make([]byte, cols+1), 0, 1); !errors.Is(err, typed.ErrShape) {
		t.Errorf("a buffer of the wrong length: %v", err)
	}
	if err := r.ReadRows(nil, 2, 2); err != nil {
		t.Errorf("an empty range: %v", err)
	}
}

// TestHostileSources: a header that lies about the size, a source that
// returns fewer bytes than asked, one that fails.
func TestHostileSources(t *testing.T) {
	a := generated.NewFloat64Array2D(100, 4)
	for i := range a.Data {
		a.Data[i] = float64(i)
	}
	good, _ := a.MarshalBinary()
	lying := bytes.Clone(good)
	copy(lying[bytes.Index(lying, []byte("(100, 4)")):], "(101, 4)")
	if _, err := ranged.Open(bytes.NewReader(lying), int64(len(lying))); !errors.Is(err, typed.ErrFormat) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("header declaring a row more than the file: %v", err)
	}
	if _, err := ranged.Open(bytes.NewReader(good), int64(len(good))+8); !errors.Is(err, typed.ErrFormat) {
		t.Errorf("size larger than the source: %v", err)
	}
	if _, err := ranged.Open(bytes.NewReader(good[:50]), 50); !errors.Is(err, typed.ErrFormat) {
		t.Errorf("truncated header: %v", err)
	}
	if _, err := ranged.Open(bytes.NewReader(good), -1); !errors.Is(err, typed.ErrFormat) {
		t.Errorf("negative size: %v", err)
	}
	r, err := ranged.Open(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	_ = r
	short := shortReaderAt{good, len(good) - 5}
	r, err = ranged.Open(short, int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.ReadRows(make([]byte, 4*32), 96, 100); !errors.Is(err, typed.ErrFormat) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a source that ends early: %v", err)
	}
	if err := r.ReadInto(generated.NewFloat64Array2D(0, 0), 96, 100); !errors.Is(err, typed.ErrFormat) && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("ReadInto from a source that ends early: %v", err)
	}
	if err := r.ReadInto(generated.NewInt8Array2D(0, 0), 0, 1); !errors.Is(err, typed.ErrDType) {
		t.Errorf("ReadInto an array of another dtype: %v", err)
	}
	boom := errors.New("disk on fire")
	r, err = ranged.Open(failingReaderAt{good, 2048, boom}, int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.ReadRows(make([]byte, 32), 90, 91); !errors.Is(err, boom) {
		t.Errorf("a failing source: %v", err)
	}
	// A long header (version 2.0, padded) costs a second read.
	long := append([]byte(nil), good[:8]...)
	long[6] = 2
	dict := strings.Replace(string(good[10:128]), "}", "}"+strings.Repeat(" ", 2048), 1)
	dict = dict[:len(dict)-(len(dict)+12)%64-1] + "\n"
	long = append(long, 0, 0, 0, 0)
	long[8], long[9] = byte(len(dict)), byte(len(dict)>>8)
	long = append(append(long, dict...), good[128:]...)
	c := &countingReaderAt{r: bytes.NewReader(long)}
	if r, err = ranged.Open(c, int64(len(long))); err != nil {
		t.Fatal(err)
	}
	if c.calls.Load() != 2 {
		t.Errorf("a %d-byte header took %d reads, want 2", r.DataOffset(), c.calls.Load())
	}
	got := make([]byte, 32)
	if err := r.ReadRows(got, 99, 100); err != nil || !bytes.Equal(got, a.Bytes()[99*32:]) {
		t.Errorf("last row after a long header: %v", err)
	}
}

// shortReaderAt holds only the first n bytes of b, and says so with
// io.EOF.
type shortReaderAt struct {
	b []byte
	n int
}

func (s shortReaderAt) ReadAt(p []byte, off int64) (int, error) {
	return bytes.NewReader(s.b[:s.n]).ReadAt(p, off)
}

// failingReaderAt fails every read past byte from.
type failingReaderAt struct {
	b    []byte
	from int64
	err  error
}

func (f failingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > f.from && off >= f.from {
		return 0, f.err
	}
	return bytes.NewReader(f.b).ReadAt(p, off)
}

// TestVectorRanges: a 1-D array numpy saved (a model's intercepts, a
// column of labels) splits into element ranges: rows of one element, read
// back as vectors with numpy's values.
func TestVectorRanges(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, `
np.save('v.npy', np.arange(10, dtype='>f8') / 4)
np.save('labels.npy', np.array(['setosa', 'versicolor', 'virginica', 'x']))
`)
	file := numpytest.ReadFile(t, dir, "v.npy")
	r, err := ranged.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if rows, cols := r.Shape(); rows != 10 || cols != 1 {
		t.Fatalf("shape (%d, %d), want (10, 1)", rows, cols)
	}
	a, err := r.ReadArray(3, 7)
	if err != nil {
		t.Fatal(err)
	}
	v := a.(*generated.Float64Array2D)
	if v.NDim() != 1 || fmt.Sprint(v.Data) != "[0.75 1 1.25 1.5]" {
		t.Errorf("elements [3, 7): ndim %d %v", v.NDim(), v.Data)
	}
	dst := make([]byte, 2*8)
	if err := r.ReadRows(dst, 8, 10); err != nil {
		t.Fatal(err)
	}
	if w, _ := generated.Float64Array2DFromBytes(dst, 2); fmt.Sprint(w.Data) != "[2 2.25]" {
		t.Errorf("elements [8, 10): %v", w.Data)
	}
	if _, err := r.ReadArray(9, 11); !errors.Is(err, typed.ErrShape) {
		t.Errorf("elements past the end: %v, want ErrShape", err)
	}

	file = numpytest.ReadFile(t, dir, "labels.npy")
	r, err = ranged.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	l, err := r.ReadArray(1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if s := l.(*generated.StringArray2D); fmt.Sprint(s.Data) != "[versicolor virginica]" || s.Width != 10 {
		t.Errorf("labels [1, 3): %q width %d", s.Data, s.Width)
	}
}
