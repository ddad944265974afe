package typed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// swapNaive is Swap one byte at a time, the plain reference.
func swapNaive(b []byte, unit int) {
	if unit < 2 {
		return
	}
	for i := 0; i+unit <= len(b); i += unit {
		for j := 0; j < unit/2; j++ {
			b[i+j], b[i+unit-1-j] = b[i+unit-1-j], b[i+j]
		}
	}
}

// transposeNaive is the transpose of a (rows, cols) matrix, item by item.
func transposeNaive(b []byte, rows, cols, size int) []byte {
	out := make([]byte, len(b))
	for i := range rows {
		for j := range cols {
			copy(out[(j*rows+i)*size:][:size], b[(i*cols+j)*size:][:size])
		}
	}
	return out
}

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// TestSwapMatchesNaive: at every start offset and every length up to a few
// blocks (empty and odd included), Swap equals the byte-by-byte swap and
// touches nothing outside its slice.
func TestSwapMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, unit := range []int{1, 2, 4, 8} {
		for off := range 9 {
			for n := 0; n <= 200; n += unit {
				buf := randBytes(rng, off+n+8)
				want := bytes.Clone(buf)
				swapNaive(want[off:off+n], unit)
				Impl.Swap(buf[off:off+n], unit)
				if !bytes.Equal(buf, want) {
					t.Fatalf("unit %d offset %d length %d: %x, want %x", unit, off, n, buf, want)
				}
			}
		}
		// The portable code alone, which amd64 runs only on tails.
		generic := map[int]func([]byte){1: func([]byte) {}, 2: swap16Generic, 4: swap32Generic, 8: swap64Generic}[unit]
		for off := range 9 {
			for n := 0; n <= 300; n += unit {
				buf := randBytes(rng, off+n+8)
				want := bytes.Clone(buf)
				swapNaive(want[off:off+n], unit)
				generic(buf[off : off+n])
				if !bytes.Equal(buf, want) {
					t.Fatalf("generic unit %d offset %d length %d differs", unit, off, n)
				}
			}
		}
		big := randBytes(rng, 1<<20+8*unit)
		want := bytes.Clone(big)
		swapNaive(want, unit)
		Impl.Swap(big, unit)
		if !bytes.Equal(big, want) {
			t.Fatalf("unit %d: 1 MB differs", unit)
		}
	}
}

// TestTransposeMatchesNaive: every item size, shapes around the tile size
// (empty, one row or column, odd), from unaligned starts.
func TestTransposeMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	dims := []int{0, 1, 2, 3, 7, 31, 32, 33, 64, 65, 100}
	for _, size := range []int{1, 2, 4, 8, 16, 3, 40} {
		for _, rows := range dims {
			for _, cols := range dims {
				off := rng.IntN(8)
				buf := randBytes(rng, off+rows*cols*size)
				want := transposeNaive(buf[off:], rows, cols, size)
				transpose(buf[off:], rows, cols, size)
				if !bytes.Equal(buf[off:], want) {
					t.Fatalf("size %d shape (%d, %d) offset %d differs", size, rows, cols, off)
				}
			}
		}
	}
}

// TestReadDataPathsAgree: for every dtype, both byte orders and both memory
// orders, and shapes that take the chunked paths (one chunk, many, a tail)
// or the whole-array fallback, reading from a *bytes.Reader (chunked
// conversion) gives what the plain conversion gives, and what a stream
// (storage grown as data arrives, converted at the end) gives.
func TestReadDataPathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	shapes := [][2]int{{0, 0}, {0, 5}, {1, 1}, {1, 9}, {9, 1}, {3, 5}, {37, 41}, {300, 700}, {5000, 3}, {3, 70000}, {40000, 9}}
	for _, dt := range DTypes() {
		dt := withWidth(dt)
		for _, sh := range shapes {
			for _, order := range []byte{'<', '>'} {
				for _, fortran := range []bool{false, true} {
					rows, cols := sh[0], sh[1]
					if rows*cols*dt.Size > 8<<20 {
						continue
					}
					// The race detector makes the naive reference slow: the
					// large shapes (several chunks) run for one item size
					// there, and for every dtype in the other runs.
					if raceEnabled && rows*cols > 50000 && dt.Size != 8 {
						continue
					}
					name := fmt.Sprintf("%s %c fortran=%v (%d, %d)", dt.Name, order, fortran, rows, cols)
					raw := randBytes(rng, rows*cols*dt.Size)
					if dt.Kind == 'b' {
						for i := range raw {
							raw[i] &= 1
						}
					}
					o := order
					if dt.Size == 1 {
						o = '|'
					}
					h := Header{DType: dt, Order: o, Fortran: fortran, Rows: rows, Cols: cols, DataLen: len(raw)}
					want := bytes.Clone(raw)
					if needsSwap(o, dt) {
						swapNaive(want, dt.SwapUnit())
					}
					if fortran {
						want = transposeNaive(want, cols, rows, dt.Size)
					}
					for _, src := range []struct {
						name string
						r    io.Reader
					}{{"bytes.Reader", bytes.NewReader(raw)}, {"stream", onlyReader{bytes.NewReader(raw)}}} {
						var store []byte
						n, err := Impl.ReadData(src.r, h, 0, func(k int) []byte {
							if k > cap(store) {
								s := make([]byte, k)
								copy(s, store)
								store = s
							}
							store = store[:k]
							return store
						})
						if err != nil || n != int64(len(raw)) || !bytes.Equal(store, want) {
							t.Fatalf("%s from %s: n=%d err=%v, data equal %v", name, src.name, n, err, bytes.Equal(store, want))
						}
					}
				}
			}
		}
	}
}

