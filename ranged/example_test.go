package ranged_test

import (
	"bytes"
	"fmt"
	"log"
	"os"

	"github.com/npy2d/npy2d"
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

// README's distributed pattern: each worker of a job opens the array where
// it lies and reads its own partition of the rows, never the file.
func ExampleOpen() {
	defer inTempDir()()
	features := generated.NewFloat32Array2D(6, 2)
	for i := range features.Data {
		features.Data[i] = float32(i)
	}
	if err := npy2d.SaveNPY("features.npy", features); err != nil { // np.save's bytes
		log.Fatal(err)
	}

	k, n := 1, 3                      // this is worker 1 of 3: rows [k*rows/n, (k+1)*rows/n)
	f, err := os.Open("features.npy") // any io.ReaderAt: an *os.File, a minio-go *Object, an httprange.ReaderAt
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		log.Fatal(err)
	}
	r, err := ranged.Open(f, st.Size()) // reads the header: one ReadAt of at most 1 KiB
	if err != nil {
		log.Fatal(err)
	}
	rows, _ := r.Shape()
	part := generated.NewFloat32Array2D(0, 0)
	if err := r.ReadInto(part, k*rows/n, (k+1)*rows/n); err != nil { // one ReadAt: this partition only
		log.Fatal(err)
	}
	fmt.Println(part.Rows, part.Data)
	// Output: 2 [4 5 6 7]
}

// inTempDir makes a new temporary folder the working directory, as if the
// Python side had just saved its files there. The func it returns restores
// the working directory and removes the folder.
func inTempDir() func() {
	dir, err := os.MkdirTemp("", "ranged-example")
	if err != nil {
		log.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		log.Fatal(err)
	}
	return func() {
		if err := os.Chdir(wd); err != nil {
			log.Fatal(err)
		}
		os.RemoveAll(dir)
	}
}
