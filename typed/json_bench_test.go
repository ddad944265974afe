package typed

import (
	"encoding/base64"
	"testing"
)

func BenchmarkJSONDecode(b *testing.B) {
	dt := Impl.MustDType("float64")
	data := make([]byte, 8<<20)
	for i := range data {
		data[i] = byte(i * 131)
	}
	js, _ := Impl.AppendJSON(nil, dt, 2, 1024, 1024, data)
	store := make([]byte, len(data))
	b.Run("DecodeJSON", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			Impl.DecodeJSON(js, dt, Limits{}, func(n int) []byte { return store[:n] })
		}
	})
	b.Run("base64", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			base64.StdEncoding.Decode(store, js[len(js)-2-base64.StdEncoding.EncodedLen(len(data)):len(js)-2])
		}
	})
	b.Run("AppendJSON", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			Impl.AppendJSON(nil, dt, 2, 1024, 1024, data)
		}
	})
	b.Run("base64enc", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			base64.StdEncoding.EncodeToString(data)
		}
	})
	dst := make([]byte, base64.StdEncoding.EncodedLen(len(data)))
	b.Run("base64encInto", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			base64.StdEncoding.Encode(dst, data)
		}
	})
}
