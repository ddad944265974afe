//go:build !purego

package typed

// On amd64 the bulk of a swap runs in SSE2 (swap_amd64.s), 64 bytes a step;
// the portable code does the tail.

//go:noescape
func swap16SSE2(dst, src []byte)

//go:noescape
func swap32SSE2(dst, src []byte)

//go:noescape
func swap64SSE2(dst, src []byte)

func swap16(b []byte) { swapCopy16(b, b) }
func swap32(b []byte) { swapCopy32(b, b) }
func swap64(b []byte) { swapCopy64(b, b) }

// swapCopyN sets dst[:len(src)] to src with every N-bit word byte-swapped;
// dst is src itself or does not overlap it.
func swapCopy16(dst, src []byte) {
	n := len(src) &^ 63
	swap16SSE2(dst[:n], src[:n])
	copy(dst[n:], src[n:])
	swap16Generic(dst[n:len(src)])
}

func swapCopy32(dst, src []byte) {
	n := len(src) &^ 63
	swap32SSE2(dst[:n], src[:n])
	copy(dst[n:], src[n:])
	swap32Generic(dst[n:len(src)])
}

func swapCopy64(dst, src []byte) {
	n := len(src) &^ 63
	swap64SSE2(dst[:n], src[:n])
	copy(dst[n:], src[n:])
	swap64Generic(dst[n:len(src)])
}
