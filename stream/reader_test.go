package stream_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/stream"
	"github.com/npy2d/npy2d/typed"
)

// readCase is a file numpy writes for the Reader to read.
type readCase struct {
	name       string
	descr      string
	rows, cols int
	fortran    bool
}

// readCases are every numeric dtype of the table, in both byte orders where
// it has one, and shapes that need care.
func readCases() []readCase {
	var cases []readCase
	for _, dt := range typed.DTypes() {
		if dt.Flexible() {
			continue // strings: tested on their own (lowrank_test.go)
		}
		descrs := []string{dt.Descr()}
		if dt.SwapUnit() > 1 {
			descrs = append(descrs, ">"+dt.Descr()[1:])
		}
		for _, d := range descrs {
			cases = append(cases, readCase{"c" + strings.NewReplacer("<", "le", ">", "be", "|", "").Replace(d), d, 23, 3, false})
		}
	}
	return append(cases,
		readCase{"zero-rows", "<f8", 0, 4, false},
		readCase{"zero-cols", ">i2", 5, 0, false},
		readCase{"one-by-one", "<f4", 1, 1, false},
		readCase{"fortran-row", ">f8", 1, 5, true},
		readCase{"fortran-column", "<c8", 5, 1, true},
		readCase{"fortran", "<f8", 3, 4, true},
	)
}

// TestReaderMatchesNumpy has numpy save files of random bits (NaN payloads
// and subnormals included) in both byte orders, and compares what Reader
// yields, in blocks of several sizes through Next and ReadRows, with what
// np.load gives.
func TestReaderMatchesNumpy(t *testing.T) {
	dir := t.TempDir()
	cases := readCases()
	var list strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&list, "(%q, %q, %d, %d, %v), ", c.name, c.descr, c.rows, c.cols, map[bool]string{true: "True", false: "False"}[c.fortran])
	}
	numpytest.Run(t, dir, `rng = np.random.default_rng(7)
for name, descr, rows, cols, fortran in [`+list.String()+`]:
    dt = np.dtype(descr)
    raw = rng.integers(0, 256, size=rows * cols * dt.itemsize, dtype=np.uint8)
    if dt.kind == "b":
        raw &= 1
    a = np.frombuffer(raw.tobytes(), dtype=dt).reshape(rows, cols)
    if fortran:
        a = np.asfortranarray(a)
    np.save(name + ".npy", a)
    b = np.load(name + ".npy")
    # what np.load gives, as little-endian C-order bytes
    open(name + ".le", "wb").write(b.astype(dt.newbyteorder("<")).tobytes())
`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dt, _, err := typed.ParseDType(c.descr)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(filepath.Join(dir, c.name+".npy"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if c.fortran && c.rows > 1 && c.cols > 1 {
				if _, err := stream.NewReader(f); !errors.Is(err, stream.ErrFortranOrder) {
					t.Fatalf("NewReader of a fortran_order (%d, %d) file: %v, want ErrFortranOrder", c.rows, c.cols, err)
				}
				return
			}
			want := littleEndian(readFile(t, dir, c.name+".le"), dt) // to host order
			for _, block := range []int{1, 4, 1000} {
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					t.Fatal(err)
				}
				sameBytes(t, fmt.Sprintf("Next(%d)", block), readNext(t, f, dt, c.rows, c.cols, block), want)
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					t.Fatal(err)
				}
				sameBytes(t, fmt.Sprintf("ReadRows of %d rows", block), readRows(t, plainReader{f}, dt, c.rows, c.cols, block), want)
			}
		})
	}
}

// readNext reads all rows with Next(block), checking each block's type and
// shape, and returns their bytes.
func readNext(t *testing.T, src io.Reader, dt typed.DType, rows, cols, block int) []byte {
	t.Helper()
	r, err := stream.NewReader(src)
	if err != nil {
		t.Fatal(err)
	}
	if h := r.Header(); h.DType != dt || h.Rows != rows || h.Cols != cols {
		t.Fatalf("header %s (%d, %d), want %s (%d, %d)", h.DType.Name, h.Rows, h.Cols, dt.Name, rows, cols)
	}
	var got []byte
	for done := 0; ; {
		blk, err := r.Next(block)
		if err == io.EOF {
			if done != rows {
				t.Fatalf("io.EOF after %d of %d rows", done, rows)
			}
			return got
		}
		if err != nil {
			t.Fatalf("Next(%d) after %d rows: %v", block, done, err)
		}
		br, bc := blk.Shape()
		if blk.DType() != dt || br != min(block, rows-done) || bc != cols {
			t.Fatalf("block %s (%d, %d) after %d rows, want %s (%d, %d)", blk.DType().Name, br, bc, done, dt.Name, min(block, rows-done), cols)
		}
		got = append(got, blk.Bytes()...)
		done += br
	}
}

