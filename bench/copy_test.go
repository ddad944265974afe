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
// and npy2d-fresh): make() of the array's size, then copy() into it, as two
// consecutive statements, which the compiler turns into one allocation that
// is not zeroed (runtime.makeslicecopy) because the copy overwrites it all.
// What it pays beyond copy is a real fresh allocation's cost: for memory new
// to the process, a page fault per 4 KB page (see faults/op). (Assigning
// make's result straight to a global, as this once did, defeats that
// rewrite, so the copy paid for zeroing too.)
func init() {
	for _, k := range []kind{kF64, kI32, kBool, kC128, kI64} {
		register(codec{
			name:       "copy-fresh",
			kind:       k,
			encode:     func(*bytes.Buffer, *input) error { return nil },
			decodeOnly: true,
			decode: func(_ *bytes.Reader, in *input) error {
				raw := in.raw // a plain local: the rewrite needs one
				b := make([]byte, len(raw))
				copy(b, raw)
				freshSink = b
				return nil
			},
			noCheck: true,
		})
	}
}

// freshSink keeps the last copy-fresh result live, as a decoder's result is.
var freshSink []byte
