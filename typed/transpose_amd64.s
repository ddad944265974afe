//go:build !purego

#include "textflag.h"

// Transpose kernels in AVX2. Every one has the Go signature
//
//	func tposeNAVX2(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool
//
// and writes the transpose of the n x m block of N-byte items at src into
// dst (dst row j is src column j); strides are in bytes, n and m multiples
// of the kernel's block. It takes the columns in bands of the block's
// width and walks each band down the source rows, one square block at a
// time: so the band's destination rows are written front to back, as
// sequential runs, while the source is read across rows. (The other way
// round, writes scattered over many rows, ran at half the speed: each
// store waited for its line to come in.) A block is loaded with 128-bit
// halves from two rows where that lets in-lane unpacks finish the
// transpose. mask, when not nil, is a VPSHUFB mask that reverses the bytes
// of each item's words, applied to every register after loading. nt (with
// no mask, in the kernels that store 32-byte runs) makes the stores
// non-temporal: dst and dstride must then be multiples of 32.
//
// Registers: SI and DI point at the block, R8 = sstride, R9 = 3*sstride,
// DX = dstride, R12 = 3*dstride, CX counts bands, BX blocks in a band,
// R10 and R11 keep the band's start (where the kernel does not need them),
// R13 the mask, Y15 the mask's bytes.

#define ARGS \
	MOVQ dst+0(FP), DI \
	MOVQ dstride+8(FP), DX \
	MOVQ src+16(FP), SI \
	MOVQ sstride+24(FP), R8 \
	MOVQ mask+48(FP), R13 \
	LEAQ (R8)(R8*2), R9 \
	LEAQ (DX)(DX*2), R12 \
	TESTQ R13, R13 \
	JZ   2(PC) \
	VMOVDQU (R13), Y15

#define SHUF4 \
	VPSHUFB Y15, Y0, Y0 \
	VPSHUFB Y15, Y1, Y1 \
	VPSHUFB Y15, Y2, Y2 \
	VPSHUFB Y15, Y3, Y3

#define SHUF8 \
	SHUF4 \
	VPSHUFB Y15, Y4, Y4 \
	VPSHUFB Y15, Y5, Y5 \
	VPSHUFB Y15, Y6, Y6 \
	VPSHUFB Y15, Y7, Y7

// STORE4ROWS stores a, b, c, d at p in four destination rows, with mov
// (VMOVDQU, or VMOVNTDQ for stores around the cache).
#define STORE4ROWS(mov, p, a, b, c, d) \
	mov a, (p) \
	mov b, (p)(DX*1) \
	mov c, (p)(DX*2) \
	mov d, (p)(R12*1)

// NTDONE fences non-temporal stores, which are weakly ordered, before the
// caller reads the array or hands it on.
#define NTDONE \
	CMPB nt+56(FP), $0 \
	JEQ  2(PC) \
	SFENCE

// ---- 16-byte items (complex128), blocks of 4 rows x 4 columns: each
// register is one item from each of two rows, 32 bytes of a destination
// row.

#define LOAD16X4 \
	VMOVDQU (SI), X0 \
	VINSERTI128 $1, (SI)(R8*1), Y0, Y0 \
	VMOVDQU (SI)(R8*2), X1 \
	VINSERTI128 $1, (SI)(R9*1), Y1, Y1 \
	VMOVDQU 16(SI), X2 \
	VINSERTI128 $1, 16(SI)(R8*1), Y2, Y2 \
	VMOVDQU 16(SI)(R8*2), X3 \
	VINSERTI128 $1, 16(SI)(R9*1), Y3, Y3 \
	VMOVDQU 32(SI), X4 \
	VINSERTI128 $1, 32(SI)(R8*1), Y4, Y4 \
	VMOVDQU 32(SI)(R8*2), X5 \
	VINSERTI128 $1, 32(SI)(R9*1), Y5, Y5 \
	VMOVDQU 48(SI), X6 \
	VINSERTI128 $1, 48(SI)(R8*1), Y6, Y6 \
	VMOVDQU 48(SI)(R8*2), X7 \
	VINSERTI128 $1, 48(SI)(R9*1), Y7, Y7

#define STORE16X4(mov) \
	mov Y0, (DI) \
	mov Y1, 32(DI) \
	mov Y2, (DI)(DX*1) \
	mov Y3, 32(DI)(DX*1) \
	mov Y4, (DI)(DX*2) \
	mov Y5, 32(DI)(DX*2) \
	mov Y6, (DI)(R12*1) \
	mov Y7, 32(DI)(R12*1) \
	LEAQ (SI)(R8*4), SI \
	ADDQ $64, DI

