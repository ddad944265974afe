package npy2d_test

import (
	"bytes"
	"encoding/binary"
	"fmt"

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
