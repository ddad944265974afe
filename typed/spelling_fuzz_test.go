package typed

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseDType: any string parses to a table dtype with a size and a
// byte order that round-trips through its descr, or is refused with an
// error wrapping ErrDType; nothing panics.
func FuzzParseDType(f *testing.F) {
	for _, d := range table {
		f.Add(d.Name)
		f.Add(d.Descr())
	}
	for _, a := range aliases {
		f.Add(a.spelling)
	}
	for _, c := range codes {
		f.Add(">" + string(c.code))
	}
	for _, s := range []string{"<U10", "|S5", "a5", "str320", "bytes40", "i+8", "U 5", "f8,", "S-1", "U536870912", "str68719476704"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dt, order, err := parseDType([]byte(s))
		if err != nil {
			if !errors.Is(err, ErrDType) || !strings.HasPrefix(err.Error(), "typed: ") {
				t.Fatalf("%q: error %v does not wrap ErrDType", s, err)
			}
			return
		}
		row, ok := LookupDType(dt.Name)
		if !ok || dt.Size <= 0 || (dt.Flexible() && dt.WithWidth(dt.Width()) != dt) || (!dt.Flexible() && dt != row) {
			t.Fatalf("%q: parsed to %+v, not a sized table dtype", s, dt)
		}
		if (order == '|') != (dt.SwapUnit() == 1) || (order != '|' && order != '<' && order != '>') {
			t.Fatalf("%q: %s with byte order %q", s, dt, order)
		}
		descr := string(order) + dt.Descr()[1:]
		if dt2, order2, err := parseDType([]byte(descr)); err != nil || dt2 != dt || order2 != order {
			t.Fatalf("%q parses to %s (%s), which parses to %s %q, %v", s, descr, dt, dt2, order2, err)
		}
	})
}

// TestHeaderSpellings: a .npy header may name its dtype any way ParseDType
// accepts, including the np.save form of a string dtype ('<U10'), and the
// fast path, where it takes a header, agrees with the general parser.
func TestHeaderSpellings(t *testing.T) {
	for _, descr := range []string{"<f8", "d", "double", "=i4", "i+8", ">u2", "<U10", ">U10", "|S5", "a5", "c", "str320", "bytes40"} {
		want, order, err := parseDType([]byte(descr))
		if err != nil {
			t.Fatalf("%s: %v", descr, err)
		}
		dict := canonDict(descr, false, 2, 3)
		h, err := ParseHeader(npyHeader(string(dict[:len(dict)-1])), Limits{})
		if err != nil {
			t.Errorf("header with descr %q: %v", descr, err)
			continue
		}
		if h.DType != want || h.Order != order || h.DataLen != 6*want.Size {
			t.Errorf("header with descr %q: %s %c, %d bytes; want %s %c, %d", descr, h.DType, h.Order, h.DataLen, want, order, 6*want.Size)
		}
		if fast, ok := parseCanonical(dict, Limits{}); ok && (fast.DType != h.DType || fast.Order != h.Order || fast.DataLen != h.DataLen) {
			t.Errorf("header with descr %q: the fast path gives %+v, the general parser %+v", descr, fast, h)
		}
	}
}