TEXT ·tpose16AVX2(SB), NOSPLIT, $0-65
	ARGS
	MOVQ m+40(FP), CX
	SHRQ $2, CX
	JZ   done16

band16:
	MOVQ SI, R10
	MOVQ DI, R11
	MOVQ n+32(FP), BX
	SHRQ $2, BX
	TESTQ R13, R13
	JNZ  swap16
	CMPB nt+56(FP), $0
	JNE  nt16

plain16:
	LOAD16X4
	STORE16X4(VMOVDQU)
	DECQ BX
	JNZ  plain16
	JMP  next16

nt16:
	LOAD16X4
	STORE16X4(VMOVNTDQ)
	DECQ BX
	JNZ  nt16
	JMP  next16

swap16:
	LOAD16X4
	SHUF8
	STORE16X4(VMOVDQU)
	DECQ BX
	JNZ  swap16

next16:
	LEAQ 64(R10), SI
	LEAQ (R11)(DX*4), DI
	DECQ CX
	JNZ  band16

done16:
	NTDONE
	VZEROUPPER
	MOVB $0, ret+64(FP)
	RET

// ---- 8-byte items, blocks of 4 rows x 8 columns, as two 4 x 4: Y0 =
// [r0 c0 c1 | r2 c0 c1], Y1 = [r1 c0 c1 | r3 c0 c1], Y2 and Y3 the same
// for c2 c3; the low and high quadwords of Y0 and Y1 are then columns 0
// and 1, of Y2 and Y3 columns 2 and 3.

#define LOAD8(off) \
	VMOVDQU off(SI), X0 \
	VINSERTI128 $1, off(SI)(R8*2), Y0, Y0 \
	VMOVDQU off(SI)(R8*1), X1 \
	VINSERTI128 $1, off(SI)(R9*1), Y1, Y1 \
	VMOVDQU off+16(SI), X2 \
	VINSERTI128 $1, off+16(SI)(R8*2), Y2, Y2 \
	VMOVDQU off+16(SI)(R8*1), X3 \
	VINSERTI128 $1, off+16(SI)(R9*1), Y3, Y3

#define TPOSE8 \
	VPUNPCKLQDQ Y1, Y0, Y4 \
	VPUNPCKHQDQ Y1, Y0, Y5 \
	VPUNPCKLQDQ Y3, Y2, Y6 \
	VPUNPCKHQDQ Y3, Y2, Y7

#define STEP8 \
	LEAQ (SI)(R8*4), SI \
	ADDQ $32, DI

TEXT ·tpose8AVX2(SB), NOSPLIT, $0-65
	ARGS
	MOVQ m+40(FP), CX
	SHRQ $3, CX
	JZ   done8

band8:
	MOVQ SI, R10
	MOVQ DI, R11
	MOVQ n+32(FP), BX
	SHRQ $2, BX
	TESTQ R13, R13
	JNZ  swap8
	CMPB nt+56(FP), $0
	JNE  nt8

plain8:
	LEAQ (DI)(DX*4), AX
	LOAD8(0)
	TPOSE8
	STORE4ROWS(VMOVDQU, DI, Y4, Y5, Y6, Y7)
	LOAD8(32)
	TPOSE8
	STORE4ROWS(VMOVDQU, AX, Y4, Y5, Y6, Y7)
	STEP8
	DECQ BX
	JNZ  plain8
	JMP  next8

nt8:
	LEAQ (DI)(DX*4), AX
	LOAD8(0)
	TPOSE8
	STORE4ROWS(VMOVNTDQ, DI, Y4, Y5, Y6, Y7)
	LOAD8(32)
	TPOSE8
	STORE4ROWS(VMOVNTDQ, AX, Y4, Y5, Y6, Y7)
	STEP8
	DECQ BX
	JNZ  nt8
	JMP  next8

swap8:
	LEAQ (DI)(DX*4), AX
	LOAD8(0)
	SHUF4
	TPOSE8
	STORE4ROWS(VMOVDQU, DI, Y4, Y5, Y6, Y7)
	LOAD8(32)
	SHUF4
	TPOSE8
	STORE4ROWS(VMOVDQU, AX, Y4, Y5, Y6, Y7)
	STEP8
	DECQ BX
	JNZ  swap8

next8:
	LEAQ 64(R10), SI
	LEAQ (R11)(DX*8), DI
	DECQ CX
	JNZ  band8

done8:
	NTDONE
	VZEROUPPER
	MOVB $0, ret+64(FP)
	RET

