package stream_test

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/stream"
)

// ExampleWriter writes rows to a file as they come, without knowing how many
// there will be, then reads the file back two rows at a time.
func ExampleWriter() {
	defer inTempDir()()

	f, err := os.Create("rows.npy")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	w, err := stream.NewWriter(f, generated.Float64DType, 3) // f: any io.WriteSeeker
	if err != nil {
		log.Fatal(err)
	}
	for i := range 5 { // rows as they come, any number at a time
		row := &generated.Float64Array2D{Rows: 1, Cols: 3, Data: []float64{float64(i), 0.5, 1}}
		if err := w.Write(row); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil { // writes the final row count; f stays open
		log.Fatal(err)
	}

	// The file is np.save's; read it back in blocks of rows.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		log.Fatal(err)
	}
	r, err := stream.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	for {
		blk, err := r.Next(2) // up to 2 rows (thousands, in real use); storage reused
		if err == io.EOF {
			break // every row was read
		}
		if err != nil {
			log.Fatal(err) // a truncated file is an error wrapping io.ErrUnexpectedEOF
		}
		x := blk.(*generated.Float64Array2D)
		fmt.Println(x.Rows, x.Data)
	}
	// Output:
	// 2 [0 0.5 1 1 0.5 1]
	// 2 [2 0.5 1 3 0.5 1]
	// 1 [4 0.5 1]
}

// ExampleNewWriterN streams to a writer that cannot seek, such as a pipe
// or a socket, when the row count is known before the first row.
func ExampleNewWriterN() {
	var conn bytes.Buffer // stands for a network connection
	w, err := stream.NewWriterN(&conn, generated.Int32DType, 1000, 2)
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

// inTempDir makes a new temporary folder the working directory, as if the
// Python side had just saved its files there. The func it returns restores
// the working directory and removes the folder.
func inTempDir() func() {
	dir, err := os.MkdirTemp("", "stream-example")
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
