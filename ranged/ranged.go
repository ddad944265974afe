// Package ranged reads row ranges of a .npy array, or of a stored member of
// an .npz archive, from any io.ReaderAt: an *os.File, an object-store
// object (minio-go's *Object), an HTTP URL (package httprange). It reads the
// header with one small read at Open and then, for each ReadRows, exactly
// the bytes of rows [i, j) with one ReadAt: a worker that reads its slice
// of a 1 TB array in an object store moves its slice, not the array.
//
//	r, err := ranged.Open(f, st.Size()) // reads the header: one ReadAt of at most 1 KiB
//	if err != nil {
//		log.Fatal(err)
//	}
//	rows, _ := r.Shape()
//	part := generated.NewFloat32Array2D(0, 0)
//	if err := r.ReadInto(part, k*rows/n, (k+1)*rows/n); err != nil { // one ReadAt: this partition only
//		log.Fatal(err)
//	}
//
// A Reader holds no buffer and no position: its methods may be called from
// many goroutines at once, each reading its own range, as long as the
// io.ReaderAt allows concurrent ReadAt calls (the io.ReaderAt contract
// says it must).
//
// Data is converted to host byte order, and bool data is checked to hold
// only 0 and 1, range by range. Fortran-order arrays of more than one row
// and column store columns one after another, so that rows [i, j) are
// cols separate pieces of the file: Open accepts them (their Header is
// useful), and ReadRows and ReadInto refuse them with an error wrapping
// ErrFortranOrder rather than make cols requests per range. Compressed
// .npz members (np.savez_compressed) cannot be read from the middle and are
// refused with ErrCompressed.
//
// The header is held to the size of what holds it: a header that declares
// more (or fewer) bytes than the file or member has is refused at Open with
// typed.ErrFormat, and a range past the last row with typed.ErrShape, so
// nothing is allocated or requested for data that is not there. A source
// that returns fewer bytes than asked gives an error wrapping
// typed.ErrFormat and io.ErrUnexpectedEOF.
package ranged

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/plural"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// ErrFortranOrder is wrapped (with typed.ErrShape) by the errors for row
// ranges of Fortran-order data with more than one row and column.
var ErrFortranOrder = errors.New("ranged: fortran_order data cannot be read by row ranges")

// ErrCompressed is wrapped by OpenEntry's error for a deflated .npz member.
var ErrCompressed = errors.New("ranged: a compressed .npz member cannot be read by row ranges")

// HeaderProbe is how many bytes Open reads for the header: np.save's
// headers of numeric arrays are 128 bytes, so one read almost always holds
// the whole header; a longer one costs a second read.
const HeaderProbe = 1024

// Reader reads row ranges of one array. It is safe for concurrent use.
//
// A 1-D array of n elements reads as n rows of one element, so that
// workers can split a vector too: rows [i, j) are elements [i, j), and
// ReadArray and ReadInto give vectors (NDim 1) of j-i elements. A 0-D
// array is one row of one element.
type Reader struct {
	r      io.ReaderAt
	h      typed.Header
	off    int64 // where the data starts in r
	rows   int   // the rows ranges count: h.Rows, or a vector's elements
	rowLen int64 // bytes per row: Cols * DType.Size, or one item for a vector
}

// Open reads the .npy header of the file of size bytes held by r, with
// numpy's default limits.
func Open(r io.ReaderAt, size int64) (*Reader, error) {
	return OpenWithLimits(r, size, typed.Limits{})
}

// OpenWithLimits is Open with the caller's limits on the header's length
// and the data's size.
func OpenWithLimits(r io.ReaderAt, size int64, lim typed.Limits) (*Reader, error) {
	h, err := ReadHeader(r, 0, size, lim)
	if err != nil {
		return nil, fmt.Errorf("ranged: %w", err)
	}
	if want := int64(h.DataOffset) + int64(h.DataLen); want != size {
		if want > size {
			return nil, fmt.Errorf("ranged: %w: the header declares %d bytes of data after %d of header, the file has %d in all: %w",
				typed.ErrFormat, h.DataLen, h.DataOffset, size, io.ErrUnexpectedEOF)
		}
		return nil, fmt.Errorf("ranged: %w: %s after the data at byte %d", typed.ErrFormat, plural.N(int(size-want), "byte"), want)
	}
	return newReader(r, h, int64(h.DataOffset)), nil
}

