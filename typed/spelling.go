package typed

import (
	"fmt"
	"math"
	"strings"
)

// This file parses the strings that name a dtype: a .npy header's descr,
// the dtype of a JSON envelope, the dtype.name of the raw recipe. It
// follows numpy's own parser (descriptor.c, _convert_from_str) step by step,
// so that what numpy accepts for a table dtype is accepted here with the
// same meaning.

// ParseDType parses s as np.dtype(s) does, for the dtypes of the table. It
// returns the dtype (a string dtype with its item size, '<U10' has Size 40)
// and the byte order of the data it describes: '<' little-endian or '>'
// big-endian for multi-byte items, '|' where order does not apply (one-byte
// items and byte strings). A spelling without an order, with '=' or with
// '|' means the host's order, as in numpy.
//
// It accepts every spelling numpy 1.24 accepts for a table dtype:
//
//   - names: the table's ("float64", "bool") and numpy's aliases ("double",
//     "single", "half", "float", "int", "longlong", "intc", "uint",
//     "ubyte", "cdouble", ...; np.sctypeDict's keys);
//   - char codes with or without a byte order: "d", "<q", "=e", "?", "b",
//     "B", "F", "D", and "c" (a byte string of width 1);
//   - a kind and a size with or without a byte order: "f8", "<i4", "|b1",
//     "u1", "c16", and for strings a width in characters: "U10", "<U10",
//     ">U10", "|S5", "S5", "a5". The size is read as C's strtol reads it,
//     so numpy's "i+8", "<i08" and "i 8" are int64 here too;
//   - arr.dtype.name of a string dtype, "str320" ('<U10') and "bytes40"
//     ('|S5'): the bits of the item, 32 a character for str and 8 for bytes.
//     numpy refuses these, but a dtype.name is what the raw recipe sends.
//     Like every name they mean the host's byte order.
//
// Platform-dependent spellings resolve as numpy resolves them on 64-bit
// Linux (LP64), whatever the Go host: C long and intp ("l", "L", "p", "P",
// "long", "ulong", "int", "int_", "uint", "intp", "uintp") are 8 bytes,
// C int ("i", "I", "intc", "uintc") 4, long long ("q", "Q", "longlong") 8.
//
// Refused, with an error wrapping ErrDType that says why: dtypes outside
// the table (void, datetime, long double, and object, whose error tells the
// Python side to save arr.astype(str) instead), strings without a width
// ("U", "S", "str", "U0": numpy makes them itemsize 0, which holds no
// characters, and np.save never writes one, since numpy widens an unsized
// array to 1 character), numpy's comma-string syntax for structured and
// sub-array dtypes even where it reduces to a plain dtype ("f8,", "()f8",
// "1f8"), and sizes numpy takes only through a C int overflow
// ("i4294967304" is int64 to numpy, "S-1" an item of -1 bytes).
func ParseDType(s string) (DType, byte, error) {
	return parseDType([]byte(s))
}

// parseDType is ParseDType on the header's bytes, so that decoding a header
// does not allocate: it allocates only to report an error.
func parseDType(s []byte) (DType, byte, error) {
	if len(s) == 0 {
		return DType{}, 0, unsupported(string(s))
	}
	order, body := byte('='), s
	switch s[0] {
	case '<', '>', '=':
		order, body = s[0], s[1:]
	case '|':
		body = s[1:]
	}
	switch {
	case len(body) == 1:
		if r := charCodes[body[0]]; r.row != 0 {
			return sized(table[r.row-1], int(r.width), order, s)
		}
	case len(body) > 1:
		if n, ok := cLong(body[1:]); ok {
			if dt, ok := kindSize(body[0], n); ok {
				return sized(dt, dt.Width(), order, s)
			}
		}
	}
	// numpy then looks the whole string up in np.sctypeDict, byte order
	// and all: "<float64" is no name.
	if sp, ok := names[string(s)]; ok && sp.row != 0 {
		return sized(table[sp.row-1], 0, '=', s)
	}
	if dt, width, ok := stringName(s); ok {
		return sized(dt, width, '=', s)
	}
	return DType{}, 0, unsupported(string(s))
}

// sized returns the table row dt, holding width characters if it is a
// string kind, and the byte order its data is in. A string without a
// width is refused.
func sized(dt DType, width int, order byte, s []byte) (DType, byte, error) {
	if dt.Flexible() {
		if width <= 0 {
			return DType{}, 0, unsupported(string(s))
		}
		dt = dt.WithWidth(width)
	}
	switch {
	case dt.SwapUnit() == 1:
		order = '|'
	case order == '=':
		order = hostOrder
	}
	return dt, order, nil
}

