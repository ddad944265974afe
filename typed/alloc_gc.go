//go:build gc

package typed

import "unsafe"

// mallocgc is the runtime's allocator. Its signature is kept for the
// packages that link to it (go.dev/issue/67401); it is what bytes.Join and
// strings.Builder allocate with when they are about to fill every byte.
//
//go:linkname mallocgc runtime.mallocgc
func mallocgc(size uintptr, typ unsafe.Pointer, needzero bool) unsafe.Pointer

// uninitialized returns n > 0 bytes of new memory that is neither zeroed
// nor touched: a large array read into it is faulted in once, by the
// read, and can be advised to use huge pages first (make zeroes memory
// the heap recycles, touching every page before any advice). The memory
// holds no pointers and is the garbage collector's like any other; the
// caller must write every byte before the slice reaches anyone.
func uninitialized(n int) []byte {
	return unsafe.Slice((*byte)(mallocgc(uintptr(n), nil, false)), n)
}
