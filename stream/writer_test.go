package stream_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/stream"
	"github.com/npy2d/npy2d/typed"
)

// writeCase is an array written in chunks of rows.
type writeCase struct {
	name       string
	dt         typed.DType
	rows, cols int
	chunks     []int // rows per write, summing to rows
}

func writeCases() []writeCase {
	var cases []writeCase
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		cases = append(cases, writeCase{dt.Name, dt, 23, 3, []int{1, 5, 0, 10, 7}})
	}
	f64 := typed.Impl.MustDType("float64")
	return append(cases,
		writeCase{"zero-rows", f64, 0, 4, nil},
		writeCase{"zero-rows-empty-writes", f64, 0, 4, []int{0, 0}},
		writeCase{"zero-cols", typed.Impl.MustDType("int16"), 5, 0, []int{2, 0, 3}},
		writeCase{"one-by-one", typed.Impl.MustDType("float32"), 1, 1, []int{1}},
		writeCase{"one-column", typed.Impl.MustDType("uint8"), 40, 1, []int{39, 1}},
		writeCase{"row-at-a-time", typed.Impl.MustDType("complex128"), 6, 2, []int{1, 1, 1, 1, 1, 1}},
	)
}

// writeChunks writes c's data through w, alternating WriteRows and Write so
// that both are exercised; rows of no columns go through Write.
func writeChunks(t *testing.T, w *stream.Writer, c writeCase, data []byte) {
	t.Helper()
	rowLen := c.cols * c.dt.Size
	done := 0
	for i, k := range c.chunks {
		chunk := data[done*rowLen : (done+k)*rowLen]
		if i%2 == 0 && c.cols > 0 {
			if err := w.WriteRows(chunk); err != nil {
				t.Fatalf("WriteRows(%d rows): %v", k, err)
			}
		} else {
			a, err := generated.FromBytes(chunk, c.dt.Name, k, c.cols)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(a); err != nil {
				t.Fatalf("Write(%d rows): %v", k, err)
			}
		}
		done += k
		if w.Rows() != done {
			t.Fatalf("Rows() = %d after %d rows", w.Rows(), done)
		}
	}
}