// readRows reads all rows with ReadRows into a buffer of block rows and
// all but one byte of another, and returns their bytes.
func readRows(t *testing.T, src io.Reader, dt typed.DType, rows, cols, block int) []byte {
	t.Helper()
	r, err := stream.NewReader(src)
	if err != nil {
		t.Fatal(err)
	}
	rowLen := cols * dt.Size
	buf := make([]byte, block*rowLen+max(rowLen-1, 0))
	var got []byte
	for done := 0; ; {
		n, err := r.ReadRows(buf)
		if err == io.EOF {
			if done != rows {
				t.Fatalf("io.EOF after %d of %d rows", done, rows)
			}
			return got
		}
		if err != nil {
			t.Fatalf("ReadRows after %d rows: %v", done, err)
		}
		if cols > 0 && n != min(block, rows-done) {
			t.Fatalf("ReadRows gave %d rows after %d, want %d", n, done, min(block, rows-done))
		}
		got = append(got, buf[:n*rowLen]...)
		done += n
	}
}

// TestReaderConsecutive reads two .npy files that follow each other in one
// source: the first Reader stops exactly at the end of its data.
func TestReaderConsecutive(t *testing.T) {
	a := generated.NewInt64Array2D(10, 3)
	b := generated.NewBoolArray2D(4, 2)
	a.Data[29] = 7
	b.Data[7] = true
	var buf bytes.Buffer
	for _, x := range []typed.Array{a, b} {
		if _, err := x.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
	}
	src := plainReader{&buf}
	for _, want := range []typed.Array{a, b} {
		rows, cols := want.Shape()
		sameBytes(t, want.DType().Name, readNext(t, src, want.DType(), rows, cols, 3), want.Bytes())
	}
}

// TestReaderBadBool checks that a bool block holding a byte other than 0 or
// 1 is refused, after the good blocks before it were delivered.
func TestReaderBadBool(t *testing.T) {
	dt := typed.Impl.MustDType("bool")
	file := typed.Impl.AppendHeader(nil, dt, 2, 4, 2)
	file = append(file, 1, 0, 0, 1, 2, 1, 0, 0)
	r, err := stream.NewReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if _, err := r.Next(1); err != nil {
			t.Fatalf("good row %d: %v", i, err)
		}
	}
	_, err = r.Next(1)
	if !errors.Is(err, typed.ErrFormat) || !strings.Contains(err.Error(), "rows 2:3 of 4") {
		t.Fatalf("bad bool in row 2: %v, want typed.ErrFormat naming the rows", err)
	}
	if _, err2 := r.ReadRows(make([]byte, 2)); err2 != err {
		t.Fatalf("after an error: %v, want the same error", err2)
	}
}

// TestReaderTruncated cuts a file in the middle of a block: the blocks
// before the one that fails arrive, then an error wrapping
// io.ErrUnexpectedEOF and typed.ErrFormat that names file offsets, whether
// the source can tell its length or not.
func TestReaderTruncated(t *testing.T) {
	a := generated.NewFloat64Array2D(10, 4)
	var buf bytes.Buffer
	if _, err := a.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	file := buf.Bytes()[:buf.Len()-40] // 8 whole rows and most of the ninth
	for _, src := range []io.Reader{bytes.NewReader(file), plainReader{bytes.NewReader(file)}} {
		r, err := stream.NewReader(src)
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		for {
			blk, err := r.Next(2)
			if err != nil {
				if !errors.Is(err, io.ErrUnexpectedEOF) || !errors.Is(err, typed.ErrFormat) {
					t.Fatalf("%T: %v, want io.ErrUnexpectedEOF and typed.ErrFormat", src, err)
				}
				// Rows 8 and 9 end at byte 128+320 of the file, which has 408.
				if want := fmt.Sprintf("need %d bytes, have %d", buf.Len(), len(file)); !strings.Contains(err.Error(), want) {
					t.Fatalf("%T: %v, want file offsets: %q", src, err, want)
				}
				break
			}
			n, _ := blk.Shape()
			rows += n
		}
		if rows != 8 {
			t.Fatalf("%T: %d rows before the error, want 8", src, rows)
		}
	}
}

// TestReaderRefuses checks arguments that cannot work.
func TestReaderRefuses(t *testing.T) {
	file := typed.Impl.AppendHeader(nil, typed.Impl.MustDType("int32"), 2, 3, 4)
	file = append(file, make([]byte, 48)...)
	r, err := stream.NewReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadRows(make([]byte, 15)); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("ReadRows into less than a row: %v, want typed.ErrShape", err)
	}
	if _, err := r.Next(0); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("Next(0): %v, want typed.ErrShape", err)
	}
	if n, err := r.ReadRows(make([]byte, 1000)); n != 3 || err != nil {
		t.Fatalf("ReadRows after refused calls: %d rows, %v; want 3", n, err)
	}
	if _, err := stream.NewReader(bytes.NewReader(file[:50])); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated header: %v, want io.ErrUnexpectedEOF", err)
	}
}
