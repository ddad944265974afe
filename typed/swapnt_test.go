package typed

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestSwapCopyLarge: the large-array swap (non-temporal stores on amd64
// with AVX2, made to apply here from 0 bytes) equals a copy then the
// byte-by-byte swap, for every unit, at every alignment of either side,
// with lengths around its 128-byte steps, and writes nothing past len(src).
func TestSwapCopyLarge(t *testing.T) {
	defer setNTMin(0)()
	rng := rand.New(rand.NewPCG(29, 30))
	for _, unit := range []int{1, 2, 4, 8} {
		for doff := range 40 {
			for _, soff := range []int{0, 1, 3, 8} {
				for _, n := range []int{0, 8, 120, 128, 136, 256, 1000, 4096 + 24} {
					n -= n % unit
					src := randBytes(rng, soff+n)[soff:]
					want := bytes.Clone(src)
					swapNaive(want, unit)
					dst := randBytes(rng, doff+n+40)
					before := bytes.Clone(dst)
					swapCopyLarge(dst[doff:], src, unit)
					if !bytes.Equal(dst[doff:doff+n], want) || !bytes.Equal(dst[:doff], before[:doff]) || !bytes.Equal(dst[doff+n:], before[doff+n:]) {
						t.Fatalf("unit %d offsets %d %d length %d differs", unit, soff, doff, n)
					}
				}
			}
		}
	}
	// The size it is meant for, with its usual threshold.
	restore := setNTMin(8 << 20)
	defer restore()
	for _, unit := range []int{2, 4, 8} {
		src := randBytes(rng, 16<<20+3*unit)
		want := bytes.Clone(src)
		swapNaive(want, unit)
		dst := make([]byte, len(src)+5)
		swapCopyLarge(dst[5:], src, unit)
		if !bytes.Equal(dst[5:], want) {
			t.Fatalf("unit %d: 16 MiB differs", unit)
		}
	}
}
