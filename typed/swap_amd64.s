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

// STORE4NT is STORE4 with non-temporal stores, which skip reading the
// destination's lines into the cache first (as memmove does for large
// copies); dst must be 16-byte aligned.
#define STORE4NT \
	MOVNTO X0, 0(DI) \
	MOVNTO X2, 16(DI) \
	MOVNTO X4, 32(DI) \
	MOVNTO X6, 48(DI) \
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

// func swap16SSE2NT(dst, src []byte)
TEXT ·swap16SSE2NT(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $6, CX
	JZ   done16nt

loop16nt:
	LOAD4
	BSWAPW4
	STORE4NT
	DECQ CX
	JNZ  loop16nt
	SFENCE

done16nt:
	RET

// func swap32SSE2NT(dst, src []byte)
TEXT ·swap32SSE2NT(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $6, CX
	JZ   done32nt

loop32nt:
	LOAD4
	SHUF4(0xb1)
	BSWAPW4
	STORE4NT
	DECQ CX
	JNZ  loop32nt
	SFENCE

done32nt:
	RET

// func swap64SSE2NT(dst, src []byte)
TEXT ·swap64SSE2NT(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $6, CX
	JZ   done64nt

loop64nt:
	LOAD4
	SHUF4(0x1b)
	BSWAPW4
	STORE4NT
	DECQ CX
	JNZ  loop64nt
	SFENCE

done64nt:
	RET
