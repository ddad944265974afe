package stream_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/stream"
)

// Rows are appended to a file that np.save (here WriteTo) wrote; the file
// is then np.save's file of all the rows.
func ExampleOpenAppend() {
	dir, _ := os.MkdirTemp("", "append")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "log.npy")
	first := generated.NewFloat64Array2D(2, 3)
	f, _ := os.Create(path)
	first.WriteTo(f)
	f.Close()

	a, err := stream.OpenAppend(path)
	if err != nil {
		panic(err)
	}
	more := generated.NewFloat64Array2D(4, 3)
	more.Set(3, 2, 9)
	if err := a.Write(more); err != nil {
		panic(err)
	}
	if err := a.Close(); err != nil {
		panic(err)
	}
	f, _ = os.Open(path)
	all, _ := generated.ReadNPY(f)
	f.Close()
	rows, cols := all.Shape()
	fmt.Println(rows, cols, all.(*generated.Float64Array2D).At(5, 2))
	// Output: 6 3 9
}
