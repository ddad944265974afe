package typed

import (
	"bytes"
	"encoding/binary"
	"math"
	"strconv"
	"testing"
)

// appendHeaderPlain is AppendHeader as it was before appendSaved: the
// straightforward transcription of numpy's _write_array_header, kept as
// the oracle.
func appendHeaderPlain(dst []byte, dt DType, ndim, rows, cols int) []byte {
	start := len(dst)
	dst = append(dst, Magic...)
	dst = append(dst, 1, 0, 0, 0)
	dictStart := len(dst)
	dst = append(dst, "{'descr': '"...)
	dst = dt.appendDescr(dst)
	dst = append(dst, "', 'fortran_order': False, 'shape': ("...)
	first := rows
	switch ndim {
	case 0:
		dst = append(dst, "), }"...)
	case 1:
		first = cols
		dst = strconv.AppendInt(dst, int64(cols), 10)
		dst = append(dst, ",), }"...)
	default:
		dst = strconv.AppendInt(dst, int64(rows), 10)
		dst = append(dst, ", "...)
		dst = strconv.AppendInt(dst, int64(cols), 10)
		dst = append(dst, "), }"...)
	}
	if ndim != 0 {
		dst = append(dst, bytes.Repeat([]byte{' '}, max(growthDigits-len(strconv.Itoa(first)), 0))...)
	}
	hlen := len(dst) - dictStart + 1
	pad := headerAlign - (dictStart-start+hlen)%headerAlign
	binary.LittleEndian.PutUint16(dst[start+8:], uint16(hlen+pad))
	dst = append(dst, bytes.Repeat([]byte{' '}, pad)...)
	return append(dst, '\n')
}

// headerDims are dimensions around every digit-count boundary, the
// growth room's edge (21 digits) and the extremes.
var headerDims = func() []int {
	d := []int{0, 1, 2, 3, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, -1, -10, math.MaxInt, math.MinInt}
	for p := 10; p < math.MaxInt/10; p *= 10 {
		d = append(d, p-1, p, p+1)
	}
	return d
}()

// TestAppendSavedMatchesPlain: the fast header is the plain one, byte for
// byte, for every dtype (strings of several widths), rank and dimension,
// appended after existing bytes.
func TestAppendSavedMatchesPlain(t *testing.T) {
	var dts []DType
	for _, dt := range DTypes() {
		if dt.Flexible() {
			for _, w := range []int{1, 9, 10, 12345, 1 << 40} {
				dts = append(dts, dt.WithWidth(w))
			}
			continue
		}
		dts = append(dts, dt)
	}
	for _, dt := range dts {
		for _, rows := range headerDims {
			for _, cols := range headerDims {
				for ndim := 0; ndim <= 2; ndim++ {
					want := appendHeaderPlain([]byte("x"), dt, ndim, rows, cols)
					got := Impl.AppendHeader([]byte("x"), dt, ndim, rows, cols)
					if !bytes.Equal(got, want) {
						t.Fatalf("%s ndim %d (%d, %d):\n got %q\nwant %q", dt.Descr(), ndim, rows, cols, got, want)
					}
				}
			}
		}
	}
}

// TestWriteBufferMatchesPlain: writeBuffer writes what the general path
// writes, or declines, for shapes that agree with the data and shapes that
// do not, and returns the count.
func TestWriteBufferMatchesPlain(t *testing.T) {
	for _, dt := range DTypes() {
		dt := withWidth(dt)
		for _, sh := range [][3]int{{2, 3, 3}, {2, 0, 5}, {2, 5, 0}, {1, 1, 7}, {0, 1, 1}, {1, 2, 3}, {0, 2, 1}, {3, 1, 1}, {2, -1, 3}, {2, 1 << 21, 1 << 21}} {
			ndim, rows, cols := sh[0], sh[1], sh[2]
			for _, delta := range []int{0, -1, 1} {
				n := max(rows, 0)*max(cols, 0)*dt.Size + delta
				if n < 0 || n > 1<<16 {
					continue
				}
				data := make([]byte, n)
				var want bytes.Buffer
				wn, werr := Impl.WriteNPY(plainWriter{&want}, dt, ndim, rows, cols, data)
				var got bytes.Buffer
				got.WriteString("x")
				gn, ok := writeBuffer(&got, &dt, ndim, rows, cols, data)
				if !ok {
					if werr == nil && n <= smallWrite {
						t.Errorf("%s %v len %d: declined what the general path writes", dt.Descr(), sh, n)
					}
					if got.Len() != 1 {
						t.Errorf("%s %v len %d: declined after writing %d bytes", dt.Descr(), sh, n, got.Len()-1)
					}
					continue
				}
				if werr != nil || gn != wn || !bytes.Equal(got.Bytes()[1:], want.Bytes()) {
					t.Errorf("%s %v len %d: wrote %d bytes, want %d (err %v)", dt.Descr(), sh, n, gn, wn, werr)
				}
			}
		}
	}
}

func BenchmarkAppendHeader(b *testing.B) {
	dt := Impl.MustDType("int64")
	buf := make([]byte, 0, 256)
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			buf = Impl.AppendHeader(buf[:0], dt, 2, 3, 3)
		}
	})
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			buf = appendHeaderPlain(buf[:0], dt, 2, 3, 3)
		}
	})
}
