package ranged_test

import (
	"bytes"
	"fmt"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/ranged"
)

// Workers read their own rows of one array from any io.ReaderAt: here a
// bytes.Reader; in a distributed job an *os.File, a minio-go *Object or
// an httprange.ReaderAt.
func ExampleReader_ReadInto() {
	a := generated.NewInt32Array2D(6, 2)
	for i := range a.Data {
		a.Data[i] = int32(i)
	}
	file, _ := a.MarshalBinary() // what np.save writes

	r, err := ranged.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		panic(err)
	}
	rows, cols := r.Shape()
	fmt.Println(r.Header().DType, rows, cols)
	part := generated.NewInt32Array2D(0, 0)
	for k := range 3 { // worker k of 3
		if err := r.ReadInto(part, k*rows/3, (k+1)*rows/3); err != nil {
			panic(err)
		}
		fmt.Println(k, part.Data)
	}
	// Output:
	// int32 6 2
	// 0 [0 1 2 3]
	// 1 [4 5 6 7]
	// 2 [8 9 10 11]
}
