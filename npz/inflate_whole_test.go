//go:build cgo && libdeflate

package npz

import (
	"archive/zip"
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// compressedArchive is np.savez_compressed's layout of arrays a0, a1, ...
func compressedArchive(t *testing.T, arrays ...typed.Array) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Compressed = true
	for i, a := range arrays {
		if err := w.Add("a"+string(rune('0'+i)), a); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readBoth reads member name of archive inflated whole and streamed.
func readBoth(t *testing.T, archive []byte, name string) (whole, stream []byte, wholeErr, streamErr error) {
	t.Helper()
	read := func(max uint64) ([]byte, error) {
		defer func(old uint64) { wholeMax = old }(wholeMax)
		wholeMax = max
		r, err := NewReader(bytes.NewReader(archive), int64(len(archive)))
		if err != nil {
			return nil, err
		}
		a, err := r.Array(name)
		if err != nil {
			return nil, err
		}
		return a.Bytes(), nil
	}
	whole, wholeErr = read(1 << 62)
	stream, streamErr = read(0)
	return
}

// TestWholeInflateMatchesStream: libdeflate's whole-member path reads
// every dtype, shape and compressibility as klauspost's stream does.
func TestWholeInflateMatchesStream(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var arrays []typed.Array
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: numpy's archives in TestReadNumpyArchives
			continue
		}
		for _, shape := range [][2]int{{0, 3}, {1, 1}, {7, 5}, {300, 301}} {
			raw := make([]byte, shape[0]*shape[1]*dt.Size)
			for i := range raw {
				raw[i] = byte(rng.IntN(8)) // compressible, as data is
				if dt.Kind == 'b' {
					raw[i] &= 1
				}
			}
			order := typed.Impl.HostOrder()
			if dt.Size == 1 {
				order = '|'
			}
			h := typed.Header{DType: dt, Order: order, NDim: 2, Rows: shape[0], Cols: shape[1], DataLen: len(raw)}
			a, err := generated.ReadArrayData(bytes.NewReader(raw), h)
			if err != nil {
				t.Fatal(dt, err)
			}
			arrays = append(arrays, a)
		}
	}
	// Zeros deflate past the trusted ratio: that member streams in both.
	arrays = append(arrays, generated.NewFloat64Array2D(2000, 2000))
	for i := 0; i < len(arrays); i += 9 {
		chunk := arrays[i:min(i+9, len(arrays))]
		archive := compressedArchive(t, chunk...)
		for j, a := range chunk {
			name := "a" + string(rune('0'+j))
			whole, stream, werr, serr := readBoth(t, archive, name)
			if werr != nil || serr != nil {
				t.Fatalf("%s %s: whole %v, stream %v", name, a.DType(), werr, serr)
			}
			if !bytes.Equal(whole, a.Bytes()) || !bytes.Equal(stream, a.Bytes()) {
				t.Fatalf("%s %s: data differs", name, a.DType())
			}
		}
	}
}

// TestWholeInflateCorruptAgrees: every byte of a member's compressed data
// and of its records, corrupted, is refused or read alike by both paths
// (the whole path checks the checksum first, so its reason may differ).
func TestWholeInflateCorruptAgrees(t *testing.T) {
	a := generated.NewInt16Array2D(20, 30)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range a.Data {
		a.Data[i] = int16(rng.IntN(64))
	}
	archive := compressedArchive(t, a)
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	start, err := zr.File[0].DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	end := start + int64(zr.File[0].CompressedSize64)
	refused := 0
	for at := range int64(len(archive)) {
		for _, flip := range []byte{0x01, 0x80, 0xff} {
			bad := bytes.Clone(archive)
			bad[at] ^= flip
			whole, stream, werr, serr := readBoth(t, bad, "a0")
			switch {
			case (werr == nil) != (serr == nil):
				t.Fatalf("byte %d ^ %#x (data %d..%d): whole %v, stream %v", at, flip, start, end, werr, serr)
			case werr == nil && !bytes.Equal(whole, stream):
				t.Fatalf("byte %d ^ %#x: read differently", at, flip)
			case werr != nil:
				refused++
			}
		}
	}
	if refused == 0 {
		t.Fatal("no corruption refused")
	}
}

// TestWholeInflateBomb: a member that inflates past its declared size is
// left to the stream path, which refuses it at that size.
func TestWholeInflateBomb(t *testing.T) {
	a := generated.NewInt8Array2D(100, 100)
	for i := range a.Data {
		a.Data[i] = int8(i * 7)
	}
	archive := compressedArchive(t, a)
	r, err := NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.arrayWhole("a0"); !ok {
		t.Fatal("an honest member was not inflated whole")
	}
	f := r.files["a0"]
	f.UncompressedSize64 -= 10
	if _, ok := r.arrayWhole("a0"); ok {
		t.Fatal("a member larger than declared was inflated whole")
	}
	if _, err := r.Array("a0"); !errors.Is(err, typed.ErrFormat) {
		t.Fatalf("Array: %v", err)
	}
}
