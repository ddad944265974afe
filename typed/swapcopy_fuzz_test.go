package typed

import (
	"bytes"
	"testing"
)

// FuzzSwapCopy: for any bytes, unit and offsets of either side, every
// swap-copy (the dispatching one, the large-array one with its stores
// around the cache or its prefetching ordinary stores, and the portable
// one) and the in-place swap write the byte-by-byte swap into
// dst[:len(src)] and nothing around it.
func FuzzSwapCopy(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8}, byte(2), uint16(0))
	f.Add(bytes.Repeat([]byte{9, 8, 7}, 200), byte(0x11), uint16(0x0305))
	f.Fuzz(func(t *testing.T, data []byte, sel byte, offs uint16) {
		unit := []int{2, 4, 8}[int(sel%3)]
		if len(data) > 4<<10 {
			// Stretch the input to a size past the large loops' steps.
			data = bytes.Repeat(data[:4<<10], 3)
		}
		soff, doff := int(offs&31), int(offs>>8&31)
		if soff > len(data) {
			soff = len(data)
		}
		src := data[soff:]
		src = src[:len(src)-len(src)%unit]
		want := bytes.Clone(src)
		swapNaive(want, unit)
		generic := map[int]func(dst, src []byte){2: swapCopy16Generic, 4: swapCopy32Generic, 8: swapCopy64Generic}[unit]
		large := func(dst, src []byte) {
			if sel&0x80 != 0 {
				defer setNTMin(0)()
			}
			swapCopyLarge(dst, src, unit)
		}
		for i, f := range []func(dst, src []byte){
			func(dst, src []byte) { swapCopy(dst, src, unit) }, large, generic,
		} {
			dst := make([]byte, doff+len(src)+33)
			for k := range dst {
				dst[k] = byte(k*7 + 1)
			}
			before := bytes.Clone(dst)
			f(dst[doff:], src)
			if !bytes.Equal(dst[doff:doff+len(src)], want) || !bytes.Equal(dst[:doff], before[:doff]) ||
				!bytes.Equal(dst[doff+len(src):], before[doff+len(src):]) {
				t.Fatalf("swap-copy %d: unit %d offsets %d %d length %d differs", i, unit, soff, doff, len(src))
			}
		}
		in := bytes.Clone(src)
		Impl.Swap(in, unit)
		if !bytes.Equal(in, want) {
			t.Fatalf("in place: unit %d length %d differs", unit, len(src))
		}
	})
}
