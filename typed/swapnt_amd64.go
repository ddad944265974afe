//go:build !purego

package typed

import "unsafe"

//go:noescape
func swapNTAVX2(dst, src []byte, mask *[32]byte)

// ntMin is the size from which swapCopyLarge stores around the cache.
var ntMin = 8 << 20

// swapCopyLarge is swapCopy for one large array: from ntMin bytes, with
// AVX2, its stores bypass the cache, as memmove's do from 1 MiB. Source and
// destination together are then well past L2 and a good part of L3, so
// the array would not stay in the cache anyway, and the stores cost no
// read of each destination line first. Below that, the ordinary swap keeps
// up with memmove and leaves the array in the cache.
func swapCopyLarge(dst, src []byte, unit int) {
	if !useAVX2 || len(src) < ntMin || unit < 2 {
		swapCopy(dst, src, unit)
		return
	}
	// Up to a 32-byte boundary of dst the ordinary way; items must not
	// straddle it.
	head := int(-uintptr(unsafe.Pointer(unsafe.SliceData(dst))) & 31)
	if head%unit != 0 || head > len(src) {
		swapCopy(dst, src, unit)
		return
	}
	mask := mask64
	switch unit {
	case 2:
		mask = mask16
	case 4:
		mask = mask32
	}
	swapCopy(dst[:head], src[:head], unit)
	body := (len(src) - head) &^ 127
	swapNTAVX2(dst[head:head+body], src[head:head+body], mask)
	swapCopy(dst[head+body:], src[head+body:], unit)
}
