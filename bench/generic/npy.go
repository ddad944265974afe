// Package generic is a plain Go-generics codec for 2-D .npy (v1.0) arrays,
// written the way a competent Go developer would without code generation:
// one Write[T] and one Read[T], the dtype chosen by a type switch, the data
// moved through an unsafe byte view of the slice.
//
// It lives in the benchmark module as the baseline that shows what npy2d's
// generated per-type code buys over generics. It is not part of npy2d.
package generic

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unsafe"
)

// Num is the element types .npy stores as fixed-size little-endian values.
type Num interface {
	bool | int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 |
		float32 | float64 | complex64 | complex128
}

const magic = "\x93NUMPY"

// The byte view below is the file's byte order only on a little-endian
// host; rather than swap bytes, this baseline refuses to run elsewhere.
var littleEndianHost = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

var errBigEndianHost = errors.New("generic: big-endian hosts are not supported")

// descr is the numpy dtype string for T, as numpy writes it on a
// little-endian machine ('|' for single bytes, '<' otherwise).
func descr[T Num]() string {
	var zero T
	switch any(zero).(type) {
	case bool:
		return "|b1"
	case int8:
		return "|i1"
	case uint8:
		return "|u1"
	case int16:
		return "<i2"
	case uint16:
		return "<u2"
	case int32:
		return "<i4"
	case uint32:
		return "<u4"
	case int64:
		return "<i8"
	case uint64:
		return "<u8"
	case float32:
		return "<f4"
	case float64:
		return "<f8"
	case complex64:
		return "<c8"
	default: // complex128: Num is closed, nothing else is left
		return "<c16"
	}
}

// bytesOf views data's memory as bytes without copying.
func bytesOf[T Num](data []T) []byte {
	if len(data) == 0 {
		return nil
	}
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(data))), len(data)*int(unsafe.Sizeof(zero)))
}

// Write writes data, a rows×cols array in row-major order, as .npy v1.0.
func Write[T Num](w io.Writer, data []T, rows, cols int) error {
	if !littleEndianHost {
		return errBigEndianHost
	}
	if rows < 0 || cols < 0 || rows*cols != len(data) {
		return fmt.Errorf("generic: shape (%d, %d) does not match %d elements", rows, cols, len(data))
	}
	// Preamble (magic, version 1.0, header length filled in below), then
	// the header dict, padded with spaces so that preamble + header is a
	// multiple of 64 bytes and ends in '\n', as the format asks.
	hdr := make([]byte, 10, 128)
	copy(hdr, magic)
	hdr[6], hdr[7] = 1, 0
	hdr = fmt.Appendf(hdr, "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }",
		descr[T](), rows, cols)
	for (len(hdr)+1)%64 != 0 {
		hdr = append(hdr, ' ')
	}
	hdr = append(hdr, '\n')
	binary.LittleEndian.PutUint16(hdr[8:10], uint16(len(hdr)-10)) // < 200: fits

	if _, err := w.Write(hdr); err != nil {
		return err
	}
	_, err := w.Write(bytesOf(data))
	return err
}

// Read reads a 2-D, C-order .npy array whose dtype is T's.
//
// The header is parsed only as far as this needs: descr, fortran_order and
// a two-element shape. For bool, bytes other than 0 and 1 are not checked
// (numpy never writes them).
func Read[T Num](r io.Reader) (data []T, rows, cols int, err error) {
	if !littleEndianHost {
		return nil, 0, 0, errBigEndianHost
	}
	var pre [12]byte
	if _, err := io.ReadFull(r, pre[:10]); err != nil {
		return nil, 0, 0, fmt.Errorf("generic: reading preamble: %w", err)
	}
	if string(pre[:6]) != magic {
		return nil, 0, 0, errors.New("generic: not a .npy file")
	}
	var hlen int
	switch pre[6] {
	case 1:
		hlen = int(binary.LittleEndian.Uint16(pre[8:10]))
	case 2, 3: // 4-byte header length; otherwise the same for our purposes
		if _, err := io.ReadFull(r, pre[10:12]); err != nil {
			return nil, 0, 0, fmt.Errorf("generic: reading preamble: %w", err)
		}
		hlen = int(binary.LittleEndian.Uint32(pre[8:12]))
	default:
		return nil, 0, 0, fmt.Errorf("generic: unsupported .npy version %d.%d", pre[6], pre[7])
	}
	if hlen > 1<<20 {
		return nil, 0, 0, fmt.Errorf("generic: header length %d is implausible", hlen)
	}
	hb := make([]byte, hlen)
	if _, err := io.ReadFull(r, hb); err != nil {
		return nil, 0, 0, fmt.Errorf("generic: reading header: %w", err)
	}
	rows, cols, err = parseHeader(string(hb), descr[T]())
	if err != nil {
		return nil, 0, 0, err
	}

	var zero T
	if cols != 0 && rows > int(^uint(0)>>1)/int(unsafe.Sizeof(zero))/cols {
		return nil, 0, 0, fmt.Errorf("generic: shape (%d, %d) is too large", rows, cols)
	}
	data = make([]T, rows*cols)
	if _, err := io.ReadFull(r, bytesOf(data)); err != nil {
		return nil, 0, 0, fmt.Errorf("generic: reading data: %w", err)
	}
	return data, rows, cols, nil
}

// parseHeader checks the header dict's descr and fortran_order and returns
// its 2-D shape.
func parseHeader(h, wantDescr string) (rows, cols int, err error) {
	d, ok := after(h, "'descr':")
	if !ok || !strings.HasPrefix(d, "'") {
		return 0, 0, fmt.Errorf("generic: no descr in header %q", h)
	}
	d, _, _ = strings.Cut(d[1:], "'")
	if d != wantDescr {
		return 0, 0, fmt.Errorf("generic: dtype is %s, want %s", d, wantDescr)
	}

	f, ok := after(h, "'fortran_order':")
	if !ok || !strings.HasPrefix(f, "False") {
		return 0, 0, errors.New("generic: only C-order (fortran_order False) is supported")
	}

	s, ok := after(h, "'shape':")
	if !ok || !strings.HasPrefix(s, "(") {
		return 0, 0, fmt.Errorf("generic: no shape in header %q", h)
	}
	s, _, ok = strings.Cut(s[1:], ")")
	if !ok {
		return 0, 0, fmt.Errorf("generic: unterminated shape in header %q", h)
	}
	var dims []int
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" { // trailing comma, as in "(3,)"
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 {
			return 0, 0, fmt.Errorf("generic: bad dimension %q in shape", part)
		}
		dims = append(dims, n)
	}
	if len(dims) != 2 {
		return 0, 0, fmt.Errorf("generic: shape has %d dimensions, want 2", len(dims))
	}
	return dims[0], dims[1], nil
}

// after returns what follows key in h, with leading spaces removed.
func after(h, key string) (string, bool) {
	i := strings.Index(h, key)
	if i < 0 {
		return "", false
	}
	return strings.TrimLeft(h[i+len(key):], " "), true
}
