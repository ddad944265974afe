package typed

import (
	"bytes"
	"errors"
	"io"
	"sync"
)

// readFortranBytes reads Fortran-order data from an in-memory reader by
// transposing it straight from the reader's bytes into storage of the final
// size: no copy of the data on the way, and no chunk buffer. ok is false,
// with nothing consumed, when r holds fewer bytes than the data; the
// caller's general path then reports the truncation.
func readFortranBytes(r *bytes.Reader, h Header, resize func(n int) []byte) (done int64, err error, ok bool) {
	need := h.DataLen
	if r.Len() < need {
		return 0, nil, false
	}
	t := tposers.Get().(*tposer)
	t.dst, t.h, t.bad = resize(need)[:need], h, nil
	_, werr := r.WriteTo(t)
	bad := t.bad
	t.dst, t.bad = nil, nil
	tposers.Put(t)
	if werr != errTransposed {
		return 0, nil, false
	}
	return int64(need), bad, true
}

// tposer receives a *bytes.Reader's unread bytes through WriteTo and
// transposes the first len(dst) of them, Fortran-order data of header h,
// into dst, consuming exactly those. It keeps nothing of what it is given.
type tposer struct {
	dst []byte
	h   Header
	bad error // a bool byte other than 0 or 1
}

var tposers = sync.Pool{New: func() any { return new(tposer) }}

// errTransposed stops bytes.Reader.WriteTo once the data is in.
var errTransposed = errors.New("typed: transposed")

func (t *tposer) Write(p []byte) (int, error) {
	n := len(t.dst)
	if len(p) < n {
		return 0, io.ErrShortWrite
	}
	if !transposeCols(t.dst, p[:n], t.h, 0, t.h.Cols) {
		t.bad = checkBoolsAt(p[:n], 0)
	}
	return n, errTransposed
}

// transposeCols writes columns [c0, c0+k) of an array of header h into
// dst, its storage in C order and host byte order, from src: those columns
// as a Fortran-order file stores them (each one a run of h.Rows items). It
// reports false when h holds bools and src a byte other than 0 or 1.
func transposeCols(dst, src []byte, h Header, c0, k int) bool {
	swap := 0
	if needsSwap(h.Order, h.DType) {
		swap = h.DType.SwapUnit()
	}
	size := h.DType.Size
	return tposeBlocked(dst[c0*size:], h.Cols, src, h.Rows, k, h.Rows, size, swap, h.DType.Kind == 'b')
}
