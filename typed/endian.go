package typed

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

var hostOrder = func() byte {
	x := uint16(1)
	if *(*byte)(unsafe.Pointer(&x)) == 1 {
		return '<'
	}
	return '>'
}()

// HostOrder is '<' on little-endian hosts and '>' on big-endian ones, in
// numpy's descr notation.
func (impl) HostOrder() byte { return hostOrder }

// LittleEndianHost reports whether host memory is numpy's '<' order, in
// which case Bytes() views equal files' data byte for byte.
func (impl) LittleEndianHost() bool { return hostOrder == '<' }

// Swap reverses the bytes of every unit-wide word of b in place. len(b) must
// be a multiple of unit; units of 1 are left alone.
//
// It works 32 bytes at a time in 64-bit words: a little-endian load, the
// lanes' bytes reversed with shifts and masks, a little-endian store. The
// loads and stores name their byte order, so the same code is right on
// big-endian hosts (where they compile to byte-reversed loads and stores).
func (impl) Swap(b []byte, unit int) {
	switch unit {
	case 2:
		swap16(b)
	case 4:
		swap32(b)
	case 8:
		swap64(b)
	}
}

// swapCopy sets dst[:len(src)] to src with every unit-wide word reversed,
// in one pass; dst is src itself or does not overlap it.
func swapCopy(dst, src []byte, unit int) {
	switch unit {
	case 2:
		swapCopy16(dst, src)
	case 4:
		swapCopy32(dst, src)
	case 8:
		swapCopy64(dst, src)
	default:
		copy(dst, src)
	}
}

const lanes16 = 0x00ff00ff00ff00ff

func swap16Generic(b []byte) {
	le := binary.LittleEndian
	for len(b) >= 32 {
		w := b[:32:32]
		v0, v1, v2, v3 := le.Uint64(w[0:]), le.Uint64(w[8:]), le.Uint64(w[16:]), le.Uint64(w[24:])
		le.PutUint64(w[0:], v0>>8&lanes16|v0&lanes16<<8)
		le.PutUint64(w[8:], v1>>8&lanes16|v1&lanes16<<8)
		le.PutUint64(w[16:], v2>>8&lanes16|v2&lanes16<<8)
		le.PutUint64(w[24:], v3>>8&lanes16|v3&lanes16<<8)
		b = b[32:]
	}
	for len(b) >= 2 {
		b[0], b[1] = b[1], b[0]
		b = b[2:]
	}
}

func swap32Generic(b []byte) {
	le := binary.LittleEndian
	// Reversing all 8 bytes and swapping the halves reverses each half.
	sw := func(v uint64) uint64 { return bits.RotateLeft64(bits.ReverseBytes64(v), 32) }
	for len(b) >= 32 {
		w := b[:32:32]
		v0, v1, v2, v3 := le.Uint64(w[0:]), le.Uint64(w[8:]), le.Uint64(w[16:]), le.Uint64(w[24:])
		le.PutUint64(w[0:], sw(v0))
		le.PutUint64(w[8:], sw(v1))
		le.PutUint64(w[16:], sw(v2))
		le.PutUint64(w[24:], sw(v3))
		b = b[32:]
	}
	for len(b) >= 4 {
		binary.BigEndian.PutUint32(b, le.Uint32(b))
		b = b[4:]
	}
}

func swap64Generic(b []byte) {
	le, be := binary.LittleEndian, binary.BigEndian
	for len(b) >= 32 {
		w := b[:32:32]
		v0, v1, v2, v3 := le.Uint64(w[0:]), le.Uint64(w[8:]), le.Uint64(w[16:]), le.Uint64(w[24:])
		be.PutUint64(w[0:], v0)
		be.PutUint64(w[8:], v1)
		be.PutUint64(w[16:], v2)
		be.PutUint64(w[24:], v3)
		b = b[32:]
	}
	for len(b) >= 8 {
		be.PutUint64(b, le.Uint64(b))
		b = b[8:]
	}
}

// needsSwap reports whether data stored in order must be swapped to reach
// host order.
func needsSwap(order byte, dt DType) bool {
	return dt.SwapUnit() > 1 && order != '|' && order != hostOrder
}
