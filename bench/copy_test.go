package bench

import "bytes"

// copy is the floor, not a codec: one copy() of the raw little-endian bytes
// into a buffer allocated before timing. No format can beat it, so it shows
// how close each codec gets to memory bandwidth.
//
// It uses its own destination rather than w or r on purpose: a bytes.Buffer
// Write or bytes.Reader Read would add (small) bookkeeping on top of the
// copy, and this row should be the bare memmove.
func init() {
	for _, k := range []kind{kF64, kI32, kBool, kC128, kI64} {
		var dst []byte // one per kind; sized on the untimed warm-up call
		copyRaw := func(in *input) {
			if len(dst) != len(in.raw) {
				dst = make([]byte, len(in.raw))
			}
			copy(dst, in.raw)
		}
		register(codec{
			name:    "copy",
			kind:    k,
			encode:  func(_ *bytes.Buffer, in *input) error { copyRaw(in); return nil },
			decode:  func(_ *bytes.Reader, in *input) error { copyRaw(in); return nil },
			noCheck: true,
		})
	}
}

// copy-fresh is the floor for decoders that return new memory (every peer,
// and npy2d-fresh): make() of the array's size, then copy() into it. Beyond
// copy, it pays what any fresh Go allocation costs: zeroing (make always
// returns zeroed memory, which numpy's np.load skips) or, for memory new
// to the process, a page fault per 4 KB page (see faults/op).
func init() {
	for _, k := range []kind{kF64, kI32, kBool, kC128, kI64} {
		register(codec{
			name:       "copy-fresh",
			kind:       k,
			encode:     func(*bytes.Buffer, *input) error { return nil },
			decodeOnly: true,
			decode: func(_ *bytes.Reader, in *input) error {
				freshSink = make([]byte, len(in.raw))
				copy(freshSink, in.raw)
				return nil
			},
			noCheck: true,
		})
	}
}

// freshSink keeps the last copy-fresh result live, as a decoder's result is.
var freshSink []byte
