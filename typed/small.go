package typed

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
)

// A generated type's ReadFrom and WriteTo of a small array cost little
// more than copying its bytes, so what is worked out on each call shows:
// the dtype copied by value, its template looked up, the limits
// consulted, a chain of calls each saving its registers. Impl.Saved
// works out once, when the generated package starts, what those fast
// paths need of a dtype; ReadSmall and WriteSmall then do only the
// per-array work, in one function each. Whatever they do not take goes
// to the general paths (ReadHeader, WriteNPY) unchanged.

// saved is a fixed-size dtype's np.save template and what the fast paths
// need besides.
type saved struct {
	// savedHead is the template, copied in: one pointer to follow.
	savedHead
	// dt is the dtype, for the general path.
	dt *DType
	// shift is log2 of the item size.
	shift uint8
	// fast is false where every call takes the general path: a dtype
	// without a template, or items of more than one byte on a big-endian
	// host (whose data is not np.save's bytes).
	fast bool
	// view is fast and viewOK: ReadSmall reads in place.
	view bool
	// bools says the data must be checked for bytes other than 0 and 1.
	bools bool
}

// Saved returns what ReadSmall and WriteSmall need of dt, for a generated
// type to keep in a package variable. dt must not change afterwards.
func (impl) Saved(dt *DType) *saved {
	s := &saved{dt: dt, bools: dt.Kind == 'b'}
	if t := savedHeadOf(dt); t != nil && (hostOrder == '<' || dt.Size == 1) {
		s.savedHead, s.fast, s.view = *t, true, viewOK
		s.shift = uint8(bits.TrailingZeros(uint(dt.Size)))
	}
	return s
}

// ReadSmall is ReadSaved for s's dtype and numpy's default limits: from
// a *bytes.Reader holding np.save's 128-byte header and the data, it
// reads the data into dst, which must have room for it, and returns
// numpy's rank, the rows x cols shape the array is held as, and the bytes
// read. ok is false, with r left where it was, for anything else; the
// caller then reads through ReadHeader and ReadData. The header is
// checked where it lies in the reader's buffer (see unread), not copied.
func (impl) ReadSmall(r io.Reader, s *saved, dst []byte) (ndim, rows, cols int, n int64, ok bool) {
	if !s.view {
		return Impl.ReadSaved(r, s.dt, Limits{}, dst)
	}
	br, isBytes := r.(*bytes.Reader)
	if !isBytes {
		return 0, 0, 0, 0, false
	}
	rest := unread(br)
	if len(rest) < savedLen {
		return 0, 0, 0, 0, false
	}
	// matchSmall, with its commonest case in line: no call, no spills.
	b, t := (*[savedLen]byte)(rest), &s.savedHead
	// Aligned words only: the shape is cut from the two that hold it.
	w7, w8 := le64(b[56:]), le64(b[64:])
	x0 := le64(b[0:]) ^ t.w[0]
	x1 := le64(b[8:]) ^ t.w[1]
	x2 := le64(b[16:]) ^ t.w[2]
	x3 := le64(b[24:]) ^ t.w[3]
	x0 |= le64(b[32:]) ^ t.w[4]
	x1 |= le64(b[40:]) ^ t.w[5]
	x2 |= le64(b[48:]) ^ t.w[6]
	x3 |= (w7 ^ t.w[7]) & t.mask
	x0 |= le64(b[72:]) ^ spaceWord
	x1 |= le64(b[80:]) ^ spaceWord
	x2 |= le64(b[88:]) ^ spaceWord
	x3 |= le64(b[96:]) ^ spaceWord
	x0 |= le64(b[104:]) ^ spaceWord
	x1 |= le64(b[112:]) ^ spaceWord
	x2 |= le64(b[120:]) ^ (spaceWord>>8 | '\n'<<56)
	// "r, c), }" starts at p, 61 or 62: in w7 from bit k, then in w8,
	// whose bytes after it must be spaces.
	k := uint(t.p-56) * 8 & 63 // 40 or 48: the mask spares the shifts' range checks
	u := w7>>k | w8<<(64-k&63)
	r8, c8 := byte(u)-'0', byte(u>>24)-'0'
	if x0|x1|x2|x3 == 0 && u&^0xff0000ff == twoDigits && r8 < 10 && c8 < 10 && (w8^spaceWord)>>k == 0 {
		ndim, rows, cols = 2, int(r8), int(c8)
	} else if ndim, rows, cols, ok = matchSmall(b, t); !ok {
		return 0, 0, 0, 0, false
	}
	size := 0
	if uint(rows)|uint(cols) < 1<<24 {
		// The product of two factors under 2^24 and an item size of at
		// most 16 fits a uint64, and an int once it is no more than
		// len(dst).
		size64 := uint64(rows) * uint64(cols) << s.shift
		size, ok = int(size64), size64 <= uint64(len(dst))
	} else {
		size, ok = savedDataLen(s.dt, rows, cols, Limits{})
		ok = ok && size <= len(dst)
	}
	if !ok || len(rest)-savedLen < size {
		return 0, 0, 0, 0, false
	}
	data := rest[savedLen : savedLen+size]
	if s.bools && Impl.CheckBools(data) != nil {
		return 0, 0, 0, 0, false
	}
	copy(dst, data)
	br.Seek(int64(savedLen+size), io.SeekCurrent)
	return ndim, rows, cols, int64(savedLen + size), true
}