// ---- 4-byte items, blocks of 8 x 8: Yk = [rk c0-3 | rk+4 c0-3] and
// Yk+4 = [rk c4-7 | rk+4 c4-7] for k < 4; a 4 x 4 transpose in each lane
// of Y0-Y3, then of Y4-Y7, leaves column c in Yc. AX points at row 4.

#define LOAD4 \
	LEAQ (SI)(R8*4), AX \
	VMOVDQU (SI), X0 \
	VINSERTI128 $1, (AX), Y0, Y0 \
	VMOVDQU (SI)(R8*1), X1 \
	VINSERTI128 $1, (AX)(R8*1), Y1, Y1 \
	VMOVDQU (SI)(R8*2), X2 \
	VINSERTI128 $1, (AX)(R8*2), Y2, Y2 \
	VMOVDQU (SI)(R9*1), X3 \
	VINSERTI128 $1, (AX)(R9*1), Y3, Y3 \
	VMOVDQU 16(SI), X4 \
	VINSERTI128 $1, 16(AX), Y4, Y4 \
	VMOVDQU 16(SI)(R8*1), X5 \
	VINSERTI128 $1, 16(AX)(R8*1), Y5, Y5 \
	VMOVDQU 16(SI)(R8*2), X6 \
	VINSERTI128 $1, 16(AX)(R8*2), Y6, Y6 \
	VMOVDQU 16(SI)(R9*1), X7 \
	VINSERTI128 $1, 16(AX)(R9*1), Y7, Y7

// T4X4D transposes the 4 x 4 dwords of each lane of a, b, c, d in place.
#define T4X4D(a, b, c, d) \
	VPUNPCKLDQ b, a, Y8 \
	VPUNPCKHDQ b, a, Y9 \
	VPUNPCKLDQ d, c, Y10 \
	VPUNPCKHDQ d, c, Y11 \
	VPUNPCKLQDQ Y10, Y8, a \
	VPUNPCKHQDQ Y10, Y8, b \
	VPUNPCKLQDQ Y11, Y9, c \
	VPUNPCKHQDQ Y11, Y9, d

#define TPOSE4(mov) \
	T4X4D(Y0, Y1, Y2, Y3) \
	T4X4D(Y4, Y5, Y6, Y7) \
	LEAQ (DI)(DX*4), AX \
	STORE4ROWS(mov, DI, Y0, Y1, Y2, Y3) \
	STORE4ROWS(mov, AX, Y4, Y5, Y6, Y7) \
	LEAQ (SI)(R8*8), SI \
	ADDQ $32, DI

TEXT ·tpose4AVX2(SB), NOSPLIT, $0-65
	ARGS
	MOVQ m+40(FP), CX
	SHRQ $3, CX
	JZ   done4

band4:
	MOVQ SI, R10
	MOVQ DI, R11
	MOVQ n+32(FP), BX
	SHRQ $3, BX
	TESTQ R13, R13
	JNZ  swap4
	CMPB nt+56(FP), $0
	JNE  nt4

plain4:
	LOAD4
	TPOSE4(VMOVDQU)
	DECQ BX
	JNZ  plain4
	JMP  next4

nt4:
	LOAD4
	TPOSE4(VMOVNTDQ)
	DECQ BX
	JNZ  nt4
	JMP  next4

swap4:
	LOAD4
	SHUF8
	TPOSE4(VMOVDQU)
	DECQ BX
	JNZ  swap4

next4:
	LEAQ 32(R10), SI
	LEAQ (R11)(DX*8), DI
	DECQ CX
	JNZ  band4

done4:
	NTDONE
	VZEROUPPER
	MOVB $0, ret+64(FP)
	RET

// ---- 2-byte items, blocks of 16 rows x 8 columns: Yk = [rk c0-7 | rk+8
// c0-7] for k < 8; an 8 x 8 word transpose in each lane (three rounds of
// unpacks) leaves column c, all 16 rows, in one register. AX points at
// row 8, then 12; R10 at row 4.

#define LOAD2 \
	LEAQ (SI)(R8*8), AX \
	VMOVDQU (SI), X0 \
	VINSERTI128 $1, (AX), Y0, Y0 \
	VMOVDQU (SI)(R8*1), X1 \
	VINSERTI128 $1, (AX)(R8*1), Y1, Y1 \
	VMOVDQU (SI)(R8*2), X2 \
	VINSERTI128 $1, (AX)(R8*2), Y2, Y2 \
	VMOVDQU (SI)(R9*1), X3 \
	VINSERTI128 $1, (AX)(R9*1), Y3, Y3 \
	LEAQ (SI)(R8*4), R10 \
	LEAQ (AX)(R8*4), AX \
	VMOVDQU (R10), X4 \
	VINSERTI128 $1, (AX), Y4, Y4 \
	VMOVDQU (R10)(R8*1), X5 \
	VINSERTI128 $1, (AX)(R8*1), Y5, Y5 \
	VMOVDQU (R10)(R8*2), X6 \
	VINSERTI128 $1, (AX)(R8*2), Y6, Y6 \
	VMOVDQU (R10)(R9*1), X7 \
	VINSERTI128 $1, (AX)(R9*1), Y7, Y7

