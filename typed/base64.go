package typed

import (
	"encoding/base64"

	simd "github.com/emmansun/base64"
)

// The envelope's base64 goes through github.com/emmansun/base64 where it
// runs with SIMD: a fork of encoding/base64 that decodes and encodes whole
// vectors at a time and hands what it cannot (newlines, padding, invalid
// bytes, short tails) to its copy of the standard library's code, so it
// accepts, refuses and decodes exactly as encoding/base64 does
// (base64_test.go and FuzzBase64 compare them). Where the fork's vector
// code could fault or is wrong, and where it has none, the standard
// library is used: simdBase64 says which, one file per architecture.

// b64Decode is base64.StdEncoding.Decode. The fork's vector code stores
// whole blocks, 4 bytes past the 12 it decodes, trusting dst to have room
// for DecodedLen(len(src)) bytes; encoding/base64 stops at the end of any
// dst the data fits. Text with newlines decoded into exactly its size
// would be written past the end, so a dst that short goes to the standard
// library. (DecodeJSON's dst is never that short: the text it decodes
// fast is a whole number of quanta, and its dst that number times 3.)
func b64Decode(dst, src []byte) (int, error) {
	if simdBase64 && len(dst) >= base64.StdEncoding.DecodedLen(len(src)) {
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
