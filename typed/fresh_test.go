package typed

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"unsafe"
)

// lyingReader claims more bytes than it has: readFresh believes it, and
// the read must then fail as the general path's does.
type lyingReader struct {
	*bytes.Reader
	extra int
}

func (l lyingReader) Len() int { return l.Reader.Len() + l.extra }

// TestReadFreshMatchesGeneral: ReadRaw, which takes readFresh for large
// data whose length the reader knows, returns what the general path
// returns (bytes, count, error class), from a *bytes.Reader, a file, a
// LimitedReader and a reader that lies about its length, for every
// dtype, sizes around freshMin, and bool bytes other than 0 and 1.
func TestReadFreshMatchesGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	dir := t.TempDir()
	for _, dt := range table {
		dt := withWidth(dt)
		for _, items := range []int{freshMin/dt.Size - 1, freshMin / dt.Size, 1<<20/dt.Size + 3} {
			data := randBytes(rng, items*dt.Size)
			if dt.Kind == 'b' {
				for i := range data {
					data[i] &= 1
				}
			}
			file := append(Impl.AppendHeader(nil, dt, 1, 1, items), data...)
			cases := [][]byte{file, file[:len(file)-1]}
			if dt.Kind == 'b' {
				bad := bytes.Clone(file)
				bad[len(bad)-2] = 2
				cases = append(cases, bad)
			}
			for ci, f := range cases {
				path := filepath.Join(dir, "f.npy")
				if err := os.WriteFile(path, f, 0o644); err != nil {
					t.Fatal(err)
				}
				want, wn, werr := readRawPlain(f)
				readers := map[string]func() (io.Reader, func()){
					"bytes": func() (io.Reader, func()) { return bytes.NewReader(f), func() {} },
					"limited": func() (io.Reader, func()) {
						return &io.LimitedReader{R: bytes.NewReader(f), N: int64(len(f))}, func() {}
					},
					"lying": func() (io.Reader, func()) { return lyingReader{bytes.NewReader(f), 7}, func() {} },
					"file": func() (io.Reader, func()) {
						fh, err := os.Open(path)
						if err != nil {
							t.Fatal(err)
						}
						return fh, func() { fh.Close() }
					},
				}
				for name, open := range readers {
					r, done := open()
					h, err := ReadHeader(r, Limits{})
					if err != nil {
						t.Fatal(err)
					}
					got, n, err := Impl.ReadRaw(r, h)
					done()
					if (err == nil) != (werr == nil) || (err == nil && (n != wn || !bytes.Equal(got, want))) {
						t.Fatalf("%s %d items case %d %s: n=%d err=%v; general path n=%d err=%v", dt.Name, items, ci, name, n, err, wn, werr)
					}
					if err != nil {
						for _, s := range []error{ErrFormat, io.ErrUnexpectedEOF} {
							if errors.Is(err, s) != errors.Is(werr, s) {
								t.Fatalf("%s %s: %v; general path: %v", dt.Name, name, err, werr)
							}
						}
					}
				}
			}
		}
	}
}

// readRawPlain is ReadRaw through a reader that hides its length: the
// general path, growing storage as data arrives.
func readRawPlain(file []byte) ([]byte, int64, error) {
	r := plainReader{bytes.NewReader(file)}
	h, err := ReadHeader(r, Limits{})
	if err != nil {
		return nil, 0, err
	}
	var buf []byte
	n, err := Impl.ReadData(r, h, 0, func(n int) []byte {
		buf = growBytes(buf, n)
		return buf
	})
	return buf, n, err
}

// TestUninitializedAligned: the memory uninitialized returns is aligned
// for every element type the table has, at every size a typed array can
// have, so that generated types view it rather than copy it.
func TestUninitializedAligned(t *testing.T) {
	for n := 1; n < 1<<22; n = n*3/2 + 1 {
		b := uninitialized(n)
		if len(b) != n {
			t.Fatalf("%d bytes: len %d", n, len(b))
		}
		p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		align := uintptr(1)
		for a := uintptr(8); a > 1; a /= 2 {
			if n%int(a) == 0 {
				align = a
				break
			}
		}
		if p%align != 0 {
			t.Fatalf("%d bytes at %#x, not %d-aligned", n, p, align)
		}
		for i := range b { // every byte can be written
			b[i] = byte(i)
		}
	}
}
