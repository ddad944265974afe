package npz_test

import (
	"archive/zip"
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/npz"
)

func smallValues(rows, cols int) *generated.Int8Array2D {
	rng := rand.New(rand.NewPCG(1, 2))
	a := generated.NewInt8Array2D(rows, cols)
	for i := range a.Data {
		a.Data[i] = int8(rng.NormFloat64() * 3)
	}
	return a
}

// TestCompressedReadAllocatesOnce: a deflated member is decoded into
// storage allocated once, at its final size, and read again into that
// storage without allocating it again.
func TestCompressedReadAllocatesOnce(t *testing.T) {
	a := smallValues(1000, 2000)
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	w.Compressed = true
	if err := w.Add("a", a); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	r, err := npz.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	r.Array("a") // warm the inflater pool
	var got *generated.Int8Array2D
	n := allocated(func() {
		x, err := r.Array("a")
		if err != nil {
			t.Fatal(err)
		}
		got = x.(*generated.Int8Array2D)
	})
	size := uint64(len(a.Data))
	most := size + size/8
	if wholeInflate {
		most += uint64(r.Entries()[0].CompressedSize)
	}
	if n < size || n > most {
		t.Errorf("Array allocated %d bytes for a %d-byte array", n, size)
	}
	if !bytes.Equal(got.Bytes(), a.Bytes()) {
		t.Fatal("data differs")
	}
	if n := allocated(func() {
		if err := r.ReadInto("a", got); err != nil {
			t.Fatal(err)
		}
	}); n > 64<<10 {
		t.Errorf("ReadInto an array of the right size allocated %d bytes", n)
	}
}

// TestReadsStdlibDeflate: members deflated by compress/flate (archive/zip's
// own compressor), as other tools write them, read as before.
func TestReadsStdlibDeflate(t *testing.T) {
	a := smallValues(300, 301)
	var npy bytes.Buffer
	a.WriteTo(&npy)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"x.npy", "y.npy"} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(npy.Bytes())
	}
	zw.Close()
	r, err := npz.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"x", "y", "x"} {
		x, err := r.Array(name)
		if err != nil || !bytes.Equal(x.Bytes(), a.Bytes()) {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

// TestCompressorReused: many deflated members in one archive, each read
// back, with the compressor reset between them.
func TestCompressorReused(t *testing.T) {
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	w.Compressed = true
	var arrays []*generated.Int8Array2D
	for i := range 5 {
		a := smallValues(10+i*37, 3+i)
		arrays = append(arrays, a)
		if err := w.Add("", a); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := npz.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range r.Entries() {
		x, err := r.Array(e.Name)
		if err != nil || !bytes.Equal(x.Bytes(), arrays[i].Bytes()) {
			t.Fatalf("%s: %v", e.Name, err)
		}
	}
}
