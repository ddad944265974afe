// Package features is an example consumer of npy2d: a feature matrix that a
// Python pipeline saves with np.save and this package reads, summarises and
// writes back, with typed arrays generated into this package for only the
// dtypes it uses.
//
// Two generator runs share the package: matrices of float32 and int64 with
// the plain dispatch names (ReadNPY, FromBytes, ...), and float64 vectors
// whose dispatch functions are prefixed (VectorReadNPY, ...) so that the
// two sets do not collide.
package features

//go:generate go run github.com/npy2d/npy2d/gen -dtypes float32,int64 -type %sMatrix
//go:generate go run github.com/npy2d/npy2d/gen -dtypes float64 -type %sVector -dispatch Vector -o npy2d_vectors.go

// RowMeans returns the mean of each row, as numpy's m.mean(axis=1) in
// float32 arithmetic order would, accumulated in float64.
func RowMeans(m *Float32Matrix) []float64 {
	means := make([]float64, m.Rows)
	for i := range means {
		var sum float64
		for _, v := range m.Row(i) {
			sum += float64(v)
		}
		if m.Cols > 0 {
			means[i] = sum / float64(m.Cols)
		}
	}
	return means
}

// Labels counts how often each label occurs in a column of int64 labels.
func Labels(m *Int64Matrix, col int) map[int64]int {
	counts := map[int64]int{}
	for i := 0; i < m.Rows; i++ {
		counts[m.At(i, col)]++
	}
	return counts
}
