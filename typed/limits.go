package typed

import (
	"fmt"
	"math"
)

// Limits bound what a decoder accepts, so that a hostile header cannot make
// it parse or allocate more than the caller allows.
type Limits struct {
	// MaxHeaderLen caps the header dict's length in bytes. numpy's np.load
	// refuses headers over 10,000 bytes by default; a 2-D numeric header is
	// about 120.
	MaxHeaderLen int
	// MaxDataBytes caps rows*cols*itemsize; 0 means only what the platform
	// can address.
	MaxDataBytes int64
}

// DefaultLimits are the limits that ReadFrom, UnmarshalBinary and the other
// methods without a Limits parameter use. Change them at start-up, before
// any decoding runs, if you must read larger headers or cap data size.
var DefaultLimits = Limits{MaxHeaderLen: 10000}

// DataLen returns rows*cols*dt.Size, refusing negative dimensions, a product
// that overflows, or one over lim.MaxDataBytes.
func DataLen(dt DType, rows, cols int, lim Limits) (int, error) {
	if rows < 0 || cols < 0 {
		return 0, fmt.Errorf("%w: negative dimension in (%d, %d)", ErrShape, rows, cols)
	}
	limit := int64(math.MaxInt)
	if lim.MaxDataBytes > 0 && lim.MaxDataBytes < limit {
		limit = lim.MaxDataBytes
	}
	if rows == 0 || cols == 0 {
		return 0, nil
	}
	if int64(rows) > limit/int64(cols)/int64(dt.Size) {
		return 0, fmt.Errorf("%w: shape (%d, %d) of %s needs more than %d bytes", ErrLimit, rows, cols, dt.Name, limit)
	}
	return rows * cols * dt.Size, nil
}

// CheckData reports whether data of dataLen bytes is exactly a (rows, cols)
// array of dt: writers call it before writing a byte.
func CheckData(dt DType, rows, cols, dataLen int) error {
	n, err := DataLen(dt, rows, cols, Limits{})
	if err != nil {
		return err
	}
	if n != dataLen {
		return fmt.Errorf("%w: shape (%d, %d) of %s needs %d bytes, data has %d", ErrShape, rows, cols, dt.Name, n, dataLen)
	}
	return nil
}
