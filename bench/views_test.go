package bench

import (
	"testing"

	"github.com/npy2d/npy2d/generated"
)

// BenchmarkView/<Bytes|FromBytes>/<size>: the zero-copy views of a float64
// array at 1 KB and 100 MB (as generated/'s own benchmarks), to show that
// they take constant time and allocate nothing. No bytes move, so there is
// no MB/s; ns/op is the figure. bool's FromBytes is the exception to
// "constant": it checks every byte is 0 or 1 (see the npy2d-view rows).
func BenchmarkView(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"1KB", 1 << 10}, {"100MB", 100 << 20}} {
		rows, cols := size.bytes/8/8, 8
		a := generated.NewFloat64Array2D(rows, cols) // zeroed and never touched: no page is faulted in
		b.Run("Bytes/"+size.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for range b.N {
				n += len(a.Bytes())
			}
			if n != b.N*size.bytes {
				b.Fatal("short view")
			}
		})
		b.Run("FromBytes/"+size.name, func(b *testing.B) {
			raw := a.Bytes()
			b.ReportAllocs()
			n := 0
			for range b.N {
				v, err := generated.Float64Array2DFromBytes(raw, rows, cols)
				if err != nil {
					b.Fatal(err)
				}
				n += len(v.Data)
			}
			if n != b.N*rows*cols {
				b.Fatalf("short view: %d elements", n)
			}
		})
	}
}
