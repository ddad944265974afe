package stream

import (
	"fmt"
	"io"
	"os"

	"github.com/npy2d/npy2d/internal/plural"
	"github.com/npy2d/npy2d/typed"
)

// Writer appends rows of a C-order 2-D array to a .npy file.
//
// Writer adds no buffer of its own: each WriteRows or Write is one Write on
// the destination (on big-endian hosts, one per 64 KiB of swapped data).
// Write many rows per call, or give it a buffered destination: when the
// destination has a Flush() error method, as a *bufio.Writer does, Writer
// calls it before every Seek and at Close. For a file, that is
//
//	bw := bufio.NewWriter(f)
//	w, err := stream.NewWriter(struct {
//		*bufio.Writer
//		io.Seeker
//	}{bw, f}, dt, cols)
type Writer struct {
	w    io.Writer
	seek io.WriteSeeker // nil for NewWriterN
	dt   typed.DType
	// ndim is the file's rank: 2, or 1 for a vector written element by
	// element (cols is then 1 and rows counts elements).
	ndim int
	cols int
	// rowLen is the size of a row in bytes: cols * dt.Size.
	rowLen int
	// rows counts the rows written; declared is NewWriterN's row count.
	rows, declared int
	// start is the header's offset in a seekable destination.
	start int64
	// hdr holds the header, so that Close can rebuild it without allocating.
	hdr []byte
	// err is the first write error: after it, what the destination holds is
	// unknown, so every later call returns it and Close leaves the header
	// unfinished.
	err    error
	closed bool
	// closeErr is what Close returned, returned again by later calls.
	closeErr error
}

// NewWriter starts a .npy file of dt with cols columns at w's current
// offset. Rows follow with WriteRows and Write; Close writes the final
// header over the first one.
//
// Until Close, the header carries format version 0.0, which np.load ("we only
// support format version (1,0), (2,0), and (3,0)") and npy2d refuse: a file
// whose writer never reached Close (a crash, a full disk) cannot pass for a
// complete array. Close does not close w.
func NewWriter(w io.WriteSeeker, dt typed.DType, cols int) (*Writer, error) {
	return newSeekWriter(w, dt, 2, cols)
}

// NewVectorWriter is NewWriter for a 1-D file, shape (n,): each row is one
// element, and Write takes vectors (or rows of one column), so that a
// vector larger than memory can be written in blocks.
func NewVectorWriter(w io.WriteSeeker, dt typed.DType) (*Writer, error) {
	return newSeekWriter(w, dt, 1, 1)
}

func newSeekWriter(w io.WriteSeeker, dt typed.DType, ndim, cols int) (*Writer, error) {
	sw, err := newWriter(w, dt, ndim, 0, cols)
	if err != nil {
		return nil, err
	}
	sw.seek = w
	if err := flush(w); err != nil {
		return nil, fmt.Errorf("stream: flushing before the header: %w", err)
	}
	if sw.start, err = w.Seek(0, io.SeekCurrent); err != nil {
		return nil, fmt.Errorf("stream: finding the header's offset (NewWriterN writes where Seek cannot): %w", err)
	}
	sw.hdr[6] = 0 // version 1.0 becomes 0.0 until Close rebuilds the header
	if _, err := w.Write(sw.hdr); err != nil {
		return nil, fmt.Errorf("stream: writing the header: %w", err)
	}
	return sw, nil
}

// NewWriterN starts a .npy file of rows x cols values of dt on w, which
// need not seek: the header, final from the start, is written at once.
// Exactly rows rows must follow before Close.
//
// If fewer arrive, Close reports it, but the header already sent declares
// rows: a reader finds the data truncated (np.load raises ValueError, npy2d
// returns an error wrapping io.ErrUnexpectedEOF), and a reader expecting
// another array after this one would misread it. Close does not close w.
func NewWriterN(w io.Writer, dt typed.DType, rows, cols int) (*Writer, error) {
	sw, err := newWriter(w, dt, 2, rows, cols)
	if err != nil {
		return nil, err
	}
	sw.declared = rows
	if _, err := w.Write(sw.hdr); err != nil {
		return nil, fmt.Errorf("stream: writing the header: %w", err)
	}
	return sw, nil
}

func newWriter(w io.Writer, dt typed.DType, ndim, rows, cols int) (*Writer, error) {
	if d, ok := typed.LookupDType(dt.Name); !ok || d.Kind != dt.Kind || d.CharSize != dt.CharSize || (!d.Flexible() && d != dt) {
		return nil, fmt.Errorf("stream: %w: stream of dtype %q, which is not in the dtype table", typed.ErrDType, dt.Name)
	}
	// One row must be addressable, even when none is declared yet.
	for _, r := range []int{1, rows} {
		if _, err := typed.Impl.DataLen(dt, r, cols, typed.Limits{}); err != nil {
			return nil, fmt.Errorf("stream: %w", err)
		}
	}
	return &Writer{
		w:      w,
		dt:     dt,
		ndim:   ndim,
		cols:   cols,
		rowLen: cols * dt.Size,
		hdr:    appendHeader(make([]byte, 0, 128), dt, ndim, rows, cols),
	}, nil
}

