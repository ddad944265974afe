//go:build !purego

#include "textflag.h"

// float16 array conversions with F16C over AVX2 vectors, 16 items a step.
// Each kernel converts whole steps from the start of src while no item of
// the step needs numpy's own rule for it, and returns how many items it
// converted (a multiple of 16). The instructions quieten signalling NaNs
// and drop NaN payloads where numpy keeps them, so a step holding a NaN
// (or, widening, any half with the all-ones exponent) stops the kernel and
// the Go code converts that step with the scalar rules. len(dst) must be
// at least len(src).

// func f16to32F16C(dst []float32, src []Float16) int
TEXT ·f16to32F16C(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $4, CX
	MOVQ SI, R8
	MOVL $0x7c007c00, AX // the exponent of two halves
	VMOVD AX, X15
	VPBROADCASTD X15, Y15
	TESTQ CX, CX
	JZ   done32

loop32:
	VPAND    0(SI), Y15, Y0
	VPCMPEQW Y15, Y0, Y0 // all ones where the exponent is 31
	VPTEST   Y0, Y0
	JNZ      done32
	VCVTPH2PS 0(SI), Y1
	VCVTPH2PS 16(SI), Y2
	VMOVUPS  Y1, 0(DI)
	VMOVUPS  Y2, 32(DI)
	ADDQ $32, SI
	ADDQ $64, DI
	DECQ CX
	JNZ  loop32

done32:
	SUBQ R8, SI
	SHRQ $1, SI
	MOVQ SI, ret+48(FP)
	VZEROUPPER
	RET

// func f16to64F16C(dst []float64, src []Float16) int
// Each four halves widen to float32 and then, exactly, to float64.
TEXT ·f16to64F16C(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $4, CX
	MOVQ SI, R8
	MOVL $0x7c007c00, AX
	VMOVD AX, X15
	VPBROADCASTD X15, Y15
	TESTQ CX, CX
	JZ   done64

loop64:
	VPAND    0(SI), Y15, Y0
	VPCMPEQW Y15, Y0, Y0
	VPTEST   Y0, Y0
	JNZ      done64
	VCVTPH2PS 0(SI), X1
	VCVTPH2PS 8(SI), X2
	VCVTPH2PS 16(SI), X3
	VCVTPH2PS 24(SI), X4
	VCVTPS2PD X1, Y1
	VCVTPS2PD X2, Y2
	VCVTPS2PD X3, Y3
	VCVTPS2PD X4, Y4
	VMOVUPD  Y1, 0(DI)
	VMOVUPD  Y2, 32(DI)
	VMOVUPD  Y3, 64(DI)
	VMOVUPD  Y4, 96(DI)
	ADDQ $32, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  loop64

done64:
	SUBQ R8, SI
	SHRQ $1, SI
	MOVQ SI, ret+48(FP)
	VZEROUPPER
	RET

// func f32to16F16C(dst []Float16, src []float32) int
// VCVTPS2PH with immediate 0 rounds to nearest, ties to even, whatever
// MXCSR says, subnormals and overflow to Inf included.
TEXT ·f32to16F16C(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $4, CX
	MOVQ DI, R8
	TESTQ CX, CX
	JZ   done3216

loop3216:
	VMOVUPS 0(SI), Y0
	VMOVUPS 32(SI), Y1
	VCMPPS  $3, Y1, Y0, Y2 // unordered: either is NaN
	VPTEST  Y2, Y2
	JNZ     done3216
	VCVTPS2PH $0, Y0, 0(DI)
	VCVTPS2PH $0, Y1, 16(DI)
	ADDQ $64, SI
	ADDQ $32, DI
	DECQ CX
	JNZ  loop3216

done3216:
	SUBQ R8, DI
	SHRQ $1, DI
	MOVQ DI, ret+48(FP)
	VZEROUPPER
	RET

// ROUNDODD rounds the float64s of Y to float32 precision (24 bits) by
// rounding to odd: it truncates the 29 dropped mantissa bits and sets the
// lowest kept one if any was set. From that value one rounding to nearest
// even to 11 bits gives what a single rounding of the float64 would (two
// more bits than the target keep every tie and half-way decision), so
// VCVTPD2PS is then exact for the values a half can hold and VCVTPS2PH
// does the one rounding. Values beyond float32's range stay beyond the
// half range either way (Inf, or zero). Y14 holds 1<<29-1, Y13 1<<29, Y12
// zero; T is scratch.
#define ROUNDODD(Y, T) \
	VPAND    Y14, Y, T \
	VPCMPEQQ Y12, T, T \
	VPANDN   Y13, T, T \
	VPANDN   Y, Y14, Y \
	VPOR     T, Y, Y

// func f64to16F16C(dst []Float16, src []float64) int
TEXT ·f64to16F16C(SB), NOSPLIT, $0-56
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $4, CX
	MOVQ DI, R8
	MOVQ $0x1fffffff, AX
	VMOVQ AX, X14
	VPBROADCASTQ X14, Y14
	MOVQ $0x20000000, AX
	VMOVQ AX, X13
	VPBROADCASTQ X13, Y13
	VPXOR Y12, Y12, Y12
	TESTQ CX, CX
	JZ   done6416

loop6416:
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
	VMOVUPD 64(SI), Y2
	VMOVUPD 96(SI), Y3
	VCMPPD  $3, Y1, Y0, Y4
	VCMPPD  $3, Y3, Y2, Y5
	VPOR    Y5, Y4, Y4
	VPTEST  Y4, Y4
	JNZ     done6416
	ROUNDODD(Y0, Y4)
	ROUNDODD(Y1, Y5)
	ROUNDODD(Y2, Y6)
	ROUNDODD(Y3, Y7)
	VCVTPD2PSY Y0, X0
	VCVTPD2PSY Y1, X1
	VCVTPD2PSY Y2, X2
	VCVTPD2PSY Y3, X3
	VINSERTF128 $1, X1, Y0, Y0
	VINSERTF128 $1, X3, Y2, Y2
	VCVTPS2PH $0, Y0, 0(DI)
	VCVTPS2PH $0, Y2, 16(DI)
	ADDQ $128, SI
	ADDQ $32, DI
	DECQ CX
	JNZ  loop6416

done6416:
	SUBQ R8, DI
	SHRQ $1, DI
	MOVQ DI, ret+48(FP)
	VZEROUPPER
	RET

// func hasF16C() bool
// CPUID says F16C; AVX2 (with the OS saving YMM state) is checked apart.
TEXT ·hasF16C(SB), NOSPLIT, $0-1
	MOVL $1, AX
	MOVL $0, CX
	CPUID
	SHRL $29, CX
	ANDL $1, CX
	MOVB CX, ret+0(FP)
	RET
