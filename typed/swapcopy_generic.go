package typed

import (
	"encoding/binary"
	"math/bits"
)

// The portable swap-copies: one pass from src into dst, 32 bytes a step
// in 64-bit words, where a copy() and then a swap in place would pass over
// dst twice. The loads and stores name their byte order, so the code is
// right on hosts of either order. dst is src itself or does not overlap
// it; the words of a step are all loaded before any is stored.

func swapCopy16Generic(dst, src []byte) {
	le := binary.LittleEndian
	dst = dst[:len(src)]
	sw := func(v uint64) uint64 { return v>>8&lanes16 | v&lanes16<<8 }
	i := 0
	for ; i+32 <= len(src); i += 32 {
		s, d := src[i:i+32:i+32], dst[i:i+32:i+32]
		v0, v1, v2, v3 := le.Uint64(s[0:]), le.Uint64(s[8:]), le.Uint64(s[16:]), le.Uint64(s[24:])
		le.PutUint64(d[0:], sw(v0))
		le.PutUint64(d[8:], sw(v1))
		le.PutUint64(d[16:], sw(v2))
		le.PutUint64(d[24:], sw(v3))
	}
	src, dst = src[i:], dst[i:]
	for len(src) >= 2 {
		dst[0], dst[1] = src[1], src[0]
		src, dst = src[2:], dst[2:]
	}
}

func swapCopy32Generic(dst, src []byte) {
	le := binary.LittleEndian
	dst = dst[:len(src)]
	// Reversing all 8 bytes and swapping the halves reverses each half.
	sw := func(v uint64) uint64 { return bits.RotateLeft64(bits.ReverseBytes64(v), 32) }
	i := 0
	for ; i+32 <= len(src); i += 32 {
		s, d := src[i:i+32:i+32], dst[i:i+32:i+32]
		v0, v1, v2, v3 := le.Uint64(s[0:]), le.Uint64(s[8:]), le.Uint64(s[16:]), le.Uint64(s[24:])
		le.PutUint64(d[0:], sw(v0))
		le.PutUint64(d[8:], sw(v1))
		le.PutUint64(d[16:], sw(v2))
		le.PutUint64(d[24:], sw(v3))
	}
	src, dst = src[i:], dst[i:]
	for len(src) >= 4 {
		binary.BigEndian.PutUint32(dst, le.Uint32(src))
		src, dst = src[4:], dst[4:]
	}
}

func swapCopy64Generic(dst, src []byte) {
	le, be := binary.LittleEndian, binary.BigEndian
	dst = dst[:len(src)]
	i := 0
	for ; i+32 <= len(src); i += 32 {
		s, d := src[i:i+32:i+32], dst[i:i+32:i+32]
		v0, v1, v2, v3 := le.Uint64(s[0:]), le.Uint64(s[8:]), le.Uint64(s[16:]), le.Uint64(s[24:])
		be.PutUint64(d[0:], v0)
		be.PutUint64(d[8:], v1)
		be.PutUint64(d[16:], v2)
		be.PutUint64(d[24:], v3)
	}
	src, dst = src[i:], dst[i:]
	for len(src) >= 8 {
		be.PutUint64(dst, le.Uint64(src))
		src, dst = src[8:], dst[8:]
	}
}
