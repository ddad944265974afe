package npz_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/npz"
)

// Write an archive as np.savez(path, ids, weights=w) does, then list it and
// decode one array, as np.load(path)["weights"] does.
func Example() {
	dir, err := os.MkdirTemp("", "npz")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "model.npz")

	w, err := npz.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	weights := generated.NewFloat64Array2D(2, 3)
	weights.Set(1, 2, 0.5)
	ids := &generated.Int64Array2D{Rows: 1, Cols: 3, Data: []int64{7, 8, 9}}
	if err := w.Add("weights", weights); err != nil {
		log.Fatal(err)
	}
	if err := w.Add("", ids); err != nil { // no name: numpy's arr_0
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	r, err := npz.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	for _, e := range r.Entries() {
		fmt.Printf("%s: %s (%d, %d), data at byte %d\n", e.Name, e.DType, e.Rows, e.Cols, e.FileOffset)
	}
	a, err := r.Array("weights")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.(*generated.Float64Array2D).At(1, 2))
	// Output:
	// weights: float64 (2, 3), data at byte 192
	// arr_0: int64 (1, 3), data at byte 448
	// 0.5
}

// np.savez_compressed: set Compressed before adding.
func ExampleWriter_compressed() {
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	w.Compressed = true
	if err := w.Add("zeros", generated.NewFloat32Array2D(100, 100)); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	r, err := npz.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	e := r.Entries()[0]
	fmt.Println(e.Name, e.Compressed, e.Size, e.CompressedSize < e.Size/10)
	// Output:
	// zeros true 40128 true
}

// ReadInto decodes into an array the caller holds, reusing its storage.
func ExampleReader_ReadInto() {
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	if err := w.Add("m", &generated.Int32Array2D{Rows: 2, Cols: 2, Data: []int32{1, 2, 3, 4}}); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	r, err := npz.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}

	var m generated.Int32Array2D
	if err := r.ReadInto("m", &m); err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Row(1))
	var wrong generated.Float64Array2D
	fmt.Println(r.ReadInto("m", &wrong))
	// Output:
	// [3 4]
	// npz: member "m.npy": typed: dtype mismatch: the input holds int32 (<i4), the reader wants float64 (<f8)
}
