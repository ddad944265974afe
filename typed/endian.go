package typed

import (
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
func HostOrder() byte { return hostOrder }

// LittleEndianHost reports whether host memory is numpy's '<' order, in
// which case Bytes() views equal files' data byte for byte.
func LittleEndianHost() bool { return hostOrder == '<' }

// Swap reverses the bytes of every unit-wide word of b in place. len(b) must
// be a multiple of unit; units of 1 are left alone.
func Swap(b []byte, unit int) {
	switch unit {
	case 2:
		for i := 0; i+1 < len(b); i += 2 {
			b[i], b[i+1] = b[i+1], b[i]
		}
	case 4:
		for i := 0; i+3 < len(b); i += 4 {
			v := uint32(b[i]) | uint32(b[i+1])<<8 | uint32(b[i+2])<<16 | uint32(b[i+3])<<24
			v = bits.ReverseBytes32(v)
			b[i], b[i+1], b[i+2], b[i+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
		}
	case 8:
		for i := 0; i+7 < len(b); i += 8 {
			for j := 0; j < 4; j++ {
				b[i+j], b[i+7-j] = b[i+7-j], b[i+j]
			}
		}
	}
}

// needsSwap reports whether data stored in order must be swapped to reach
// host order.
func needsSwap(order byte, dt DType) bool {
	return dt.SwapUnit() > 1 && order != '|' && order != hostOrder
}
