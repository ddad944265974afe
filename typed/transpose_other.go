//go:build !amd64 || purego

package typed

// tposeKernelFor: no assembly here, the portable kernel does it all.
func tposeKernelFor(size, swap int, bools bool) (tposeKernel, *[32]byte) { return tposeKernel{}, nil }
