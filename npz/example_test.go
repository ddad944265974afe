package npz_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
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
	var got generated.Float64Array2D
	if err := r.ReadInto("weights", &got); err != nil { // r.Array("weights") for any dtype
		log.Fatal(err)
	}
	fmt.Println(got.At(1, 2))
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

// inTempDir makes a new temporary folder the working directory, as if the
// Python side had just saved its files there. The func it returns restores
// the working directory and removes the folder.
func inTempDir() func() {
	dir, err := os.MkdirTemp("", "npz-example")
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

// saveArchive writes the arrays to path as np.savez does, in the order given.
func saveArchive(path string, names []string, arrays ...typed.Array) {
	w, err := npz.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	for i, a := range arrays {
		if err := w.Add(names[i], a); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
}

// README's scikit-learn story: a fitted StandardScaler → LogisticRegression
// pipeline saved with np.savez("model.npz", **arrays), its arrays named
// "scaler.mean_", "logreg.coef_", ... (here made in Go, with the shapes and
// dtypes scikit-learn gives them).
func Example_model() {
	defer inTempDir()()
	classes := &generated.StringArray2D{Rows: 1, Cols: 3, Width: 10, Data: []string{"setosa", "versicolor", "virginica"}}
	classes.SetNDim(1)
	saveArchive("model.npz", []string{"scaler.mean_", "logreg.coef_", "logreg.classes_"},
		generated.NewFloat64Array2D(4), generated.NewFloat64Array2D(3, 4), classes)

	r, err := npz.Open("model.npz")
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()

	a, err := r.Array("scaler.mean_") // numpy shape (4,)
	if err != nil {
		log.Fatal(err)
	}
	mean, err := generated.AsFloat64Array2D(a) // a vector is one row: mean.Data is []float64 of 4
	if err != nil {
		log.Fatal(err)
	}
	a, err = r.Array("logreg.coef_") // (3, 4)
	if err != nil {
		log.Fatal(err)
	}
	coef, err := generated.AsFloat64Array2D(a) // coef.Row(c): class c's weights
	if err != nil {
		log.Fatal(err)
	}
	a, err = r.Array("logreg.classes_") // (3,) '<U10'
	if err != nil {
		log.Fatal(err)
	}
	labels, ok := a.(*generated.StringArray2D)
	if !ok {
		log.Fatalf("logreg.classes_ holds %s, want strings", a.DType())
	}
	fmt.Println(len(mean.Data), coef.Rows, coef.Cols) // 4 3 4
	fmt.Println(labels.Data)                          // [setosa versicolor virginica]
	fmt.Println(a.DType(), a.NDim(), a.NumpyShape())  // str320 1 [3]
	// Output:
	// 4 3 4
	// [setosa versicolor virginica]
	// str320 1 [3]
}

// README's archive example: list an archive, decode one array, write one.
func Example_readme() {
	defer inTempDir()()
	saveArchive("model.npz", []string{"weights", "bias"}, generated.NewFloat64Array2D(2, 3), generated.NewFloat64Array2D(3))

	r, err := npz.Open("model.npz") // np.load("model.npz")
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	for _, e := range r.Entries() { // headers only, no data decoded
		fmt.Println(e.Name, e.DType, e.Shape()) // numpy's shape
	}
	a, err := r.Array("weights") // np.load("model.npz")["weights"]
	if err != nil {
		log.Fatal(err)
	}

	w, err := npz.Create("out.npz") // np.savez; set w.Compressed = true for np.savez_compressed
	if err != nil {
		log.Fatal(err)
	}
	if err := w.Add("weights", a); err != nil { // a name of "" gives arr_0, arr_1, ...
		log.Fatal(err)
	}
	if err := w.Close(); err != nil { // writes the zip directory
		log.Fatal(err)
	}
	// Output:
	// weights float64 [2 3]
	// bias float64 [3]
}
