package typed

import "unsafe"

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

// The in-place swaps are the swap-copies (swapcopy_generic.go) of b onto
// itself.
func swap16Generic(b []byte) { swapCopy16Generic(b, b) }
func swap32Generic(b []byte) { swapCopy32Generic(b, b) }
func swap64Generic(b []byte) { swapCopy64Generic(b, b) }

// needsSwap reports whether data stored in order must be swapped to reach
// host order.
func needsSwap(order byte, dt DType) bool {
	return dt.SwapUnit() > 1 && order != '|' && order != hostOrder
}
