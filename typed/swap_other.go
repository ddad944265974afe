//go:build !amd64 || purego

package typed

func swap16(b []byte) { swap16Generic(b) }
func swap32(b []byte) { swap32Generic(b) }
func swap64(b []byte) { swap64Generic(b) }

func swapCopy16(dst, src []byte) { swapCopy16Generic(dst, src) }
func swapCopy32(dst, src []byte) { swapCopy32Generic(dst, src) }
func swapCopy64(dst, src []byte) { swapCopy64Generic(dst, src) }
