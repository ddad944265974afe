package stream_test

import (
	"bytes"
	"errors"
	"io"
	"math"
	"runtime"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/stream"
	"github.com/npy2d/npy2d/typed"
)

// endlessFile returns a source whose header declares rows x cols of descr
// and whose data never ends.
func endlessFile(t *testing.T, descr string, rows, cols int) io.Reader {
	t.Helper()
	dt, order, err := typed.ParseDType(descr)
	if err != nil {
		t.Fatal(err)
	}
	hdr := typed.Impl.AppendHeader(nil, dt, 2, rows, cols)
	if order == '>' {
		hdr = bytes.Replace(hdr, []byte("'<"), []byte("'>"), 1)
	}
	return io.MultiReader(bytes.NewReader(hdr), endless{})
}

// TestSteadyStateAllocs checks that reading and writing blocks allocates
// nothing once the first block has sized the storage, in both byte orders
// (one of them swaps on any host) and for bool, which is checked.
func TestSteadyStateAllocs(t *testing.T) {
	for _, descr := range []string{"<f8", ">f8", "|b1", ">c16"} {
		r, err := stream.NewReader(endlessFile(t, descr, math.MaxInt/1024, 16))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Next(256); err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() {
			if _, err := r.Next(256); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: Next allocates %v times per block", descr, n)
		}
		buf := make([]byte, 256*16*r.Header().DType.Size)
		if n := testing.AllocsPerRun(100, func() {
			if _, err := r.ReadRows(buf); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: ReadRows allocates %v times per block", descr, n)
		}
	}

	dt := typed.Impl.MustDType("float64")
	w, err := stream.NewWriter(&discardSeeker{}, dt, 16)
	if err != nil {
		t.Fatal(err)
	}
	blk := generated.NewFloat64Array2D(256, 16)
	if n := testing.AllocsPerRun(100, func() {
		if err := w.WriteRows(blk.Bytes()); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(blk); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("WriteRows and Write allocate %v times per block", n)
	}
}

// TestHostileRowCount reads a header that claims 10^12 rows (32 TB; less on
// 32-bit platforms, which cannot address that) followed
// by 4 KiB of data, asking for absurd blocks: memory stays near what
// arrived, and the read ends with io.ErrUnexpectedEOF. A Limits cap refuses
// the header outright.
func TestHostileRowCount(t *testing.T) {
	dt := typed.Impl.MustDType("float64")
	const rows, cols = min(1_000_000_000_000, math.MaxInt/64), 4
	file := append(typed.Impl.AppendHeader(nil, dt, 2, rows, cols), make([]byte, 4096)...)
	sources := map[string]func() io.Reader{
		"sized":   func() io.Reader { return bytes.NewReader(file) },
		"unsized": func() io.Reader { return plainReader{bytes.NewReader(file)} },
	}
	for name, src := range sources {
		for _, block := range []int{1 << 16, math.MaxInt / 2, rows} {
			allocated := measure(func() {
				r, err := stream.NewReader(src())
				if err != nil {
					t.Fatal(err)
				}
				_, err = r.Next(block)
				if !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("%s, Next(%d): %v, want io.ErrUnexpectedEOF", name, block, err)
				}
			})
			t.Logf("%s, Next(%d): %d bytes allocated", name, block, allocated)
			if allocated > 2<<20 {
				t.Errorf("%s, Next(%d): allocated %d bytes for 4 KiB of data", name, block, allocated)
			}
		}
		allocated := measure(func() {
			r, err := stream.NewReader(src())
			if err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 64<<10)
			got := 0
			for {
				n, err := r.ReadRows(buf)
				got += n
				if err != nil {
					// The first block asks for 2048 rows and fails whole.
					if !errors.Is(err, io.ErrUnexpectedEOF) || got != 0 {
						t.Fatalf("%s, ReadRows: %v after %d rows, want io.ErrUnexpectedEOF after none", name, err, got)
					}
					break
				}
			}
		})
		if allocated > 1<<20 {
			t.Errorf("%s, ReadRows: allocated %d bytes", name, allocated)
		}
	}
	lim := typed.Limits{MaxHeaderLen: 10000, MaxDataBytes: 1 << 20}
	if _, err := stream.NewReaderWithLimits(bytes.NewReader(file), lim); !errors.Is(err, typed.ErrLimit) {
		t.Fatalf("NewReaderWithLimits with a 1 MiB cap: %v, want typed.ErrLimit", err)
	}
}

// measure returns the bytes f allocates.
func measure(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
