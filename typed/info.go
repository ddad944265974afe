package typed

import (
	"io"
)

// Info is what a .npy header declares, whether or not the family can hold
// the array: any rank, any descr. Listings and error messages use it to
// say what a file is.
type Info struct {
	// Major and Minor are the format version.
	Major, Minor int
	// Descr is the dtype as the header spells it ('<f8', '|O', '<M8[ns]').
	Descr string
	// Fortran is numpy's fortran_order.
	Fortran bool
	// Shape is numpy's shape, of any rank.
	Shape []int64
	// DataOffset is where the data starts.
	DataOffset int
}

// String gives the dtype and shape as numpy would print them:
// "<f8 (3, 4, 5)".
func (i Info) String() string { return i.Descr + " " + shapeString(i.Shape) }

// ReadInfo reads a .npy header from r, as ReadHeader does, and reports what
// it declares without judging the dtype or the rank. Only the header's
// syntax and size are checked; a structured dtype, which has no descr
// string, is an error.
func ReadInfo(r io.Reader, lim Limits) (Info, error) {
	bp := headerBufs.Get().(*[]byte)
	defer headerBufs.Put(bp)
	pre, dict, err := readHeaderBytes(r, (*bp)[:12], lim)
	if err != nil {
		return Info{}, err
	}
	return pre.info(dict)
}

// ParseInfo is ReadInfo for a header held in b.
func ParseInfo(b []byte, lim Limits) (Info, error) {
	pre, err := parsePreamble(b)
	if err != nil {
		return Info{}, err
	}
	if len(b) < pre.size {
		return Info{}, truncated("preamble", pre.size, len(b))
	}
	pre.readLen(b)
	if err := pre.check(lim); err != nil {
		return Info{}, err
	}
	if len(b) < pre.size+pre.dictLen {
		return Info{}, truncated("header", pre.size+pre.dictLen, len(b))
	}
	return pre.info(b[pre.size : pre.size+pre.dictLen])
}

func (p *preamble) info(dict []byte) (Info, error) {
	var d rawDict
	if err := parseRaw(dict, p.size, p.major < 3, &d); err != nil {
		return Info{}, err
	}
	shape := make([]int64, d.ndim)
	copy(shape, d.dims[:d.ndim])
	return Info{Major: p.major, Minor: p.minor, Descr: string(d.descr), Fortran: d.fortran, Shape: shape, DataOffset: p.size + p.dictLen}, nil
}