// TestWriterMatchesNumpy streams each case to a file (NewWriter) and to a
// non-seekable writer (NewWriterN), has numpy np.save the same rows and
// np.load the streamed file, and compares both streams with np.save's file
// byte for byte.
func TestWriterMatchesNumpy(t *testing.T) {
	dir := t.TempDir()
	cases := writeCases()
	piped := make([][]byte, len(cases))
	var list strings.Builder
	for i, c := range cases {
		data := rowsOf(c.dt, c.rows, c.cols)
		writeFile(t, dir, c.name+".bin", littleEndian(data, c.dt))

		f, err := os.Create(filepath.Join(dir, c.name+".npy"))
		if err != nil {
			t.Fatal(err)
		}
		w, err := stream.NewWriter(f, c.dt, c.cols)
		if err != nil {
			t.Fatal(err)
		}
		writeChunks(t, w, c, data)
		if err := w.Close(); err != nil {
			t.Fatalf("%s: Close: %v", c.name, err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}

		var buf bytes.Buffer
		wn, err := stream.NewWriterN(&buf, c.dt, c.rows, c.cols)
		if err != nil {
			t.Fatal(err)
		}
		writeChunks(t, wn, c, data)
		if err := wn.Close(); err != nil {
			t.Fatalf("%s: NewWriterN Close: %v", c.name, err)
		}
		piped[i] = buf.Bytes()
		fmt.Fprintf(&list, "(%q, %q, %d, %d), ", c.name, c.dt.Descr(), c.rows, c.cols)
	}
	out := numpytest.Run(t, dir, `for name, descr, rows, cols in [`+list.String()+`]:
    want = np.frombuffer(open(name + ".bin", "rb").read(), dtype=descr).reshape(rows, cols)
    np.save(name + ".ref.npy", want)
    got = np.load(name + ".npy")
    assert got.dtype == want.dtype and got.shape == want.shape and got.tobytes() == want.tobytes(), name
    print(name)
`)
	if n := len(bytes.Fields(out)); n != len(cases) {
		t.Fatalf("numpy checked %d cases, want %d", n, len(cases))
	}
	for i, c := range cases {
		want := readFile(t, dir, c.name+".ref.npy")
		sameBytes(t, c.name+": NewWriter file vs np.save", readFile(t, dir, c.name+".npy"), want)
		sameBytes(t, c.name+": NewWriterN stream vs np.save", piped[i], want)
	}
}

// TestWriterUnfinished checks what readers see of the two ways a stream can
// stop short: a NewWriter file never closed carries version 0.0 and a
// NewWriterN stream closed early declares rows it lacks. numpy must refuse
// both, and so must npy2d.
func TestWriterUnfinished(t *testing.T) {
	dir := t.TempDir()
	dt := typed.Impl.MustDType("float64")
	data := rowsOf(dt, 4, 3)

	f, err := os.Create(filepath.Join(dir, "unclosed.npy"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := stream.NewWriter(f, dt, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRows(data); err != nil {
		t.Fatal(err)
	}
	unclosed := readFile(t, dir, "unclosed.npy")
	if _, err := generated.ReadNPY(bytes.NewReader(unclosed)); !errors.Is(err, typed.ErrFormat) {
		t.Fatalf("ReadNPY of an unclosed file: %v, want typed.ErrFormat", err)
	}

	var buf bytes.Buffer
	wn, err := stream.NewWriterN(&buf, dt, 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := wn.WriteRows(data[:2*3*8]); err != nil {
		t.Fatal(err)
	}
	if err := wn.Close(); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("Close after 2 of 4 rows: %v, want typed.ErrShape", err)
	}
	writeFile(t, dir, "short.npy", buf.Bytes())
	if _, err := generated.ReadNPY(bytes.NewReader(buf.Bytes())); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("ReadNPY of a short stream: %v, want io.ErrUnexpectedEOF", err)
	}

	out := numpytest.Run(t, dir, `for name in ["unclosed.npy", "short.npy"]:
    try:
        np.load(name)
        print(name, "loaded")
    except ValueError as e:
        print(name, "refused:", e)
`)
	for _, name := range []string{"unclosed.npy", "short.npy"} {
		if !bytes.Contains(out, []byte(name+" refused")) {
			t.Errorf("np.load did not refuse %s:\n%s", name, out)
		}
	}
	t.Logf("numpy says:\n%s", out)
}

// TestWriterNThroughPipe streams through an io.Pipe, which cannot seek, to a
// Reader on the other end, in blocks that do not divide the row count.
func TestWriterNThroughPipe(t *testing.T) {
	dt := typed.Impl.MustDType("complex64")
	const rows, cols = 1000, 7
	data := rowsOf(dt, rows, cols)
	pr, pw := io.Pipe()
	go func() {
		w, err := stream.NewWriterN(pw, dt, rows, cols)
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		rowLen := cols * dt.Size
		for done := 0; done < rows && err == nil; done += 33 {
			err = w.WriteRows(data[done*rowLen : min(rows, done+33)*rowLen])
		}
		if err == nil {
			err = w.Close()
		}
		pw.CloseWithError(err)
	}()
	r, err := stream.NewReader(pr)
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	for {
		blk, err := r.Next(64)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, blk.Bytes()...)
	}
	sameBytes(t, "rows through the pipe", got, data)
	if n, err := pr.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Fatalf("after the last row the pipe gives %d bytes, %v; want io.EOF", n, err)
	}
}

// TestWriterRefuses checks the errors that leave the stream usable: rows
// past the declared count, partial rows, a foreign dtype or column count.
func TestWriterRefuses(t *testing.T) {
	dt := typed.Impl.MustDType("int32")
	var buf bytes.Buffer
	w, err := stream.NewWriterN(&buf, dt, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	before := buf.Len()
	row := rowsOf(dt, 3, 3)
	if err := w.WriteRows(row); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("3 rows into 2 declared: %v, want typed.ErrShape", err)
	}
	if err := w.WriteRows(row[:13]); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("13 bytes of 12-byte rows: %v, want typed.ErrShape", err)
	}
	if err := w.Write(generated.NewInt64Array2D(1, 3)); !errors.Is(err, typed.ErrDType) {
		t.Fatalf("int64 array into an int32 stream: %v, want typed.ErrDType", err)
	}
	if err := w.Write(generated.NewInt32Array2D(1, 4)); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("4 columns into 3: %v, want typed.ErrShape", err)
	}
	if err := w.Write(&generated.Int32Array2D{Rows: 2, Cols: 3, Data: make([]int32, 5)}); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("array whose Data disagrees with its shape: %v, want typed.ErrShape", err)
	}
	if buf.Len() != before {
		t.Fatalf("refused writes wrote %d bytes", buf.Len()-before)
	}
	if err := w.WriteRows(row[:24]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRows(row[:12]); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("write after Close: %v, want os.ErrClosed", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}

	if _, err := stream.NewWriter(&discardSeeker{}, typed.DType{Name: "float128", Kind: 'f', Size: 16}, 2); !errors.Is(err, typed.ErrDType) {
		t.Fatalf("dtype outside the table: %v, want typed.ErrDType", err)
	}
	if _, err := stream.NewWriter(&discardSeeker{}, dt, -1); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("negative cols: %v, want typed.ErrShape", err)
	}
	if _, err := stream.NewWriter(&discardSeeker{}, dt, math.MaxInt/2); !errors.Is(err, typed.ErrLimit) {
		t.Fatalf("a row larger than memory: %v, want typed.ErrLimit", err)
	}
	if _, err := stream.NewWriterN(io.Discard, dt, -1, 2); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("negative rows: %v, want typed.ErrShape", err)
	}
}

