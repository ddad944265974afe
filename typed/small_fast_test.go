package typed

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// plainWriter hides AvailableBuffer, so WriteNPY takes its general path.
type plainWriter struct{ w io.Writer }

func (p plainWriter) Write(b []byte) (int, error) { return p.w.Write(b) }

// TestWriteNPYPathsAgree: writing into a writer that lends its buffer
// (bytes.Buffer, bufio.Writer, with any spare capacity) gives the bytes and
// counts of the general path, for every dtype and for shapes whose data
// fits the spare capacity or not.
func TestWriteNPYPathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, dt := range DTypes() {
		dt := withWidth(dt)
		for _, sh := range [][2]int{{0, 0}, {1, 1}, {3, 3}, {7, 5}, {64, 65}, {1000, 3}} {
			data := randBytes(rng, sh[0]*sh[1]*dt.Size)
			if dt.Kind == 'b' {
				clear(data)
			}
			var want bytes.Buffer
			wn, werr := Impl.WriteNPY(plainWriter{&want}, dt, 2, sh[0], sh[1], data)
			for _, spare := range []int{0, 100, 191, 192, 200, 300, 4096, 1 << 16} {
				var got bytes.Buffer
				got.Grow(spare)
				got.WriteString("x")
				n, err := Impl.WriteNPY(&got, dt, 2, sh[0], sh[1], data)
				if n != wn || (err == nil) != (werr == nil) || !bytes.Equal(got.Bytes()[1:], want.Bytes()) {
					t.Fatalf("%s %v spare %d: n=%d err=%v, want n=%d err=%v", dt.Name, sh, spare, n, err, wn, werr)
				}
				var out bytes.Buffer
				bw := bufio.NewWriterSize(&out, max(spare, 16))
				n, err = Impl.WriteNPY(bw, dt, 2, sh[0], sh[1], data)
				bw.Flush()
				if n != wn || err != nil || !bytes.Equal(out.Bytes(), want.Bytes()) {
					t.Fatalf("%s %v bufio %d: n=%d err=%v", dt.Name, sh, spare, n, err)
				}
			}
		}
	}
	// A refused array writes nothing on either path.
	var b bytes.Buffer
	b.Grow(1024)
	if _, err := Impl.WriteNPY(&b, Impl.MustDType("int64"), 2, 3, 3, make([]byte, 71)); !errors.Is(err, ErrShape) || b.Len() != 0 {
		t.Fatalf("refused: %v, wrote %d bytes", err, b.Len())
	}
}

// TestReadHeaderPathsAgree: ReadHeader from a *bytes.Reader (the stack
// fast path) and from a plain reader give the same header or the same
// error, leave the reader at the same place, for np.save's headers, other
// spellings, version 2.0, truncations and corruptions at every byte.
func TestReadHeaderPathsAgree(t *testing.T) {
	var files [][]byte
	for _, dt := range DTypes() {
		dt := withWidth(dt)
		f, _ := Impl.AppendNPY(nil, dt, 2, 3, 4, make([]byte, 12*dt.Size))
		files = append(files, f)
	}
	long, _ := Impl.AppendNPY(nil, Impl.MustDType("float64"), 2, int(^uint(0)>>5), 0, nil)
	files = append(files, long)
	files = append(files, padNPYv(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }", make([]byte, 8)))
	files = append(files, padNPYv(1, "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 1), }", make([]byte, 4)))
	files = append(files, padNPYv(1, "{'shape': (2, 1), 'descr': '<u4', 'fortran_order': False}", make([]byte, 8)))
	var cases [][]byte
	for _, f := range files {
		cases = append(cases, f)
		for i := range min(len(f), 140) {
			cases = append(cases, f[:i])
			c := bytes.Clone(f)
			c[i] ^= 0x21
			cases = append(cases, c)
		}
	}
	for _, c := range cases {
		br := bytes.NewReader(c)
		h1, e1 := ReadHeader(br, Limits{})
		pr := bytes.NewReader(c)
		h2, e2 := ReadHeader(plainReader{pr}, Limits{})
		if h1 != h2 || (e1 == nil) != (e2 == nil) || (e1 != nil && e1.Error() != e2.Error()) || br.Len() != pr.Len() {
			t.Fatalf("%q:\nbytes.Reader %+v %v (left %d)\nplain %+v %v (left %d)", c, h1, e1, br.Len(), h2, e2, pr.Len())
		}
	}
}

type plainReader struct{ r io.Reader }

func (p plainReader) Read(b []byte) (int, error) { return p.r.Read(b) }

// padNPYv builds a file of the given major version with dict padded to 64.
func padNPYv(major byte, dict string, data []byte) []byte {
	pre := 10
	if major > 1 {
		pre = 12
	}
	n := pre + len(dict) + 1
	dict += string(bytes.Repeat([]byte(" "), (64-n%64)%64)) + "\n"
	b := append([]byte(Magic), major, 0)
	if major == 1 {
		b = append(b, byte(len(dict)), byte(len(dict)>>8))
	} else {
		b = append(b, byte(len(dict)), byte(len(dict)>>8), 0, 0)
	}
	return append(append(b, dict...), data...)
}
