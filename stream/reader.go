package stream

import (
	"errors"
	"fmt"
	"io"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/plural"
	"github.com/npy2d/npy2d/typed"
)

// ErrFortranOrder is returned by NewReader for a fortran_order file of more
// than one row and more than one column: it stores columns one after
// another, so no prefix of the data is a block of rows. Read such a file
// whole (generated.ReadNPY transposes it) or save it in C order.
var ErrFortranOrder = errors.New("stream: fortran_order data cannot be read by rows")

// Reader reads the rows of a .npy file in blocks, holding no more than one
// block, so that files larger than memory can be processed.
//
// Data is converted to host byte order block by block, and bool blocks are
// checked to hold only 0 and 1. After the last row, reads return io.EOF and
// the source is left at the end of the data, where another .npy file may
// follow. A source that ends early gives an error wrapping both
// typed.ErrFormat and io.ErrUnexpectedEOF; after any error, every later
// read returns it.
type Reader struct {
	r io.Reader
	// h is the file's header; block is h with the Rows, DataLen and
	// DataOffset of the block being read.
	h, block typed.Header
	// rows and cols are the stream's shape: the file's, except that a 1-D
	// file of n elements streams as n rows of one element.
	rows, cols int
	rowLen     int
	next       int // index of the next row to read
	err        error
	// arr is Next's block, reused from call to call.
	arr blockArray
}

// blockArray is what every generated type implements: ReadData sets the
// shape and reuses Data's capacity, so a block costs no allocation once the
// storage is large enough.
type blockArray interface {
	typed.Array
	typed.DataReader
}

// NewReader reads the header from r with typed.Limits{} and returns a
// Reader positioned at the first row.
func NewReader(r io.Reader) (*Reader, error) {
	return NewReaderWithLimits(r, typed.Limits{})
}

// NewReaderWithLimits is NewReader with the caller's limits. MaxDataBytes
// bounds the size the header declares for the whole array, as for whole
// reads; the memory a Reader uses is bounded by its block size regardless.
func NewReaderWithLimits(r io.Reader, lim typed.Limits) (*Reader, error) {
	h, err := typed.ReadHeader(r, lim)
	if err != nil {
		return nil, fmt.Errorf("stream: %w", err)
	}
	if h.Fortran && h.Rows > 1 && h.Cols > 1 {
		return nil, fmt.Errorf("%w: shape (%d, %d) is stored column by column; read it whole with generated.ReadNPY", ErrFortranOrder, h.Rows, h.Cols)
	}
	// Cols * Size cannot overflow once a row exists: ReadHeader checked
	// Rows * Cols * Size. With no rows it is never used.
	block := h
	block.Fortran = false // one row or one column: the same bytes in either order
	rows, cols := h.Rows, h.Cols
	if h.NDim == 1 {
		rows, cols = h.Cols, 1
	}
	return &Reader{r: r, h: h, block: block, rows: rows, cols: cols, rowLen: cols * h.DType.Size}, nil
}

// Header returns the file's header: dtype, byte order and the full shape.
//
// A 1-D file of n elements streams element by element, as n rows of one
// element: ReadRows counts elements, and Next returns vectors (NDim 1) of
// up to the requested number of elements. A 0-D file is one row of one
// element.
func (r *Reader) Header() typed.Header { return r.h }

// ReadRows reads as many whole rows as dst holds, and no more than remain,
// into dst as host-order bytes, and returns how many it read. It allocates
// nothing. View the bytes as values with a generated array:
//
//	blk := generated.NewFloat64Array2D(4096, cols)
//	n, err := r.ReadRows(blk.Bytes())
//	rows := blk.Data[:n*cols]
//
// It returns 0, io.EOF when no rows remain and an error wrapping
// typed.ErrShape when dst cannot hold one row. On any other error it returns
// 0 rows. When cols is 0, rows have no bytes: one call returns all that
// remain.
func (r *Reader) ReadRows(dst []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if r.next == r.rows {
		return 0, io.EOF
	}
	n := r.rows - r.next
	if r.rowLen > 0 {
		if len(dst) < r.rowLen {
			return 0, fmt.Errorf("stream: %w: a buffer of %s cannot hold a row of %s (%s of %s)", typed.ErrShape, plural.N(len(dst), "byte"), plural.N(r.rowLen, "byte"), plural.N(r.cols, "column"), r.h.DType)
		}
		n = min(n, len(dst)/r.rowLen)
	}
	h := r.blockHeader(n)
	_, err := typed.Impl.ReadData(r.r, h, len(dst), func(k int) []byte { return dst[:k] })
	return r.done(n, err)
}

// Next reads the next block of up to rows rows and returns it as the
// generated type of the file's dtype (for float64, *generated.Float64Array2D),
// with fewer rows only at the end of the file. The block's storage is reused
// by the following call, so the returned array is valid until then; copy
// what must outlive it. Once the storage has grown to the block size, Next
// allocates nothing. It returns nil, io.EOF when no rows remain.
//
// Storage grows as data arrives, as in ReadFrom, so a header claiming more
// rows than the source holds costs at most about the data present (and 1 MiB),
// not the block size it asks for.
func (r *Reader) Next(rows int) (typed.Array, error) {
	if r.err != nil {
		return nil, r.err
	}
	if rows <= 0 {
		return nil, fmt.Errorf("stream: %w: block of %d rows, want at least 1", typed.ErrShape, rows)
	}
	if r.next == r.rows {
		return nil, io.EOF
	}
	if r.arr == nil {
		a, err := generated.NewArray(r.h.DType, 0, r.cols)
		if err != nil {
			return nil, fmt.Errorf("stream: %w", err)
		}
		ba, ok := a.(blockArray)
		if !ok {
			return nil, fmt.Errorf("stream: %w: %T has no ReadData method", typed.ErrDType, a)
		}
		r.arr = ba
	}
	n := min(rows, r.rows-r.next)
	_, err := r.arr.ReadData(r.r, r.blockHeader(n))
	if _, err := r.done(n, err); err != nil {
		return nil, err
	}
	return r.arr, nil
}

// blockHeader describes the next n rows as if they were a file of their own
// whose data starts where they do, so that errors name file offsets.
func (r *Reader) blockHeader(n int) typed.Header {
	h := r.block
	h.Rows = n
	if h.NDim == 1 { // a vector of n elements
		h.Rows, h.Cols = 1, n
	}
	h.DataLen = n * r.rowLen
	h.DataOffset = r.block.DataOffset + r.next*r.rowLen
	return h
}

// done records the outcome of reading n rows.
func (r *Reader) done(n int, err error) (int, error) {
	if err != nil {
		r.err = fmt.Errorf("stream: rows %d:%d of %d: %w", r.next, r.next+n, r.rows, err)
		return 0, r.err
	}
	r.next += n
	return n, nil
}
