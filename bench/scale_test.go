package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/ranged"
	"github.com/npy2d/npy2d/stream"
)

// Scale benchmarks: row ranges of one 1 GiB file from several
// goroutines against copy(), creating a 100 GiB sparse mapped array
// against a 1 MiB one, and appending 1 GiB in blocks against WriteTo of
// the same bytes. The figures are in BENCHMARKS.md's "Scale" section.

const (
	scaleCols  = 1024           // 8 KiB rows of float64
	scaleRows  = 1 << 30 / 8192 // 1 GiB
	scaleBlock = 4 << 20 / 8192 // rows per ReadRows or append: 4 MiB
	scaleBytes = scaleRows * 8192
)

// scaleNPY writes a 1 GiB .npy file of float64 into a temporary folder.
func scaleNPY(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "scale.npy")
	m, err := mmap.Create(path, generated.Float64DType, scaleRows, scaleCols)
	if err != nil {
		b.Fatal(err)
	}
	x := m.Array().(*generated.Float64Array2D)
	for i := range x.Data {
		x.Data[i] = float64(i)
	}
	if err := m.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkScaleRowRanges reads every row of a 1 GiB .npy file (in the page
// cache after the first pass) through ranged, each of g goroutines reading
// its own quarter, eighth, ... in 4 MiB ReadRows calls.
func BenchmarkScaleRowRanges(b *testing.B) {
	path := scaleNPY(b)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	r, err := ranged.Open(f, fi.Size())
	if err != nil {
		b.Fatal(err)
	}
	for _, g := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("goroutines=%d", g), func(b *testing.B) {
			bufs := make([][]byte, g)
			for k := range bufs {
				bufs[k] = make([]byte, scaleBlock*r.RowLen())
			}
			b.SetBytes(scaleBytes)
			b.ResetTimer()
			for range b.N {
				var wg sync.WaitGroup
				errs := make([]error, g)
				for k := range g {
					wg.Add(1)
					go func(k int) {
						defer wg.Done()
						lo, hi := k*scaleRows/g, (k+1)*scaleRows/g
						for i := lo; i < hi; i += scaleBlock {
							j := min(i+scaleBlock, hi)
							if err := r.ReadRows(bufs[k][:(j-i)*r.RowLen()], i, j); err != nil {
								errs[k] = err
								return
							}
						}
					}(k)
				}
				wg.Wait()
				for _, err := range errs {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkScaleCopy is the bound for BenchmarkScaleRowRanges: copy() of
// 1 GiB of memory in 4 MiB pieces into one reused 4 MiB buffer.
func BenchmarkScaleCopy(b *testing.B) {
	src := make([]byte, scaleBytes)
	for i := range src {
		src[i] = byte(i)
	}
	dst := make([]byte, scaleBlock*8192)
	b.SetBytes(scaleBytes)
	b.ResetTimer()
	for range b.N {
		for off := 0; off < len(src); off += len(dst) {
			copy(dst, src[off:])
		}
	}
}

// BenchmarkScaleCreate creates a mapped float64 array as a sparse file,
// writes one element, and closes it: the time does not grow with the size.
func BenchmarkScaleCreate(b *testing.B) {
	dir := b.TempDir()
	for _, c := range []struct {
		name string
		rows int
	}{{"1MiB", 1 << 20 / 8192}, {"100GiB", 100 << 30 / 8192}} {
		b.Run(c.name, func(b *testing.B) {
			path := filepath.Join(dir, c.name+".npy")
			for range b.N {
				m, err := mmap.Create(path, generated.Float64DType, c.rows, scaleCols)
				if err != nil {
					b.Fatal(err)
				}
				m.Array().(*generated.Float64Array2D).Data[c.rows*scaleCols-1] = 1
				if err := m.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			os.Remove(path)
		})
	}
}

// BenchmarkScaleAppend appends 1 GiB to an empty .npy file in 4 MiB blocks
// with stream.OpenAppend and Close (which syncs), against WriteTo of the
// same 1 GiB array into a new file followed by a sync.
func BenchmarkScaleAppend(b *testing.B) {
	a := generated.NewFloat64Array2D(scaleRows, scaleCols)
	for i := range a.Data {
		a.Data[i] = float64(i)
	}
	empty, _ := generated.NewFloat64Array2D(0, scaleCols).MarshalBinary()
	dir := b.TempDir()
	path := filepath.Join(dir, "a.npy")
	b.Run("append", func(b *testing.B) {
		b.SetBytes(scaleBytes)
		for range b.N {
			b.StopTimer()
			if err := os.WriteFile(path, empty, 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			ap, err := stream.OpenAppend(path)
			if err != nil {
				b.Fatal(err)
			}
			data := a.Bytes()
			for off := 0; off < len(data); off += scaleBlock * 8192 {
				if err := ap.WriteRows(data[off:min(off+scaleBlock*8192, len(data))]); err != nil {
					b.Fatal(err)
				}
			}
			if err := ap.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("WriteTo", func(b *testing.B) {
		b.SetBytes(scaleBytes)
		for range b.N {
			f, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := a.WriteTo(f); err != nil {
				b.Fatal(err)
			}
			if err := f.Sync(); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}
