package typed

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

var errUnexpectedEOF = io.ErrUnexpectedEOF

// dictParser reads the Python dict literal of a .npy header:
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
//
// It takes only literals (quoted strings, True/False, tuples of
// non-negative decimal integers), never evaluates anything, and reports
// positions as byte offsets in the file.
type dictParser struct {
	b    []byte
	pos  int
	base int  // file offset of b[0]
	long bool // a dimension may end in Python 2's long suffix L
}

func (p *dictParser) errorf(format string, args ...any) error {
	return formatErrorf(p.base+p.pos, "header byte %d: %s", p.base+p.pos, fmt.Sprintf(format, args...))
}

func (p *dictParser) found() string {
	if p.pos >= len(p.b) {
		return "end of header"
	}
	return fmt.Sprintf("%q", p.b[p.pos])
}

func (p *dictParser) space() {
	// A switch, not strings.IndexByte: this runs once per header byte and
	// the call was half of parsing a small array's header.
	for p.pos < len(p.b) {
		switch p.b[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
			continue
		}
		return
	}
}

func (p *dictParser) expect(c byte) error {
	p.space()
	if p.pos >= len(p.b) || p.b[p.pos] != c {
		return p.errorf("want %q, found %s", c, p.found())
	}
	p.pos++
	return nil
}

// peek skips white space and reports whether the next byte is c.
func (p *dictParser) peek(c byte) bool {
	p.space()
	return p.pos < len(p.b) && p.b[p.pos] == c
}

// str reads a quoted string with no escapes; numpy's descr strings and keys
// never need them.
func (p *dictParser) str() ([]byte, error) {
	p.space()
	if p.pos >= len(p.b) || (p.b[p.pos] != '\'' && p.b[p.pos] != '"') {
		return nil, p.errorf("want a quoted string, found %s", p.found())
	}
	q := p.b[p.pos]
	start := p.pos + 1
	for i := start; i < len(p.b); i++ {
		switch p.b[i] {
		case q:
			p.pos = i + 1
			return p.b[start:i], nil
		case '\\', '\n', 0:
			p.pos = i
			return nil, p.errorf("%s inside a string", p.found())
		}
	}
	p.pos = len(p.b)
	return nil, p.errorf("unterminated string")
}

func (p *dictParser) word() []byte {
	p.space()
	start := p.pos
	for p.pos < len(p.b) && (p.b[p.pos] >= 'a' && p.b[p.pos] <= 'z' || p.b[p.pos] >= 'A' && p.b[p.pos] <= 'Z') {
		p.pos++
	}
	return p.b[start:p.pos]
}

func (p *dictParser) boolean() (bool, error) {
	start := p.pos
	switch string(p.word()) {
	case "True":
		return true, nil
	case "False":
		return false, nil
	default:
		p.pos = start
		p.space()
		return false, p.errorf("fortran_order: want True or False, found %s", p.found())
	}
}

// structured refuses a descr that is a list of fields (or a sub-array
// tuple), quoting its start so the caller sees which dtype it was.
func (p *dictParser) structured() error {
	end := p.pos + 1
	for depth := 0; end < len(p.b) && end-p.pos < 60; end++ {
		switch p.b[end] {
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
		}
		if depth < 0 {
			end++
			break
		}
	}
	return fmt.Errorf("%w: header byte %d: structured dtype %q: only plain numeric dtypes are supported", ErrDType, p.base+p.pos, p.b[p.pos:end])
}

// maxDims bounds how many dimensions the parser collects, so a hostile
// header cannot make it build a large slice; it is numpy 2's NPY_MAXDIMS,
// so that any header numpy writes can be inspected.
const maxDims = 64

// shape reads a tuple of dimensions: (), (n,), (n, m) or (n, m,).
func (p *dictParser) shape(dims *[maxDims]int64) (int, error) {
	if err := p.expect('('); err != nil {
		return 0, err
	}
	n := 0
	for {
		if p.peek(')') {
			p.pos++
			if n == 1 && !p.trailingComma() {
				return 0, p.errorf("shape (%d) is not a tuple", dims[0])
			}
			return n, nil
		}
		if n > 0 {
			if err := p.expect(','); err != nil {
				return 0, err
			}
			if p.peek(')') {
				continue
			}
		}
		v, err := p.dim()
		if err != nil {
			return 0, err
		}
		if n == maxDims {
			return 0, fmt.Errorf("%w: shape has more than %d dimensions", ErrShape, maxDims)
		}
		dims[n] = v
		n++
	}
}

// trailingComma reports whether the ')' just read follows a ',' with only
// white space between.
func (p *dictParser) trailingComma() bool {
	for i := p.pos - 2; i >= 0; i-- {
		switch p.b[i] {
		case ' ', '\t', '\r', '\n':
			continue
		case ',':
			return true
		}
		return false
	}
	return false
}

