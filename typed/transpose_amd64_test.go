//go:build !purego

package typed

// tposeModes: the AVX-512 kernel (where the processor has it; the AVX2
// ones otherwise), the AVX2 kernels alone, then the portable code alone.
// set switches a mode on and returns the undo.
func tposeModes() []struct {
	name string
	set  func() func()
} {
	hw512 := useAVX2 && hasAVX512BW()
	mode := func(avx2, avx512 bool) func() func() {
		return func() func() {
			saved2, saved512 := useTposeAVX2, useTposeAVX512
			useTposeAVX2, useTposeAVX512 = avx2 && useAVX2, avx512 && hw512
			return func() { useTposeAVX2, useTposeAVX512 = saved2, saved512 }
		}
	}
	return []struct {
		name string
		set  func() func()
	}{{"avx512", mode(true, true)}, {"avx2", mode(true, false)}, {"portable", mode(false, false)}}
}
