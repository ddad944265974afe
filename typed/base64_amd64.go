package typed

import "golang.org/x/sys/cpu"

// simdBase64: the fork's amd64 code takes AVX2 or AVX where the processor
// has them and otherwise SSE with PSHUFB, an SSSE3 instruction that Go's
// amd64 baseline (v1) does not promise; without SSSE3 it would fault.
var simdBase64 = cpu.X86.HasSSSE3
