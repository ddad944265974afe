package typed

import "strconv"

// Reading a small array is mostly reading its header, and nearly every
// header is the one np.save writes, byte for byte:
//
//	{'descr': '<i8', 'fortran_order': False, 'shape': (3, 3), }<spaces>\n
//
// parseCanonical recognises exactly that form in one pass, with a table
// lookup for the descr. Anything else, and every error, is left to
// parseDict, which accepts everything the fast path does and gives the
// same Header for it (canonical_test.go checks both claims).

const (
	canonStart   = "{'descr': '"
	canonC       = "', 'fortran_order': False, 'shape': ("
	canonF       = "', 'fortran_order': True, 'shape': ("
	canonBetween = ", "
	canonEnd     = "), }"
)

type descrInfo struct {
	dt    DType
	order byte
	ok    bool
}

// The descrs the fast path knows: byte order, kind and size in bytes.
const (
	canonOrders = "<>=|"
	canonKinds  = "biufc"
)

var canonSizes = [...]int{1, 2, 4, 8, 16}

// canonDescrs[o][k][s] is parseDType's answer for the descr
// canonOrders[o] canonKinds[k] canonSizes[s] (such as "<f8"), where it
// accepts it. It is built by calling parseDType, so the two cannot
// disagree; indexing it is cheaper than any map, and it is on every read.
var canonDescrs = func() (t [len(canonOrders)][len(canonKinds)][len(canonSizes)]descrInfo) {
	for o := range canonOrders {
		for k := range canonKinds {
			for s, size := range canonSizes {
				descr := canonOrders[o:o+1] + canonKinds[k:k+1] + strconv.Itoa(size)
				if dt, order, err := parseDType([]byte(descr)); err == nil {
					t[o][k][s] = descrInfo{dt, order, true}
				}
			}
		}
	}
	return t
}()

// lookupDescr finds descr in canonDescrs; it accepts exactly the strings
// canonDescrs was built from (a size of 16 is the only two-digit one).
func lookupDescr(descr []byte) *descrInfo {
	var o, k, s int
	switch {
	case len(descr) == 3 && descr[2] >= '1' && descr[2] <= '8':
		switch descr[2] {
		case '1':
			s = 0
		case '2':
			s = 1
		case '4':
			s = 2
		case '8':
			s = 3
		default:
			return nil
		}
	case len(descr) == 4 && descr[2] == '1' && descr[3] == '6':
		s = 4
	default:
		return nil
	}
	switch descr[0] {
	case '<':
		o = 0
	case '>':
		o = 1
	case '=':
		o = 2
	case '|':
		o = 3
	default:
		return nil
	}
	switch descr[1] {
	case 'b':
		k = 0
	case 'i':
		k = 1
	case 'u':
		k = 2
	case 'f':
		k = 3
	case 'c':
		k = 4
	default:
		return nil
	}
	if e := &canonDescrs[o][k][s]; e.ok {
		return e
	}
	return nil
}

// parseCanonical parses an np.save header dict (padding and newline
// included); ok is false when dict is not in that exact form or its size
// is refused, and the caller must then use parseDict.
func parseCanonical(dict []byte, lim Limits) (h Header, ok bool) {
	ok = canonicalInto(dict, lim, &h)
	return h, ok
}

// canonicalInto is parseCanonical filling in the caller's Header: a Header
// is over 100 bytes, and copying it was a tenth of reading a small array.
func canonicalInto(dict []byte, lim Limits, h *Header) (ok bool) {
	b, ok := cut(dict, canonStart)
	if !ok {
		return false
	}
	n := 0
	for n < len(b) && n <= 4 && b[n] != '\'' {
		n++
	}
	info := lookupDescr(b[:n])
	if info == nil {
		return false
	}
	b = b[n:]
	if b, ok = cut(b, canonC); !ok {
		if b, ok = cut(b, canonF); !ok {
			return false
		}
		h.Fortran = true
	}
	ndim, rows, cols := 2, 0, 0
	switch {
	case len(b) > 0 && b[0] == ')': // ()
		ndim, rows, cols = 0, 1, 1
	default:
		if rows, b, ok = canonDim(b); !ok {
			return false
		}
		if rest, vec := cut(b, ","); vec && len(rest) > 0 && rest[0] == ')' { // (n,)
			ndim, rows, cols, b = 1, 1, rows, rest
			break
		}
		if b, ok = cut(b, canonBetween); !ok {
			return false
		}
		if cols, b, ok = canonDim(b); !ok {
			return false
		}
	}
	if b, ok = cut(b, canonEnd); !ok || len(b) == 0 || b[len(b)-1] != '\n' {
		return false
	}
	// The padding, compared a block at a time with spaces.
	for pad := b[:len(b)-1]; len(pad) > 0; {
		k := min(len(pad), len(spaces))
		if string(pad[:k]) != spaces[:k] {
			return false
		}
		pad = pad[k:]
	}
	dataLen, err := Impl.DataLen(info.dt, rows, cols, lim)
	if err != nil {
		return false
	}
	h.DType, h.Order = info.dt, info.order
	h.NDim, h.Rows, h.Cols, h.DataLen = ndim, rows, cols, dataLen
	return true
}

// cut removes prefix from b.
func cut(b []byte, prefix string) ([]byte, bool) {
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
		return b, false
	}
	return b[len(prefix):], true
}

// canonDim reads a decimal dimension as np.save writes it: no sign, no
// leading zero, and (here) at most 18 digits, so it cannot overflow; a
// longer one goes to parseDict, which reports it.
func canonDim(b []byte) (int, []byte, bool) {
	var v uint64
	n := 0
	for n < len(b) && n < 19 && b[n] >= '0' && b[n] <= '9' {
		v = v*10 + uint64(b[n]-'0')
		n++
	}
	if n == 0 || n > 18 || (n > 1 && b[0] == '0') || v > uint64(maxInt) {
		return 0, b, false
	}
	return int(v), b[n:], true
}