// commaString reports whether numpy hands s to its comma-string parser
// (_check_for_commastring): a count or shape before the type ("2f8",
// "<2f8", "()f8") or a comma outside brackets ("f8,i4"). That syntax
// describes structured and sub-array dtypes. No such spelling parses as a
// char code, kind and size or name, so parseDType needs no check; the
// error message does.
func commaString(s []byte) bool {
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	order := func(c byte) bool { return c == '<' || c == '>' || c == '=' || c == '|' }
	switch {
	case digit(s[0]), len(s) > 1 && order(s[0]) && digit(s[1]):
		return true
	case len(s) > 1 && s[0] == '(' && s[1] == ')', len(s) > 3 && order(s[0]) && s[1] == '(' && s[2] == ')':
		return true
	}
	depth := 0
	for _, c := range s {
		switch c {
		case ',':
			if depth == 0 {
				return true
			}
		case '[':
			depth++
		case ']':
			depth--
		}
	}
	return false
}

// cLong reads b as numpy reads the size after a kind character, with C's
// strtol(b, &end, 10) and the whole of b consumed: optional white space, an
// optional sign, decimal digits. ok is false for anything else, and for a
// value outside C's int, which numpy would truncate to another size.
func cLong(b []byte) (n int64, ok bool) {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] >= '\t' && b[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	if i == len(b) {
		return 0, false
	}
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n = n*10 + int64(c-'0'); n > math.MaxInt32 {
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	return n, true
}

// kindSize finds the table dtype of kind character kind and size n, as
// numpy's PyArray_TypestrConvert does: n is the item size in bytes, except
// for the string kinds, where it is the width in characters (numpy's
// 'a' is 'S'). A string's item size must fit C's int, as numpy's does.
func kindSize(kind byte, n int64) (DType, bool) {
	if kind == 'a' {
		kind = 'S'
	}
	for i := range table {
		switch dt := &table[i]; {
		case dt.Kind != kind:
		case dt.Flexible():
			if n < 0 || n > math.MaxInt32/int64(dt.CharSize) {
				return DType{}, false
			}
			return dt.WithWidth(int(n)), true
		case int64(dt.Size) == n:
			return *dt, true
		}
	}
	return DType{}, false
}

// stringName parses the dtype.name of a string dtype: a string row's name
// followed by the bits of the item, in decimal as numpy prints it.
func stringName(s []byte) (dt DType, width int, ok bool) {
	for i := range table {
		dt := &table[i]
		if !dt.Flexible() || len(s) <= len(dt.Name) || string(s[:len(dt.Name)]) != dt.Name {
			continue
		}
		digits := s[len(dt.Name):]
		if digits[0] == '0' {
			return DType{}, 0, false
		}
		var bits int64
		for _, c := range digits {
			if c < '0' || c > '9' || bits > math.MaxInt32 {
				return DType{}, 0, false
			}
			bits = bits*10 + int64(c-'0')
		}
		charBits := int64(8 * dt.CharSize)
		if bits%charBits != 0 || bits/8 > math.MaxInt32 {
			return DType{}, 0, false
		}
		return *dt, int(bits / charBits), true
	}
	return DType{}, 0, false
}

// aliases are numpy's names (np.sctypeDict's keys, numpy 1.24 on 64-bit
// Linux) beyond the table's own, with the table row each means; a row of ""
// names a dtype the table does not hold, for the error message. numpy's
// single-character keys are the char codes below, and its kind-and-size
// keys ("f8") parse as such.
var aliases = [...]struct{ spelling, name, why string }{
	{"bool_", "bool", ""}, {"bool8", "bool", ""},
	{"byte", "int8", ""}, {"short", "int16", ""}, {"intc", "int32", ""},
	{"int", "int64", ""}, {"int_", "int64", ""}, {"long", "int64", ""},
	{"longlong", "int64", ""}, {"intp", "int64", ""}, {"int0", "int64", ""},
	{"ubyte", "uint8", ""}, {"ushort", "uint16", ""}, {"uintc", "uint32", ""},
	{"uint", "uint64", ""}, {"ulong", "uint64", ""}, {"ulonglong", "uint64", ""},
	{"uintp", "uint64", ""}, {"uint0", "uint64", ""},
	{"half", "float16", ""}, {"single", "float32", ""}, {"double", "float64", ""},
	{"float", "float64", ""}, {"float_", "float64", ""},
	{"csingle", "complex64", ""}, {"singlecomplex", "complex64", ""},
	{"cdouble", "complex128", ""}, {"cfloat", "complex128", ""},
	{"complex", "complex128", ""}, {"complex_", "complex128", ""},
	{"str_", "str", ""}, {"str0", "str", ""}, {"unicode", "str", ""}, {"unicode_", "str", ""},
	{"bytes_", "bytes", ""}, {"bytes0", "bytes", ""}, {"string_", "bytes", ""},
	{"object", "", whyObject}, {"object_", "", whyObject}, {"object0", "", whyObject},
	{"void", "", whyVoid}, {"void0", "", whyVoid},
	{"datetime64", "", whyDatetime}, {"timedelta64", "", whyDatetime},
	{"longdouble", "", whyLongDouble}, {"longfloat", "", whyLongDouble}, {"float128", "", whyLongDouble},
	{"clongdouble", "", whyLongDouble}, {"clongfloat", "", whyLongDouble},
	{"longcomplex", "", whyLongDouble}, {"complex256", "", whyLongDouble},
}

// codes are numpy's type characters (np.typecodes['All'] and 'a', 'c')
// with the table row each means; "c" is a byte string of one character,
// and 'S', 'a', 'U' alone are strings without a width.
var codes = [...]struct {
	code  byte
	name  string
	width int8
}{
	{'?', "bool", 0},
	{'b', "int8", 0}, {'h', "int16", 0}, {'i', "int32", 0}, {'l', "int64", 0}, {'q', "int64", 0}, {'p', "int64", 0},
	{'B', "uint8", 0}, {'H', "uint16", 0}, {'I', "uint32", 0}, {'L', "uint64", 0}, {'Q', "uint64", 0}, {'P', "uint64", 0},
	{'e', "float16", 0}, {'f', "float32", 0}, {'d', "float64", 0},
	{'F', "complex64", 0}, {'D', "complex128", 0},
	{'U', "str", 0}, {'S', "bytes", 0}, {'a', "bytes", 0}, {'c', "bytes", 1},
}

// Why numpy dtypes outside the table are refused.
const (
	whyObject     = "object arrays need pickle, which npy2d never runs; save arr.astype(str) (or a numeric astype) on the Python side instead"
	whyVoid       = "void (raw record) dtypes are not numeric"
	whyDatetime   = "datetime and timedelta dtypes are not supported"
	whyLongDouble = "not in the dtype table: numpy's long double (x87 extended precision in 16 bytes) has no Go type"
	whyUnsized    = "a string dtype needs a width ('<U10', '|S5', 'str320'); numpy reads this one as itemsize 0, which holds no characters"
)

// spelling is a parsed name: row is 1 + the table index, 0 for a dtype the
// table does not hold, whose refusal why explains.
type spelling struct {
	row int8
	why string
}

// names maps every name to its table row; charCodes does the same for
// the char codes, indexed by character. A spelling of a dtype the table
// does not have (row 0) is not accepted.
var names, charCodes = func() (map[string]spelling, [256]struct{ row, width int8 }) {
	row := func(name string) int8 {
		for i, dt := range table {
			if dt.Name == name {
				return int8(i + 1)
			}
		}
		return 0
	}
	m := make(map[string]spelling, len(table)+len(aliases))
	for i, dt := range table {
		m[dt.Name] = spelling{row: int8(i + 1)}
	}
	for _, a := range aliases {
		if r := row(a.name); r != 0 || a.name == "" {
			m[a.spelling] = spelling{row: r, why: a.why}
		}
	}
	var c [256]struct{ row, width int8 }
	for _, code := range codes {
		c[code.code].row, c[code.code].width = row(code.name), code.width
	}
	return m, c
}()

// unsupported explains why a dtype spelling was refused.
func unsupported(descr string) error {
	return fmt.Errorf("%w: dtype %q: %s", ErrDType, descr, refusal(descr))
}

func refusal(descr string) string {
	if sp, ok := names[descr]; ok {
		if sp.row != 0 && table[sp.row-1].Flexible() {
			return whyUnsized // numpy's names of the string types
		}
		return sp.why
	}
	body := descr
	if body != "" && strings.IndexByte("<>=|", body[0]) >= 0 {
		body = body[1:]
	}
	switch {
	case descr == "":
		return "empty dtype"
	case body == "":
		return "a byte order alone is not a dtype"
	case commaString([]byte(descr)):
		return "numpy's comma-string syntax makes structured and sub-array dtypes, which are not supported"
	case body[0] == 'O':
		return whyObject
	case body[0] == 'V':
		return whyVoid
	case body[0] == 'M' || body[0] == 'm':
		return whyDatetime
	case body == "g" || body == "G" || body == "f16" || body == "c32":
		return whyLongDouble
	case len(body) == 1 && strings.IndexByte("USa", body[0]) >= 0:
		return whyUnsized
	}
	if n, ok := cLong([]byte(body[1:])); ok && n == 0 && strings.IndexByte("USa", body[0]) >= 0 {
		return whyUnsized
	}
	if n, ok := cLong([]byte(body[1:])); ok && (n < 0 || strings.IndexByte("USa", body[0]) >= 0) {
		return "size out of range"
	} else if !ok && strings.Trim(body[1:], "+- \t\n\v\f\r0123456789") == "" && strings.ContainsAny(body[1:], "0123456789") {
		return "size out of range"
	}
	for _, dt := range table {
		if dt.Flexible() && strings.HasPrefix(descr, dt.Name) && descr != dt.Name {
			return fmt.Sprintf("the dtype.name of a %s dtype gives the bits of the item, a positive multiple of %d", dt.Name, 8*dt.CharSize)
		}
	}
	return "not in the dtype table"
}