// failAfter fails every write once n bytes have been written.
type failAfter struct {
	discardSeeker
	n int64
}

var errDiskFull = errors.New("disk full")

func (f *failAfter) Write(b []byte) (int, error) {
	if f.off+int64(len(b)) > f.n {
		return 0, errDiskFull
	}
	return f.discardSeeker.Write(b)
}

// TestWriterWriteError checks that a failed write sticks: later writes and
// Close return it, and Close does not finish the header.
func TestWriterWriteError(t *testing.T) {
	dt := typed.Impl.MustDType("uint16")
	d := &failAfter{n: 200}
	w, err := stream.NewWriter(d, dt, 10)
	if err != nil {
		t.Fatal(err)
	}
	row := rowsOf(dt, 1, 10)
	for err == nil {
		err = w.WriteRows(row)
	}
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("write error %v, want it to wrap the destination's", err)
	}
	if err := w.WriteRows(row); !errors.Is(err, errDiskFull) {
		t.Fatalf("write after a failed write: %v", err)
	}
	off := d.off
	if err := w.Close(); !errors.Is(err, errDiskFull) {
		t.Fatalf("Close after a failed write: %v", err)
	}
	if d.off != off {
		t.Fatalf("Close moved the offset from %d to %d: it rewrote the header", off, d.off)
	}
}

// TestWriterAtOffsetBuffered writes a stream after a prefix, through a
// bufio.Writer whose Seek reaches the file, then writes a suffix after
// Close: the stream lands between them, its header finished in place, and
// equals WriteTo of the same rows.
func TestWriterAtOffsetBuffered(t *testing.T) {
	dt := typed.Impl.MustDType("float16")
	const rows, cols = 300, 5
	data := rowsOf(dt, rows, cols)
	path := filepath.Join(t.TempDir(), "mixed")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 4096)
	bw.WriteString("prefix")
	w, err := stream.NewWriter(struct {
		*bufio.Writer
		io.Seeker
	}{bw, f}, dt, cols)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < rows; i++ { // one small row at a time: what the buffer is for
		if err := w.WriteRows(data[i*cols*2 : (i+1)*cols*2]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	bw.WriteString("suffix")
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	a, err := generated.FromBytes(data, dt.Name, rows, cols)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	want.WriteString("prefix")
	if _, err := a.WriteTo(&want); err != nil {
		t.Fatal(err)
	}
	want.WriteString("suffix")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sameBytes(t, "prefix, stream, suffix", got, want.Bytes())
}
