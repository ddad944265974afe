//go:build !amd64 || purego

package typed

func swap16(b []byte) { swap16Generic(b) }
func swap32(b []byte) { swap32Generic(b) }
func swap64(b []byte) { swap64Generic(b) }

func swapCopy16(dst, src []byte) { swap16Generic(dst[:copy(dst, src)]) }
func swapCopy32(dst, src []byte) { swap32Generic(dst[:copy(dst, src)]) }
func swapCopy64(dst, src []byte) { swap64Generic(dst[:copy(dst, src)]) }
