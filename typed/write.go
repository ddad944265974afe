package typed

import (
	"fmt"
	"io"
	"sync"
)

// WriteNPY writes a .npy file of a C-order (rows, cols) array of dt whose data
// is in host byte order, byte-identical to np.save on a little-endian host.
// It checks the shape against the data before writing anything.
func WriteNPY(w io.Writer, dt DType, rows, cols int, data []byte) (int64, error) {
	if err := CheckData(dt, rows, cols, len(data)); err != nil {
		return 0, err
	}
	// A writer that lends its spare capacity (*bytes.Buffer, *bufio.Writer)
	// gets the header built in place, and a small array's data with it, in
	// one Write; no pooled buffer to fetch and return.
	if ab, ok := w.(interface{ AvailableBuffer() []byte }); ok {
		if buf := ab.AvailableBuffer(); cap(buf) >= maxHeaderLen {
			buf = AppendHeader(buf, dt, rows, cols)
			if len(data) > cap(buf)-len(buf) || needsSwap('<', dt) {
				n, err := w.Write(buf)
				if err != nil {
					return int64(n), err
				}
				m, err := WriteData(w, dt, data)
				return int64(n) + m, err
			}
			n, err := w.Write(append(buf, data...))
			return int64(n), err
		}
	}
	bp := headerBufs.Get().(*[]byte)
	defer headerBufs.Put(bp)
	hdr := AppendHeader((*bp)[:0], dt, rows, cols)
	*bp = hdr[:0]
	n, err := w.Write(hdr)
	total := int64(n)
	if err != nil {
		return total, err
	}
	m, err := WriteData(w, dt, data)
	return total + m, err
}

// maxHeaderLen bounds what AppendHeader writes: a 2-D header is 128 bytes,
// or 192 with two 20-digit dimensions.
const maxHeaderLen = 192

// AppendNPY appends the .npy encoding of the array to dst.
func AppendNPY(dst []byte, dt DType, rows, cols int, data []byte) ([]byte, error) {
	if err := CheckData(dt, rows, cols, len(data)); err != nil {
		return dst, err
	}
	dst = AppendHeader(dst, dt, rows, cols)
	start := len(dst)
	dst = append(dst, data...)
	if needsSwap('<', dt) {
		Swap(dst[start:], dt.SwapUnit())
	}
	return dst, nil
}

// swapBufs hold chunks of little-endian data on big-endian hosts.
var swapBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// WriteData writes host-order data as little-endian bytes: as it is on
// little-endian hosts, swapped chunk by chunk on big-endian ones.
func WriteData(w io.Writer, dt DType, data []byte) (int64, error) {
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
		Swap(chunk, dt.SwapUnit())
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
// reader holds.
func MismatchError(got, want DType) error {
	return fmt.Errorf("%w: file holds %s (%s), want %s (%s)", ErrDType, got.Name, got.Descr(), want.Name, want.Descr())
}
