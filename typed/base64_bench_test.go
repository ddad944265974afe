package typed

import (
	"encoding/base64"
	"testing"

	simd "github.com/emmansun/base64"
)

// BenchmarkBase64 compares the SIMD fork with encoding/base64 on 8 MB
// (float64 1000×1000), into storage that exists: decode/std and
// decode/simd, encode/std and encode/simd run in turn at every -count.
// b64 is the path the envelope takes on this machine (simd, or std where
// simdBase64 is off).
func BenchmarkBase64(b *testing.B) {
	data := make([]byte, 8*1000*1000)
	for i := range data {
		data[i] = byte(i * 131)
	}
	text := base64.StdEncoding.AppendEncode(nil, data)
	// DecodedLen, not len(data): b64Decode hands a shorter dst (8e6 is not
	// a multiple of 3) to encoding/base64.
	dst := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
	enc := make([]byte, 0, len(text))
	for _, c := range []struct {
		name   string
		decode func(dst, src []byte) (int, error)
		encode func(dst, src []byte) []byte
	}{
		{"std", base64.StdEncoding.Decode, base64.StdEncoding.AppendEncode},
		{"simd", simd.StdEncoding.Decode, simd.StdEncoding.AppendEncode},
		{"b64", b64Decode, b64AppendEncode},
	} {
		if c.name == "simd" && !simdBase64 {
			continue // the fork's vector code may fault here
		}
		b.Run("decode/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if n, err := c.decode(dst, text); n != len(data) || err != nil {
					b.Fatal(n, err)
				}
			}
		})
		b.Run("encode/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				c.encode(enc[:0], data)
			}
		})
	}
}
