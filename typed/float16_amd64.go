//go:build !purego

package typed

// The F16C kernels (float16_amd64.s) convert 16 items a step and stop at a
// step holding a NaN (or, widening, an Inf), which the portable code then
// converts with numpy's NaN rules before the kernel resumes after it.

//go:noescape
func f16to32F16C(dst []float32, src []Float16) int

//go:noescape
func f16to64F16C(dst []float64, src []Float16) int

//go:noescape
func f32to16F16C(dst []Float16, src []float32) int

//go:noescape
func f64to16F16C(dst []Float16, src []float64) int

func hasF16C() bool

// useF16C: the kernels need AVX2 (for the 256-bit integer compares) as
// well as F16C, which every processor with AVX2 has in practice.
var useF16C = hasAVX2() && hasF16C()

// f16Step is how many items the kernels convert a step. f16Chunk bounds
// the items of one call: the scheduler cannot preempt assembly, so a
// gigabyte is not converted in one go.
const (
	f16Step  = 16
	f16Chunk = 1 << 16
)

func float16sToFloat32s(dst []float32, src []Float16) {
	i := 0
	for useF16C && len(src)-i >= f16Step {
		end := min(len(src), i+f16Chunk)
		k := f16to32F16C(dst[i:end], src[i:end])
		if i += k; k < f16Chunk && len(src)-i >= f16Step {
			float16sToFloat32sGeneric(dst[i:i+f16Step], src[i:i+f16Step])
			i += f16Step
		}
	}
	float16sToFloat32sGeneric(dst[i:], src[i:])
}

func float16sToFloat64s(dst []float64, src []Float16) {
	i := 0
	for useF16C && len(src)-i >= f16Step {
		end := min(len(src), i+f16Chunk)
		k := f16to64F16C(dst[i:end], src[i:end])
		if i += k; k < f16Chunk && len(src)-i >= f16Step {
			float16sToFloat64sGeneric(dst[i:i+f16Step], src[i:i+f16Step])
			i += f16Step
		}
	}
	float16sToFloat64sGeneric(dst[i:], src[i:])
}

func float32sToFloat16s(dst []Float16, src []float32) {
	i := 0
	for useF16C && len(src)-i >= f16Step {
		end := min(len(src), i+f16Chunk)
		k := f32to16F16C(dst[i:end], src[i:end])
		if i += k; k < f16Chunk && len(src)-i >= f16Step {
			float32sToFloat16sGeneric(dst[i:i+f16Step], src[i:i+f16Step])
			i += f16Step
		}
	}
	float32sToFloat16sGeneric(dst[i:], src[i:])
}

func float64sToFloat16s(dst []Float16, src []float64) {
	i := 0
	for useF16C && len(src)-i >= f16Step {
		end := min(len(src), i+f16Chunk)
		k := f64to16F16C(dst[i:end], src[i:end])
		if i += k; k < f16Chunk && len(src)-i >= f16Step {
			float64sToFloat16sGeneric(dst[i:i+f16Step], src[i:i+f16Step])
			i += f16Step
		}
	}
	float64sToFloat16sGeneric(dst[i:], src[i:])
}
