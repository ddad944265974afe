//go:build !purego

package typed

// tposeModes: the assembly kernels (where the processor has AVX2), then
// the portable code alone. set switches a mode on and returns the undo.
func tposeModes() []struct {
	name string
	set  func() func()
} {
	mode := func(on bool) func() func() {
		return func() func() {
			saved := useTposeAVX2
			useTposeAVX2 = on && useAVX2
			return func() { useTposeAVX2 = saved }
		}
	}
	return []struct {
		name string
		set  func() func()
	}{{"avx2", mode(true)}, {"portable", mode(false)}}
}
