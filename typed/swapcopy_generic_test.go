package typed

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestSwapCopyGeneric: the portable swap-copies, which hosts without
// assembly run whole (s390x, arm64, purego) and amd64 on tails, equal a
// copy then the byte-by-byte swap, into separate storage at every offset
// of either side and onto their own source, for every length up to a few
// steps (empty and odd included), and write nothing outside dst[:len(src)].
func TestSwapCopyGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, unit := range []int{2, 4, 8} {
		f := map[int]func(dst, src []byte){2: swapCopy16Generic, 4: swapCopy32Generic, 8: swapCopy64Generic}[unit]
		for soff := range 9 {
			for doff := range 9 {
				for n := 0; n <= 200; n += unit {
					src := randBytes(rng, soff+n)[soff:]
					keep := bytes.Clone(src)
					want := bytes.Clone(src)
					swapNaive(want, unit)
					dst := randBytes(rng, doff+n+8)
					before := bytes.Clone(dst)
					f(dst[doff:], src)
					if !bytes.Equal(dst[doff:doff+n], want) || !bytes.Equal(dst[:doff], before[:doff]) ||
						!bytes.Equal(dst[doff+n:], before[doff+n:]) || !bytes.Equal(src, keep) {
						t.Fatalf("unit %d offsets %d %d length %d differs", unit, soff, doff, n)
					}
					// In place, with a byte past the end that must stay.
					buf := randBytes(rng, soff+n+1)
					want = bytes.Clone(buf)
					swapNaive(want[soff:soff+n], unit)
					f(buf[soff:soff+n], buf[soff:soff+n])
					if !bytes.Equal(buf, want) {
						t.Fatalf("unit %d in place offset %d length %d differs", unit, soff, n)
					}
				}
			}
		}
	}
}
