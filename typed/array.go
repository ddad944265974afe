package typed

import "io"

// Array is what every generated Array2D type implements: enough to inspect
// and save an array without knowing its Go element type.
type Array interface {
	// DType is the array's numpy dtype.
	DType() DType
	// Shape is (rows, cols) of the C-order data: np.atleast_2d's shape,
	// so a vector of n is 1 x n and a scalar 1 x 1.
	Shape() (rows, cols int)
	// NDim is numpy's rank: 2, 1 for a vector, 0 for a scalar.
	NDim() int
	// NumpyShape is numpy's shape: (rows, cols), (n,) or ().
	NumpyShape() []int
	// Bytes is the data in host byte order: numpy's tobytes() on a
	// little-endian host. For numeric dtypes it is a zero-copy view; string
	// arrays encode a new buffer on each call.
	Bytes() []byte
	// WriteTo writes the array as a .npy file, byte-identical to np.save.
	WriteTo(w io.Writer) (int64, error)
}

// DataReader is what every generated type implements to read the data that
// follows a header the caller has read with ReadHeader: npz, ranged and
// npy2d.LoadNPYInto read into it, and a caller who wants limits on a known
// type reads the header with them and then calls ReadData.
type DataReader interface {
	ReadData(r io.Reader, h Header) (int64, error)
}
