package typed

import (
	"bytes"
	"encoding/binary"
	"strconv"
)

// Writing a small array is mostly formatting its header. appendSaved is
// AppendHeader without what made it slow for a 3x3 array: the dtype by
// value through three calls, strconv for a one- or two-digit item size,
// and a loop to count digits. It writes the same bytes (header_fast_test.go
// compares the two on every dtype, rank and many shapes).

// savedPad holds the most spaces a header needs at once: room for the
// first dimension to grow to 21 digits, then up to 64 bytes of padding.
const savedPad = spaces + spaces

// appendSaved appends the header AppendHeader documents.
func appendSaved(dst []byte, dt *DType, ndim, rows, cols int) []byte {
	start := len(dst)
	// Version 1.0 and a length filled in below.
	dst = append(dst, Magic+"\x01\x00\x00\x00{'descr': '"...)
	if dt.Flexible() {
		dst = dt.appendDescr(dst)
	} else {
		order := byte('<')
		if dt.Size == 1 { // a fixed-size dtype's swap unit is 1 only then
			order = '|'
		}
		dst = append(dst, order, dt.Kind)
		if dt.Size < 10 {
			dst = append(dst, byte('0'+dt.Size))
		} else {
			dst = strconv.AppendInt(dst, int64(dt.Size), 10)
		}
	}
	dst = append(dst, "', 'fortran_order': False, 'shape': ("...)
	grow := 0 // the spaces np.save leaves for the first dimension
	switch ndim {
	case 0:
		dst = append(dst, "), }"...)
	case 1:
		n := len(dst)
		dst = appendDim(dst, cols)
		grow = growthDigits - (len(dst) - n)
		dst = append(dst, ",), }"...)
	default:
		n := len(dst)
		dst = appendDim(dst, rows)
		grow = growthDigits - (len(dst) - n)
		dst = append(dst, ", "...)
		dst = appendDim(dst, cols)
		dst = append(dst, "), }"...)
	}
	grow = max(grow, 0)
	hlen := len(dst) - start - 10 + grow + 1 // the dict, newline included
	pad := headerAlign - (10+hlen)%headerAlign
	binary.LittleEndian.PutUint16(dst[start+8:], uint16(hlen+pad))
	dst = append(dst, savedPad[:grow+pad]...)
	return append(dst, '\n')
}

// appendDim appends a dimension in decimal: one digit without a call.
func appendDim(dst []byte, n int) []byte {
	if uint(n) < 10 {
		return append(dst, byte('0'+n))
	}
	return strconv.AppendInt(dst, int64(n), 10)
}

// smallWrite is the most data writeBuffer appends with the header: beyond
// it, the header's cost is lost in the data's.
const smallWrite = 4 << 10

// writeBuffer is WriteNPY into a *bytes.Buffer of a small array whose
// host-order data is np.save's (a little-endian host, or one-byte items):
// the header and the data go into the buffer's spare capacity, grown once
// if need be, and are committed with one Write, with no interface call.
// ok is false, with nothing written, when the array is not checked here
// (the caller's general path then checks and writes it).
func writeBuffer(b *bytes.Buffer, dt *DType, ndim, rows, cols int, data []byte) (n int64, ok bool) {
	if ndim != 2 && Impl.CheckRank(ndim, rows, cols) != nil {
		return 0, false
	}
	if !fitsData(dt, rows, cols, len(data)) {
		return 0, false
	}
	buf := b.AvailableBuffer()
	if cap(buf) < maxHeaderLen+len(data) {
		b.Grow(maxHeaderLen + len(data))
		buf = b.AvailableBuffer()
	}
	if t := savedHeadOf(dt); t != nil {
		// A fixed-size dtype's header is its template with the shape.
		buf = append(buf, t.b[:]...)
		putShape((*[savedLen]byte)(buf), t.p, ndim, rows, cols)
	} else {
		buf = appendSaved(buf, dt, ndim, rows, cols)
	}
	buf = append(buf, data...)
	k, _ := b.Write(buf) // into its own spare capacity: cannot fail
	return int64(k), true
}

// fitsData is CheckData's common case: data is exactly a (rows, cols)
// array of dt, with no overflow. False means "ask CheckData".
func fitsData(dt *DType, rows, cols, dataLen int) bool {
	if rows < 0 || cols < 0 || dt.Size <= 0 {
		return false
	}
	// Factors under 2^20 cannot overflow a uint64 product, on any
	// platform: no 128-bit multiply for the common case.
	if uint(rows)|uint(cols)|uint(dt.Size) < 1<<20 {
		return uint64(rows)*uint64(cols)*uint64(dt.Size) == uint64(dataLen)
	}
	return Impl.CheckData(*dt, rows, cols, dataLen) == nil
}
