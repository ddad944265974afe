package stream

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/npy2d/npy2d/internal/plural"
	"github.com/npy2d/npy2d/typed"
)

// ErrHeaderFull is wrapped (with typed.ErrLimit) by OpenAppend's and
// Commit's errors for a file whose header has no room for the new row
// count: np.save's header for the longer array would not fit where the
// data starts.
var ErrHeaderFull = errors.New("stream: the .npy header has no room for the new row count")

// Appender adds rows to the end of an existing .npy file in place, as
// npy-append-array does for numpy: the rows are written after the data and
// the row count in the header is rewritten, so that the file is then byte
// for byte what np.save writes for the concatenation, as an array of the
// file's dtype (for a big-endian file that is
// np.concatenate([a, b], dtype=a.dtype): np.concatenate alone returns
// native order).
//
// np.save (since numpy 1.23) and npy2d pad every header so that the row
// count can grow to 21 digits without moving the data. A header without
// that room (from an older numpy, or another writer) is refused with
// ErrHeaderFull when the new count needs more room than it has, rather than
// rewritten: rewriting would move every byte of the data, which is neither
// cheap for the large files appends are for nor safe against a crash.
// Copy such a file once with np.save or npy2d to gain the room.
//
// # Crashes
//
// Rows are written past the end of the data the header declares, and the
// header is rewritten only at Commit or Close, after the rows have been
// synced to disk (fsync), and then synced itself. A crash before the
// header is rewritten leaves the header declaring the old rows: np.load
// reads the file as it was before the append (numpy ignores bytes past the
// data; npy2d's readers refuse them as trailing bytes), and the next
// OpenAppend writes over them. The header is rewritten with one write of
// its bytes (under 128 bytes for numeric dtypes, in the file's first disk
// sector), so it is read whole, old or new.
//
// An Appender is not safe for concurrent use, and the file must not be
// written by anyone else while it is open.
type Appender struct {
	f  *os.File
	h  typed.Header // the header as it is in the file
	dt typed.DType
	// ndim is the file's rank: 2, or 1 for a vector, whose elements are
	// its rows (cols is then 1).
	ndim   int
	cols   int
	rowLen int
	// rows is the row count including rows written since the last
	// Commit; end is where the next row goes.
	rows int
	// committed is the row count the header on disk declares.
	committed int
	end       int64
	err       error
	done      bool
}

// OpenAppend opens the .npy file at path to append rows. The file must be
// a C-order array of a dtype in the table, in either byte order (rows are
// written in the file's order); Fortran-order files other than a single
// row or column are refused, because their rows are not contiguous.
func OpenAppend(path string) (*Appender, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("stream: append: %w", err)
	}
	a, err := openAppend(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("stream: append %s: %w", path, err)
	}
	return a, nil
}

func openAppend(f *os.File) (*Appender, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	h, err := typed.ReadHeader(io.NewSectionReader(f, 0, fi.Size()), typed.Limits{})
	if err != nil {
		return nil, err
	}
	if h.Fortran && h.Rows > 1 && h.Cols > 1 {
		return nil, fmt.Errorf("%w: %w: shape (%d, %d) is stored column by column; rows cannot be appended", ErrFortranOrder, typed.ErrShape, h.Rows, h.Cols)
	}
	end := int64(h.DataOffset) + int64(h.DataLen)
	if fi.Size() < end {
		return nil, fmt.Errorf("%w: the header declares %d bytes, the file has %d: %w", typed.ErrFormat, end, fi.Size(), io.ErrUnexpectedEOF)
	}
	// Bytes past end are rows of an append that did not reach its Commit:
	// they are written over, and cut off at the next Commit.
	// A vector grows element by element, as stream's vector writer writes
	// one; a scalar has nothing to grow.
	rows, cols := h.Rows, h.Cols
	switch h.NDim {
	case 0:
		return nil, fmt.Errorf("stream: append: %w: a 0-D array (shape ()) has no rows to add to", typed.ErrShape)
	case 1:
		rows, cols = h.Cols, 1
	}
	a := &Appender{f: f, h: h, dt: h.DType, ndim: h.NDim, cols: cols, rowLen: cols * h.DType.Size, rows: rows, committed: rows, end: end}
	if _, err := a.header(rows + 1); err != nil {
		return nil, err
	}
	return a, nil
}

// header returns np.save's header for rows rows of the file's dtype, byte
// order and columns, which must be as long as the header in the file.
func (a *Appender) header(rows int) ([]byte, error) {
	if _, err := typed.Impl.DataLen(a.dt, rows, a.cols, typed.Limits{}); err != nil {
		return nil, err
	}
	hdr := typed.Impl.AppendHeader(make([]byte, 0, a.h.DataOffset), a.dt, 2, rows, a.cols)
	if a.ndim == 1 {
		hdr = typed.Impl.AppendHeader(hdr[:0], a.dt, 1, 1, rows)
	}
	if a.h.Order == '>' {
		const key = "'descr': '<" // the first value in the dict
		for i := 0; i+len(key) <= len(hdr); i++ {
			if string(hdr[i:i+len(key)]) == key {
				hdr[i+len(key)-1] = '>'
				break
			}
		}
	}
	if len(hdr) != a.h.DataOffset {
		return nil, fmt.Errorf("%w: %w: np.save's header for shape (%d, %d) is %d bytes, the file's is %d; copy the file with np.save or npy2d, which leave room for 21 digits",
			ErrHeaderFull, typed.ErrLimit, rows, a.cols, len(hdr), a.h.DataOffset)
	}
	return hdr, nil
}

