//go:build !amd64 || purego

package typed

// swapCopyLarge is swapCopy: the portable code has no stores that bypass
// the cache.
func swapCopyLarge(dst, src []byte, unit int) { swapCopy(dst, src, unit) }
