//go:build !purego

package typed

import "unsafe"

// On amd64 the bulk of a swap runs in SSE2 (swap_amd64.s), 64 bytes a step;
// the portable code does the tail.

//go:noescape
func swap16SSE2(dst, src []byte)

//go:noescape
func swap32SSE2(dst, src []byte)

//go:noescape
func swap64SSE2(dst, src []byte)

//go:noescape
func swap16SSE2NT(dst, src []byte)

//go:noescape
func swap32SSE2NT(dst, src []byte)

//go:noescape
func swap64SSE2NT(dst, src []byte)

// ntMin is the size from which a swap into separate storage uses
// non-temporal stores, as memmove does from 1 MiB: the destination is too
// large to stay in the cache anyway.
const ntMin = 1 << 20

// useNT reports whether the non-temporal loop applies: a large copy to
// 16-byte aligned storage that is not the source.
func useNT(dst, src []byte) bool {
	return len(src) >= ntMin && uintptr(unsafe.Pointer(unsafe.SliceData(dst)))%16 == 0 &&
		unsafe.SliceData(dst) != unsafe.SliceData(src)
}

func swap16(b []byte) { swapCopy16(b, b) }
func swap32(b []byte) { swapCopy32(b, b) }
func swap64(b []byte) { swapCopy64(b, b) }

// swapCopyN sets dst[:len(src)] to src with every N-bit word byte-swapped;
// dst is src itself or does not overlap it.
func swapCopy16(dst, src []byte) {
	n := len(src) &^ 63
	if useNT(dst, src) {
		swap16SSE2NT(dst[:n], src[:n])
	} else {
		swap16SSE2(dst[:n], src[:n])
	}
	copy(dst[n:], src[n:])
	swap16Generic(dst[n:len(src)])
}

func swapCopy32(dst, src []byte) {
	n := len(src) &^ 63
	if useNT(dst, src) {
		swap32SSE2NT(dst[:n], src[:n])
	} else {
		swap32SSE2(dst[:n], src[:n])
	}
	copy(dst[n:], src[n:])
	swap32Generic(dst[n:len(src)])
}

func swapCopy64(dst, src []byte) {
	n := len(src) &^ 63
	if useNT(dst, src) {
		swap64SSE2NT(dst[:n], src[:n])
	} else {
		swap64SSE2(dst[:n], src[:n])
	}
	copy(dst[n:], src[n:])
	swap64Generic(dst[n:len(src)])
}