// ReadHeader reads the .npy header that starts at byte off of r, where at
// most size bytes belong to it: one read of up to HeaderProbe bytes, and a
// second only for a header longer than that (within lim.MaxHeaderLen).
func ReadHeader(r io.ReaderAt, off, size int64, lim typed.Limits) (typed.Header, error) {
	if size < 0 || off < 0 {
		return typed.Header{}, fmt.Errorf("%w: negative size %d or offset %d", typed.ErrFormat, size, off)
	}
	buf := make([]byte, min(size, HeaderProbe))
	if err := readFull(r, buf, off); err != nil {
		return typed.Header{}, err
	}
	maxLen := lim.MaxHeaderLen
	if maxLen <= 0 {
		maxLen = 10000 // typed.Limits' default, numpy's
	}
	maxLen = min(maxLen, 1<<30)
	// A longer header is read only when it lies within size and the limit;
	// otherwise ParseHeader says which it broke.
	if need, ok := headerLen(buf); ok && need > len(buf) && int64(need) <= size && need <= maxLen+12 {
		more := make([]byte, need)
		copy(more, buf)
		if err := readFull(r, more[len(buf):], off+int64(len(buf))); err != nil {
			return typed.Header{}, err
		}
		buf = more
	}
	// ParseHeader refuses what is malformed, over the limits, or cut
	// short by the end of size.
	return typed.ParseHeader(buf, lim)
}

// headerLen is the length of the header whose first bytes are b, from its
// preamble, when b holds that much of it.
func headerLen(b []byte) (int, bool) {
	if len(b) < 12 || string(b[:6]) != typed.Magic || b[7] != 0 {
		return 0, false
	}
	switch b[6] {
	case 1:
		return 10 + int(binary.LittleEndian.Uint16(b[8:])), true
	case 2, 3:
	default: // an unknown version: ParseHeader says so
		return 0, false
	}
	n := binary.LittleEndian.Uint32(b[8:])
	if uint64(n) > 1<<30 { // far over any limit; ParseHeader says so
		return 0, false
	}
	return 12 + int(n), true
}

// OpenNPZ opens member name (numpy's key, or with ".npy") of the .npz
// archive of size bytes held by r. It reads the zip directory and that
// member's .npy header, nothing else. To list the arrays first, use
// npz.NewReader(r, size) and its Entries (which also reads only the
// directory and each member's header), then OpenEntry.
func OpenNPZ(r io.ReaderAt, size int64, name string) (*Reader, error) {
	zr, err := npz.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	e, err := zr.Lookup(name)
	if err != nil {
		return nil, err
	}
	return OpenEntry(r, e)
}

// OpenEntry returns a Reader of the stored .npz member e, listed by an
// npz.Reader of the archive that r holds: npz has checked that the
// member's header and data lie within it.
func OpenEntry(r io.ReaderAt, e npz.Entry) (*Reader, error) {
	switch {
	case e.Err != nil:
		return nil, e.Err
	case e.Compressed:
		return nil, fmt.Errorf("%w: member %q (np.savez_compressed); np.savez stores members", ErrCompressed, e.Name)
	case e.FileOffset < 0:
		return nil, fmt.Errorf("ranged: %w: member %q has no data offset", typed.ErrFormat, e.Name)
	}
	return newReader(r, e.Header, e.FileOffset), nil
}

func newReader(r io.ReaderAt, h typed.Header, off int64) *Reader {
	if h.NDim == 1 {
		return &Reader{r: r, h: h, off: off, rows: h.Cols, rowLen: int64(h.DType.Size)}
	}
	return &Reader{r: r, h: h, off: off, rows: h.Rows, rowLen: int64(h.Cols) * int64(h.DType.Size)}
}

// Header returns the array's header: dtype, byte order, shape.
func (r *Reader) Header() typed.Header { return r.h }

// Shape returns the shape that row ranges index: the array's (rows, cols),
// or (n, 1) for a vector of n elements.
func (r *Reader) Shape() (rows, cols int) {
	if r.h.NDim == 1 {
		return r.rows, 1
	}
	return r.h.Rows, r.h.Cols
}

// DataOffset is where the array's data starts in the io.ReaderAt.
func (r *Reader) DataOffset() int64 { return r.off }

// RowLen is the length of a row in bytes.
func (r *Reader) RowLen() int { return int(r.rowLen) }

// rangeHeader is the header of rows [i, j) as a C-order array of their
// own, after checking the range.
func (r *Reader) rangeHeader(i, j int) (typed.Header, error) {
	h := r.h
	switch {
	case i < 0 || j < i || j > r.rows:
		return h, fmt.Errorf("ranged: %w: rows [%d, %d) of an array of %d rows", typed.ErrShape, i, j, r.rows)
	case h.Fortran && h.Rows > 1 && h.Cols > 1:
		return h, fmt.Errorf("%w: %w: shape (%d, %d) is stored column by column; read it whole (generated.ReadNPY) or save it in C order",
			ErrFortranOrder, typed.ErrShape, h.Rows, h.Cols)
	}
	h.Fortran = false // one row or one column: the same bytes in either order
	h.Rows = j - i
	if h.NDim == 1 { // elements [i, j): a vector of their own
		h.Rows, h.Cols = 1, j-i
	}
	h.DataLen = int(int64(j-i) * r.rowLen)
	return h, nil
}

