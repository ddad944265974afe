// Package arraytest holds the checks that the generated per-dtype tests share:
// deterministic data, byte-level comparison and the encodings every
// typed.Array must agree on.
package arraytest

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"io"
	"testing"

	"github.com/npy2d/npy2d/typed"
)

// Shapes are the shapes every dtype is tested with: empty ones, a single
// element, and sizes that are not multiples of anything.
var Shapes = [][2]int{{0, 0}, {0, 3}, {3, 0}, {1, 1}, {3, 4}, {17, 5}}

// NumpyShapes are shapes of every rank the family holds, as numpy gives
// them: scalars, vectors (empty too) and 2-D arrays.
var NumpyShapes = [][]int{{}, {0}, {1}, {7}, {0, 3}, {3, 0}, {3, 4}, {17, 5}}

// Strings returns n deterministic values for string arrays: multi-byte
// characters (for bytes, any byte), embedded NULs, empty strings.
func Strings(n int, bytesKind bool) []string {
	pool := []string{"setosa", "", "versicolor", "héllo wörld", "a\x00b", "日本語", "🙂 ok", "x"}
	if bytesKind {
		pool = append(pool, "ÿþ raw", "tab	here")
	}
	out := make([]string, n)
	for i := range out {
		out[i] = pool[(i*7+3)%len(pool)]
	}
	return out
}

// Fill writes a deterministic pattern over b; bools get 0 or 1. Patterns
// reach NaNs, infinities and subnormals of the float dtypes, so comparisons
// are byte-wise.
func Fill(b []byte, dt typed.DType) {
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x >> 7)
		if dt.Kind == 'b' {
			b[i] &= 1
		}
	}
}

// Same fails t unless got and want have one dtype, one shape and the same
// bytes.
func Same(t testing.TB, got, want typed.Array) {
	t.Helper()
	if got.DType() != want.DType() {
		t.Fatalf("dtype %v, want %v", got.DType(), want.DType())
	}
	gr, gc := got.Shape()
	wr, wc := want.Shape()
	if gr != wr || gc != wc || got.NDim() != want.NDim() {
		t.Fatalf("shape %v (%d, %d), want %v (%d, %d)", got.NumpyShape(), gr, gc, want.NumpyShape(), wr, wc)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("data differs:\n got %x\nwant %x", head(got.Bytes()), head(want.Bytes()))
	}
}

func head(b []byte) []byte { return b[:min(len(b), 64)] }

// Decoders are the package-level entry points of a generated package.
type Decoders struct {
	ReadNPY   func(io.Reader) (typed.Array, error)
	FromBytes func(b []byte, dtype string, shape ...int) (typed.Array, error)
}

// CheckEncodings checks what every typed.Array promises: WriteTo gives the
// header np.save writes followed by little-endian data; MarshalBinary equals
// WriteTo; ReadNPY and FromBytes (by name and by descr) give the array back;
// JSON round-trips; a truncated file fails with io.ErrUnexpectedEOF.
func CheckEncodings(t *testing.T, a typed.Array, d Decoders) {
	t.Helper()
	rows, cols := a.Shape()
	var buf bytes.Buffer
	n, err := a.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo: n=%d len=%d err=%v", n, buf.Len(), err)
	}
	want := typed.Impl.AppendHeader(nil, a.DType(), a.NDim(), rows, cols)
	if len(want)%64 != 0 {
		t.Fatalf("header of %d bytes is not 64-aligned", len(want))
	}
	le := typed.Impl.HostOrderCopy(a.Bytes(), a.DType(), '<') // host order to little-endian is the same swap
	want = append(want, le...)
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("WriteTo wrote\n%q\nwant\n%q", head(buf.Bytes()), head(want))
	}
	bin, err := a.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil || !bytes.Equal(bin, want) {
		t.Fatalf("MarshalBinary differs from WriteTo (err %v)", err)
	}

	back, err := d.ReadNPY(bytes.NewReader(bin))
	if err != nil {
		t.Fatalf("ReadNPY: %v", err)
	}
	Same(t, back, a)

	// A name means host order, as in numpy; the descr says '<' (or '|').
	for _, c := range []struct {
		name string
		data []byte
	}{{a.DType().String(), a.Bytes()}, {a.DType().Descr(), le}} {
		v, err := d.FromBytes(bytes.Clone(c.data), c.name, a.NumpyShape()...)
		if err != nil {
			t.Fatalf("FromBytes(%q): %v", c.name, err)
		}
		Same(t, v, a)
	}

	js, err := json.Marshal(a)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	e, err := typed.Impl.ParseJSON(js, typed.Limits{})
	if err != nil || !bytes.Equal(e.Data, a.Bytes()) || e.Rows != rows || e.Cols != cols || e.NDim != a.NDim() {
		t.Fatalf("json envelope %s does not decode back (err %v)", head(js), err)
	}

	if len(bin) > 0 {
		_, err = d.ReadNPY(bytes.NewReader(bin[:len(bin)-1]))
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("truncated file: err %v, want io.ErrUnexpectedEOF", err)
		}
	}
}

// MustPanic fails t unless f panics.
func MustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	f()
}

// AlignedBytes returns n bytes starting at an address aligned for any
// element type.
func AlignedBytes(n int) []byte {
	w := make([]uint64, (n+15)/8)
	b := unsafeBytes(w)
	return b[:n:n]
}
