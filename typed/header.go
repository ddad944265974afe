package typed

import (
	"encoding/binary"
	"fmt"
)

// Magic is the six bytes every .npy file starts with.
const Magic = "\x93NUMPY"

// growthDigits is numpy's GROWTH_AXIS_MAX_DIGITS: np.save pads the header so
// that the first dimension can grow to 21 digits and be rewritten in place.
const growthDigits = 21

// headerAlign is numpy's ARRAY_ALIGN: data starts at a multiple of 64 bytes.
const headerAlign = 64

// Header is a parsed .npy header of an array the family can hold: a dtype
// of the table and a rank of 0, 1 or 2.
type Header struct {
	// Major and Minor are the format version: 1.0, 2.0 or 3.0.
	Major, Minor int
	// DType is the array's dtype.
	DType DType
	// Order is how the file stores multi-byte values: '<' little-endian,
	// '>' big-endian, '|' for one-byte items.
	Order byte
	// Fortran is numpy's fortran_order: data stored column by column.
	Fortran bool
	// NDim is numpy's rank: 2, 1 for a vector of shape (n,), 0 for a
	// scalar of shape ().
	NDim int
	// Rows and Cols are the shape as np.atleast_2d gives it: (rows, cols),
	// 1 x n for shape (n,), 1 x 1 for shape (). The C-order data is the
	// same either way.
	Rows, Cols int
	// DataOffset is the number of bytes before the data: the preamble and
	// the padded header dict.
	DataOffset int
	// DataLen is Rows*Cols*DType.Size, checked against overflow and limits.
	DataLen int
}

// Shape returns numpy's shape: (rows, cols), (cols,) or ().
func (h Header) Shape() []int { return Impl.NumpyShape(h.NDim, h.Rows, h.Cols) }

// NumpyShape returns numpy's shape of an array of rank ndim held as
// rows x cols: (rows, cols), (cols,) for a vector, () for a scalar.
func (impl) NumpyShape(ndim, rows, cols int) []int {
	switch ndim {
	case 0:
		return []int{}
	case 1:
		return []int{cols}
	}
	return []int{rows, cols}
}

// CheckRank reports whether a rows x cols array can have numpy rank ndim:
// a vector is one row, a scalar one element.
func (impl) CheckRank(ndim, rows, cols int) error {
	switch {
	case ndim == 2:
		return nil
	case ndim == 1 && rows == 1:
		return nil
	case ndim == 0 && rows == 1 && cols == 1:
		return nil
	case ndim == 1:
		return fmt.Errorf("%w: a 1-D array is held as one row, not %d x %d", ErrShape, rows, cols)
	case ndim == 0:
		return fmt.Errorf("%w: a 0-D array is held as 1 x 1, not %d x %d", ErrShape, rows, cols)
	}
	return fmt.Errorf("%w: rank %d: the family holds arrays of 0, 1 or 2 dimensions", ErrShape, ndim)
}

// AppendHeader appends the header np.save writes for a C-order array of dt
// of numpy rank ndim held as rows x cols (see CheckRank): keys in numpy's
// sorted order, spare room for the first dimension to grow to 21 digits,
// padded with spaces and a newline so that the data starts at a multiple of
// 64 bytes. numpy moves to version 2.0 only for headers over 65535 bytes;
// these headers are under 200, so it is always version 1.0.
func (impl) AppendHeader(dst []byte, dt DType, ndim, rows, cols int) []byte {
	return appendSaved(dst, &dt, ndim, rows, cols)
}

// spaces pads headers in one append rather than a byte at a time, which
// was a third of writing a small array. pad is at most headerAlign.
const spaces = "                                                                "

// ParseHeader parses the header at the start of b, which holds at least the
// whole header (data may follow). It accepts exactly what numpy writes and
// refuses everything else with an error wrapping ErrFormat, ErrDType,
// ErrShape or ErrLimit.
func ParseHeader(b []byte, lim Limits) (Header, error) {
	var h Header
	pre, err := parsePreamble(b)
	if err != nil {
		return h, err
	}
	if len(b) < pre.size {
		return h, truncated("preamble", pre.size, len(b))
	}
	pre.readLen(b)
	if err := pre.check(lim); err != nil {
		return h, err
	}
	if len(b) < pre.size+pre.dictLen {
		return h, truncated("header", pre.size+pre.dictLen, len(b))
	}
	return pre.parse(b[pre.size:pre.size+pre.dictLen], lim)
}

