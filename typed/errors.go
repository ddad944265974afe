package typed

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error from this package and from generated code
// wraps exactly one of them (truncation also wraps io.ErrUnexpectedEOF), so
// callers can branch with errors.Is and still print a message that says what
// was expected and what was found.
var (
	// ErrFormat: the bytes are not a well-formed .npy file or envelope.
	ErrFormat = errors.New("typed: malformed input")
	// ErrDType: a dtype the family cannot hold, or not the one asked for.
	ErrDType = errors.New("typed: unsupported dtype")
	// ErrShape: a shape of the wrong rank, a negative dimension, or data
	// whose length does not match its shape.
	ErrShape = errors.New("typed: bad shape")
	// ErrLimit: a size over a configured limit or over what memory can
	// address.
	ErrLimit = errors.New("typed: size limit exceeded")
)

// IndexError is what At, Set and Row panic with for an index outside the
// shape, in the style of the runtime's own index errors.
func IndexError(i, j, rows, cols int) error {
	return fmt.Errorf("typed: index (%d, %d) out of range for shape (%d, %d)", i, j, rows, cols)
}