// matchSmall is matchSaved with a shortcut for shapes that end within
// the header's ninth word (dimensions of up to 3 or 4 digits): the words
// after it are compared with the template's spaces and newline at once,
// and the shape is parsed with no call. Anything else it hands to
// savedShape, so that it accepts exactly what matchSaved accepts.
func matchSmall(b *[savedLen]byte, t *savedHead) (ndim, rows, cols int, ok bool) {
	if !headMatches(b, t) {
		return 0, 0, 0, false
	}
	// Words 9 to 15: spaces, and the newline last.
	y0 := le64(b[72:]) ^ spaceWord
	y1 := le64(b[80:]) ^ spaceWord
	y2 := le64(b[88:]) ^ spaceWord
	y3 := le64(b[96:]) ^ spaceWord
	y0 |= le64(b[104:]) ^ spaceWord
	y1 |= le64(b[112:]) ^ spaceWord
	y2 |= le64(b[120:]) ^ (spaceWord>>8 | '\n'<<56)
	if y0|y1|y2|y3 == 0 {
		// The commonest small shape, two one-digit dimensions, in one
		// load: "r, c), }" and, up to byte 72, spaces.
		u := le64(b[t.p:])
		r, c := byte(u)-'0', byte(u>>24)-'0'
		if u&^0xff0000ff == twoDigits && r < 10 && c < 10 && (le64(b[64:])^spaceWord)>>(uint(t.p+8-64)*8) == 0 {
			return 2, int(r), int(c), true
		}
		if ndim, rows, cols, e := shortShape(b, t.p); e != 0 {
			// Bytes e to 71 are spaces.
			if (le64(b[64:])^spaceWord)>>(uint(e-64)*8) == 0 {
				return ndim, rows, cols, true
			}
		}
	}
	return savedShape(b, t.p)
}

// twoDigits is "r, c), }" as a little-endian word, with the digits
// zero.
const twoDigits = 0x7d202c29_00202c00

// shortShape parses numpy's shape and its "), }" at b[p:], p being 61 or
// 62, when they end by byte 72: dimensions without a leading zero, as
// savedShape takes them. It returns the end (at least 65), or 0 for
// anything else, which savedShape then decides.
func shortShape(b *[savedLen]byte, p int) (ndim, rows, cols, e int) {
	ndim, rows, cols = 0, 1, 1
	i := p
	if b[i] != ')' {
		d, j := shortDim(b, i)
		if j == i {
			return 0, 0, 0, 0
		}
		switch binary.LittleEndian.Uint16(b[j:]) {
		case ',' | ')'<<8:
			ndim, cols, i = 1, d, j+1
		case ',' | ' '<<8:
			c, k := shortDim(b, j+2)
			if k == j+2 {
				return 0, 0, 0, 0
			}
			ndim, rows, cols, i = 2, d, c, k
		default:
			return 0, 0, 0, 0
		}
	}
	// b[i] is the shape's closing parenthesis: "), }" must follow, and
	// end within the ninth word.
	if i > 72-4 || binary.LittleEndian.Uint32(b[i:]) != tailWord&(1<<32-1) {
		return 0, 0, 0, 0
	}
	return ndim, rows, cols, i + 4
}

// shortDim parses a dimension at b[i:] of at most 8 digits, within the
// first 72 bytes, without a leading zero, and returns it and its end (i
// for none).
func shortDim(b *[savedLen]byte, i int) (int, int) {
	v, j := 0, i
	for j < 72 && b[j]-'0' < 10 {
		v = v*10 + int(b[j]-'0')
		j++
	}
	if j-i > 8 || (j-i > 1 && b[i] == '0') {
		return 0, i
	}
	return v, j
}

// WriteSmall is WriteNPY for s's dtype. A small array going into a
// *bytes.Buffer gets the template, its shape and its data written
// straight into the buffer's spare capacity and committed with one Write;
// everything else goes to WriteNPY, which checks and words the errors.
func (impl) WriteSmall(w io.Writer, s *saved, ndim, rows, cols int, data []byte) (int64, error) {
	if b, ok := w.(*bytes.Buffer); ok && s.fast && len(data) <= smallWrite &&
		uint(rows)|uint(cols) < 1<<20 && uint64(rows)*uint64(cols)<<s.shift == uint64(len(data)) &&
		(ndim == 2 || ndim == 1 && rows == 1 || ndim == 0 && rows == 1 && cols == 1) {
		buf := b.AvailableBuffer()
		if cap(buf) < savedLen+len(data) {
			b.Grow(savedLen + len(data))
			buf = b.AvailableBuffer()
		}
		buf = buf[:savedLen+len(data)]
		h := (*[savedLen]byte)(buf)
		*h = s.b
		putSmallShape(h, s.p, ndim, rows, cols)
		copy(buf[savedLen:], data)
		k, _ := b.Write(buf) // into its own spare capacity: cannot fail
		return int64(k), nil
	}
	return Impl.WriteNPY(w, *s.dt, ndim, rows, cols, data)
}

// putSmallShape is putShape for dimensions under 2^20.
func putSmallShape(h *[savedLen]byte, p, ndim, rows, cols int) {
	switch ndim {
	case 0:
	case 1:
		p = putSmallDim(h, p, cols)
		h[p] = ','
		p++
	default:
		p = putSmallDim(h, p, rows)
		h[p], h[p+1] = ',', ' '
		p = putSmallDim(h, p+2, cols)
	}
	h[p], h[p+1], h[p+2], h[p+3] = ')', ',', ' ', '}'
}

// putSmallDim writes n, under 2^20 (7 digits), in decimal at h[p:] and
// returns the end: the digits counted first, then written from the last,
// with no call.
func putSmallDim(h *[savedLen]byte, p, n int) int {
	e := p + 1
	for v := n; v >= 10; v /= 10 {
		e++
	}
	for i := e - 1; i > p; i-- {
		h[i] = byte('0' + n%10)
		n /= 10
	}
	h[p] = byte('0' + n)
	return e
}