// preamble is the fixed part before the header dict.
type preamble struct {
	major, minor int
	size         int    // 10 for version 1.0, 12 for 2.0 and 3.0
	claimed      uint64 // the dict length the preamble states
	dictLen      int    // claimed, once check has found it within the limit
}

// parsePreamble reads the magic and version from the first 8 bytes.
func parsePreamble(b []byte) (preamble, error) {
	var p preamble
	// Comparing with the constant first compiles to two loads; the general
	// comparison (a prefix of Magic, for short input) calls memequal.
	if len(b) < len(Magic) || string(b[:len(Magic)]) != Magic {
		if n := min(len(b), len(Magic)); string(b[:n]) != Magic[:n] {
			return p, formatErrorf(0, "not a .npy file: starts with %q, want %q", b[:n], Magic)
		}
	}
	if len(b) < 8 {
		return p, truncated("preamble", 8, len(b))
	}
	p.major, p.minor = int(b[6]), int(b[7])
	switch {
	case p.minor != 0 || p.major < 1 || p.major > 3:
		return p, formatErrorf(6, "unknown .npy version %d.%d at byte 6, want 1.0, 2.0 or 3.0", p.major, p.minor)
	case p.major == 1:
		p.size = 10
	default:
		p.size = 12
	}
	return p, nil
}

// readLen reads the dict length; it stays a uint64 until checked, because
// a 4-byte length does not fit a 32-bit int.
func (p *preamble) readLen(b []byte) {
	if p.size == 10 {
		p.claimed = uint64(binary.LittleEndian.Uint16(b[8:]))
	} else {
		p.claimed = uint64(binary.LittleEndian.Uint32(b[8:]))
	}
}

func (p *preamble) check(lim Limits) error {
	if max := lim.headerLen(); p.claimed > uint64(max) {
		return fmt.Errorf("%w: header of %d bytes at byte %d, the limit is %d (typed.Limits.MaxHeaderLen)", ErrLimit, p.claimed, p.size, max)
	}
	p.dictLen = int(p.claimed)
	return nil
}

func (p *preamble) parse(dict []byte, lim Limits) (Header, error) {
	var h Header
	var err error
	if !canonicalInto(dict, lim, &h) {
		// Python 2 wrote shapes such as (3L, 4L); numpy still reads them in
		// versions 1.0 and 2.0, the only ones Python 2 could write.
		h, err = parseDict(dict, p.size, lim, p.major < 3)
	}
	h.Major, h.Minor = p.major, p.minor
	h.DataOffset = p.size + p.dictLen
	if err == nil && h.DataLen > maxInt-h.DataOffset {
		err = fmt.Errorf("%w: %d bytes of data after a %d-byte header are beyond this platform", ErrLimit, h.DataLen, h.DataOffset)
	}
	return h, err
}

func truncated(what string, want, got int) error {
	return &FormatError{Offset: int64(got), Msg: fmt.Sprintf("%s truncated: need %d bytes, have %d", what, want, got), Err: errUnexpectedEOF}
}

// Dims turns numpy's shape, as the raw recipe gives it (arr.shape), into
// the rank and the np.atleast_2d shape the family holds: (rows, cols),
// (n,) as 1 x n, () as 1 x 1. A rank over 2 or a negative dimension is an
// ErrShape.
func (impl) Dims(shape []int) (ndim, rows, cols int, err error) {
	// Small enough to inline: FromBytes calls it on every view.
	switch len(shape) {
	case 2:
		ndim, rows, cols = 2, shape[0], shape[1]
	case 1:
		ndim, rows, cols = 1, 1, shape[0]
	case 0:
		return 0, 1, 1, nil
	default:
		return 0, 0, 0, dimsError(shape)
	}
	if rows < 0 || cols < 0 {
		return 0, 0, 0, dimsError(shape)
	}
	return ndim, rows, cols, nil
}

// dimsError says why Dims refused shape.
func dimsError(shape []int) error {
	if len(shape) > 2 {
		s := make([]int64, len(shape))
		for i, d := range shape {
			s[i] = int64(d)
		}
		return &RankError{Shape: s}
	}
	return fmt.Errorf("%w: negative dimension in shape %s", ErrShape, intsString(shape))
}

// intsString is shapeString for a shape held as ints. It copies the
// values, so that a variadic shape does not escape to the heap through an
// error message (FromBytes must not allocate).
func intsString(shape []int) string {
	dims := make([]int64, len(shape))
	for i, d := range shape {
		dims[i] = int64(d)
	}
	return shapeString(dims)
}
