//go:build !purego

package typed

// On amd64 the bulk of a swap runs in AVX2 where the processor has it, else
// in SSE2, which every amd64 has (swap_amd64.s), 64 bytes a step; the
// portable code does the tail.

//go:noescape
func swap16SSE2(dst, src []byte)

//go:noescape
func swap32SSE2(dst, src []byte)

//go:noescape
func swap64SSE2(dst, src []byte)

//go:noescape
func swapAVX2(dst, src []byte, mask *[32]byte)

func hasAVX2() bool

// useAVX2: where the processor has AVX2 (nearly every amd64 since 2013),
// one VPSHUFB reorders 32 bytes, which keeps up with memmove.
var useAVX2 = hasAVX2()

// The VPSHUFB masks: for each byte of a 16-byte lane, the byte it takes.
var (
	mask16 = laneMask(2)
	mask32 = laneMask(4)
	mask64 = laneMask(8)
)

func laneMask(unit int) *[32]byte {
	var m [32]byte
	for i := range m {
		m[i] = byte(i%16/unit*unit + unit - 1 - i%unit)
	}
	return &m
}

func swap16(b []byte) { swapCopy16(b, b) }
func swap32(b []byte) { swapCopy32(b, b) }
func swap64(b []byte) { swapCopy64(b, b) }

// swapCopyN sets dst[:len(src)] to src with every N-bit word byte-swapped;
// dst is src itself or does not overlap it.
func swapCopy16(dst, src []byte) {
	n := len(src) &^ 63
	if useAVX2 {
		swapAVX2(dst[:n], src[:n], mask16)
	} else {
		swap16SSE2(dst[:n], src[:n])
	}
	swapCopy16Generic(dst[n:], src[n:])
}

func swapCopy32(dst, src []byte) {
	n := len(src) &^ 63
	if useAVX2 {
		swapAVX2(dst[:n], src[:n], mask32)
	} else {
		swap32SSE2(dst[:n], src[:n])
	}
	swapCopy32Generic(dst[n:], src[n:])
}

func swapCopy64(dst, src []byte) {
	n := len(src) &^ 63
	if useAVX2 {
		swapAVX2(dst[:n], src[:n], mask64)
	} else {
		swap64SSE2(dst[:n], src[:n])
	}
	swapCopy64Generic(dst[n:], src[n:])
}
