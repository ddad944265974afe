//go:build !purego

package typed

// The AVX2 kernels (transpose_amd64.s). Each loads a square of items with
// 128-bit halves from two rows, so that in-lane unpacks finish the
// transpose, and stores whole 32-byte runs of destination rows; the 1-byte
// kernel stores 16-byte halves. Without AVX2 the portable kernel runs.

//go:noescape
func tpose1AVX2(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool

//go:noescape
func tpose1BoolAVX2(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool

//go:noescape
func tpose1AVX512(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool

//go:noescape
func tpose1BoolAVX512(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool

func hasAVX512BW() bool

//go:noescape
func tpose2AVX2(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool

//go:noescape
func tpose4AVX2(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool

//go:noescape
func tpose8AVX2(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool

//go:noescape
func tpose16AVX2(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool

// tposeKernelOf gives the kernel for size-byte items with the block it
// moves at once, rows x columns of the source.
func tposeKernelOf(size int) tposeKernel {
	switch size {
	case 1:
		return tposeKernel{16, 32, false, tpose1AVX2}
	case 2:
		return tposeKernel{16, 8, true, tpose2AVX2}
	case 4:
		return tposeKernel{8, 8, true, tpose4AVX2}
	case 8:
		return tposeKernel{4, 8, true, tpose8AVX2}
	case 16:
		return tposeKernel{4, 4, true, tpose16AVX2}
	}
	return tposeKernel{}
}

// useTposeAVX2 is a variable so that tests can run the portable kernel.
var useTposeAVX2 = useAVX2

// useTposeAVX512: the 1-byte kernel in AVX-512 where the processor has it.
var useTposeAVX512 = useAVX2 && hasAVX512BW()

// tposeKernelFor gives the kernel for size-byte items (that checks bools
// if asked), and the mask that makes it reverse swap-byte words, or a
// kernel with a nil f.
func tposeKernelFor(size, swap int, bools bool) (tposeKernel, *[32]byte) {
	if !useTposeAVX2 {
		return tposeKernel{}, nil
	}
	k := tposeKernelOf(size)
	if size == 1 {
		switch {
		case useTposeAVX512 && bools:
			k = tposeKernel{32, 32, false, tpose1BoolAVX512}
		case useTposeAVX512:
			k = tposeKernel{32, 32, false, tpose1AVX512}
		case bools:
			k.f = tpose1BoolAVX2
		}
	}
	switch {
	case swap <= 1 || k.f == nil:
		return k, nil
	case swap == 2:
		return k, mask16
	case swap == 4:
		return k, mask32
	case swap == 8:
		return k, mask64
	}
	return tposeKernel{}, nil
}
