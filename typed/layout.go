package typed

import "bytes"

// Fortran-order files are C-order matrices of the transposed shape, so
// reading one is a transpose: in cache-sized tiles, through vector
// registers where there is a kernel (transpose.go).

// transpose turns a C-order (rows, cols) matrix of size-byte items into its
// transpose in place, through a copy of b that is never zeroed (bytes.Clone
// allocates and copies in one step).
func transpose(b []byte, rows, cols, size int) {
	transposeInto(b, rows, bytes.Clone(b), cols, rows, cols, size)
}

// transposeInto writes the transpose of the n x m matrix of size-byte items
// in src, whose rows start sstride items apart, into dst, whose rows start
// dstride items apart: item (j, i) of dst is item (i, j) of src.
func transposeInto(dst []byte, dstride int, src []byte, sstride int, n, m int, size int) {
	tposeBlocked(dst, dstride, src, sstride, n, m, size, 0, false)
}
