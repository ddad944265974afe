//go:build cgo && libdeflate

package npz

/*
#cgo LDFLAGS: -ldeflate
#include <libdeflate.h>
*/
import "C"

import (
	"errors"
	"runtime"
	"unsafe"
)

// libdeflate (github.com/ebiggers/libdeflate; Debian's libdeflate-dev)
// inflates a whole buffer about three times as fast as zlib, which np.load
// uses, and klauspost/compress. A build opts in with -tags libdeflate: it
// needs cgo and the C library, which a plain go build must not.
func init() { inflateInto = libdeflateInto }

// decompressors are libdeflate's decompressors (its tables, about 10 KiB
// of C memory each) not in use: at most one per goroutine decoding at
// once is made, up to the channel's size kept for good, and any beyond it
// freed, so that a steady reader allocates none.
var decompressors = make(chan *C.struct_libdeflate_decompressor, 16)

func getDecompressor() *C.struct_libdeflate_decompressor {
	select {
	case d := <-decompressors:
		return d
	default:
		return C.libdeflate_alloc_decompressor()
	}
}

func putDecompressor(d *C.struct_libdeflate_decompressor) {
	select {
	case decompressors <- d:
	default:
		C.libdeflate_free_decompressor(d)
	}
}

var (
	errBadDeflate = errors.New("npz: libdeflate: invalid deflate data")
	errOutputFull = errors.New("npz: libdeflate: more data than declared")
)

func libdeflateInto(out, in []byte) (int, error) {
	d := getDecompressor()
	if d == nil {
		return 0, errors.New("npz: libdeflate: out of memory")
	}
	defer putDecompressor(d)
	var n C.size_t
	// Neither slice holds pointers, and libdeflate keeps neither.
	r := C.libdeflate_deflate_decompress(d, cptr(in), C.size_t(len(in)), cptr(out), C.size_t(len(out)), &n)
	runtime.KeepAlive(in)
	runtime.KeepAlive(out)
	switch r {
	case C.LIBDEFLATE_SUCCESS:
		return int(n), nil
	case C.LIBDEFLATE_INSUFFICIENT_SPACE:
		return len(out), errOutputFull
	}
	return 0, errBadDeflate
}

func cptr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(unsafe.SliceData(b))
}
