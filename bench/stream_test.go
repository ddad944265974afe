package bench

import (
	"bytes"
	"io"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/stream"
)

// Streaming (package stream) against the whole-array codec. The benchmarks move a float64 1000 x 1000 array (8 MB) in blocks of 100
// rows, against the whole-array WriteTo and ReadFrom of the generated type.
const benchRows, benchCols, benchBlock = 1000, 1000, 100

func benchArray() *generated.Float64Array2D {
	a := generated.NewFloat64Array2D(benchRows, benchCols)
	for i := range a.Data {
		a.Data[i] = float64(i)
	}
	return a
}

// memFile is an in-memory WriteSeeker that copies what it is given into
// storage reused from run to run, so that write benchmarks measure the
// copy a real destination makes, not a discard.
type memFile struct {
	b   []byte
	off int
}

func (m *memFile) Write(p []byte) (int, error) {
	if end := m.off + len(p); end > len(m.b) {
		if end > cap(m.b) {
			m.b = append(m.b[:cap(m.b)], make([]byte, end-cap(m.b))...)
		}
		m.b = m.b[:end]
	}
	m.off += copy(m.b[m.off:], p)
	return len(p), nil
}

func (m *memFile) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += int64(m.off)
	case io.SeekEnd:
		off += int64(len(m.b))
	}
	m.off = int(off)
	return off, nil
}

func (m *memFile) reset() { m.b, m.off = m.b[:0], 0 }

// BenchmarkStreamWrite writes the array 100 rows at a time with a Writer
// into memory, header fixed at Close.
func BenchmarkStreamWrite(b *testing.B) {
	a := benchArray()
	data := a.Bytes()
	step := benchBlock * benchCols * 8
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	// Sized before the timer: growing it inside would time the page faults
	// of fresh memory (about 15 µs each on small VMs), not the writer.
	dst := memFile{b: make([]byte, 0, len(a.Bytes())+4096)}
	for b.Loop() {
		dst.reset()
		w, err := stream.NewWriter(&dst, a.DType(), benchCols)
		if err != nil {
			b.Fatal(err)
		}
		for off := 0; off < len(data); off += step {
			if err := w.WriteRows(data[off : off+step]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreamWriteTo writes the array whole with WriteTo into memory:
// the baseline.
func BenchmarkStreamWriteTo(b *testing.B) {
	a := benchArray()
	b.SetBytes(int64(len(a.Bytes())))
	b.ReportAllocs()
	// Sized before the timer: growing it inside would time the page faults
	// of fresh memory (about 15 µs each on small VMs), not the writer.
	dst := memFile{b: make([]byte, 0, len(a.Bytes())+4096)}
	for b.Loop() {
		dst.reset()
		if _, err := a.WriteTo(&dst); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreamRead reads the file 100 rows at a time with Next. Each
// run makes a new Reader, so it includes sizing one block's storage.
func BenchmarkStreamRead(b *testing.B) {
	benchBlocks(b, func(r *stream.Reader) error {
		_, err := r.Next(benchBlock)
		return err
	})
}

// BenchmarkStreamReadRows reads the file 100 rows at a time with ReadRows
// into one buffer.
func BenchmarkStreamReadRows(b *testing.B) {
	buf := make([]byte, benchBlock*benchCols*8)
	benchBlocks(b, func(r *stream.Reader) error {
		_, err := r.ReadRows(buf)
		return err
	})
}

// benchBlocks times reading the whole file through a new Reader per run,
// one block per call of next, until next returns io.EOF.
func benchBlocks(b *testing.B, next func(*stream.Reader) error) {
	file := benchFile(b)
	src := bytes.NewReader(file)
	b.SetBytes(benchRows * benchCols * 8)
	b.ReportAllocs()
	for b.Loop() {
		src.Reset(file)
		r, err := stream.NewReader(src)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if err := next(r); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkStreamReadFrom reads the file whole with ReadFrom into a reused
// array: the baseline.
func BenchmarkStreamReadFrom(b *testing.B) {
	file := benchFile(b)
	src := bytes.NewReader(file)
	var a generated.Float64Array2D
	b.SetBytes(benchRows * benchCols * 8)
	b.ReportAllocs()
	for b.Loop() {
		src.Reset(file)
		if _, err := a.ReadFrom(src); err != nil {
			b.Fatal(err)
		}
	}
}

func benchFile(b *testing.B) []byte {
	var buf bytes.Buffer
	if _, err := benchArray().WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
