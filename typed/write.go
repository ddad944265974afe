package typed

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

// WriteNPY writes a .npy file of a C-order array of dt and numpy rank ndim,
// held as rows x cols (see CheckRank), whose data is in host byte order,
// byte-identical to np.save on a little-endian host. It checks the shape
// against the data before writing anything.
func (impl) WriteNPY(w io.Writer, dt DType, ndim, rows, cols int, data []byte) (int64, error) {
	if b, ok := w.(*bytes.Buffer); ok && len(data) <= smallWrite && (hostOrder == '<' || dt.Size == 1) {
		if n, ok := writeBuffer(b, &dt, ndim, rows, cols, data); ok {
			return n, nil
		}
	}
	if err := checkArray(dt, ndim, rows, cols, len(data)); err != nil {
		return 0, err
	}
	// A writer that lends its spare capacity (*bytes.Buffer, *bufio.Writer)
	// gets the header built in place, and a small array's data with it, in
	// one Write; no pooled buffer to fetch and return.
	if ab, ok := w.(interface{ AvailableBuffer() []byte }); ok {
		if buf := ab.AvailableBuffer(); cap(buf) >= maxHeaderLen {
			buf = Impl.AppendHeader(buf, dt, ndim, rows, cols)
			if len(data) > cap(buf)-len(buf) || needsSwap('<', dt) {
				n, err := w.Write(buf)
				if err != nil {
					return int64(n), err
				}
				m, err := Impl.WriteData(w, dt, data)
				return int64(n) + m, err
			}
			n, err := w.Write(append(buf, data...))
			return int64(n), err
		}
	}
	bp := headerBufs.Get().(*[]byte)
	defer headerBufs.Put(bp)
	hdr := Impl.AppendHeader((*bp)[:0], dt, ndim, rows, cols)
	*bp = hdr[:0]
	n, err := w.Write(hdr)
	total := int64(n)
	if err != nil {
		return total, err
	}
	m, err := Impl.WriteData(w, dt, data)
	return total + m, err
}

// maxHeaderLen bounds what AppendHeader writes: a 2-D header is 128 bytes,
// or 192 with two 20-digit dimensions.
const maxHeaderLen = 192

// AppendNPY appends the .npy encoding of the array to dst.
func (impl) AppendNPY(dst []byte, dt DType, ndim, rows, cols int, data []byte) ([]byte, error) {
	if err := checkArray(dt, ndim, rows, cols, len(data)); err != nil {
		return dst, err
	}
	dst = Impl.AppendHeader(dst, dt, ndim, rows, cols)
	start := len(dst)
	dst = append(dst, data...)
	if needsSwap('<', dt) {
		Impl.Swap(dst[start:], dt.SwapUnit())
	}
	return dst, nil
}

// swapBufs hold chunks of little-endian data on big-endian hosts.
var swapBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// WriteData writes host-order data as little-endian bytes: as it is on
// little-endian hosts, swapped chunk by chunk on big-endian ones.
func (impl) WriteData(w io.Writer, dt DType, data []byte) (int64, error) {
	if !needsSwap('<', dt) {
		n, err := w.Write(data)
		return int64(n), err
	}
	bp := swapBufs.Get().(*[]byte)
	defer swapBufs.Put(bp)
	var total int64
	for len(data) > 0 {
		chunk := (*bp)[:min(len(data), len(*bp))]
		copy(chunk, data)
		Impl.Swap(chunk, dt.SwapUnit())
		n, err := w.Write(chunk)
		total += int64(n)
		if err != nil {
			return total, err
		}
		data = data[len(chunk):]
	}
	return total, nil
}

// MismatchError is the error for a file whose dtype is not the one a typed
// reader holds: a *DTypeError.
func (impl) MismatchError(got, want DType) error {
	return &DTypeError{Got: got, Want: want}
}

// checkArray is CheckArray: what every writer checks first.
func checkArray(dt DType, ndim, rows, cols, dataLen int) error {
	return Impl.CheckArray(dt, ndim, rows, cols, dataLen)
}

// CheckArray is CheckRank and CheckData, with errors that name numpy's
// shape ((3,) rather than the (1, 3) it is held as).
func (impl) CheckArray(dt DType, ndim, rows, cols, dataLen int) error {
	if ndim == 2 {
		return Impl.CheckData(dt, rows, cols, dataLen)
	}
	if err := Impl.CheckRank(ndim, rows, cols); err != nil {
		return err
	}
	n, err := Impl.DataLen(dt, rows, cols, Limits{})
	if err == nil && n != dataLen {
		err = fmt.Errorf("%w: shape %s of %s needs %d bytes, data has %d", ErrShape, intsString(Impl.NumpyShape(ndim, rows, cols)), dt, n, dataLen)
	}
	return err
}
