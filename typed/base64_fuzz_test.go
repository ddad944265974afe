package typed

import (
	"bytes"
	"encoding/base64"
	"testing"
)

// FuzzBase64 decodes arbitrary text with b64Decode and encoding/base64
// (compareAll: same count, error and bytes, nothing written outside dst),
// and encodes the bytes with both.
func FuzzBase64(f *testing.F) {
	f.Add([]byte("AQACAA=="))
	f.Add([]byte(base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0xfb, 0xef, 0xbe}, 40))))
	f.Add([]byte("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9w\r\ncXJzdHV2d3h5ejAxMjM0NTY3ODk+/w=="))
	f.Add([]byte("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY\x80VphYmNkZWZnaGlqa2xtbm9wcXJzdHV2"))
	f.Fuzz(func(t *testing.T, text []byte) {
		compareAll(t, text)
		if got, want := b64AppendEncode(nil, text), base64.StdEncoding.AppendEncode(nil, text); !bytes.Equal(got, want) {
			t.Fatalf("encode %x: %q, want %q", text, got, want)
		}
	})
}
