//go:build !unix || npy2d_nommap

package mmap

import (
	"os"
	"unsafe"
)

// mapsFiles is false: this platform has no mmap here, so the data is read.
const mapsFiles = false

// mapRange reads n bytes of f from byte off into memory aligned for any
// element type. The caller has checked that the file holds them, so the
// allocation is bounded by the file, not by a header's claim.
func mapRange(f *os.File, off int64, n int, _ Mode) (region, data []byte, err error) {
	words := make([]uint64, (n+7)/8)
	buf := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), len(words)*8)[:n:n]
	if _, err := f.ReadAt(buf, off); err != nil {
		return nil, nil, err // an *fs.PathError: "read path: ..."
	}
	return buf, buf, nil
}

func unmapRange([]byte) error { return nil }

// writeBack writes a ReadWrite array's data, read into memory by mapRange,
// to the file, as unmapping a shared mapping would leave it.
func writeBack(f *os.File, data []byte, off int64) error {
	_, err := f.WriteAt(data, off) // an *fs.PathError: "write path: ..."
	return err
}

// syncRange writes the data back; Flush then syncs the file.
func syncRange(f *os.File, _, data []byte, off int64) error { return writeBack(f, data, off) }
