package typed

import (
	"bytes"
	"encoding/binary"
	"io"
)

// np.save's header of every fixed-size dtype is 128 bytes: the preamble
// says version 1.0 and a dict of 118 bytes, and the dict is
//
//	{'descr': '<i8', 'fortran_order': False, 'shape': (3, 3), }<spaces>\n
//
// whatever the shape, since numpy pads the first dimension's room to 21
// digits and then to 64 bytes. readSaved reads those 128 bytes with one
// Read and checks them 8 bytes at a time, where the general path makes a
// Read for the preamble, another for the dict, and compares with memequal
// calls. Anything else is handed back untouched to the general path.

// savedLen is the length of np.save's header for every fixed-size dtype.
const savedLen = 128

// savedStart is the first 21 bytes of such a header: the preamble (with
// a dict of savedLen-10 bytes) and the dict up to the descr.
const savedStart = Magic + "\x01\x00\x76\x00" + canonStart

// le64 is the little-endian word at the start of b.
func le64(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }

// le64s is le64 of a string; the compiler merges the byte loads into one.
func le64s(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hasWords reports whether b starts with s, which is at least 8 bytes
// long, comparing a word at a time (the last one overlapping).
func hasWords(b []byte, s string) bool {
	if len(b) < len(s) {
		return false
	}
	var x uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x |= le64(b[i:]) ^ le64s(s[i:])
	}
	if i < len(s) {
		i = len(s) - 8
		x |= le64(b[i:]) ^ le64s(s[i:])
	}
	return x == 0
}

// spaceWord is eight spaces.
const spaceWord = 0x2020202020202020

// readSaved reads np.save's 128-byte header from r into h. It reports
// false, with r where it was, for anything else, and for every error.
func readSaved(r *bytes.Reader, lim Limits, h *Header) bool {
	var buf [savedLen]byte
	n, _ := r.Read(buf[:])
	if n == savedLen && parseSaved(&buf, lim, h) {
		return true
	}
	r.Seek(-int64(n), io.SeekCurrent)
	return false
}

// parseSaved parses a 128-byte header of version 1.0 and a fixed-size
// dtype in np.save's form. It accepts a subset of what parseCanonical
// accepts, with the same Header.
func parseSaved(b *[savedLen]byte, lim Limits, h *Header) bool {
	if lim.headerLen() < savedLen-10 {
		return false
	}
	// The descr, 3 or 4 bytes ending at a quote, picks the template.
	p := len(savedStart)
	dl := 3
	if b[p+3] != '\'' {
		dl = 4
	}
	info := lookupDescr(b[p : p+dl])
	if info == nil || b[p+dl] != '\'' {
		return false
	}
	fortran := false
	ndim, rows, cols, ok := 0, 0, 0, false
	if t := savedHeadOf(&info.dt); t != nil {
		// np.save's own header (on a little-endian machine): the template.
		ndim, rows, cols, ok = matchSaved(b, t)
	}
	if !ok {
		// Another byte order or Fortran order: the same form, piece by
		// piece.
		if le64(b[0:]) != le64s(savedStart[0:]) || le64(b[8:]) != le64s(savedStart[8:]) ||
			le64(b[13:]) != le64s(savedStart[13:]) {
			return false
		}
		p += dl
		switch {
		case hasWords(b[p:], canonC):
			p += len(canonC)
		case hasWords(b[p:], canonF):
			p += len(canonF)
			fortran = true
		default:
			return false
		}
		if ndim, rows, cols, ok = savedShape(b, p); !ok {
			return false
		}
	}
	dataLen, ok := savedDataLen(&info.dt, rows, cols, lim)
	if !ok {
		return false
	}
	*h = Header{Major: 1, DType: info.dt, Order: info.order, Fortran: fortran,
		NDim: ndim, Rows: rows, Cols: cols, DataOffset: savedLen, DataLen: dataLen}
	return true
}

// savedShape parses the rest of a 128-byte header from p, just after
// "'shape': (": numpy's shape, "), }", spaces and the newline. At most
// 21+4+37 bytes come before p, so the 18-digit dimensions and the words
// read stay inside b.
func savedShape(b *[savedLen]byte, p int) (ndim, rows, cols int, ok bool) {
	ndim, rows, cols = 0, 1, 1
	if b[p] != ')' {
		var d int
		if d, p, ok = savedDim(b, p); !ok {
			return 0, 0, 0, false
		}
		if b[p] == ',' && b[p+1] == ')' {
			ndim, cols = 1, d
			p++
		} else {
			if b[p] != ',' || b[p+1] != ' ' {
				return 0, 0, 0, false
			}
			ndim, rows = 2, d
			if cols, p, ok = savedDim(b, p+2); !ok {
				return 0, 0, 0, false
			}
		}
	}
	return ndim, rows, cols, savedTail(b, p)
}

// tailWord is "), }" and four spaces, as a little-endian word.
const tailWord = 0x202020207d202c29

// savedTail reports whether b[p:] is "), }", spaces and a newline. It
// loads aligned words only: b was just written 16 bytes at a time (by
// memmove), and a load across two such stores would wait for both to
// reach the cache instead of taking their bytes from the store buffer.
func savedTail(b *[savedLen]byte, p int) bool {
	// The word holding p: the bytes before p masked out, "), }" and
	// spaces shifted into place; and the next word, which holds what
	// spills out of the first.
	w := p &^ 7
	s := uint(p-w) * 8
	x := (le64(b[w:]) ^ tailWord<<s) & (^uint64(0) << s)
	x |= le64(b[w+8:]) ^ (tailWord>>(64-s) | spaceWord<<s)
	for w += 16; w < savedLen-8; w += 8 {
		x |= le64(b[w:]) ^ spaceWord
	}
	return x|(le64(b[savedLen-8:])^(spaceWord>>8|'\n'<<56)) == 0
}

// savedDim is canonDim at b[p:]: at most 18 digits, no sign, no leading
// zero. b holds at least 19 bytes from p.
func savedDim(b *[savedLen]byte, p int) (int, int, bool) {
	var v uint64
	n := p
	for n < p+19 && b[n]-'0' < 10 {
		v = v*10 + uint64(b[n]-'0')
		n++
	}
	if n == p || n > p+18 || (n > p+1 && b[p] == '0') || v > uint64(maxInt) {
		return 0, p, false
	}
	return int(v), n, true
}

// savedDataLen is DataLen's common case, and DataLen otherwise.
func savedDataLen(dt *DType, rows, cols int, lim Limits) (int, bool) {
	if lim.MaxDataBytes <= 0 && uint(rows)|uint(cols) < 1<<24 && dt.Size > 0 {
		// No limit, and the product of two factors under 2^24 and an item
		// size of at most 16 fits a uint64.
		if n := uint64(rows) * uint64(cols) * uint64(dt.Size); n <= uint64(maxInt) {
			return int(n), true
		}
	}
	n, err := Impl.DataLen(*dt, rows, cols, lim)
	return n, err == nil
}
