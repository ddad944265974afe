package typed

import (
	"fmt"
	"math"
	"math/bits"
)

// Limits bound what a decoder accepts, so that a hostile header cannot make
// it parse or allocate more than the caller allows. The zero value is
// numpy's own defaults, which every reader without a Limits parameter
// uses; a reader that takes one (ReadNPYWithLimits, npz.OpenWithLimits,
// stream.NewReaderWithLimits, ...) keeps its own copy, so readers with
// different limits can run at once. There is no package-level setting.
type Limits struct {
	// MaxHeaderLen caps the header dict's length in bytes. numpy's np.load
	// refuses headers over 10,000 bytes by default (its max_header_size); a
	// 2-D numeric header is about 120. 0 means that default, 10,000; raise
	// it for the rare file with a padded header, as max_header_size does.
	MaxHeaderLen int
	// MaxDataBytes caps rows*cols*itemsize; 0 means only what the platform
	// can address.
	MaxDataBytes int64
}

// defaultMaxHeaderLen is numpy's _MAX_HEADER_SIZE.
const defaultMaxHeaderLen = 10000

// headerLen is MaxHeaderLen with 0 (or a negative value) meaning numpy's
// default, so that Limits{MaxDataBytes: n} does not refuse every header.
// It leaves room for the preamble, so that offsets past the header cannot
// overflow an int.
func (l Limits) headerLen() int {
	if l.MaxHeaderLen <= 0 {
		return defaultMaxHeaderLen
	}
	return min(l.MaxHeaderLen, maxInt-64)
}

// DataLen returns rows*cols*dt.Size, refusing negative dimensions, a product
// that overflows, or one over lim.MaxDataBytes.
func (impl) DataLen(dt DType, rows, cols int, lim Limits) (int, error) {
	if rows < 0 || cols < 0 {
		return 0, fmt.Errorf("%w: negative dimension in (%d, %d)", ErrShape, rows, cols)
	}
	if dt.Size <= 0 { // a string dtype of width 0: numpy never stores one
		return 0, fmt.Errorf("%w: %s has no item size", ErrDType, dt.Descr())
	}
	limit := int64(math.MaxInt)
	if lim.MaxDataBytes > 0 && lim.MaxDataBytes < limit {
		limit = lim.MaxDataBytes
	}
	// A zero dimension does not excuse the other: like numpy, refuse
	// (0, 2**62) of int16, an "empty" array whose rows would never end.
	// The product is checked with full-width multiplies, not divisions,
	// which were a fifth of reading a small array.
	r, c := max(rows, 1), max(cols, 1)
	hi1, rc := bits.Mul64(uint64(r), uint64(c))
	hi2, rcs := bits.Mul64(rc, uint64(dt.Size))
	if hi1|hi2 != 0 || rcs > math.MaxInt {
		return 0, fmt.Errorf("%w: shape (%d, %d) of %s needs more than %d bytes", ErrLimit, rows, cols, dt.String(), int64(math.MaxInt))
	}
	if n := rows * cols * dt.Size; int64(n) > limit {
		return 0, fmt.Errorf("%w: shape (%d, %d) of %s needs %d bytes, more than the limit of %d (typed.Limits.MaxDataBytes)", ErrLimit, rows, cols, dt.String(), n, limit)
	}
	return rows * cols * dt.Size, nil
}

// CheckData reports whether data of dataLen bytes is exactly a (rows, cols)
// array of dt: writers call it before writing a byte.
func (impl) CheckData(dt DType, rows, cols, dataLen int) error {
	// The common case without the call to DataLen and the copy of dt it
	// takes: a view checks this and nothing else.
	if rows >= 0 && cols >= 0 && dt.Size > 0 {
		hi1, rc := bits.Mul64(uint64(max(rows, 1)), uint64(max(cols, 1)))
		hi2, rcs := bits.Mul64(rc, uint64(dt.Size))
		if hi1|hi2 == 0 && rcs <= math.MaxInt && rows*cols*dt.Size == dataLen {
			return nil
		}
	}
	n, err := Impl.DataLen(dt, rows, cols, Limits{})
	if err != nil {
		return err
	}
	if n != dataLen {
		return fmt.Errorf("%w: shape (%d, %d) of %s needs %d bytes, data has %d", ErrShape, rows, cols, dt.String(), n, dataLen)
	}
	return nil
}
