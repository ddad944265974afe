package typed

import (
	"bytes"
	"testing"
)

// FuzzTranspose: for any shape up to a few tiles, item size, byte swap,
// bool check and kernel set, with the non-temporal stores on or off,
// tposeBlocked writes what the item-by-item reference writes, and reports
// a bad bool exactly when a byte of the source is above 1.
func FuzzTranspose(f *testing.F) {
	f.Add(uint16(33), uint16(17), byte(0), []byte{1, 2, 3})
	f.Add(uint16(64), uint16(64), byte(0x19), []byte{0, 1, 1, 0})
	f.Add(uint16(100), uint16(300), byte(0x2a), []byte{7})
	modes := tposeModes()
	f.Fuzz(func(t *testing.T, n, m uint16, sel byte, data []byte) {
		size := []int{1, 2, 4, 8, 16}[sel%5]
		swap := 0
		if sel&0x08 != 0 {
			swap = swapUnits(size)[len(swapUnits(size))-1]
		}
		bools := size == 1 && sel&0x10 != 0
		defer modes[int(sel>>6)%len(modes)].set()()
		saved := tposeNTMin
		defer func() { tposeNTMin = saved }()
		if sel&0x20 != 0 {
			tposeNTMin = 0
		}
		rows, cols := int(n%600), int(m%600)
		src := make([]byte, rows*cols*size)
		if len(data) > 0 {
			for i := range src {
				src[i] = data[i%len(data)] + byte(i/len(data))
			}
		}
		if bools && sel&0x80 == 0 {
			for i := range src {
				src[i] &= 1
			}
		}
		dst := make([]byte, len(src)+32)[sel&31:][:len(src)]
		want := make([]byte, len(src))
		tposeNaive(want, rows, src, cols, rows, cols, size, swap)
		ok := tposeBlocked(dst, rows, src, cols, rows, cols, size, swap, bools)
		if !bytes.Equal(dst, want) {
			t.Fatalf("(%d, %d) size %d swap %d bools %v: transpose differs", rows, cols, size, swap, bools)
		}
		if bools && ok != (Impl.CheckBools(src) == nil) {
			t.Fatalf("(%d, %d): bad bool reported %v, the source says otherwise", rows, cols, !ok)
		}
	})
}
