package npy2d_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log"
	"os"

	"github.com/npy2d/npy2d"
	"github.com/npy2d/npy2d/generated"
)

// pythonBytes is what Python hands over for
//
//	arr = np.arange(9, dtype=np.int64).reshape(3, 3)
//	b, name, shape = arr.tobytes(), arr.dtype.name, arr.shape
//
// on this machine: 72 bytes in its byte order, "int64", (3, 3).
func pythonBytes() []byte {
	b := make([]byte, 9*8)
	for i := range 9 {
		binary.NativeEndian.PutUint64(b[8*i:], uint64(i))
	}
	return b
}

// The seed's story, told in Go. Python kept arr.tobytes(), arr.dtype.name
// and arr.shape; FromBytes is np.frombuffer(b, dtype=name).reshape(shape).
func Example() {
	b := pythonBytes()
	fmt.Println(len(b), "bytes")

	a, err := generated.FromBytes(b, "int64", 3, 3)
	if err != nil {
		panic(err)
	}
	m := a.(*generated.Int64Array2D)
	for i := range m.Rows {
		fmt.Println(m.Row(i))
	}
	// Output:
	// 72 bytes
	// [0 1 2]
	// [3 4 5]
	// [6 7 8]
}

// The wrong-dtype surprise: np.frombuffer(b) without a dtype reads float64,
// and nothing complains, because 72 bytes are nine float64 as well. The
// values are tiny subnormals: the integers' bits read as floats. A dtype
// whose size does not fit the shape is caught, as numpy's reshape would.
func Example_wrongDType() {
	b := pythonBytes()
	a, _ := generated.FromBytes(b, "float64", 3, 3)
	fmt.Println(a.(*generated.Float64Array2D).Row(0))

	_, err := generated.FromBytes(b, "int32", 3, 3)
	fmt.Println(err)

	// The right dtype reshaped keeps numpy's C order: (1, 9) is one long row.
	c, _ := generated.FromBytes(b, "int64", 1, 9)
	fmt.Println(c.(*generated.Int64Array2D).Row(0))
	// Output:
	// [0 5e-324 1e-323]
	// typed: bad shape: shape (3, 3) of int32 needs 36 bytes, data has 72
	// [0 1 2 3 4 5 6 7 8]
}

// Saving the array as .npy gives what np.save writes: a 128-byte header
// (magic, version 1.0, the dict padded to 64 bytes) and the data.
func Example_npy() {
	a, _ := generated.Int64Array2DFromBytes(pythonBytes(), 3, 3)
	var buf bytes.Buffer
	if _, err := a.WriteTo(&buf); err != nil {
		panic(err)
	}
	header := buf.Bytes()[10:128]
	fmt.Printf("%d bytes\n%q\n", buf.Len(), bytes.TrimRight(header, " \n"))

	back, err := generated.ReadNPY(&buf)
	if err != nil {
		panic(err)
	}
	rows, cols := back.Shape()
	fmt.Println(back.DType(), rows, cols, back.(*generated.Int64Array2D).At(2, 2))
	// Output:
	// 200 bytes
	// "{'descr': '<i8', 'fortran_order': False, 'shape': (3, 3), }"
	// int64 3 3 8
}

