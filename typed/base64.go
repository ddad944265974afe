package typed

import (
	"encoding/base64"

	simd "github.com/emmansun/base64"
)

// The envelope's base64 goes through github.com/emmansun/base64 where it
// runs with SIMD: a fork of encoding/base64 that decodes and encodes whole
// vectors at a time and hands what it cannot (newlines, padding, invalid
// bytes, short tails) to its copy of the standard library's code, so it accepts,
// refuses and decodes exactly as encoding/base64 does (base64_test.go
// compares them). Where the fork's vector code could fault or is wrong,
// and where it has none, the standard library is used: simdBase64 says
// which, one file per architecture.

// b64Decode is base64.StdEncoding.Decode.
func b64Decode(dst, src []byte) (int, error) {
	if simdBase64 {
		return simd.StdEncoding.Decode(dst, src)
	}
	return base64.StdEncoding.Decode(dst, src)
}

// b64DecodeString is base64.StdEncoding.DecodeString.
func b64DecodeString(s string) ([]byte, error) {
	if simdBase64 {
		return simd.StdEncoding.DecodeString(s)
	}
	return base64.StdEncoding.DecodeString(s)
}

// b64AppendEncode is base64.StdEncoding.AppendEncode.
func b64AppendEncode(dst, src []byte) []byte {
	if simdBase64 {
		return simd.StdEncoding.AppendEncode(dst, src)
	}
	return base64.StdEncoding.AppendEncode(dst, src)
}
