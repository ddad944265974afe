package typed

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestSwapCopyLarge: the large-array swap equals a copy then the
// byte-by-byte swap, for every unit, at every alignment of either side,
// with lengths around its 128-byte steps, and writes nothing past
// len(src): with its stores around the cache (on amd64 with AVX2, made to
// apply here from 0 bytes) and with its prefetching ordinary stores.
func TestSwapCopyLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	for _, ntFrom := range []int{0, 1 << 40} {
		restore := setNTMin(ntFrom)
		for _, unit := range []int{1, 2, 4, 8} {
			for doff := range 40 {
				for _, soff := range []int{0, 1, 3, 8} {
					for _, n := range []int{0, 8, 120, 128, 136, 256, 1000, 4096 + 24} {
						n -= n % unit
						src := randWords(rng, soff+n)[soff:]
						want := bytes.Clone(src)
						swapNaive(want, unit)
						dst := randWords(rng, doff+n+40)
						before := bytes.Clone(dst)
						swapCopyLarge(dst[doff:], src, unit)
						if !bytes.Equal(dst[doff:doff+n], want) || !bytes.Equal(dst[:doff], before[:doff]) || !bytes.Equal(dst[doff+n:], before[doff+n:]) {
							t.Fatalf("stores around the cache from %d: unit %d offsets %d %d length %d differs", ntFrom, unit, soff, doff, n)
						}
					}
				}
			}
		}
		restore()
	}
	// Just past its usual threshold, unaligned, with a tail.
	restore := setNTMin(8 << 20)
	defer restore()
	src := randWords(rng, 8<<20+3*4)
	want := bytes.Clone(src)
	swapNaive(want, 4)
	dst := make([]byte, len(src)+5)
	swapCopyLarge(dst[5:], src, 4)
	if !bytes.Equal(dst[5:], want) {
		t.Fatal("unit 4: 8 MiB differs")
	}
}