// appendHeader is typed.Impl.AppendHeader for a stream of rows x cols: a vector
// stream's rows are its elements.
func appendHeader(dst []byte, dt typed.DType, ndim, rows, cols int) []byte {
	if ndim == 1 {
		return typed.Impl.AppendHeader(dst, dt, 1, 1, rows)
	}
	return typed.Impl.AppendHeader(dst, dt, ndim, rows, cols)
}

// WriteRows appends whole rows given as host-order bytes, such as a
// generated array's Bytes(): len(b) must be a multiple of the row size,
// cols * dtype size. It writes little-endian data on any host.
//
// When cols is 0, rows have no bytes and WriteRows cannot count them: use
// Write with an array of shape (n, 0).
func (w *Writer) WriteRows(b []byte) error {
	if w.rowLen == 0 {
		if len(b) != 0 {
			return fmt.Errorf("stream: %w: %d bytes for rows of 0 columns, which have none", typed.ErrShape, len(b))
		}
		return w.writeRows(nil, 0)
	}
	if len(b)%w.rowLen != 0 {
		return fmt.Errorf("stream: %w: %s are not whole rows of %s (%s of %s)", typed.ErrShape, plural.N(len(b), "byte"), plural.N(w.rowLen, "byte"), plural.N(w.cols, "column"), w.dt.Name)
	}
	return w.writeRows(b, len(b)/w.rowLen)
}

// Write appends all rows of a, whose dtype and column count must be the
// stream's.
func (w *Writer) Write(a typed.Array) error {
	if a.DType() != w.dt {
		return fmt.Errorf("stream: %w: array of %s written to a stream of %s", typed.ErrDType, a.DType(), w.dt)
	}
	rows, cols := a.Shape()
	if w.ndim == 1 && a.NDim() < 2 { // a vector's elements are the stream's rows
		rows, cols = cols, 1
	}
	if cols != w.cols {
		return fmt.Errorf("stream: %w: array of shape (%d, %d) written to a stream of %d columns", typed.ErrShape, rows, cols, w.cols)
	}
	b := a.Bytes()
	if err := typed.Impl.CheckData(w.dt, rows, cols, len(b)); err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	return w.writeRows(b, rows)
}

func (w *Writer) writeRows(b []byte, n int) error {
	switch {
	case w.closed:
		return fmt.Errorf("stream: write after Close: %w", os.ErrClosed)
	case w.err != nil:
		return w.err
	}
	if _, err := typed.Impl.DataLen(w.dt, w.rows+n, w.cols, typed.Limits{}); err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	if w.seek == nil && w.rows+n > w.declared {
		return fmt.Errorf("stream: %w: %s more after %d would pass the %s the header declared", typed.ErrShape, plural.N(n, "row"), w.rows, plural.N(w.declared, "row"))
	}
	if _, err := typed.Impl.WriteData(w.w, w.dt, b); err != nil {
		w.err = fmt.Errorf("stream: writing rows from %d: %w", w.rows, err)
		return w.err
	}
	w.rows += n
	return nil
}

// Rows returns the number of rows written so far.
func (w *Writer) Rows() int { return w.rows }

// Close finishes the file. For NewWriter it writes the header with the final
// row count over the first one and leaves the destination's offset at the end
// of the data; for NewWriterN it reports a row count other than the declared
// one. After a write error it returns that error and, for NewWriter, leaves
// the unfinished header in place. It flushes a destination that has a Flush()
// error method and never closes it. Later calls return the first result.
func (w *Writer) Close() error {
	if w.closed {
		return w.closeErr
	}
	w.closed = true
	w.closeErr = w.finish()
	return w.closeErr
}

func (w *Writer) finish() error {
	if w.err != nil {
		return w.err
	}
	if err := flush(w.w); err != nil {
		return fmt.Errorf("stream: flushing the data: %w", err)
	}
	if w.seek == nil {
		if w.rows != w.declared {
			return fmt.Errorf("stream: %w: closed after %d of the %s the header declared: readers will find the data truncated", typed.ErrShape, w.rows, plural.N(w.declared, "row"))
		}
		return nil
	}
	hdr := appendHeader(w.hdr[:0], w.dt, w.ndim, w.rows, w.cols)
	if len(hdr) != len(w.hdr) {
		// AppendHeader pads to a fixed length; if that ever broke, writing
		// would overwrite data.
		return fmt.Errorf("stream: header for %d rows is %d bytes, not the %d written first", w.rows, len(hdr), len(w.hdr))
	}
	end := w.start + int64(len(hdr)) + int64(w.rows)*int64(w.rowLen)
	if _, err := w.seek.Seek(w.start, io.SeekStart); err != nil {
		return fmt.Errorf("stream: seeking to the header: %w", err)
	}
	if _, err := w.seek.Write(hdr); err != nil {
		return fmt.Errorf("stream: rewriting the header: %w", err)
	}
	if err := flush(w.w); err != nil {
		return fmt.Errorf("stream: flushing the header: %w", err)
	}
	if _, err := w.seek.Seek(end, io.SeekStart); err != nil {
		return fmt.Errorf("stream: seeking past the data: %w", err)
	}
	return nil
}

// flush flushes w when it buffers, so that its Seek moves past what was
// written rather than under it.
func flush(w io.Writer) error {
	if f, ok := w.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}
