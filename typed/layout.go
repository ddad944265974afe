package typed

// transpose turns a C-order (rows, cols) matrix of size-byte items into its
// transpose in place, through a copy. Fortran-order files are C-order
// matrices of the transposed shape, so this is all reading them takes.
func transpose(b []byte, rows, cols, size int) {
	src := make([]byte, len(b))
	copy(src, b)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			s := (i*cols + j) * size
			d := (j*rows + i) * size
			copy(b[d:d+size], src[s:s+size])
		}
	}
}