// inTempDir makes a new temporary folder the working directory, as if the
// Python side had just saved its files there. The func it returns restores
// the working directory and removes the folder.
func inTempDir() func() {
	dir, err := os.MkdirTemp("", "npy2d-example")
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

// arange32 is np.arange(rows*cols, dtype=np.float32).reshape(rows, cols).
func arange32(rows, cols int) *generated.Float32Array2D {
	a := generated.NewFloat32Array2D(rows, cols)
	for i := range a.Data {
		a.Data[i] = float32(i)
	}
	return a
}

// README's quick start. Python saved w.npy:
//
//	w = np.arange(12, dtype=np.float32).reshape(3, 4)
//	np.save("w.npy", w)
func Example_quickStart() {
	defer inTempDir()()
	if err := npy2d.SaveNPY("w.npy", arange32(3, 4)); err != nil { // np.save's bytes
		log.Fatal(err)
	}

	var w generated.Float32Array2D // Python: np.save("w.npy", w)
	if err := npy2d.LoadNPYInto("w.npy", &w); err != nil {
		log.Fatal(err) // a float64 file here is a *typed.DTypeError
	}
	fmt.Println(w.Rows, w.Cols, w.At(2, 3), w.Row(1))
	if err := npy2d.SaveNPY("w2.npy", &w); err != nil { // byte-identical to np.save
		log.Fatal(err)
	}

	// Any dtype: LoadNPY returns the generated type of the file's dtype.
	a, err := npy2d.LoadNPY("w2.npy")
	if err != nil {
		log.Fatal(err)
	}
	switch a := a.(type) {
	case *generated.Float32Array2D:
		fmt.Println("float32", a.NumpyShape(), a.Row(2))
	case *generated.StringArray2D: // np.str_ labels
		fmt.Println("labels", a.Data)
	default:
		fmt.Println(a.DType(), a.NumpyShape())
	}

	// The raw recipe: np.frombuffer(b, dtype=name).reshape(shape), zero-copy
	// when b is aligned. Here b holds the bytes w.tobytes() gave Python.
	b := w.Bytes()
	r, err := generated.FromBytes(b, "float32", 3, 4)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.(*generated.Float32Array2D).At(2, 3))
	// Output:
	// 3 4 11 [4 5 6 7]
	// float32 [3 4] [8 9 10 11]
	// 11
}

// Package generated's documentation: an array is its shape and a slice.
func Example_arrays() {
	a := generated.NewFloat64Array2D(2, 3) // np.zeros((2, 3))
	a.Set(1, 2, 0.5)
	fmt.Println(a.Row(1), a.NumpyShape()) // [0 0 0.5] [2 3]
	// np.frombuffer(b, "float64").reshape(2, 3), a view of a's memory:
	b, err := generated.FromBytes(a.Bytes(), "float64", 2, 3)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.(*generated.Float64Array2D).At(1, 2)) // 0.5
	// Output:
	// [0 0 0.5] [2 3]
	// 0.5
}

// README's JSON envelope, which Python decodes in one line.
func Example_json() {
	w := arange32(3, 4)

	js, err := json.Marshal(w) // {"dtype":"float32","shape":[3,4],"data":"<base64 of tobytes()>"}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(js))
	// Output:
	// {"dtype":"float32","shape":[3,4],"data":"AAAAAAAAgD8AAABAAABAQAAAgEAAAKBAAADAQAAA4EAAAABBAAAQQQAAIEEAADBB"}
}

// README's astype: numpy's a.astype(dtype), for every pair of numeric
// dtypes. Python saved counts.npy with np.save("counts.npy",
// np.array([[1, 2], [3, 4]], dtype=np.int32)).
func Example_astype() {
	defer inTempDir()()
	counts := &generated.Int32Array2D{Rows: 2, Cols: 2, Data: []int32{1, 2, 3, 4}}
	if err := npy2d.SaveNPY("counts.npy", counts); err != nil {
		log.Fatal(err)
	}

	a, err := npy2d.LoadNPY("counts.npy") // whatever numpy saved: int32, float16, bool, ...
	if err != nil {
		log.Fatal(err)
	}
	x, err := generated.AsFloat64Array2D(a) // *generated.Float64Array2D, a.astype('float64')
	if err != nil {
		log.Fatal(err)
	}
	y, err := generated.AsType(a, generated.Uint8DType) // a.astype('uint8'): a typed.Array
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(x.Data, y.DType(), y.(*generated.Uint8Array2D).Data)
	// Output:
	// [1 2 3 4] uint8 [1 2 3 4]
}
