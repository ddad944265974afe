package bench

import (
	"bufio"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/typed"
)

// BenchmarkOpenMapped/<how>/<size> opens a float64 .npy file of 1 MiB or
// 1 GiB, gets its typed array and releases it:
//
//   - mmap: mmap.Open, read the last element, Close. The claim of issue 5:
//     this costs the same at both sizes.
//   - mmap-pages: the same, reading one float64 in every 4 KiB page, so
//     every page is faulted in: the cost a mapping defers to access rather
//     than avoids. It measures the mapping, not arithmetic: a serial sum of
//     every element (what this row once did) runs at the speed of one
//     dependent add per element, far below memory bandwidth.
//   - read: generated.ReadNPY of the whole file (from the page cache, as
//     the file was just written), which grows with the size.
//
// The files live in b.TempDir, removed when the benchmark ends.
func BenchmarkOpenMapped(b *testing.B) {
	if !typed.Impl.LittleEndianHost() {
		b.Skip("little-endian files do not map on a big-endian host")
	}
	dir := b.TempDir()
	for _, size := range []struct {
		name string
		rows int // of 1024 float64: 8 KiB each
	}{{"1MiB", 128}, {"1GiB", 128 << 10}} {
		path := filepath.Join(dir, size.name+".npy")
		writeFloat64NPY(b, path, size.rows, 1024)
		bytes := int64(size.rows) * 1024 * 8

		b.Run("mmap/"+size.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m, err := mmap.Open(path, mmap.ReadOnly)
				if err != nil {
					b.Fatal(err)
				}
				x := m.Array().(*generated.Float64Array2D)
				mmapSink += x.Data[len(x.Data)-1]
				m.Close()
			}
		})
		b.Run("mmap-pages/"+size.name, func(b *testing.B) {
			b.SetBytes(bytes)
			b.ReportAllocs()
			for b.Loop() {
				m, err := mmap.Open(path, mmap.ReadOnly)
				if err != nil {
					b.Fatal(err)
				}
				data := m.Array().(*generated.Float64Array2D).Data
				var s float64
				for i := 0; i < len(data); i += pageSize / 8 {
					s += data[i]
				}
				mmapSink += s
				m.Close()
			}
		})
		b.Run("read/"+size.name, func(b *testing.B) {
			b.SetBytes(bytes)
			b.ReportAllocs()
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				a, err := generated.ReadNPY(f)
				f.Close()
				if err != nil {
					b.Fatal(err)
				}
				x := a.(*generated.Float64Array2D)
				mmapSink += x.Data[len(x.Data)-1]
			}
		})
	}
}

// mmapSink keeps the compiler from dropping the reads.
var mmapSink float64

// writeFloat64NPY writes a rows x cols float64 .npy file of non-zero data
// a chunk at a time, so a 1 GiB file needs no 1 GiB buffer (and is not
// sparse: every page is on disk).
func writeFloat64NPY(b *testing.B, path string, rows, cols int) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := w.Write(typed.Impl.AppendHeader(nil, generated.Float64DType, 2, rows, cols)); err != nil {
		b.Fatal(err)
	}
	row := make([]byte, cols*8)
	for i := range rows {
		for j := range cols {
			binary.LittleEndian.PutUint64(row[j*8:], math.Float64bits(float64(i*cols+j)))
		}
		if _, err := w.Write(row); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}
