//go:build !purego

package typed

import "unsafe"

//go:noescape
func swapNTAVX2(dst, src []byte, mask *[32]byte)

//go:noescape
func swapPWAVX2(dst, src []byte, mask *[32]byte)

func hasPrefetchW() bool

// usePrefetchW: the processor has PREFETCHW (every AMD64 from AMD, Intel's
// since Broadwell); a variable so that tests can turn it off.
var usePrefetchW = useAVX2 && hasPrefetchW()

// ntMin is the size from which swapCopyLarge stores around the cache:
// between 4 MB, where the prefetching ordinary stores still win (1000x1000
// of 4-byte items, interleaved: 0.9x-1.3x copy() against 0.96x-1.07x), and
// 8 MB, where they no longer do (8-byte items: 0.9x-0.97x against
// 1.0x-1.5x; 8 MiB had left those 8 MB arrays just under the threshold).
var ntMin = 6 << 20

// swapCopyLarge is swapCopy for one large array, from a *bytes.Reader's
// memory into storage. From ntMin bytes, with AVX2, its stores bypass the
// cache, as memmove's do from 1 MiB: source and destination together are
// then well past L2 and a good part of L3, so the array would not stay in
// the cache anyway, and the stores cost no read of each destination line
// first. Below that the array stays in the cache, and the destination's
// lines are asked for ahead of the stores (PREFETCHW). Interleaved bursts,
// 2 MB: 38-44 us against 45-48 us for the plain loop; 16 MB with the
// stores around the cache: 0.95x copy() against 0.73x.
func swapCopyLarge(dst, src []byte, unit int) {
	if !useAVX2 || unit < 2 {
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
	if len(src) < ntMin {
		if !usePrefetchW {
			swapCopy(dst, src, unit)
			return
		}
		body := len(src) &^ 127
		swapPWAVX2(dst[:body], src[:body], mask)
		swapCopy(dst[body:], src[body:], unit)
		return
	}
	// Up to a 32-byte boundary of dst the ordinary way; items must not
	// straddle it.
	head := int(-uintptr(unsafe.Pointer(unsafe.SliceData(dst))) & 31)
	if head%unit != 0 || head > len(src) {
		swapCopy(dst, src, unit)
		return
	}
	swapCopy(dst[:head], src[:head], unit)
	body := (len(src) - head) &^ 127
	swapNTAVX2(dst[head:head+body], src[head:head+body], mask)
	swapCopy(dst[head+body:], src[head+body:], unit)
}
