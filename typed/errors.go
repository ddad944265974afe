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
	// ErrDType: a dtype the family cannot hold, or not the one asked for
	// (then ErrMismatch too).
	ErrDType = errors.New("typed: unsupported dtype")
	// ErrMismatch: a dtype the family holds, but not the one the reader
	// asked for, as when a float64 file is read into an Int64Array2D. The
	// error is a *DTypeError, which says which dtypes.
	ErrMismatch = errors.New("typed: dtype mismatch")
	// ErrShape: a shape of the wrong rank, a negative dimension, or data
	// whose length does not match its shape.
	ErrShape = errors.New("typed: bad shape")
	// ErrLimit: a size over a configured limit or over what memory can
	// address.
	ErrLimit = errors.New("typed: size limit exceeded")
)

// IndexError is what At, Set and Row panic with for an index outside the
// shape, in the style of the runtime's own index errors.
func (impl) IndexError(i, j, rows, cols int) error {
	return fmt.Errorf("typed: index (%d, %d) out of range for shape (%d, %d)", i, j, rows, cols)
}

// DTypeError is the error for data of one dtype read as another. It
// matches both ErrMismatch and ErrDType with errors.Is.
type DTypeError struct {
	// Got is the dtype the input holds; Want the one the reader holds.
	Got, Want DType
}

func (e *DTypeError) Error() string {
	want := e.Want.Descr()
	if e.Want.Flexible() && e.Want.Size == 0 { // any width will do
		want = string(e.Want.Kind)
	}
	return fmt.Sprintf("typed: dtype mismatch: the input holds %s (%s), the reader wants %s (%s)", e.Got, e.Got.Descr(), e.Want, want)
}

// Is reports whether target is ErrMismatch or ErrDType.
func (e *DTypeError) Is(target error) bool { return target == ErrMismatch || target == ErrDType }

// FormatError is malformed input at a known place, as json.SyntaxError is:
// Offset is the byte of the file (or JSON envelope) where the problem
// shows. It matches ErrFormat with errors.Is, and io.ErrUnexpectedEOF too
// when the input ended early.
type FormatError struct {
	Offset int64  // byte of the input where the problem shows
	Msg    string // what was found there, and what was wanted
	Err    error  // the cause, such as io.ErrUnexpectedEOF, or nil
}

func (e *FormatError) Error() string {
	if e.Err != nil {
		return "typed: malformed input: " + e.Msg + ": " + e.Err.Error()
	}
	return "typed: malformed input: " + e.Msg
}

// Is reports whether target is ErrFormat.
func (e *FormatError) Is(target error) bool { return target == ErrFormat }

// Unwrap returns the cause.
func (e *FormatError) Unwrap() error { return e.Err }

// formatErrorf makes a *FormatError at offset off.
func formatErrorf(off int, format string, args ...any) error {
	return &FormatError{Offset: int64(off), Msg: fmt.Sprintf(format, args...)}
}

// RankError is an array of a rank the family does not hold, such as a
// 3-D file: Shape is numpy's shape as found, so a program can say what it
// got, or read the file another way. It matches ErrShape with errors.Is.
type RankError struct {
	Shape []int64
	DType DType // the array's dtype, when known
	What  string
}

func (e *RankError) Error() string {
	of := ""
	if e.DType.Name != "" {
		of = " of " + e.DType.String()
	}
	return fmt.Sprintf("typed: bad shape: %sshape %s%s has %d dimensions; the family holds arrays of 0, 1 or 2", e.What, shapeString(e.Shape), of, len(e.Shape))
}

// Is reports whether target is ErrShape.
func (e *RankError) Is(target error) bool { return target == ErrShape }