// TestReadFortranBadBool: a bad bool byte in a chunked Fortran read is
// reported at its data offset after all the data is read, as before.
func TestReadFortranBadBool(t *testing.T) {
	dt := Impl.MustDType("bool")
	rows, cols := 50, 40
	raw := make([]byte, rows*cols)
	raw[1234] = 7
	h := Header{DType: dt, Order: '|', Fortran: true, Rows: rows, Cols: cols, DataLen: len(raw)}
	r := bytes.NewReader(raw)
	n, err := Impl.ReadData(r, h, 0, func(k int) []byte { return make([]byte, k) })
	if err == nil || n != int64(len(raw)) || r.Len() != 0 || !bytes.Contains([]byte(err.Error()), []byte("at data offset 1234")) {
		t.Fatalf("n=%d left=%d err=%v", n, r.Len(), err)
	}
}

func BenchmarkConvert(b *testing.B) {
	rng := rand.New(rand.NewPCG(15, 16))
	raw := randBytes(rng, 8<<20)
	dst := make([]byte, len(raw))
	b.Run("copy", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			copy(dst, raw)
		}
	})
	for _, unit := range []int{2, 4, 8} {
		b.Run(fmt.Sprintf("swap%d", unit), func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				Impl.Swap(dst, unit)
			}
		})
	}
	for _, dt := range []string{"int8", "int16", "float32", "float64", "complex128"} {
		d := Impl.MustDType(dt)
		for _, kind := range []string{"big-endian", "fortran"} {
			h := Header{DType: d, Order: '>', Rows: 1024, Cols: len(raw) / 1024 / d.Size, DataLen: len(raw)}
			if d.Size == 1 {
				h.Order = '|'
			}
			if kind == "fortran" {
				h.Order, h.Fortran = '<', true
			} else if d.Size == 1 {
				continue
			}
			b.Run(kind+"/"+dt, func(b *testing.B) {
				b.SetBytes(int64(len(raw)))
				for b.Loop() {
					Impl.ReadData(bytes.NewReader(raw), h, len(dst), func(int) []byte { return dst })
				}
			})
		}
	}
}

// onlyReader hides Len and Seek, as a pipe would.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// TestSwapCopyMatchesNaive: swapCopy into separate storage equals a copy
// then the byte-by-byte swap, at every offset of either side, and writes
// nothing past len(src).
func TestSwapCopyMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	for _, unit := range []int{1, 2, 4, 8} {
		for off := range 9 {
			for n := 0; n <= 300; n += unit {
				src := randBytes(rng, off+n)[off:]
				want := bytes.Clone(src)
				swapNaive(want, unit)
				dst := randBytes(rng, n+off+8)
				tail := bytes.Clone(dst[off+n:])
				swapCopy(dst[off:], src, unit)
				if !bytes.Equal(dst[off:off+n], want) || !bytes.Equal(dst[off+n:], tail) {
					t.Fatalf("unit %d offset %d length %d differs", unit, off, n)
				}
			}
		}
		// Large enough for the non-temporal stores, into aligned storage
		// and, for the other loop, unaligned storage; with a tail.
		n := 1<<20 + 5*unit
		src := randBytes(rng, n)
		want := bytes.Clone(src)
		swapNaive(want, unit)
		for _, off := range []int{0, 3} {
			dst := make([]byte, n+off)
			swapCopy(dst[off:], src, unit)
			if !bytes.Equal(dst[off:], want) {
				t.Fatalf("unit %d: 1 MiB at offset %d differs", unit, off)
			}
		}
	}
}

// TestReadSwappedTruncated: big-endian data cut short, read into storage
// already large enough (so nothing checks the length first), fails as
// truncated, from a *bytes.Reader as from a plain reader.
func TestReadSwappedTruncated(t *testing.T) {
	dt := Impl.MustDType("float64")
	h := Header{DType: dt, Order: '>', Rows: 100, Cols: 100, DataLen: 80000, DataOffset: 128}
	raw := randBytes(rand.New(rand.NewPCG(1, 1)), 79999)
	for _, r := range []io.Reader{bytes.NewReader(raw), onlyReader{bytes.NewReader(raw)}} {
		store := make([]byte, 80000)
		_, err := Impl.ReadData(r, h, 80000, func(n int) []byte { return store[:n] })
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("%T: %v", r, err)
		}
	}
}

// withWidth gives a string row of the table a width, so that tests over every
// row's bytes cover the string kinds too.
func withWidth(dt DType) DType {
	if dt.Flexible() {
		return dt.WithWidth(3)
	}
	return dt
}
