package npz

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"sync"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// wholeMax is the largest member Array inflates in one call when a
// whole-buffer inflater is built in (-tags libdeflate): the compressed
// bytes are held beside the array while it is filled, so a larger member
// streams instead.
var wholeMax uint64 = 1 << 30

// pooledMax is the largest buffer of compressed bytes kept for the next
// member.
const pooledMax = 64 << 20

var compressedBufs sync.Pool // of *[]byte

// arrayWhole decodes member name for Array by inflating it in one call,
// into memory that becomes the array's storage (one allocation of the
// member's size; the array is a view of it when numpy's layout is the
// host's). ok is false when the member does not suit (stored, sized past
// the trusted ratio or wholeMax, or anything malformed): the streaming
// path then decodes it, or refuses it with its own precise error.
func (r *Reader) arrayWhole(name string) (a typed.Array, ok bool) {
	if inflateInto == nil {
		return nil, false
	}
	f, err := r.file(name)
	if err != nil || !strings.HasSuffix(f.Name, ".npy") {
		return nil, false
	}
	size, csize := f.UncompressedSize64, f.CompressedSize64
	if f.Method != zip.Deflate || size > wholeMax || (size > 1<<20 && (size-1<<20)/trustedRatio > csize) {
		return nil, false
	}
	start, err := r.checkSizes(f)
	if err != nil {
		return nil, false
	}
	out, ok := r.inflate(f, start)
	if !ok {
		return nil, false
	}
	h, err := typed.ParseHeader(out, r.lim)
	if err != nil || checkHeader(h, int64(size)) != nil {
		return nil, false
	}
	data := out[h.DataOffset:]
	if view(h) {
		a, err = generated.FromBytes(data, h.DType.Name, h.Shape()...)
	} else {
		a, err = generated.ReadArrayData(bytes.NewReader(data), h)
	}
	return a, err == nil
}

// view reports whether an array of h can use the inflated bytes as they
// are: numeric (bools are checked, strings decoded, by the copying path),
// in host byte order and C order (or one row or column).
func view(h typed.Header) bool {
	return !h.DType.Flexible() && h.DType.Kind != 'b' &&
		(h.DType.Size == 1 || h.Order == typed.Impl.HostOrder()) &&
		(!h.Fortran || h.Rows <= 1 || h.Cols <= 1)
}

// inflate returns f's bytes, which start at start in the archive,
// inflated, when they are exactly as declared and their checksum holds.
func (r *Reader) inflate(f *zip.File, start int64) ([]byte, bool) {
	csize := int(f.CompressedSize64)
	// A data descriptor (an optional signature, then the CRC) follows
	// the data of a member written by a streaming writer, such as Writer.
	descriptor := 0
	if f.Flags&8 != 0 {
		descriptor = 8
	}
	comp := getCompressed(csize + descriptor)
	defer putCompressed(comp)
	if n, err := r.ra.ReadAt(*comp, start); n < len(*comp) {
		_ = err // the streaming path reports it
		return nil, false
	}
	// Returned only when inflated in full: no byte is left as the heap held it.
	out := typed.Impl.Uninitialized(int(f.UncompressedSize64))
	n, err := inflateInto(out, (*comp)[:csize])
	if err != nil || n != len(out) || !checksumHolds(f, crc32.ChecksumIEEE(out), (*comp)[csize:]) {
		return nil, false
	}
	return out, true
}

func getCompressed(n int) *[]byte {
	if p, ok := compressedBufs.Get().(*[]byte); ok && cap(*p) >= n {
		*p = (*p)[:n]
		return p
	}
	b := make([]byte, n)
	return &b
}

func putCompressed(p *[]byte) {
	if cap(*p) <= pooledMax {
		compressedBufs.Put(p)
	}
}

// checksumHolds holds a member's checksum to its records as archive/zip
// does: to the directory's and the data descriptor's when the member has
// one, else to the directory's when that is set.
func checksumHolds(f *zip.File, sum uint32, descriptor []byte) bool {
	if len(descriptor) == 0 {
		return f.CRC32 == 0 || sum == f.CRC32
	}
	crc := binary.LittleEndian.Uint32(descriptor)
	if crc == descriptorSignature {
		crc = binary.LittleEndian.Uint32(descriptor[4:])
	}
	return crc == f.CRC32 && sum == f.CRC32
}

const descriptorSignature = 0x08074b50
