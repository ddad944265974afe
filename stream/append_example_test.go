package stream_test

import (
	"fmt"
	"log"

	"github.com/npy2d/npy2d"
	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/stream"
)

// Rows are appended to a file that np.save (here npy2d.SaveNPY) wrote; the
// file is then np.save's file of all the rows.
func ExampleOpenAppend() {
	defer inTempDir()()
	if err := npy2d.SaveNPY("log.npy", generated.NewFloat64Array2D(2, 3)); err != nil {
		log.Fatal(err)
	}

	a, err := stream.OpenAppend("log.npy")
	if err != nil {
		log.Fatal(err)
	}
	batch := generated.NewFloat64Array2D(4, 3) // rows with the file's dtype and columns
	batch.Set(3, 2, 9)
	if err := a.Write(batch); err != nil { // any number of times; a.Commit() makes them durable so far
		log.Fatal(err)
	}
	if err := a.Close(); err != nil { // syncs the rows, rewrites the count, syncs again
		log.Fatal(err)
	}

	all, err := npy2d.LoadNPY("log.npy")
	if err != nil {
		log.Fatal(err)
	}
	rows, cols := all.Shape()
	fmt.Println(rows, cols, all.(*generated.Float64Array2D).At(5, 2))
	// Output: 6 3 9
}