// Rows a..h of each lane in Y0..Y7. Round one interleaves words of row
// pairs (ab cd ef gh, columns 0-3 and 4-7: Y8-Y14, Y1), round two dwords
// (abcd and efgh, columns 0 1, 2 3, 4 5, 6 7: Y0 Y2 Y3 Y4, Y5 Y6 Y7 Y8),
// round three quadwords: columns 0-7 in Y9-Y14, Y0, Y1.
#define TPOSE2(mov) \
	VPUNPCKLWD Y1, Y0, Y8 \
	VPUNPCKHWD Y1, Y0, Y9 \
	VPUNPCKLWD Y3, Y2, Y10 \
	VPUNPCKHWD Y3, Y2, Y11 \
	VPUNPCKLWD Y5, Y4, Y12 \
	VPUNPCKHWD Y5, Y4, Y13 \
	VPUNPCKLWD Y7, Y6, Y14 \
	VPUNPCKHWD Y7, Y6, Y1 \
	VPUNPCKLDQ Y10, Y8, Y0 \
	VPUNPCKHDQ Y10, Y8, Y2 \
	VPUNPCKLDQ Y11, Y9, Y3 \
	VPUNPCKHDQ Y11, Y9, Y4 \
	VPUNPCKLDQ Y14, Y12, Y5 \
	VPUNPCKHDQ Y14, Y12, Y6 \
	VPUNPCKLDQ Y1, Y13, Y7 \
	VPUNPCKHDQ Y1, Y13, Y8 \
	VPUNPCKLQDQ Y5, Y0, Y9 \
	VPUNPCKHQDQ Y5, Y0, Y10 \
	VPUNPCKLQDQ Y6, Y2, Y11 \
	VPUNPCKHQDQ Y6, Y2, Y12 \
	VPUNPCKLQDQ Y7, Y3, Y13 \
	VPUNPCKHQDQ Y7, Y3, Y14 \
	VPUNPCKLQDQ Y8, Y4, Y0 \
	VPUNPCKHQDQ Y8, Y4, Y1 \
	LEAQ (DI)(DX*4), AX \
	STORE4ROWS(mov, DI, Y9, Y10, Y11, Y12) \
	STORE4ROWS(mov, AX, Y13, Y14, Y0, Y1) \
	LEAQ (SI)(R8*8), SI \
	LEAQ (SI)(R8*8), SI \
	ADDQ $32, DI

// NEXTBAND2 moves to the next band: R10 is taken, so the band's start is
// worked out from n: SI went n rows down, DI 2n bytes on.
#define NEXTBAND2 \
	MOVQ n+32(FP), AX \
	IMULQ R8, AX \
	SUBQ AX, SI \
	ADDQ $16, SI \
	MOVQ n+32(FP), AX \
	SHLQ $1, AX \
	SUBQ AX, DI \
	LEAQ (DI)(DX*8), DI

TEXT ·tpose2AVX2(SB), NOSPLIT, $0-65
	ARGS
	MOVQ m+40(FP), CX
	SHRQ $3, CX
	JZ   done2

band2:
	MOVQ n+32(FP), BX
	SHRQ $4, BX
	TESTQ R13, R13
	JNZ  swap2
	CMPB nt+56(FP), $0
	JNE  nt2

plain2:
	LOAD2
	TPOSE2(VMOVDQU)
	DECQ BX
	JNZ  plain2
	JMP  next2

nt2:
	LOAD2
	TPOSE2(VMOVNTDQ)
	DECQ BX
	JNZ  nt2
	JMP  next2

swap2:
	LOAD2
	SHUF8
	TPOSE2(VMOVDQU)
	DECQ BX
	JNZ  swap2

next2:
	NEXTBAND2
	DECQ CX
	JNZ  band2

done2:
	NTDONE
	VZEROUPPER
	MOVB $0, ret+64(FP)
	RET

// ---- 1-byte items, blocks of 16 rows x 32 columns, in two passes over
// the rows: a register holds 32 bytes of a row, columns 0-15 in its low
// lane and 16-31 in its high lane; unpacking rows 2k and 2k+1 (low bytes
// in the first pass, high bytes in the second) and three more rounds
// leave 8 columns of all 16 rows per register and lane: a 16-byte run of
// one destination row from each lane. Rows 2k+1 come from memory
// operands, so that 8 registers carry a pass. The bool kernel also ORs
// the unpacked rows, every byte once, into Y15. AX points at rows 4, 8, 12 in turn, R10 and R11 at
// the destination rows from j and j+16; R13 = 16*dstride.

