package typed

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzFloat16Arrays: for any bytes read as halves, float32s and float64s
// from any start, each slice conversion gives item by item what the scalar
// conversion gives (on amd64 with F16C, the kernels and the portable code
// for the steps they leave), and writes nothing past len(src).
func FuzzFloat16Arrays(f *testing.F) {
	f.Add(byte(0), []byte{0x00, 0x7c, 0x01, 0x7c, 0xff, 0x7f, 0x00, 0x3c})
	f.Add(byte(3), []byte{0x01, 0x00, 0x80, 0x7f, 0x00, 0x00, 0xf0, 0x7f, 0x01, 0x02, 0x03})
	f.Add(byte(17), make([]byte, 300))
	f.Fuzz(func(t *testing.T, start byte, data []byte) {
		if len(data) == 0 {
			return
		}
		// Stretch the bytes to a few steps of each kernel, varied per copy.
		buf := make([]byte, 8*80+int(start%16)*8)
		for i := range buf {
			buf[i] = data[i%len(data)] ^ byte(i/len(data)*0x11)
		}
		s := int(start % 16)
		hs := make([]Float16, len(buf)/2)
		in32 := make([]float32, len(buf)/4)
		in64 := make([]float64, len(buf)/8)
		for i := range hs {
			hs[i] = Float16(binary.LittleEndian.Uint16(buf[2*i:]))
		}
		for i := range in32 {
			in32[i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
		}
		for i := range in64 {
			in64[i] = math.Float64frombits(binary.LittleEndian.Uint64(buf[8*i:]))
		}
		hs, in32, in64 = hs[s:], in32[s:], in64[s:]

		f32 := make([]float32, len(hs)+1)
		Float16sToFloat32s(f32[:len(hs)], hs)
		f64 := make([]float64, len(hs)+1)
		Float16sToFloat64s(f64[:len(hs)], hs)
		for i, h := range hs {
			if math.Float32bits(f32[i]) != math.Float32bits(h.Float32()) || math.Float64bits(f64[i]) != math.Float64bits(h.Float64()) {
				t.Fatalf("half %d (%#04x) widens to %#08x and %#016x, want %#08x and %#016x", i, uint16(h),
					math.Float32bits(f32[i]), math.Float64bits(f64[i]), math.Float32bits(h.Float32()), math.Float64bits(h.Float64()))
			}
		}
		if f32[len(hs)] != 0 || f64[len(hs)] != 0 {
			t.Fatal("widening wrote past len(src)")
		}
		out := make([]Float16, len(in32)+1)
		Float32sToFloat16s(out[:len(in32)], in32)
		for i, v := range in32 {
			if want := Float16FromFloat32(v); out[i] != want {
				t.Fatalf("float32 %d (bits %#08x) = %#04x, want %#04x", i, math.Float32bits(v), uint16(out[i]), uint16(want))
			}
		}
		if out[len(in32)] != 0 {
			t.Fatal("Float32sToFloat16s wrote past len(src)")
		}
		out = make([]Float16, len(in64)+1)
		Float64sToFloat16s(out[:len(in64)], in64)
		for i, v := range in64 {
			if want := Float16FromFloat64(v); out[i] != want {
				t.Fatalf("float64 %d (bits %#016x) = %#04x, want %#04x", i, math.Float64bits(v), uint16(out[i]), uint16(want))
			}
		}
		if out[len(in64)] != 0 {
			t.Fatal("Float64sToFloat16s wrote past len(src)")
		}
	})
}
