//go:build !purego

package typed

import "testing"

// TestSwapSSE2: the SSE2 loops, which processors without AVX2 run, pass the
// same tests as the AVX2 one (which the others run where it exists).
func TestSwapSSE2(t *testing.T) {
	saved := useAVX2
	defer func() { useAVX2 = saved }()
	useAVX2 = false
	TestSwapMatchesNaive(t)
	TestSwapCopyMatchesNaive(t)
	TestReadSwappedTruncated(t)
}

func TestLaneMasks(t *testing.T) {
	want := map[int]string{
		2: "\x01\x00\x03\x02\x05\x04\x07\x06\x09\x08\x0b\x0a\x0d\x0c\x0f\x0e",
		4: "\x03\x02\x01\x00\x07\x06\x05\x04\x0b\x0a\x09\x08\x0f\x0e\x0d\x0c",
		8: "\x07\x06\x05\x04\x03\x02\x01\x00\x0f\x0e\x0d\x0c\x0b\x0a\x09\x08",
	}
	for unit, w := range want {
		m := laneMask(unit)
		if string(m[:16]) != w || string(m[16:]) != w {
			t.Errorf("laneMask(%d) = %x", unit, m[:])
		}
	}
}
