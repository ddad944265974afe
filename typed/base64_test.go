package typed

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// The SIMD fork must be encoding/base64 under another name: every test
// here takes the standard library as the oracle. Lengths run past the
// fork's vector widths (16 and 32 bytes of text, taken 24 and 40 at a
// time) so that each vector loop, its tail and the hand-over to the scalar
// code are crossed at every offset.

// badBytes are bytes StdEncoding refuses or treats specially: other
// alphabets' letters, padding, whitespace (newlines are skipped, spaces and
// tabs are not), JSON's quote and escape, NUL, and bytes with the high bit
// set, which a vector lookup could fold onto a valid letter.
var badBytes = []byte("*-_=. \t\r\n\"\\\x00\x7f\x80\xab\xff")

// guard is the byte that stands after dst, to catch a vector store that
// writes past the end of the slice it was given.
const guard = 0xa5

// compareDecode decodes src with b64Decode and encoding/base64 into dst of
// size n at offset off of a guarded buffer, and fails unless both return
// the same count, the same error and the same bytes, and neither wrote
// before or past dst. What lies in dst past the count is not specified
// (encoding/base64 writes whole quanta, the vector code whole blocks).
func compareDecode(t *testing.T, src []byte, n, off int) {
	t.Helper()
	got := bytes.Repeat([]byte{guard}, off+n+64)
	want := bytes.Clone(got)
	gn, gerr := b64Decode(got[off:off+n], src)
	wn, werr := base64.StdEncoding.Decode(want[off:off+n], src)
	if gn != wn || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Fatalf("%q into %d bytes: %d, %v; encoding/base64: %d, %v", src, n, gn, gerr, wn, werr)
	}
	if !bytes.Equal(got[:off+gn], want[:off+wn]) || !bytes.Equal(got[off+n:], want[off+n:]) {
		t.Fatalf("%q into %d bytes: wrote %x, encoding/base64 %x", src, n, got, want)
	}
	var corrupt base64.CorruptInputError
	if werr != nil && !errors.As(werr, &corrupt) {
		t.Fatalf("%q: encoding/base64 error %T", src, werr)
	}
}

// compareAll decodes src at a few offsets into storage sized as
// DecodedLen says and as exactly as the data is (what DecodeJSON gives),
// and decodes it as a string.
func compareAll(t *testing.T, src []byte) {
	t.Helper()
	exact := base64.StdEncoding.DecodedLen(len(src))
	if ref, err := base64.StdEncoding.DecodeString(string(src)); err == nil {
		exact = len(ref)
	}
	for _, off := range []int{0, 1, 7} {
		compareDecode(t, src, base64.StdEncoding.DecodedLen(len(src)), off)
	}
	if exact%3 == 0 { // a shorter dst is only safe when the last quantum is not partial
		compareDecode(t, src, exact, 3)
	}
	got, gerr := b64DecodeString(string(src))
	want, werr := base64.StdEncoding.DecodeString(string(src))
	if !bytes.Equal(got, want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Fatalf("DecodeString(%q): %x, %v; encoding/base64: %x, %v", src, got, gerr, want, werr)
	}
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// TestBase64MatchesStdlib: valid text of every length from 0 to 300 bytes
// of data (so every length mod 4 and mod 3, and every vector tail) and a
// few large ones decodes alike, at aligned and unaligned starts.
func TestBase64MatchesStdlib(t *testing.T) {
	t.Logf("SIMD base64: %v", simdBase64)
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range append(seq(0, 300), 1000, 4095, 4096, 4097, 1<<16+1) {
		data := randomBytes(rng, n)
		src := []byte(base64.StdEncoding.EncodeToString(data))
		compareAll(t, src)
		for _, cut := range []int{1, 2, 3} { // lengths that are not a multiple of 4
			if len(src) >= cut {
				compareAll(t, src[:len(src)-cut])
			}
		}
	}
}

// TestBase64BadByteEverywhere: each refused or special byte at every
// position of texts long enough to reach the vector loops, as a
// replacement and as an insertion, is refused (at the same offset) or
// skipped exactly as encoding/base64 does.
func TestBase64BadByteEverywhere(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 2, 3, 17, 30, 31, 32, 45, 46, 47, 100} {
		src := []byte(base64.StdEncoding.EncodeToString(randomBytes(rng, n)))
		for i := 0; i <= len(src); i++ {
			for _, c := range badBytes {
				if i < len(src) {
					m := bytes.Clone(src)
					m[i] = c
					compareAll(t, m)
				}
				compareAll(t, append(append(bytes.Clone(src[:i]), c), src[i:]...))
			}
			if i < len(src) {
				compareAll(t, append(bytes.Clone(src[:i]), src[i+1:]...))
			}
		}
	}
}

// TestBase64Newlines: \r and \n, alone, paired and in runs, anywhere in
// the text (encoding/base64 skips them, even inside the padding), and a
// text wrapped as MIME wraps it.
func TestBase64Newlines(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	// Multiples of 3 make compareAll decode into storage of exactly the
	// data's size, shorter than DecodedLen of text with newlines.
	for _, n := range []int{2, 15, 31, 48, 64, 201} {
		src := []byte(base64.StdEncoding.EncodeToString(randomBytes(rng, n)))
		for i := 0; i <= len(src); i++ {
			for _, nl := range []string{"\r\n", "\n\n\n", "\r\r\n\n\r"} {
				compareAll(t, []byte(string(src[:i])+nl+string(src[i:])))
			}
		}
		var wrapped strings.Builder
		for i := 0; i < len(src); i += 76 {
			wrapped.Write(src[i:min(i+76, len(src))])
			wrapped.WriteString("\r\n")
		}
		compareAll(t, []byte(wrapped.String()))
	}
}

