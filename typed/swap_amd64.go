//go:build !purego

package typed

// On amd64 the bulk of a swap runs in SSE2 (swap_amd64.s), 64 bytes a step;
// the portable code does the tail.

//go:noescape
func swap16SSE2(b []byte)

//go:noescape
func swap32SSE2(b []byte)

//go:noescape
func swap64SSE2(b []byte)

func swap16(b []byte) {
	n := len(b) &^ 63
	swap16SSE2(b[:n])
	swap16Generic(b[n:])
}

func swap32(b []byte) {
	n := len(b) &^ 63
	swap32SSE2(b[:n])
	swap32Generic(b[n:])
}

func swap64(b []byte) {
	n := len(b) &^ 63
	swap64SSE2(b[:n])
	swap64Generic(b[n:])
}