// dim reads a non-negative decimal integer without leading zeros.
func (p *dictParser) dim() (int64, error) {
	p.space()
	start := p.pos
	if p.pos < len(p.b) && p.b[p.pos] == '-' {
		return 0, fmt.Errorf("%w: header byte %d: negative dimension", ErrShape, p.base+p.pos)
	}
	var v int64
	for p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '9' {
		if v > (1<<62)/10 {
			return 0, fmt.Errorf("%w: header byte %d: dimension too large", ErrLimit, p.base+start)
		}
		v = v*10 + int64(p.b[p.pos]-'0')
		p.pos++
	}
	switch {
	case p.pos == start:
		return 0, p.errorf("want a dimension, found %s", p.found())
	case p.pos-start > 1 && p.b[start] == '0':
		p.pos = start
		return 0, p.errorf("dimension with a leading zero")
	}
	if p.long && p.pos < len(p.b) && p.b[p.pos] == 'L' {
		p.pos++
	}
	return v, nil
}

// rawDict is a header dict as written, before the family judges it.
type rawDict struct {
	descr   []byte
	fortran bool
	dims    [maxDims]int64
	ndim    int
	descrAt int // file offset of the descr value, for errors
}

// parseRaw parses the header dict (padding and final newline included)
// that starts at file offset base; long allows Python 2's 3L dimensions.
// It checks the syntax only: any descr string and any rank pass.
func parseRaw(b []byte, base int, long bool, d *rawDict) error {
	p := &dictParser{b: b, base: base, long: long}
	if len(b) == 0 || b[len(b)-1] != '\n' {
		p.pos = len(b)
		return p.errorf("header does not end with a newline")
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		p.pos = i
		return p.errorf("NUL byte in header")
	}
	if err := p.expect('{'); err != nil {
		return err
	}
	var (
		seen     [3]bool
		keyNames = [3]string{"descr", "fortran_order", "shape"}
	)
	for !p.peek('}') {
		keyAt := p.pos
		key, err := p.str()
		if err != nil {
			return err
		}
		idx := -1
		for i, name := range keyNames {
			if string(key) == name {
				idx = i
			}
		}
		if idx < 0 {
			p.pos = keyAt
			return p.errorf("unexpected key %q, want descr, fortran_order and shape", key)
		}
		if seen[idx] {
			p.pos = keyAt
			return p.errorf("key %q twice", key)
		}
		seen[idx] = true
		if err := p.expect(':'); err != nil {
			return err
		}
		switch idx {
		case 0:
			if p.peek('[') || p.peek('(') || p.peek('{') {
				return p.structured()
			}
			d.descrAt = base + p.pos
			d.descr, err = p.str()
		case 1:
			d.fortran, err = p.boolean()
		case 2:
			d.ndim, err = p.shape(&d.dims)
		}
		if err != nil {
			return err
		}
		if p.peek('}') {
			break
		}
		if err := p.expect(','); err != nil {
			return err
		}
	}
	p.pos++
	for p.pos < len(b)-1 && (b[p.pos] == ' ' || b[p.pos] == '\t') {
		p.pos++
	}
	if p.pos != len(b)-1 {
		return p.errorf("want padding after the dict, found %s", p.found())
	}
	for i, ok := range seen {
		if !ok {
			return fmt.Errorf("%w: header has no %q key", ErrFormat, keyNames[i])
		}
	}
	return nil
}

// parseDict parses the header dict (padding and final newline included)
// that starts at file offset base into a Header of an array the family
// holds: a table dtype and rank 0, 1 or 2.
func parseDict(b []byte, base int, lim Limits, long bool) (Header, error) {
	var h Header
	var d rawDict
	if err := parseRaw(b, base, long, &d); err != nil {
		return h, err
	}
	shape := d.dims[:d.ndim]
	dt, order, err := parseDType(d.descr)
	if err != nil {
		return h, fmt.Errorf("%w (header byte %d, shape %s)", err, d.descrAt, shapeString(shape))
	}
	if d.ndim > 2 {
		return h, &RankError{Shape: append([]int64(nil), shape...), DType: dt}
	}
	for _, v := range shape {
		if v > int64(maxInt) {
			return h, fmt.Errorf("%w: shape %s is beyond this platform", ErrLimit, shapeString(shape))
		}
	}
	h.DType, h.Order, h.Fortran = dt, order, d.fortran
	h.NDim, h.Rows, h.Cols = atLeast2D(shape)
	h.DataLen, err = Impl.DataLen(dt, h.Rows, h.Cols, lim)
	return h, err
}

// atLeast2D is np.atleast_2d's shape for a rank of at most 2: (n,) is
// 1 x n and () is 1 x 1.
func atLeast2D(shape []int64) (ndim, rows, cols int) {
	switch len(shape) {
	case 0:
		return 0, 1, 1
	case 1:
		return 1, 1, int(shape[0])
	}
	return 2, int(shape[0]), int(shape[1])
}

const maxInt = int(^uint(0) >> 1)

func shapeString(dims []int64) string {
	var sb strings.Builder
	sb.WriteByte('(')
	for i, d := range dims {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprint(&sb, d)
	}
	if len(dims) == 1 {
		sb.WriteByte(',')
	}
	sb.WriteByte(')')
	return sb.String()
}