// TestBase64Padding: missing, extra and misplaced padding, padding in the
// middle, and non-zero trailing bits, which StdEncoding (not Strict)
// accepts and drops.
func TestBase64Padding(t *testing.T) {
	long := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0x5a, 0x3c, 0x99}, 20))
	for _, s := range []string{
		"", "=", "==", "===", "====", "A", "AA", "AAA", "AA=", "A=", "A==", "A===", "AA==", "AAA=", "AAA==",
		"AB==", "AAB=", "QR==", "QUJ=", "AA==AA==", "AAA=AAAA", "AA==\n", "AA=\n=", "AA=\r\n=", "A\nA==",
		long + "AA==", long + "AAA=", long + "AB==", long + "AA=", long + "=", long + "A", long + "AA",
		long[:40] + "=" + long[41:], long[:39] + "==" + long[41:], long[:len(long)-4] + "Q===",
	} {
		compareAll(t, []byte(s))
	}
}

// TestBase64Random: random texts over an alphabet of mostly valid letters
// with some padding, newlines and bad bytes.
func TestBase64Random(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for range 20000 {
		src := make([]byte, rng.IntN(140))
		for i := range src {
			switch r := rng.IntN(400); {
			case r == 0:
				src[i] = badBytes[rng.IntN(len(badBytes))]
			case r < 3:
				src[i] = '\n'
			default:
				src[i] = letters[rng.IntN(64)]
			}
		}
		if len(src) > 0 && rng.IntN(3) == 0 {
			src[len(src)-1] = '='
			if len(src) > 1 && rng.IntN(2) == 0 {
				src[len(src)-2] = '='
			}
		}
		compareAll(t, src)
	}
}

// TestBase64EncodeMatchesStdlib: b64AppendEncode writes what
// encoding/base64 writes, for every data length to 300 and a few large,
// from unaligned starts, onto a prefix with and without room to spare, and
// touches nothing past what it appends.
func TestBase64EncodeMatchesStdlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range append(seq(0, 300), 1000, 4097, 1<<16+2) {
		data := randomBytes(rng, n+7)
		for _, off := range []int{0, 1, 7} {
			src := data[off : off+n]
			want := base64.StdEncoding.AppendEncode([]byte("pre"), src)
			if got := b64AppendEncode([]byte("pre"), src); !bytes.Equal(got, want) {
				t.Fatalf("%d bytes at %d: %q, want %q", n, off, got, want)
			}
			buf := bytes.Repeat([]byte{guard}, 3+base64.StdEncoding.EncodedLen(n)+64)
			got := b64AppendEncode(append(buf[:0], "pre"...), src)
			if !bytes.Equal(got, want) || &got[0] != &buf[0] {
				t.Fatalf("%d bytes at %d into room: %q, want %q", n, off, got, want)
			}
			if tail := buf[len(want):]; bytes.Count(tail, []byte{guard}) != len(tail) {
				t.Fatalf("%d bytes at %d: wrote past the end: %x", n, off, tail)
			}
		}
	}
}

// TestJSONBase64Oracle: envelopes whose data text is changed at every
// position are accepted exactly when encoding/base64 decodes the text to
// the shape's size, with the same bytes: the fast path, the slow path and
// the hand-over between them against the standard library, not against
// each other.
func TestJSONBase64Oracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	dt := Impl.MustDType("uint8")
	for _, n := range []int{1, 2, 3, 4, 29, 30, 31, 32, 33, 47, 48, 49, 100} {
		text := []byte(base64.StdEncoding.EncodeToString(randomBytes(rng, n)))
		// check decodes an envelope whose data string holds value, with its
		// tabs and newlines escaped.
		check := func(value []byte) {
			text := strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(string(value))
			js := fmt.Appendf(nil, `{"dtype":"uint8","shape":[%d],"data":"%s"}`, n, text)
			var store []byte
			e, err := Impl.DecodeJSON(js, dt, Limits{}, func(k int) []byte { store = make([]byte, k); return store })
			want, werr := base64.StdEncoding.DecodeString(string(value))
			if werr != nil || len(want) != n {
				if err == nil {
					t.Fatalf("%s: accepted; encoding/base64: %d bytes, %v", js, len(want), werr)
				}
				return
			}
			if err != nil || !bytes.Equal(e.Data, want) || !bytes.Equal(store, want) {
				t.Fatalf("%s: %x, %v; encoding/base64: %x", js, e.Data, err, want)
			}
		}
		check(text)
		for i := 0; i <= len(text); i++ {
			// Bytes that keep the JSON valid unescaped: a quote or a backslash
			// would end or escape the string, which TestJSONFastEdges covers.
			for _, c := range []byte("*-_= A/+") {
				if i < len(text) {
					m := bytes.Clone(text)
					m[i] = c
					check(m)
				}
				check(append(append(bytes.Clone(text[:i]), c), text[i:]...))
			}
			for _, s := range []string{"\n", "\r\n", "\t"} {
				check([]byte(string(text[:i]) + s + string(text[i:])))
			}
		}
	}
}

// seq returns lo, lo+1, ..., hi.
func seq(lo, hi int) []int {
	s := make([]int, 0, hi-lo+1)
	for i := lo; i <= hi; i++ {
		s = append(s, i)
	}
	return s
}
