package npz

import (
	"archive/zip"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/npy2d/npy2d/typed"
)

// Writer writes an .npz archive that np.load reads. Add arrays, then Close.
// Member names get ".npy" appended, as np.savez does.
type Writer struct {
	// Compressed deflates the arrays added after it is set, as
	// np.savez_compressed does; otherwise they are stored, as np.savez does,
	// with their data at a multiple of 64 bytes in the archive.
	Compressed bool

	zw     *zip.Writer
	out    *countWriter
	closer io.Closer
	names  map[string]bool
	arrN   int // arrays added without a name: the next is arr_<arrN>
	// deflating is the compressor every deflated member goes through.
	deflating *deflater
	// pending is how many bytes archive/zip will still write for the last
	// member (its data descriptor) before the next member's header.
	pending int64
	err     error
	closed  bool
}

// NewWriter returns a Writer that writes an archive to w. It buffers;
// Close flushes.
func NewWriter(w io.Writer) *Writer {
	out := &countWriter{w: w}
	wr := &Writer{zw: zip.NewWriter(out), out: out, names: map[string]bool{}}
	wr.zw.RegisterCompressor(zip.Deflate, wr.newDeflater)
	return wr
}

// Create creates (or truncates) the file at path and returns a Writer to
// it; Close closes the file.
func Create(path string) (*Writer, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("npz: %w", err)
	}
	w := NewWriter(f)
	w.closer = f
	return w, nil
}

// Add writes a as the member name + ".npy". An empty name stands for
// numpy's arr_0, arr_1, ..., numbered in order among the arrays added
// without a name, as np.savez numbers its positional arguments. A name used
// twice is an error, as it is for np.savez. The array is checked before
// anything is written, and must not change while Add runs: a stored member
// is read twice, once for its checksum. After a write error the Writer only
// returns that error.
func (w *Writer) Add(name string, a typed.Array) error {
	if w.err != nil {
		return w.err
	}
	if name == "" {
		name = "arr_" + strconv.Itoa(w.arrN)
		w.arrN++
	}
	if w.names[name] {
		return fmt.Errorf("npz: two arrays named %q", name)
	}
	rows, cols := a.Shape()
	if err := typed.Impl.CheckData(a.DType(), rows, cols, len(a.Bytes())); err != nil {
		return fmt.Errorf("npz: array %q: %w", name, err)
	}
	w.names[name] = true
	fh := &zip.FileHeader{
		Name:   name + ".npy",
		Method: zip.Store,
		// The MS-DOS date 1980-01-01, midnight, for every member: archives
		// of equal arrays are equal byte for byte. Modified is left zero
		// because it adds a timestamp field to the header that CreateRaw
		// does not.
		//lint:ignore SA1019 Modified would add the timestamp field CreateRaw omits (see above).
		ModifiedDate: 1<<5 | 1,
	}
	if !isASCII(fh.Name) && utf8.ValidString(fh.Name) {
		fh.Flags |= 0x800 // the name is UTF-8
	}
	var err error
	if w.Compressed {
		err = w.addDeflated(fh, a)
	} else {
		err = w.addStored(fh, a)
	}
	if err != nil {
		w.err = fmt.Errorf("npz: writing %q: %w", fh.Name, err)
	}
	return w.err
}

// addStored writes a stored member whose CRC and size are computed first,
// so the local header holds them and no data descriptor follows: every
// byte's offset is then known before it is written, and an extra field
// pads the header so that the .npy bytes, whose own header is a multiple
// of 64 long, start at a multiple of 64.
func (w *Writer) addStored(fh *zip.FileHeader, a typed.Array) error {
	crc := crc32.NewIEEE()
	n, err := a.WriteTo(crc)
	if err != nil {
		return err
	}
	if err := w.zw.Flush(); err != nil {
		return err
	}
	// out has every byte but the last member's data descriptor, which
	// archive/zip writes when CreateRaw starts this member.
	start := w.out.n + w.pending
	var z64 []byte
	if n >= uint32max {
		z64 = zip64LocalExtra(n)
	}
	fh.Extra = append(z64, alignExtra(start+localHeaderLen+int64(len(fh.Name)+len(z64)), dataAlign)...)
	fh.CRC32 = crc.Sum32()
	fh.CompressedSize64, fh.UncompressedSize64 = uint64(n), uint64(n)
	fh.CreatorVersion, fh.ReaderVersion = zipVersion20, zipVersion20
	if n >= uint32max {
		fh.ReaderVersion = zipVersion45
	}
	fw, err := w.zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	// The local header is written. The central directory, written at
	// Close from this same *FileHeader (archive/zip keeps it), gets
	// archive/zip's own zip64 field: a second one there would make
	// readers look for the header offset in ours.
	fh.Extra = fh.Extra[len(z64):]
	w.pending = 0
	_, err = a.WriteTo(fw)
	return err
}

// addDeflated writes a deflated member through archive/zip, which follows
// it with a data descriptor once the size is known.
func (w *Writer) addDeflated(fh *zip.FileHeader, a typed.Array) error {
	fh.Method = zip.Deflate
	fw, err := w.zw.CreateHeader(fh)
	if err != nil {
		return err
	}
	if err := w.zw.Flush(); err != nil {
		return err
	}
	start := w.out.n
	n, err := a.WriteTo(fw)
	if err != nil {
		return err
	}
	// Close the compressor now rather than when archive/zip does (at the
	// next member), so that the compressed size is known here.
	if err := w.deflating.finish(); err != nil {
		return err
	}
	if err := w.zw.Flush(); err != nil {
		return err
	}
	w.pending = descriptorLen(w.out.n-start, n)
	return nil
}

// Close finishes the archive (its central directory) and closes the file
// that Create opened. After a failed Add it still closes the file, and
// returns that failure.
func (w *Writer) Close() error {
	if w.closed {
		return errors.New("npz: writer closed twice")
	}
	w.closed = true
	err := w.err
	if zerr := w.zw.Close(); err == nil && zerr != nil {
		err = fmt.Errorf("npz: %w", zerr)
	}
	if w.closer != nil {
		if cerr := w.closer.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("npz: %w", cerr)
		}
	}
	w.err = errors.New("npz: writer closed")
	return err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
