//go:build !amd64 || purego

package typed

// No assembly here: the portable code converts every item.

func float16sToFloat32s(dst []float32, src []Float16) { float16sToFloat32sGeneric(dst, src) }
func float16sToFloat64s(dst []float64, src []Float16) { float16sToFloat64sGeneric(dst, src) }
func float32sToFloat16s(dst []Float16, src []float32) { float32sToFloat16sGeneric(dst, src) }
func float64sToFloat16s(dst []Float16, src []float64) { float64sToFloat16sGeneric(dst, src) }
