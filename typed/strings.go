package typed

import (
	"encoding/binary"
	"fmt"
	"unicode/utf8"
	"unsafe"
)

// numpy's fixed-width strings, held in Go as strings:
//
//   - 'S' (bytes): width bytes per item; the value is the item without its
//     trailing NULs, any other byte kept as it is.
//   - 'U' (str): width UTF-32 code units per item; the value is the code
//     points before the trailing NULs, as UTF-8. Lone surrogates, which
//     numpy stores as any other code point, become their three-byte
//     generalised UTF-8 form (as WTF-8 writes them), so they come back
//     unchanged; Go's utf8 package reads them as invalid. Code units above
//     U+10FFFF are no characters and are refused.
//
// Writing follows numpy's assignment: a value longer than the width is cut
// to it, a shorter one padded with NULs (so trailing NULs of a value do not
// survive, in numpy either). Invalid UTF-8 in a 'U' value is written as
// U+FFFD, as Go's []rune(s) reads it.

// maxRune is the last Unicode code point.
const maxRune = 0x10FFFF

// DecodeStrings sets dst[i] to item i of data, which holds len(dst) items of
// the string dtype dt in host byte order. The values share one allocation.
func (impl) DecodeStrings(dst []string, data []byte, dt DType) error {
	size := dt.Size
	if size <= 0 || len(data) != len(dst)*size {
		return fmt.Errorf("%w: %d bytes of %s for %d items", ErrShape, len(data), dt.Descr(), len(dst))
	}
	if dt.CharSize == 1 {
		decodeBytes(dst, data, size)
		return nil
	}
	total := 0
	for i := range dst {
		item := data[i*size : (i+1)*size]
		n, bad := utf32Len(item)
		if bad >= 0 {
			return fmt.Errorf("%w: item %d of %s: code unit %#x at character %d is beyond Unicode (U+10FFFF)",
				ErrFormat, i, dt.Descr(), hostUint32(item[4*bad:]), bad)
		}
		total += n
	}
	buf := make([]byte, 0, total)
	for i := range dst {
		start := len(buf)
		item := data[i*size : (i+1)*size]
		for j := 0; j < len(item); j += 4 {
			buf = appendRune(buf, hostUint32(item[j:]))
		}
		// Trailing NULs encode as zero bytes; they end the value.
		end := len(buf)
		for end > start && buf[end-1] == 0 {
			end--
		}
		buf = buf[:end]
		dst[i] = bytesString(buf[start:end])
	}
	return nil
}

// decodeBytes is DecodeStrings for 'S': the items without trailing NULs.
func decodeBytes(dst []string, data []byte, size int) {
	total := 0
	for i := range dst {
		total += len(trimNULs(data[i*size : (i+1)*size]))
	}
	buf := make([]byte, 0, total)
	for i := range dst {
		start := len(buf)
		buf = append(buf, trimNULs(data[i*size:(i+1)*size])...)
		dst[i] = bytesString(buf[start:])
	}
}

func trimNULs(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}

// bytesString views b as a string. Decoders call it on parts of a buffer
// that nothing writes again, so the strings are immutable as Go requires.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// hostUint32 reads a host-order code unit.
func hostUint32(b []byte) uint32 {
	if hostOrder == '<' {
		return binary.LittleEndian.Uint32(b)
	}
	return binary.BigEndian.Uint32(b)
}

func putHostUint32(b []byte, v uint32) {
	if hostOrder == '<' {
		binary.LittleEndian.PutUint32(b, v)
	} else {
		binary.BigEndian.PutUint32(b, v)
	}
}

// utf32Len is the UTF-8 length of a 'U' item, NULs included; for a code
// unit past Unicode it returns the unit's character index as bad (else -1).
func utf32Len(item []byte) (n, bad int) {
	for j := 0; j < len(item); j += 4 {
		r := hostUint32(item[j:])
		switch {
		case r < 0x80:
			n++
		case r < 0x800:
			n += 2
		case r < 0x10000:
			n += 3
		case r <= maxRune:
			n += 4
		default:
			return 0, j / 4
		}
	}
	return n, -1
}

// appendRune appends r as UTF-8, surrogates included (utf8.AppendRune
// would turn those into U+FFFD).
func appendRune(b []byte, r uint32) []byte {
	if r >= 0xD800 && r <= 0xDFFF {
		return append(b, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
	}
	return utf8.AppendRune(b, rune(r))
}

// nextRune decodes the first character of s as appendRune wrote it:
// UTF-8, or a surrogate in its three-byte form; any other invalid byte is
// one U+FFFD.
func nextRune(s string) (r uint32, size int) {
	c, n := utf8.DecodeRuneInString(s)
	if c == utf8.RuneError && n == 1 && len(s) >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && s[2]&0xC0 == 0x80 {
		return uint32(s[0]&0x0F)<<12 | uint32(s[1]&0x3F)<<6 | uint32(s[2]&0x3F), 3
	}
	return uint32(c), n
}

// StringWidth returns the width numpy gives an array of the values src for
// the string kind of dt: the longest value in characters (code points for
// 'U', bytes for 'S'), and at least 1, as np.array([""]) is '<U1'.
func (impl) StringWidth(dt DType, src []string) int {
	width := 1
	for _, s := range src {
		n := len(s)
		if dt.CharSize != 1 {
			n = 0
			for i := 0; i < len(s); n++ {
				_, size := nextRune(s[i:])
				i += size
			}
		}
		width = max(width, n)
	}
	return width
}

// AppendStrings appends src as items of the string dtype dt in host byte
// order: each value cut to dt's width or padded with NULs, as numpy
// assigns it.
func (impl) AppendStrings(dst []byte, src []string, dt DType) []byte {
	size := dt.Size
	for _, s := range src {
		start := len(dst)
		dst = append(dst, make([]byte, size)...)
		item := dst[start:]
		if dt.CharSize == 1 {
			copy(item, s)
			continue
		}
		for j := 0; j < size && len(s) > 0; j += 4 {
			r, n := nextRune(s)
			putHostUint32(item[j:], r)
			s = s[n:]
		}
	}
	return dst
}
