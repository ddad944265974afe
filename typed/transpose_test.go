package typed

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// tposeNaive is the plain reference: item (j, i) of dst is item (i, j) of
// src, one item at a time, then each item's swap-byte words reversed.
func tposeNaive(dst []byte, dstride int, src []byte, sstride int, n, m, size, swap int) {
	for i := range n {
		for j := range m {
			d := dst[(j*dstride+i)*size:][:size]
			copy(d, src[(i*sstride+j)*size:][:size])
			swapNaive(d, swap)
		}
	}
}

// swapUnits are the word sizes an item of each size may be swapped in: 0
// (none), and its dtype's swap unit.
func swapUnits(size int) []int {
	switch size {
	case 2, 4, 8:
		return []int{0, size}
	case 16:
		return []int{0, 8}
	}
	return []int{0}
}

// checkTpose runs tposeBlocked on an n x m block inside a larger matrix
// (strides past the block's width, unaligned starts) and compares it with
// the reference, bytes outside the block included.
func checkTpose(t *testing.T, rng *rand.Rand, n, m, size, swap int) {
	t.Helper()
	sstride, dstride := m+rng.IntN(3), n+rng.IntN(3)
	soff, doff := rng.IntN(8), rng.IntN(8)
	src := randWords(rng, soff+max(n*sstride, 1)*size+rng.IntN(4))
	dst := randWords(rng, doff+max(m*dstride, 1)*size+rng.IntN(4))
	want := bytes.Clone(dst)
	tposeNaive(want[doff:], dstride, src[soff:], sstride, n, m, size, swap)
	srcCopy := bytes.Clone(src)
	tposeBlocked(dst[doff:], dstride, src[soff:], sstride, n, m, size, swap, false)
	if !bytes.Equal(dst, want) {
		i := 0
		for dst[i] == want[i] {
			i++
		}
		t.Fatalf("size %d swap %d (%d, %d) strides %d %d offsets %d %d: first difference at byte %d of dst",
			size, swap, n, m, sstride, dstride, soff, doff, i)
	}
	if !bytes.Equal(src, srcCopy) {
		t.Fatalf("size %d swap %d (%d, %d): the source changed", size, swap, n, m)
	}
}

// randWords is randBytes eight bytes at a time.
func randWords(rng *rand.Rand, n int) []byte {
	b := make([]byte, n+8)
	for i := 0; i < n; i += 8 {
		binary.LittleEndian.PutUint64(b[i:], rng.Uint64())
	}
	return b[:n]
}

// tposeDims are the shapes the tests cross: empty, single rows and
// columns, odd sizes and sizes on either side of every kernel block and
// tile.
var tposeDims = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257}

// TestTposeBlocked: every item size (those with kernels, and others), with
// and without a swap, every pair of tposeDims, against the reference; with
// the assembly kernels and with the portable code alone.
func TestTposeBlocked(t *testing.T) {
	for _, mode := range tposeModes() {
		t.Run(mode.name, func(t *testing.T) {
			defer mode.set()()
			rng := rand.New(rand.NewPCG(21, 22))
			for _, size := range []int{1, 2, 4, 8, 16, 3, 12} {
				for _, swap := range swapUnits(size) {
					for _, n := range tposeDims {
						for _, m := range tposeDims {
							checkTpose(t, rng, n, m, size, swap)
						}
					}
				}
			}
		})
	}
}

// TestTposeBlockedLarge: shapes of several tiles each way, power-of-two and
// odd, every kernel size and swap.
func TestTposeBlockedLarge(t *testing.T) {
	shapes := [][2]int{{513, 1031}, {1024, 300}, {3, 5000}, {5000, 3}, {1000, 1000}}
	if testing.Short() || raceEnabled {
		// Several tiles each way still; the race detector makes the
		// byte-by-byte reference slow.
		shapes = shapes[:1]
	}
	for _, mode := range tposeModes() {
		t.Run(mode.name, func(t *testing.T) {
			defer mode.set()()
			rng := rand.New(rand.NewPCG(23, 24))
			for _, size := range []int{1, 2, 4, 8, 16} {
				for _, swap := range swapUnits(size) {
					for _, s := range shapes {
						checkTpose(t, rng, s[0], s[1], size, swap)
					}
				}
			}
		})
	}
}