// PAIR1(unpack, y, a, b): the rows at a and b, unpacked into y.
#define PAIR1(unpack, y, a, b) \
	VMOVDQU a, Y8 \
	unpack b, Y8, y

#define PASS1(unpack) \
	PAIR1(unpack, Y0, (SI), (SI)(R8*1)) \
	PAIR1(unpack, Y1, (SI)(R8*2), (SI)(R9*1)) \
	LEAQ (SI)(R8*4), AX \
	PAIR1(unpack, Y2, (AX), (AX)(R8*1)) \
	PAIR1(unpack, Y3, (AX)(R8*2), (AX)(R9*1)) \
	LEAQ (AX)(R8*4), AX \
	PAIR1(unpack, Y4, (AX), (AX)(R8*1)) \
	PAIR1(unpack, Y5, (AX)(R8*2), (AX)(R9*1)) \
	LEAQ (AX)(R8*4), AX \
	PAIR1(unpack, Y6, (AX), (AX)(R8*1)) \
	PAIR1(unpack, Y7, (AX)(R8*2), (AX)(R9*1))

// Lane contents: Yk holds rows 2k, 2k+1 interleaved, 8 columns. Words
// give rows 0-3, 4-7, 8-11, 12-15 by columns 0-3 and 4-7 (Y8-Y14, Y0),
// dwords rows 0-7 and 8-15 by column pairs (Y1-Y4, Y5-Y8), quadwords
// columns 0-7 of all 16 rows (Y9-Y14, Y0, Y1).
#define ROUNDS1 \
	VPUNPCKLWD Y1, Y0, Y8 \
	VPUNPCKHWD Y1, Y0, Y9 \
	VPUNPCKLWD Y3, Y2, Y10 \
	VPUNPCKHWD Y3, Y2, Y11 \
	VPUNPCKLWD Y5, Y4, Y12 \
	VPUNPCKHWD Y5, Y4, Y13 \
	VPUNPCKLWD Y7, Y6, Y14 \
	VPUNPCKHWD Y7, Y6, Y0 \
	VPUNPCKLDQ Y10, Y8, Y1 \
	VPUNPCKHDQ Y10, Y8, Y2 \
	VPUNPCKLDQ Y11, Y9, Y3 \
	VPUNPCKHDQ Y11, Y9, Y4 \
	VPUNPCKLDQ Y14, Y12, Y5 \
	VPUNPCKHDQ Y14, Y12, Y6 \
	VPUNPCKLDQ Y0, Y13, Y7 \
	VPUNPCKHDQ Y0, Y13, Y8 \
	VPUNPCKLQDQ Y5, Y1, Y9 \
	VPUNPCKHQDQ Y5, Y1, Y10 \
	VPUNPCKLQDQ Y6, Y2, Y11 \
	VPUNPCKHQDQ Y6, Y2, Y12 \
	VPUNPCKLQDQ Y7, Y3, Y13 \
	VPUNPCKHQDQ Y7, Y3, Y14 \
	VPUNPCKLQDQ Y8, Y4, Y0 \
	VPUNPCKHQDQ Y8, Y4, Y1

// STORE1X4: the low lanes of a-d to four rows from R10, the high lanes to
// four rows from R11; both move four rows on.
#define STORE1X4(a, b, c, d, xa, xb, xc, xd) \
	VMOVDQU xa, (R10) \
	VMOVDQU xb, (R10)(DX*1) \
	VMOVDQU xc, (R10)(DX*2) \
	VMOVDQU xd, (R10)(R12*1) \
	VEXTRACTI128 $1, a, (R11) \
	VEXTRACTI128 $1, b, (R11)(DX*1) \
	VEXTRACTI128 $1, c, (R11)(DX*2) \
	VEXTRACTI128 $1, d, (R11)(R12*1) \
	LEAQ (R10)(DX*4), R10 \
	LEAQ (R11)(DX*4), R11

#define STORE8COLS \
	STORE1X4(Y9, Y10, Y11, Y12, X9, X10, X11, X12) \
	STORE1X4(Y13, Y14, Y0, Y1, X13, X14, X0, X1)

