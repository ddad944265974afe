package typed

import (
	"bytes"
	"unsafe"
)

// Fortran-order files are C-order matrices of the transposed shape, so
// reading one is a transpose. It runs in square tiles, moving whole items as
// fixed-size arrays (one load and one store each, no copy() call per item).
// A tile goes through a small buffer on the stack: read row by row from the
// source, written row by row to the destination, so that each side is read
// or written in runs of at least a cache line and no line is needed twice.
// Going straight from source to destination instead would keep a tile's
// lines of both in the cache at once, and the power-of-two strides of
// typical shapes map them all to the same cache set, which thrashes.

// transpose turns a C-order (rows, cols) matrix of size-byte items into its
// transpose in place, through a copy of b that is never zeroed (bytes.Clone
// allocates and copies in one step).
func transpose(b []byte, rows, cols, size int) {
	transposeInto(b, rows, bytes.Clone(b), cols, rows, cols, size)
}

// transposeInto writes the transpose of the n x m matrix of size-byte items
// in src, whose rows start sstride items apart, into dst, whose rows start
// dstride items apart: item (j, i) of dst is item (i, j) of src.
func transposeInto(dst []byte, dstride int, src []byte, sstride int, n, m, size int) {
	if n == 0 || m == 0 {
		return
	}
	switch size {
	case 1:
		tposeItems(items[[1]byte](dst), dstride, items[[1]byte](src), sstride, n, m)
	case 2:
		tposeItems(items[[2]byte](dst), dstride, items[[2]byte](src), sstride, n, m)
	case 4:
		tposeItems(items[[4]byte](dst), dstride, items[[4]byte](src), sstride, n, m)
	case 8:
		tposeItems(items[[8]byte](dst), dstride, items[[8]byte](src), sstride, n, m)
	case 16:
		tposeItems(items[[16]byte](dst), dstride, items[[16]byte](src), sstride, n, m)
	default:
		// Items of any other width (such as strings, 4 bytes a character)
		// move one copy() each, a row of the source at a time.
		for i := range n {
			for j := range m {
				d, s := (j*dstride+i)*size, (i*sstride+j)*size
				copy(dst[d:d+size], src[s:s+size])
			}
		}
	}
}

// items views b as items of N bytes. [N]byte has alignment 1, so any b
// qualifies, and it holds no pointers.
func items[E [1]byte | [2]byte | [4]byte | [8]byte | [16]byte](b []byte) []E {
	var zero E
	if len(b) < len(zero) {
		return nil
	}
	return unsafe.Slice((*E)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/len(zero))
}

func tposeItems[E [1]byte | [2]byte | [4]byte | [8]byte | [16]byte](dst []E, dstride int, src []E, sstride int, n, m int) {
	var local [tileBytes]byte
	var zero E
	t := max(64/len(zero), 8) // items a side: a cache line or more, and at most 4 KB in all
	tb := items[E](local[:])[:t*t]
	// Bounds, once: the last item each side touches.
	_ = src[(n-1)*sstride+m-1]
	_ = dst[(m-1)*dstride+n-1]
	for i0 := 0; i0 < n; i0 += t {
		ni := min(t, n-i0)
		for j0 := 0; j0 < m; j0 += t {
			nj := min(t, m-j0)
			// Source rows i0.. into the buffer, transposed.
			for i := range ni {
				row := src[(i0+i)*sstride+j0:][:nj]
				for j, v := range row {
					tb[j*t+i] = v
				}
			}
			// The buffer's rows out as destination rows j0...
			for j := range nj {
				copy(dst[(j0+j)*dstride+i0:][:ni], tb[j*t:][:ni])
			}
		}
	}
}

// tileBytes is the size of the tile buffer: 8x8 items of 16 bytes, 64x64
// of 1 byte.
const tileBytes = 4096
