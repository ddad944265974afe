package typed

import (
	"bytes"
	"io"
	"os"
)

// freshMin is the least data readFresh takes: below it, new storage's
// zeroing and page faults cost next to nothing.
const freshMin = 64 << 10

// readFresh reads the data after h into new storage, when r can tell that
// all of it is there and it needs no converting: the storage is allocated
// uninitialized, advised to use huge pages when large, and filled by one
// read, so that each page is faulted in once, as a huge page where the
// kernel can, and never zeroed by Go. ok is false, with nothing read,
// otherwise; the general path then reads (or refuses) the data.
func readFresh(r io.Reader, h *Header) (buf []byte, n int64, err error, ok bool) {
	need := h.DataLen
	if need < freshMin || needsSwap(h.Order, h.DType) || (h.Fortran && h.Rows > 1 && h.Cols > 1) {
		return nil, 0, nil, false
	}
	// Memory that is not zeroed goes only to readers known to write it
	// without reading it first: another io.Reader may look at p, and
	// would see what the heap held before.
	switch r.(type) {
	case *os.File, *bytes.Reader:
	default:
		return nil, 0, nil, false
	}
	if left, known := remaining(r); !known || left < int64(need) {
		return nil, 0, nil, false
	}
	buf = uninitialized(need)
	adviseHuge(buf)
	k, err := io.ReadFull(r, buf)
	if err != nil {
		// The storage, partly filled, is dropped: nothing sees it.
		return nil, int64(k), readErr("data", h.DataOffset+need, h.DataOffset+k, err), true
	}
	if h.DType.Kind == 'b' {
		if err := Impl.CheckBools(buf); err != nil {
			return nil, int64(need), err, true
		}
	}
	return buf, int64(need), nil, true
}

// Uninitialized returns n bytes of new memory, neither zeroed nor touched
// (and advised to use huge pages when large), for a decoder that writes
// every byte before the slice reaches anyone: npz's whole-member inflater,
// whose output is returned only when it filled all of it.
func (impl) Uninitialized(n int) []byte {
	if n == 0 {
		return []byte{}
	}
	b := uninitialized(n)
	adviseHuge(b)
	return b
}