// OR8 ORs Y0-Y7 into Y15: after a pass, every byte of its rows.
#define OR8 \
	VPOR Y1, Y0, Y8 \
	VPOR Y3, Y2, Y9 \
	VPOR Y5, Y4, Y10 \
	VPOR Y7, Y6, Y11 \
	VPOR Y9, Y8, Y8 \
	VPOR Y11, Y10, Y10 \
	VPOR Y10, Y8, Y8 \
	VPOR Y8, Y15, Y15

#define NOOR

// BLOCK1(or): one block; or is NOOR, or OR8 for bools.
#define BLOCK1(or) \
	MOVQ DI, R10 \
	LEAQ (DI)(R13*1), R11 \
	PASS1(VPUNPCKLBW) \
	or \
	ROUNDS1 \
	STORE8COLS \
	PASS1(VPUNPCKHBW) \
	or \
	ROUNDS1 \
	STORE8COLS \
	LEAQ (SI)(R8*8), SI \
	LEAQ (SI)(R8*8), SI \
	ADDQ $16, DI

#define ARGS1 \
	MOVQ dst+0(FP), DI \
	MOVQ dstride+8(FP), DX \
	MOVQ src+16(FP), SI \
	MOVQ sstride+24(FP), R8 \
	LEAQ (R8)(R8*2), R9 \
	LEAQ (DX)(DX*2), R12 \
	MOVQ DX, R13 \
	SHLQ $4, R13 \
	VPXOR Y15, Y15, Y15 \
	MOVQ m+40(FP), CX \
	SHRQ $5, CX

// NEXTBAND1 moves to the next band, whose start is worked out from n: SI
// went n rows down, DI n bytes on.
#define NEXTBAND1 \
	MOVQ n+32(FP), AX \
	IMULQ R8, AX \
	SUBQ AX, SI \
	ADDQ $32, SI \
	SUBQ n+32(FP), DI \
	LEAQ (DI)(R13*2), DI

TEXT ·tpose1AVX2(SB), NOSPLIT, $0-65
	ARGS1
	JZ   done1

band1:
	MOVQ n+32(FP), BX
	SHRQ $4, BX

loop1:
	BLOCK1(NOOR)
	DECQ BX
	JNZ  loop1
	NEXTBAND1
	DECQ CX
	JNZ  band1

done1:
	VZEROUPPER
	MOVB $0, ret+64(FP)
	RET

// func tpose1BoolAVX2(...) is tpose1AVX2 that also reports a byte of the
// source above 1.
TEXT ·tpose1BoolAVX2(SB), NOSPLIT, $0-65
	ARGS1
	JZ   done1b

band1b:
	MOVQ n+32(FP), BX
	SHRQ $4, BX

loop1b:
	BLOCK1(OR8)
	DECQ BX
	JNZ  loop1b
	NEXTBAND1
	DECQ CX
	JNZ  band1b

done1b:
	// Any byte with a bit above the lowest set: not a bool.
	VPCMPEQB Y14, Y14, Y14
	VPADDB   Y14, Y14, Y14
	VPTEST   Y14, Y15
	SETNE    ret+64(FP)
	VZEROUPPER
	RET

// ---- 1-byte items with AVX-512BW, blocks of 32 rows x 32 columns in one
// pass: Zk = [rk c0-31 | rk+16 c0-31] for k < 16, lanes rk c0-15, rk
// c16-31, rk+16 c0-15, rk+16 c16-31. Four rounds of in-lane unpacks over
// all 32 registers leave in Zc, for c < 16, destination row c from rows
// 0-15 and 16-31 in lanes 0 and 2, and row c+16 in lanes 1 and 3; a lane
// shuffle makes each a 32-byte run. AX points at rows 4, 8, 12, R10 at row
// 16 (then 20, 24, 28), R11 at destination rows 4, 8, 12, R13 = 16*dstride.

#define ZLOAD4(p, q, z0, z1, z2, z3, y0, y1, y2, y3) \
	VMOVDQU (p), y0 \
	VINSERTI64X4 $1, (q), z0, z0 \
	VMOVDQU (p)(R8*1), y1 \
	VINSERTI64X4 $1, (q)(R8*1), z1, z1 \
	VMOVDQU (p)(R8*2), y2 \
	VINSERTI64X4 $1, (q)(R8*2), z2, z2 \
	VMOVDQU (p)(R9*1), y3 \
	VINSERTI64X4 $1, (q)(R9*1), z3, z3

