package typed

import "io"

// Array is what every generated Array2D type implements: enough to inspect
// and save an array without knowing its Go element type.
type Array interface {
	// DType is the array's numpy dtype.
	DType() DType
	// Shape is (rows, cols) of the C-order data.
	Shape() (rows, cols int)
	// Bytes is a zero-copy view of the data in host byte order: numpy's
	// tobytes() on a little-endian host.
	Bytes() []byte
	// WriteTo writes the array as a .npy file, byte-identical to np.save.
	WriteTo(w io.Writer) (int64, error)
}
