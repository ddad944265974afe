//go:build !purego

#include "textflag.h"

// func swapNTAVX2(dst, src []byte, mask *[32]byte)
// swapAVX2 with non-temporal stores, 128 bytes a step, prefetching the
// source as memmove's large-copy loop does. dst must be 32-byte aligned;
// len(src) a multiple of 128 and len(dst) at least as long.
TEXT ·swapNTAVX2(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	MOVQ mask+48(FP), AX
	VMOVDQU (AX), Y15
	SHRQ $7, CX
	JZ   done

loop:
	PREFETCHNTA 0x1C0(SI)
	PREFETCHNTA 0x280(SI)
	VMOVDQU 0(SI), Y0
	VMOVDQU 32(SI), Y1
	VMOVDQU 64(SI), Y2
	VMOVDQU 96(SI), Y3
	VPSHUFB Y15, Y0, Y0
	VPSHUFB Y15, Y1, Y1
	VPSHUFB Y15, Y2, Y2
	VPSHUFB Y15, Y3, Y3
	VMOVNTDQ Y0, 0(DI)
	VMOVNTDQ Y1, 32(DI)
	VMOVNTDQ Y2, 64(DI)
	VMOVNTDQ Y3, 96(DI)
	ADDQ $128, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  loop

done:
	// Non-temporal stores are weakly ordered: fence them before the
	// caller (or another goroutine it hands the array to) reads them.
	SFENCE
	VZEROUPPER
	RET

// PREFETCHW off(DI): fetch a destination line for writing. The Go
// assembler has no mnemonic for it: 0F 0D /1, ModRM 0x8f (disp32 from
// DI).
#define PREFETCHW_DI(b0, b1) \
	BYTE $0x0f; BYTE $0x0d; BYTE $0x8f; BYTE b0; BYTE b1; BYTE $0x00; BYTE $0x00

// func swapPWAVX2(dst, src []byte, mask *[32]byte)
// swapAVX2 for separate storage, 128 bytes a step, asking for the
// destination's lines 512 bytes ahead: each store then finds its line
// already owned, instead of waiting for it. len(src) must be a multiple
// of 128 and len(dst) at least as long. A prefetch past the end of dst
// is a hint, never an access.
TEXT ·swapPWAVX2(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	MOVQ mask+48(FP), AX
	VMOVDQU (AX), Y15
	SHRQ $7, CX
	JZ   donepw

looppw:
	PREFETCHW_DI($0x00, $0x02)
	PREFETCHW_DI($0x40, $0x02)
	VMOVDQU 0(SI), Y0
	VMOVDQU 32(SI), Y1
	VMOVDQU 64(SI), Y2
	VMOVDQU 96(SI), Y3
	VPSHUFB Y15, Y0, Y0
	VPSHUFB Y15, Y1, Y1
	VPSHUFB Y15, Y2, Y2
	VPSHUFB Y15, Y3, Y3
	VMOVDQU Y0, 0(DI)
	VMOVDQU Y1, 32(DI)
	VMOVDQU Y2, 64(DI)
	VMOVDQU Y3, 96(DI)
	ADDQ $128, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  looppw

donepw:
	VZEROUPPER
	RET

// func hasPrefetchW() bool
// CPUID 0x80000001 ECX bit 8 (PRFCHW).
TEXT ·hasPrefetchW(SB), NOSPLIT, $0-1
	MOVL $0x80000000, AX
	CPUID
	CMPL AX, $0x80000001
	JB   nopw
	MOVL $0x80000001, AX
	CPUID
	ANDL $0x100, CX
	JZ   nopw
	MOVB $1, ret+0(FP)
	RET

nopw:
	MOVB $0, ret+0(FP)
	RET
