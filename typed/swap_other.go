//go:build !amd64 || purego

package typed

func swap16(b []byte) { swap16Generic(b) }
func swap32(b []byte) { swap32Generic(b) }
func swap64(b []byte) { swap64Generic(b) }
