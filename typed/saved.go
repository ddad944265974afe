package typed

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"strconv"
)

// Every fixed-size dtype's np.save header is savedLen bytes, whatever the
// shape (the dict's room for a 21-digit first dimension and the padding to
// 64 bytes see to it), and differs from another array's of the same dtype
// only in the shape. So each dtype has one template, built once: writing
// a small array copies it and fills in the shape, and reading one into an
// array of that dtype compares with it a word at a time and parses only
// the shape.

// savedHead is a dtype's np.save header with the shape left blank.
type savedHead struct {
	// b is the header, with spaces where the shape and its "), }" go.
	b [savedLen]byte
	// p is where the shape starts, just after "'shape': (".
	p int
	// w is b's first 64 bytes as words, and mask keeps the bytes of
	// w[7] that come before p (p is 61 or 62).
	w    [8]uint64
	mask uint64
}

// savedHeads are the templates of the fixed-size dtypes, indexed by kind
// (an ASCII letter) and log2 of the item size: two loads, where a switch
// on each was a tenth of writing a small array.
var savedHeads = func() (t [128][5]*savedHead) {
	for _, dt := range table {
		if dt.Flexible() {
			continue
		}
		b := appendSaved(nil, &dt, 0, 1, 1) // ... 'shape': (), }
		h := &savedHead{p: bytes.LastIndexByte(b, '(') + 1}
		copy(h.b[:], b)
		copy(h.b[h.p:], "    ")
		for i := range h.w {
			h.w[i] = le64(h.b[8*i:])
		}
		h.mask = 1<<(uint(h.p-56)*8) - 1
		t[dt.Kind][bits.TrailingZeros(uint(dt.Size))] = h
	}
	return t
}()

// savedHeadOf returns dt's template, or nil for a string dtype (or any
// dtype not in the table).
func savedHeadOf(dt *DType) *savedHead {
	s := uint(bits.TrailingZeros(uint(dt.Size)))
	if dt.CharSize != 0 || dt.Kind >= 128 || s >= 5 || dt.Size != 1<<s {
		return nil
	}
	return savedHeads[dt.Kind][s]
}

// putShape writes numpy's shape of rank ndim and its closing "), }" into
// h at p. The dimensions are not negative, so that it always fits.
func putShape(h *[savedLen]byte, p, ndim, rows, cols int) {
	switch ndim {
	case 0:
	case 1:
		p = putDim(h, p, cols)
		h[p] = ','
		p++
	default:
		p = putDim(h, p, rows)
		binary.LittleEndian.PutUint16(h[p:], ' '<<8|',')
		p = putDim(h, p+2, cols)
	}
	binary.LittleEndian.PutUint32(h[p:], tailWord&(1<<32-1))
}

// putDim writes n in decimal at h[p:] and returns the end.
func putDim(h *[savedLen]byte, p, n int) int {
	if uint(n) < 10 {
		h[p] = byte('0' + n)
		return p + 1
	}
	return p + len(strconv.AppendInt(h[p:p], int64(n), 10))
}

// ReadSaved is the fast path of a typed ReadFrom: from a *bytes.Reader
// holding np.save's header of an array of dtype dt (the 128 bytes np.save
// writes for every fixed-size dtype, C order or one row, data in host byte
// order) and that array's data, it reads the data into dst, which must
// have room for it, and returns numpy's rank, the rows x cols shape the
// array is held as, and the bytes read. ok is false, with r left where it
// was, for anything else (another reader, dtype, layout or limit, a short
// or bad input): the caller then reads through ReadHeader and ReadData,
// which handle, or word the error for, every case. dst may have been
// written to even then.
func (impl) ReadSaved(r io.Reader, dt *DType, lim Limits, dst []byte) (ndim, rows, cols int, n int64, ok bool) {
	br, isBytes := r.(*bytes.Reader)
	if !isBytes || (dt.Size > 1 && hostOrder != '<') {
		return 0, 0, 0, 0, false
	}
	t := savedHeadOf(dt)
	if t == nil || lim.headerLen() < savedLen-10 {
		return 0, 0, 0, 0, false
	}
	var b [savedLen]byte
	k, _ := br.Read(b[:])
	size := 0
	if k == savedLen {
		if ndim, rows, cols, ok = matchSaved(&b, t); ok {
			size, ok = savedDataLen(dt, rows, cols, lim)
		}
	}
	if ok && size <= len(dst) {
		m, _ := br.Read(dst[:size])
		k += m
		if m == size && (dt.Kind != 'b' || Impl.CheckBools(dst[:size]) == nil) {
			return ndim, rows, cols, int64(k), true
		}
	}
	br.Seek(-int64(k), io.SeekCurrent)
	return 0, 0, 0, 0, false
}

// matchSaved reports whether b is template t with a shape filled in, and
// parses the shape. Every load is an aligned word or a byte (see
// savedTail), and the template's words are compared unrolled, into four
// independent accumulators.
func matchSaved(b *[savedLen]byte, t *savedHead) (ndim, rows, cols int, ok bool) {
	if !headMatches(b, t) {
		return 0, 0, 0, false
	}
	return savedShape(b, t.p)
}

// headMatches compares b's first 64 bytes with the template's, up to the
// shape, in four independent accumulators.
func headMatches(b *[savedLen]byte, t *savedHead) bool {
	x0 := le64(b[0:]) ^ t.w[0]
	x1 := le64(b[8:]) ^ t.w[1]
	x2 := le64(b[16:]) ^ t.w[2]
	x3 := le64(b[24:]) ^ t.w[3]
	x0 |= le64(b[32:]) ^ t.w[4]
	x1 |= le64(b[40:]) ^ t.w[5]
	x2 |= le64(b[48:]) ^ t.w[6]
	x3 |= (le64(b[56:]) ^ t.w[7]) & t.mask
	return x0|x1|x2|x3 == 0
}