// Header returns the file's header as last committed.
func (a *Appender) Header() typed.Header { return a.h }

// Rows returns the row count including rows not yet committed.
func (a *Appender) Rows() int { return a.rows }

// WriteRows appends whole rows given as host-order bytes, such as a
// generated array's Bytes(): len(b) must be a multiple of the row size.
func (a *Appender) WriteRows(b []byte) error {
	if a.rowLen == 0 {
		if len(b) != 0 {
			return fmt.Errorf("stream: append: %w: %d bytes for rows of 0 columns", typed.ErrShape, len(b))
		}
		return fmt.Errorf("stream: append: %w: rows of 0 columns have no bytes; use Write with an array of shape (n, 0)", typed.ErrShape)
	}
	if len(b)%a.rowLen != 0 {
		return fmt.Errorf("stream: append: %w: %s are not whole rows of %s (%s of %s)", typed.ErrShape, plural.N(len(b), "byte"), plural.N(a.rowLen, "byte"), plural.N(a.cols, "column"), a.dt.Name)
	}
	return a.writeRows(b, len(b)/a.rowLen)
}

// Write appends all rows of arr, whose dtype and column count must be the
// file's.
func (a *Appender) Write(arr typed.Array) error {
	if arr.DType() != a.dt {
		return fmt.Errorf("stream: append: %w: array of %s appended to a file of %s", typed.ErrDType, arr.DType().Name, a.dt.Name)
	}
	rows, cols := arr.Shape()
	if a.ndim == 1 && arr.NDim() < 2 { // a vector's elements are the file's rows
		rows, cols = cols, 1
	}
	if cols != a.cols {
		return fmt.Errorf("stream: append: %w: array of shape (%d, %d) appended to a file of %d columns", typed.ErrShape, rows, cols, a.cols)
	}
	b := arr.Bytes()
	if err := typed.Impl.CheckData(a.dt, rows, cols, len(b)); err != nil {
		return fmt.Errorf("stream: append: %w", err)
	}
	return a.writeRows(b, rows)
}

func (a *Appender) writeRows(b []byte, n int) error {
	switch {
	case a.done:
		return fmt.Errorf("stream: append after Close: %w", os.ErrClosed)
	case a.err != nil:
		return a.err
	}
	if _, err := a.header(a.rows + n); err != nil {
		return fmt.Errorf("stream: append: %w", err)
	}
	if a.dt.Kind == 'b' {
		if err := typed.Impl.CheckBools(b); err != nil {
			return fmt.Errorf("stream: append: %w", err)
		}
	}
	data := typed.Impl.HostOrderCopy(b, a.dt, a.h.Order)
	if _, err := a.f.WriteAt(data, a.end); err != nil {
		a.err = fmt.Errorf("stream: append: writing rows from %d: %w", a.rows, err)
		return a.err
	}
	a.rows += n
	a.end += int64(len(data))
	return nil
}

// Commit makes the rows written so far part of the array: it syncs them,
// cuts off anything past them, rewrites the header's row count and syncs
// again. After a crash the file holds the array as of the last Commit.
func (a *Appender) Commit() error {
	switch {
	case a.done:
		return fmt.Errorf("stream: commit after Close: %w", os.ErrClosed)
	case a.err != nil:
		return a.err
	}
	if err := a.commit(); err != nil {
		a.err = fmt.Errorf("stream: append: %w", err)
		return a.err
	}
	return nil
}

func (a *Appender) commit() error {
	hdr, err := a.header(a.rows)
	if err != nil {
		return err
	}
	// 1. The rows reach the disk before any header declares them.
	if err := a.f.Sync(); err != nil {
		return err
	}
	// 2. Rows of an earlier, unfinished append past the new end go.
	if fi, err := a.f.Stat(); err != nil {
		return err
	} else if fi.Size() > a.end {
		if err := a.f.Truncate(a.end); err != nil {
			return err
		}
	}
	if a.rows == a.committed {
		return nil
	}
	// 3. One write of the header, then its sync.
	if _, err := a.f.WriteAt(hdr, 0); err != nil {
		return err // an *fs.PathError: "write path: ..."
	}
	if err := a.f.Sync(); err != nil {
		return err
	}
	a.committed = a.rows
	a.h.Rows, a.h.Cols = a.rows, a.cols
	if a.ndim == 1 {
		a.h.Rows, a.h.Cols = 1, a.rows
	}
	a.h.DataLen = a.rows * a.rowLen
	a.h.Major, a.h.Minor = 1, 0
	return nil
}

// Close commits the rows written and closes the file. After a write error
// it closes the file without committing (the file holds the array as of
// the last Commit) and returns that error. Closing twice does nothing.
func (a *Appender) Close() error {
	if a.done {
		return nil
	}
	err := a.Commit()
	a.done = true
	if cerr := a.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("stream: append: %w", cerr)
	}
	return err
}
