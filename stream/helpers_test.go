package stream_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// plainReader hides Len and Seek, so that readers cannot tell how much data
// remains: a pipe or a socket.
type plainReader struct{ r io.Reader }

func (p plainReader) Read(b []byte) (int, error) { return p.r.Read(b) }

// discardSeeker is a WriteSeeker that keeps only its offset and size.
type discardSeeker struct{ off, size int64 }

func (d *discardSeeker) Write(b []byte) (int, error) {
	d.off += int64(len(b))
	d.size = max(d.size, d.off)
	return len(b), nil
}

func (d *discardSeeker) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += d.off
	case io.SeekEnd:
		off += d.size
	}
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	d.off = off
	return off, nil
}

// endless is a source of zero bytes that never ends: a header followed by
// it is a file of any length.
type endless struct{}

func (endless) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}

// rowsOf returns rows x cols values of dt as deterministic host-order bytes.
func rowsOf(dt typed.DType, rows, cols int) []byte {
	b := make([]byte, rows*cols*dt.Size)
	arraytest.Fill(b, dt)
	return b
}

// littleEndian returns host-order data as a file stores it.
func littleEndian(b []byte, dt typed.DType) []byte {
	return typed.Impl.HostOrderCopy(b, dt, '<') // the swap either way is the same
}

// readFile and writeFile are the shared fixture helpers.
var (
	readFile  = numpytest.ReadFile
	writeFile = numpytest.WriteFile
)

// sameBytes fails t with the first differing offset.
func sameBytes(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < min(len(got), len(want)) && got[i] == want[i] {
		i++
	}
	t.Fatalf("%s: %d bytes, want %d; first difference at byte %d:\n got %q\nwant %q",
		what, len(got), len(want), i, got[i:min(len(got), i+32)], want[i:min(len(want), i+32)])
}
