//go:build !purego

#include "textflag.h"

// Byte swaps with SSE2, which every amd64 processor has: 64 bytes a step in
// four XMM registers, loaded from src and stored to dst (which may be src
// itself). The bytes of each 16-bit word are swapped with two shifts and an
// OR; PSHUFLW and PSHUFHW first reorder the words of each 32-bit lane
// (swap32) or 64-bit lane (swap64). len(src) must be a multiple of 64 and
// len(dst) at least as long; the Go code does the rest.

// BSWAPW swaps the bytes of each 16-bit word of X, using T.
#define BSWAPW(X, T) \
	MOVO X, T \
	PSRLW $8, X \
	PSLLW $8, T \
	POR T, X

#define LOAD4 \
	MOVOU 0(SI), X0 \
	MOVOU 16(SI), X2 \
	MOVOU 32(SI), X4 \
	MOVOU 48(SI), X6

#define STORE4 \
	MOVOU X0, 0(DI) \
	MOVOU X2, 16(DI) \
	MOVOU X4, 32(DI) \
	MOVOU X6, 48(DI) \
	ADDQ $64, SI \
	ADDQ $64, DI

#define BSWAPW4 \
	BSWAPW(X0, X1) \
	BSWAPW(X2, X3) \
	BSWAPW(X4, X5) \
	BSWAPW(X6, X7)

#define SHUF4(imm) \
	PSHUFLW $imm, X0, X0 \
	PSHUFHW $imm, X0, X0 \
	PSHUFLW $imm, X2, X2 \
	PSHUFHW $imm, X2, X2 \
	PSHUFLW $imm, X4, X4 \
	PSHUFHW $imm, X4, X4 \
	PSHUFLW $imm, X6, X6 \
	PSHUFHW $imm, X6, X6

// func swap16SSE2(dst, src []byte)
TEXT ·swap16SSE2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $6, CX
	JZ   done16

loop16:
	LOAD4
	BSWAPW4
	STORE4
	DECQ CX
	JNZ  loop16

done16:
	RET

// func swap32SSE2(dst, src []byte)
TEXT ·swap32SSE2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $6, CX
	JZ   done32

loop32:
	LOAD4
	SHUF4(0xb1) // words 1 0 3 2 of each 64 bits: the two words of each 32-bit lane swapped
	BSWAPW4
	STORE4
	DECQ CX
	JNZ  loop32

done32:
	RET

// func swap64SSE2(dst, src []byte)
TEXT ·swap64SSE2(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $6, CX
	JZ   done64

loop64:
	LOAD4
	SHUF4(0x1b) // words 3 2 1 0 of each 64 bits
	BSWAPW4
	STORE4
	DECQ CX
	JNZ  loop64

done64:
	RET

// func swapAVX2(dst, src []byte, mask *[32]byte)
// One VPSHUFB per 32 bytes with the byte order of one 128-bit lane in mask
// (both lanes alike); 64 bytes a step.
TEXT ·swapAVX2(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	MOVQ mask+48(FP), AX
	VMOVDQU (AX), Y15
	SHRQ $6, CX
	JZ   doneavx

loopavx:
	VMOVDQU 0(SI), Y0
	VMOVDQU 32(SI), Y1
	VPSHUFB Y15, Y0, Y0
	VPSHUFB Y15, Y1, Y1
	VMOVDQU Y0, 0(DI)
	VMOVDQU Y1, 32(DI)
	ADDQ $64, SI
	ADDQ $64, DI
	DECQ CX
	JNZ  loopavx

doneavx:
	VZEROUPPER
	RET

// func hasAVX2() bool
// CPUID says AVX2, and the OS saves the YMM registers (XGETBV).
TEXT ·hasAVX2(SB), NOSPLIT, $0-1
	MOVL $0, AX
	CPUID
	CMPL AX, $7
	JL   no
	MOVL $1, AX
	MOVL $0, CX
	CPUID
	ANDL $0x18000000, CX // OSXSAVE and AVX
	CMPL CX, $0x18000000
	JNE  no
	MOVL $0, CX
	XGETBV
	ANDL $6, AX // XMM and YMM state
	CMPL AX, $6
	JNE  no
	MOVL $7, AX
	MOVL $0, CX
	CPUID
	ANDL $0x20, BX // AVX2
	JZ   no
	MOVB $1, ret+0(FP)
	RET

no:
	MOVB $0, ret+0(FP)
	RET