#define ZLOAD \
	LEAQ (SI)(R8*8), R10 \
	LEAQ (R10)(R8*8), R10 \
	ZLOAD4(SI, R10, Z0, Z1, Z2, Z3, Y0, Y1, Y2, Y3) \
	LEAQ (SI)(R8*4), AX \
	LEAQ (R10)(R8*4), R10 \
	ZLOAD4(AX, R10, Z4, Z5, Z6, Z7, Y4, Y5, Y6, Y7) \
	LEAQ (AX)(R8*4), AX \
	LEAQ (R10)(R8*4), R10 \
	ZLOAD4(AX, R10, Z8, Z9, Z10, Z11, Y8, Y9, Y10, Y11) \
	LEAQ (AX)(R8*4), AX \
	LEAQ (R10)(R8*4), R10 \
	ZLOAD4(AX, R10, Z12, Z13, Z14, Z15, Y12, Y13, Y14, Y15)

// Round one: rows 2k, 2k+1 by columns 0-7 and 8-15: Z16+2k, Z17+2k.
#define ZR1(a, b, lo, hi) \
	VPUNPCKLBW b, a, lo \
	VPUNPCKHBW b, a, hi

// Round two: rows 4q-4q+3 by columns 0-3, 4-7, 8-11, 12-15: Z4q-Z4q+3.
#define ZR2(a, b, c, d, o0, o1, o2, o3) \
	VPUNPCKLWD c, a, o0 \
	VPUNPCKHWD c, a, o1 \
	VPUNPCKLWD d, b, o2 \
	VPUNPCKHWD d, b, o3

// Round three: rows 0-7 (from groups q and q+1) by column pairs.
#define ZR3(a, b, lo, hi) \
	VPUNPCKLDQ b, a, lo \
	VPUNPCKHDQ b, a, hi

// Round four: all rows of two columns.
#define ZR4(a, b, lo, hi) \
	VPUNPCKLQDQ b, a, lo \
	VPUNPCKHQDQ b, a, hi

#define ZROUNDS \
	ZR1(Z0, Z1, Z16, Z17) \
	ZR1(Z2, Z3, Z18, Z19) \
	ZR1(Z4, Z5, Z20, Z21) \
	ZR1(Z6, Z7, Z22, Z23) \
	ZR1(Z8, Z9, Z24, Z25) \
	ZR1(Z10, Z11, Z26, Z27) \
	ZR1(Z12, Z13, Z28, Z29) \
	ZR1(Z14, Z15, Z30, Z31) \
	ZR2(Z16, Z17, Z18, Z19, Z0, Z1, Z2, Z3) \
	ZR2(Z20, Z21, Z22, Z23, Z4, Z5, Z6, Z7) \
	ZR2(Z24, Z25, Z26, Z27, Z8, Z9, Z10, Z11) \
	ZR2(Z28, Z29, Z30, Z31, Z12, Z13, Z14, Z15) \
	ZR3(Z0, Z4, Z16, Z17) \
	ZR3(Z1, Z5, Z18, Z19) \
	ZR3(Z2, Z6, Z20, Z21) \
	ZR3(Z3, Z7, Z22, Z23) \
	ZR3(Z8, Z12, Z24, Z25) \
	ZR3(Z9, Z13, Z26, Z27) \
	ZR3(Z10, Z14, Z28, Z29) \
	ZR3(Z11, Z15, Z30, Z31) \
	ZR4(Z16, Z24, Z0, Z1) \
	ZR4(Z17, Z25, Z2, Z3) \
	ZR4(Z18, Z26, Z4, Z5) \
	ZR4(Z19, Z27, Z6, Z7) \
	ZR4(Z20, Z28, Z8, Z9) \
	ZR4(Z21, Z29, Z10, Z11) \
	ZR4(Z22, Z30, Z12, Z13) \
	ZR4(Z23, Z31, Z14, Z15)

#define ZSTORE4(p, z0, z1, z2, z3, y0, y1, y2, y3) \
	VSHUFI64X2 $0xd8, z0, z0, z0 \
	VSHUFI64X2 $0xd8, z1, z1, z1 \
	VSHUFI64X2 $0xd8, z2, z2, z2 \
	VSHUFI64X2 $0xd8, z3, z3, z3 \
	VMOVDQU y0, (p) \
	VMOVDQU y1, (p)(DX*1) \
	VMOVDQU y2, (p)(DX*2) \
	VMOVDQU y3, (p)(R12*1) \
	LEAQ (p)(R13*1), AX \
	VEXTRACTI64X4 $1, z0, (AX) \
	VEXTRACTI64X4 $1, z1, (AX)(DX*1) \
	VEXTRACTI64X4 $1, z2, (AX)(DX*2) \
	VEXTRACTI64X4 $1, z3, (AX)(R12*1)

