package bench

import (
	"bytes"
	"testing"

	simd "github.com/emmansun/base64"
)

// pathJSONSIMD times github.com/emmansun/base64 alone on the JSON case's
// data (Path/base64-simd/json-decode, json-encode): the SIMD base64 that
// the envelope uses, so its own limit, beside encoding/base64's rows.
func pathJSONSIMD(b *testing.B) {
	const nbytes = 8 * 1000 * 1000
	pathCase(b, "base64-simd", "json-decode", nbytes, func(b *testing.B) func() {
		_, js := jsonInput(b)
		text := js[bytes.LastIndexByte(js[:len(js)-2], '"')+1 : len(js)-2]
		dst := make([]byte, nbytes)
		return func() {
			_, err := simd.StdEncoding.Decode(dst, text)
			must(b, err)
		}
	})
	pathCase(b, "base64-simd", "json-encode", nbytes, func(b *testing.B) func() {
		a, _ := jsonInput(b)
		raw := a.Bytes()
		return func() { simd.StdEncoding.AppendEncode(nil, raw) }
	})
}