// ReadRows reads rows [i, j) into dst, which must be exactly (j-i) rows
// long (RowLen bytes each), as host-order bytes: view them with a generated
// type's FromBytes. It is one ReadAt of the io.ReaderAt.
func (r *Reader) ReadRows(dst []byte, i, j int) error {
	h, err := r.rangeHeader(i, j)
	if err != nil {
		return err
	}
	if len(dst) != h.DataLen {
		return fmt.Errorf("ranged: %w: %s for rows [%d, %d) of %s each, want %d", typed.ErrShape, plural.N(len(dst), "byte"), i, j, plural.N(int(r.rowLen), "byte"), h.DataLen)
	}
	if err := readFull(r.r, dst, r.off+int64(i)*r.rowLen); err != nil {
		return fmt.Errorf("ranged: rows [%d, %d): %w", i, j, err)
	}
	if err := typed.Impl.Normalize(dst, h); err != nil {
		return fmt.Errorf("ranged: rows [%d, %d): %w", i, j, err)
	}
	return nil
}

// ReadInto reads rows [i, j) into dst, a generated array of the file's
// dtype, which takes the shape (j-i, cols) and reuses its storage when it
// is large enough. It is one ReadAt of the io.ReaderAt.
func (r *Reader) ReadInto(dst typed.DataReader, i, j int) error {
	h, err := r.rangeHeader(i, j)
	if err != nil {
		return err
	}
	sr, err := r.source(h, i)
	if err != nil {
		return fmt.Errorf("ranged: rows [%d, %d): %w", i, j, err)
	}
	if _, err := dst.ReadData(sr, h); err != nil {
		return fmt.Errorf("ranged: rows [%d, %d): %w", i, j, err)
	}
	return nil
}

// ReadArray reads rows [i, j) into a new array of the file's generated
// type: assert it to, say, *generated.Float64Array2D.
func (r *Reader) ReadArray(i, j int) (typed.Array, error) {
	h, err := r.rangeHeader(i, j)
	if err != nil {
		return nil, err
	}
	sr, err := r.source(h, i)
	if err != nil {
		return nil, fmt.Errorf("ranged: rows [%d, %d): %w", i, j, err)
	}
	a, err := generated.ReadArrayData(sr, h)
	if err != nil {
		return nil, fmt.Errorf("ranged: rows [%d, %d): %w", i, j, err)
	}
	return a, nil
}

// source is the data of rows from i that h describes, as ReadData reads it.
// Data in the host's order is read straight into the array's storage, in
// one ReadAt. Data to byte-swap is read whole first, with one ReadAt, and
// swapped from there: ReadData would otherwise swap it a chunk at a time,
// one ReadAt (one HTTP request, against a remote object) a chunk.
func (r *Reader) source(h typed.Header, i int) (io.Reader, error) {
	off := r.off + int64(i)*r.rowLen
	if h.Order == '|' || h.Order == typed.Impl.HostOrder() || h.DType.SwapUnit() == 1 {
		return io.NewSectionReader(eofReader{r.r}, off, int64(h.DataLen)), nil
	}
	buf := make([]byte, h.DataLen)
	if err := readFull(r.r, buf, off); err != nil {
		return nil, err
	}
	return bytes.NewReader(buf), nil
}

// readFull fills b from byte off of r, with one ReadAt.
func readFull(r io.ReaderAt, b []byte, off int64) error {
	if len(b) == 0 {
		return nil
	}
	n, err := r.ReadAt(b, off)
	switch {
	case n < 0 || n > len(b):
		return fmt.Errorf("%w: ReadAt returned %d for %d bytes", typed.ErrFormat, n, len(b))
	case n == len(b) && (err == nil || err == io.EOF):
		return nil // io.ReaderAt may report io.EOF with the last byte
	case err == nil || err == io.EOF:
		return fmt.Errorf("%w: %d of %d bytes at byte %d: %w", typed.ErrFormat, n, len(b), off, io.ErrUnexpectedEOF)
	case errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, typed.ErrFormat):
		return fmt.Errorf("%w: %d of %d bytes at byte %d: %w", typed.ErrFormat, n, len(b), off, err)
	}
	return err // the source's own error, such as "read path: ..." or httprange's
}

// eofReader holds a ReaderAt to its contract for the SectionReaders that
// ReadInto hands to decoders: a short read is an error, never silence.
type eofReader struct{ r io.ReaderAt }

func (e eofReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := e.r.ReadAt(p, off)
	if n < 0 || n > len(p) {
		return 0, fmt.Errorf("%w: ReadAt returned %d for %d bytes", typed.ErrFormat, n, len(p))
	}
	if n < len(p) && err == nil {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}