// TestTposeNonTemporal: with the size threshold of stores around the cache
// at 0, transposes into storage that allows them (32-byte aligned, rows a
// multiple of 32 bytes apart) match the reference, edges included; and
// storage that does not allow them still gets the ordinary stores.
func TestTposeNonTemporal(t *testing.T) {
	saved := tposeNTMin
	defer func() { tposeNTMin = saved }()
	tposeNTMin = 0
	for _, mode := range tposeModes() {
		t.Run(mode.name, func(t *testing.T) {
			defer mode.set()()
			rng := rand.New(rand.NewPCG(31, 32))
			for _, size := range []int{2, 4, 8, 16} {
				for _, swap := range swapUnits(size) {
					for _, sh := range [][2]int{{16, 8}, {32, 32}, {48, 17}, {64, 100}, {300, 257}, {17, 96}} {
						n, m := sh[0], sh[1]
						for _, dstride := range []int{n + (32-n*size%32)%32/size, n + 1} {
							src := randWords(rng, n*m*size)
							buf := make([]byte, m*dstride*size+64)
							at := int(-uintptr(unsafe.Pointer(unsafe.SliceData(buf))) & 31)
							dst := buf[at : at+m*dstride*size]
							want := bytes.Clone(dst)
							tposeNaive(want, dstride, src, m, n, m, size, swap)
							tposeBlocked(dst, dstride, src, m, n, m, size, swap, false)
							if !bytes.Equal(dst, want) {
								t.Fatalf("size %d swap %d (%d, %d) dstride %d differs", size, swap, n, m, dstride)
							}
						}
					}
				}
			}
		})
	}
}

// TestTposeBools: with bools set, a byte other than 0 or 1 anywhere in the
// block (inside the kernel's part, in the columns or rows it leaves to Go)
// is reported, nothing else is, and the transpose is done either way.
func TestTposeBools(t *testing.T) {
	for _, mode := range tposeModes() {
		t.Run(mode.name, func(t *testing.T) {
			defer mode.set()()
			rng := rand.New(rand.NewPCG(25, 26))
			for _, sh := range [][2]int{{1, 1}, {16, 32}, {17, 33}, {64, 256}, {100, 300}, {300, 100}, {5, 70}} {
				n, m := sh[0], sh[1]
				for trial := range 40 {
					src := randBytes(rng, n*m)
					for i := range src {
						src[i] &= 1
					}
					bad := -1
					if trial > 0 {
						bad = rng.IntN(n * m)
						src[bad] = byte(2 + rng.IntN(254))
					}
					if trial == 1 { // a bad byte with bit 0 clear
						src[bad] = 0x80
					}
					dst := make([]byte, n*m)
					want := make([]byte, n*m)
					tposeNaive(want, n, src, m, n, m, 1, 0)
					ok := tposeBlocked(dst, n, src, m, n, m, 1, 0, true)
					if ok != (bad < 0) || !bytes.Equal(dst, want) {
						t.Fatalf("(%d, %d) bad byte at %d: ok=%v, transposed %v", n, m, bad, ok, bytes.Equal(dst, want))
					}
				}
			}
		})
	}
}

func BenchmarkTpose(b *testing.B) {
	rng := rand.New(rand.NewPCG(27, 28))
	for _, size := range []int{1, 2, 4, 8, 16} {
		n := 1000
		src := randBytes(rng, n*n*size)
		dst := make([]byte, len(src))
		b.Run(fmt.Sprintf("copy/%d", size), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				copy(dst, src)
			}
		})
		for _, mode := range tposeModes() {
			b.Run(fmt.Sprintf("%s/%d", mode.name, size), func(b *testing.B) {
				defer mode.set()()
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					tposeBlocked(dst, n, src, n, n, n, size, 0, false)
				}
			})
		}
	}
}