#define ZSTORE \
	ZSTORE4(DI, Z0, Z1, Z2, Z3, Y0, Y1, Y2, Y3) \
	LEAQ (DI)(DX*4), R11 \
	ZSTORE4(R11, Z4, Z5, Z6, Z7, Y4, Y5, Y6, Y7) \
	LEAQ (R11)(DX*4), R11 \
	ZSTORE4(R11, Z8, Z9, Z10, Z11, Y8, Y9, Y10, Y11) \
	LEAQ (R11)(DX*4), R11 \
	ZSTORE4(R11, Z12, Z13, Z14, Z15, Y12, Y13, Y14, Y15)

// ZOR, for bools: the OR of Z0-Z15 (every byte of the block once)
// tested against 0xfe in each byte, the bits found ORed into K2. Z16 and
// Z17 are free until round one.
#define ZOR \
	VMOVDQA64 Z0, Z16 \
	VPTERNLOGD $0xfe, Z2, Z1, Z16 \
	VPTERNLOGD $0xfe, Z4, Z3, Z16 \
	VPTERNLOGD $0xfe, Z6, Z5, Z16 \
	VPTERNLOGD $0xfe, Z8, Z7, Z16 \
	VPTERNLOGD $0xfe, Z10, Z9, Z16 \
	VPTERNLOGD $0xfe, Z12, Z11, Z16 \
	VPTERNLOGD $0xfe, Z14, Z13, Z16 \
	VPORQ Z15, Z16, Z16 \
	VPTERNLOGD $0xff, Z17, Z17, Z17 \
	VPADDB Z17, Z17, Z17 \
	VPTESTMB Z17, Z16, K1 \
	KORQ K1, K2, K2

#define ARGSZ \
	MOVQ dst+0(FP), DI \
	MOVQ dstride+8(FP), DX \
	MOVQ src+16(FP), SI \
	MOVQ sstride+24(FP), R8 \
	LEAQ (R8)(R8*2), R9 \
	LEAQ (DX)(DX*2), R12 \
	MOVQ DX, R13 \
	SHLQ $4, R13 \
	KXORQ K2, K2, K2 \
	MOVQ m+40(FP), CX \
	SHRQ $5, CX

#define NEXTBLOCKZ \
	LEAQ (SI)(R8*8), SI \
	LEAQ (SI)(R8*8), SI \
	LEAQ (SI)(R8*8), SI \
	LEAQ (SI)(R8*8), SI \
	ADDQ $32, DI

#define NEXTBANDZ \
	MOVQ n+32(FP), AX \
	IMULQ R8, AX \
	SUBQ AX, SI \
	ADDQ $32, SI \
	SUBQ n+32(FP), DI \
	LEAQ (DI)(R13*2), DI

// func tpose1AVX512(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) bool
TEXT ·tpose1AVX512(SB), NOSPLIT, $0-65
	ARGSZ
	JZ   donez

bandz:
	MOVQ n+32(FP), BX
	SHRQ $5, BX

loopz:
	ZLOAD
	ZROUNDS
	ZSTORE
	NEXTBLOCKZ
	DECQ BX
	JNZ  loopz
	NEXTBANDZ
	DECQ CX
	JNZ  bandz

donez:
	VZEROUPPER
	MOVB $0, ret+64(FP)
	RET

// func tpose1BoolAVX512(...) is tpose1AVX512 that also reports a byte of
// the source above 1.
TEXT ·tpose1BoolAVX512(SB), NOSPLIT, $0-65
	ARGSZ
	JZ   donezb

bandzb:
	MOVQ n+32(FP), BX
	SHRQ $5, BX

loopzb:
	ZLOAD
	ZOR
	ZROUNDS
	ZSTORE
	NEXTBLOCKZ
	DECQ BX
	JNZ  loopzb
	NEXTBANDZ
	DECQ CX
	JNZ  bandzb

donezb:
	KORTESTQ K2, K2
	SETNE    ret+64(FP)
	VZEROUPPER
	RET

// func hasAVX512BW() bool
// CPUID says AVX-512 F and BW, and the OS saves the opmask and ZMM state
// as well as XMM and YMM (XGETBV).
TEXT ·hasAVX512BW(SB), NOSPLIT, $0-1
	MOVL $0, AX
	CPUID
	CMPL AX, $7
	JL   noz
	MOVL $1, AX
	MOVL $0, CX
	CPUID
	ANDL $0x08000000, CX // OSXSAVE
	JZ   noz
	MOVL $0, CX
	XGETBV
	ANDL $0xe6, AX
	CMPL AX, $0xe6
	JNE  noz
	MOVL $7, AX
	MOVL $0, CX
	CPUID
	ANDL $0x40010000, BX // AVX512F and AVX512BW
	CMPL BX, $0x40010000
	JNE  noz
	MOVB $1, ret+0(FP)
	RET

noz:
	MOVB $0, ret+0(FP)
	RET
