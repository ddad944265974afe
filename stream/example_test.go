package stream_test

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/stream"
	"github.com/npy2d/npy2d/typed"
)

// ExampleWriter writes rows to a file as they come, without knowing how many
// there will be, then reads the file back two rows at a time.
func ExampleWriter() {
	f, err := os.CreateTemp("", "rows-*.npy")
	if err != nil {
		log.Fatal(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()

	w, err := stream.NewWriter(f, typed.MustDType("float64"), 3)
	if err != nil {
		log.Fatal(err)
	}
	row := generated.NewFloat64Array2D(1, 3)
	for i := 0; i < 5; i++ {
		row.Data[0], row.Data[1], row.Data[2] = float64(i), float64(i)/2, float64(i*i)
		if err := w.Write(row); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil { // writes the row count into the header
		log.Fatal(err)
	}

	// The file is now what np.save writes; np.load(f.name) reads it.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		log.Fatal(err)
	}
	r, err := stream.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	h := r.Header()
	fmt.Printf("%s (%d, %d)\n", h.DType, h.Rows, h.Cols)
	for {
		blk, err := r.Next(2)
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(blk.(*generated.Float64Array2D).Data)
	}
	// Output:
	// float64 (5, 3)
	// [0 0 0 1 0.5 1]
	// [2 1 4 3 1.5 9]
	// [4 2 16]
}

// ExampleNewWriterN streams to a writer that cannot seek, such as a pipe
// or a socket, when the row count is known before the first row.
func ExampleNewWriterN() {
	var conn bytes.Buffer // stands for a network connection
	w, err := stream.NewWriterN(&conn, typed.MustDType("int32"), 1000, 2)
	if err != nil {
		log.Fatal(err)
	}
	block := generated.NewInt32Array2D(250, 2)
	for i := 0; i < 4; i++ {
		if err := w.Write(block); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil { // fails unless exactly 1000 rows were written
		log.Fatal(err)
	}
	fmt.Println(conn.Len(), "bytes")
	// Output:
	// 8128 bytes
}
