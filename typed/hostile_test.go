package typed_test

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/typed"
)

// hostile is one file a decoder may be handed, and what it must make of it.
type hostile struct {
	name string
	file []byte
	// err is the sentinel the error wraps; nil means the file is accepted.
	err error
	// frag is part of the message: what was expected, what was found, and
	// where, so a reader of the log can act on it.
	frag string
	// eof marks truncation, which also wraps io.ErrUnexpectedEOF.
	eof bool
	// stricter says why npy2d refuses a file that numpy's np.load reads;
	// empty when numpy refuses it too. TestHostileNumpyAgrees holds both
	// sides to it.
	stricter string
	// stream bounds what decoding from a stream may allocate: the first
	// chunk of storage before the data proves to exist. 0 means 64 KiB.
	stream uint64
	// native marks a descr in native byte order: its data is read in the
	// host's order, as numpy on that host would.
	native bool
	// only64 marks a shape that fits a 64-bit int: on 32-bit hosts it is
	// only required to fail with ErrLimit.
	only64 bool
}

// is64 reports a 64-bit int, which the shapes of 10^18 bytes need.
const is64 = math.MaxInt > 1<<32

// i2 is the header np.save writes for a (2, 3) int16 array; d12 is its data.
const i2 = "{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), }"

var d12 = seq(12)

// withKey is i2's dict with one value replaced.
func withKey(key, value string) string {
	vals := map[string]string{"descr": "'<i2'", "fortran_order": "False", "shape": "(2, 3)"}
	vals[key] = value
	return fmt.Sprintf("{'descr': %s, 'fortran_order': %s, 'shape': %s, }", vals["descr"], vals["fortran_order"], vals["shape"])
}

// Reasons npy2d is stricter than np.load, each a deliberate choice.
const (
	notWritten = "np.save never writes this spelling; npy2d reads what numpy writes"
	not2D      = "the family holds arrays of rank 0, 1 and 2 only"
	notNumeric = "not a plain numeric dtype of the table"
	ambiguous  = "a key given twice is ambiguous; Python silently keeps the last"
	noNewline  = "np.save ends every header with a newline; the issue asks to refuse a header without one"
	boolBytes  = "a Go bool must hold 0 or 1; numpy keeps any byte"
	negative   = "a negative dimension is no shape; np.load reads one only because reshape infers it from the data"
)

func hostileCases() []hostile {
	big := func(shape string, descr string) []byte {
		return v1(fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shape), seq(16))
	}
	cases := []hostile{
		// What numpy writes, and the spellings its parser (ast.literal_eval) reads.
		{name: "np.save", file: v1(i2, d12)},
		{name: "no trailing comma", file: v1("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3)}", d12)},
		{name: "no spaces", file: v1("{'descr':'<i2','fortran_order':False,'shape':(2,3)}", d12)},
		{name: "spaces everywhere", file: v1("{ 'descr' : '<i2' , 'fortran_order' : False , 'shape' : ( 2 , 3 , ) , }", d12)},
		{name: "tabs", file: v1("{'descr':\t'<i2',\t'fortran_order':\tFalse,\t'shape':\t(2,\t3)}", d12)},
		{name: "line breaks inside", file: v1("{'descr': '<i2',\n 'fortran_order': False,\r\n 'shape': (2, 3), }", d12)},
		{name: "leading space", file: v1(" "+i2, d12)},
		{name: "leading newline", file: v1("\n"+i2, d12)},
		{name: "double quotes", file: v1(`{"descr": "<i2", "fortran_order": False, "shape": (2, 3), }`, d12)},
		{name: "mixed quotes", file: v1(`{"descr": '<i2', 'fortran_order': False, "shape": (2, 3), }`, d12)},
		{name: "shape with trailing comma", file: v1(withKey("shape", "(2, 3,)"), d12)},
		{name: "no padding", file: rawNPY(1, 0, i2+"\n", d12)},
		{name: "padding of old numpy", file: rawNPY(1, 0, i2+"   \n", d12)},
		{name: "tab padding", file: rawNPY(1, 0, i2+"\t \t\n", d12)},
		{name: "version 2.0", file: padNPY(2, i2, d12)},
		{name: "version 3.0", file: padNPY(3, i2, d12)},
		{name: "Python 2 longs in 1.0", file: v1(withKey("shape", "(2L, 3L)"), d12)},
		{name: "Python 2 longs in 2.0", file: padNPY(2, withKey("shape", "(2L, 3L)"), d12)},
		{name: "big-endian", file: v1(withKey("descr", "'>i2'"), d12)},
		{name: "fortran order", file: v1(withKey("fortran_order", "True"), d12)},
		{name: "descr by name", file: v1(withKey("descr", "'int16'"), d12), native: true},
		{name: "descr without order", file: v1(withKey("descr", "'i2'"), d12), native: true},
		{name: "descr in native order", file: v1(withKey("descr", "'=i2'"), d12), native: true},
		{name: "descr ? for bool", file: v1(withKey("descr", "'?'"), []byte{0, 1, 1, 0, 0, 1})},
		{name: "empty (0, 3)", file: v1(withKey("shape", "(0, 3)"), nil)},
		{name: "empty (3, 0)", file: v1(withKey("shape", "(3, 0)"), nil)},
		{name: "header of exactly 10000 bytes", file: rawNPY(1, 0, i2+strings.Repeat(" ", 10000-len(i2)-1)+"\n", d12)},

		// The preamble.
		{name: "not npy", file: []byte("PK\x03\x04 this is a zip archive"), err: typed.ErrFormat, frag: `not a .npy file: starts with "PK\x03\x04 `},
		{name: "magic off by one", file: rawNPY(1, 0, i2+"\n", d12)[1:], err: typed.ErrFormat, frag: "not a .npy file"},
		{name: "version 0.0", file: padNPY(1, i2, d12), err: typed.ErrFormat, frag: "unknown .npy version 0.0 at byte 6"},
		{name: "version 1.1", file: rawNPY(1, 1, i2+"\n", d12), err: typed.ErrFormat, frag: "unknown .npy version 1.1"},
		{name: "version 4.0", file: padNPY(4, i2, d12), err: typed.ErrFormat, frag: "unknown .npy version 4.0"},
		{name: "version 255.255", file: rawNPY(255, 255, i2+"\n", d12), err: typed.ErrFormat, frag: "unknown .npy version 255.255"},
		{name: "header over the limit", file: padNPY(2, i2+strings.Repeat(" ", 10000), d12), err: typed.ErrLimit, frag: "the limit is 10000 (typed.Limits.MaxHeaderLen)"},
		{name: "header length 4 GiB", file: append([]byte(typed.Magic), 2, 0, 0xff, 0xff, 0xff, 0xff, '{'), err: typed.ErrLimit, frag: "header of 4294967295 bytes at byte 12, the limit is 10000"},
		{name: "header longer than the file", file: rawNPY(1, 0, i2+"\n", nil)[:40], err: typed.ErrFormat, frag: fmt.Sprintf("header truncated: need %d bytes, have 40", 10+len(i2)+1), eof: true},

		// The dict's grammar.
		{name: "no trailing newline", file: rawNPY(1, 0, i2+"    ", d12), err: typed.ErrFormat, frag: "header does not end with a newline", stricter: noNewline},
		{name: "two trailing newlines", file: rawNPY(1, 0, i2+"  \n\n", d12), err: typed.ErrFormat, frag: `want padding after the dict, found '\n'`, stricter: notWritten},
		{name: "text after the dict", file: v1(i2+" x", d12), err: typed.ErrFormat, frag: "want padding after the dict, found 'x'"},
		{name: "NUL byte in the dict", file: v1("{'descr': '<i2',\x00 'fortran_order': False, 'shape': (2, 3), }", d12), err: typed.ErrFormat, frag: "header byte 26: NUL byte in header"},
		{name: "NUL byte in a string", file: v1(withKey("descr", "'<i2\x00'"), d12), err: typed.ErrFormat, frag: "NUL byte in header"},
		{name: "NUL byte in the padding", file: rawNPY(1, 0, i2+" \x00 \n", d12), err: typed.ErrFormat, frag: "NUL byte in header"},
		{name: "not a dict", file: v1("[('descr', '<i2')]", d12), err: typed.ErrFormat, frag: "header byte 10: want '{', found '['"},
		{name: "empty dict", file: v1("{}", d12), err: typed.ErrFormat, frag: `header has no "descr" key`},
		{name: "missing fortran_order", file: v1("{'descr': '<i2', 'shape': (2, 3), }", d12), err: typed.ErrFormat, frag: `header has no "fortran_order" key`},
		{name: "missing shape", file: v1("{'descr': '<i2', 'fortran_order': False, }", d12), err: typed.ErrFormat, frag: `header has no "shape" key`},
		{name: "other key", file: v1("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), 'extra': 1, }", d12), err: typed.ErrFormat, frag: `unexpected key "extra", want descr, fortran_order and shape`},
		{name: "key in another case", file: v1("{'Descr': '<i2', 'fortran_order': False, 'shape': (2, 3), }", d12), err: typed.ErrFormat, frag: `unexpected key "Descr"`},
		{name: "duplicate key", file: v1("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), 'descr': '<i2'}", d12), err: typed.ErrFormat, frag: `header byte 68: key "descr" twice`, stricter: ambiguous},
		{name: "unquoted key", file: v1("{descr: '<i2', 'fortran_order': False, 'shape': (2, 3), }", d12), err: typed.ErrFormat, frag: "want a quoted string, found 'd'"},
		{name: "unterminated string", file: v1("{'descr': '<i2", d12), err: typed.ErrFormat, frag: `'\n' inside a string`},
		{name: "quote inside a key", file: v1("{'descr: '<i2', 'fortran_order': False, 'shape': (2, 3), }", d12), err: typed.ErrFormat, frag: `unexpected key "descr: "`},
		{name: "escape in a string", file: v1(withKey("descr", `'<i\x32'`), d12), err: typed.ErrFormat, frag: `'\\' inside a string`, stricter: notWritten},
		{name: "two commas", file: v1("{'descr': '<i2',, 'fortran_order': False, 'shape': (2, 3), }", d12), err: typed.ErrFormat, frag: "want a quoted string, found ','"},
		{name: "missing comma", file: v1("{'descr': '<i2' 'fortran_order': False, 'shape': (2, 3), }", d12), err: typed.ErrFormat, frag: `want ',', found '\''`},
		{name: "unclosed dict", file: v1("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), ", d12), err: typed.ErrFormat, frag: "want a quoted string, found end of header"},
		{name: "comment", file: v1("{'descr': '<i2', # int16\n'fortran_order': False, 'shape': (2, 3), }", d12), err: typed.ErrFormat, frag: "want a quoted string, found '#'", stricter: notWritten},

		// Values that are not literals, or not numpy's.
		{name: "code in descr", file: v1(withKey("descr", "__import__('os').system('true')"), d12), err: typed.ErrFormat, frag: "want a quoted string, found '_'"},
		{name: "code in shape", file: v1(withKey("shape", "tuple(range(2))"), d12), err: typed.ErrFormat, frag: "want '(', found 't'"},
		{name: "call as fortran_order", file: v1(withKey("fortran_order", "bool(0)"), d12), err: typed.ErrFormat, frag: "fortran_order: want True or False, found 'b'"},
		{name: "fortran_order 0", file: v1(withKey("fortran_order", "0"), d12), err: typed.ErrFormat, frag: "fortran_order: want True or False, found '0'"},
		{name: "fortran_order lower case", file: v1(withKey("fortran_order", "false"), d12), err: typed.ErrFormat, frag: "want True or False, found 'f'"},
		{name: "fortran_order as a string", file: v1(withKey("fortran_order", "'False'"), d12), err: typed.ErrFormat, frag: `want True or False, found '\''`},
		{name: "fortran_order run on", file: v1(withKey("fortran_order", "Falsehood"), d12), err: typed.ErrFormat, frag: "want True or False, found 'F'"},
		{name: "descr as a number", file: v1(withKey("descr", "8"), d12), err: typed.ErrFormat, frag: "want a quoted string, found '8'"},
		{name: "shape as a list", file: v1(withKey("shape", "[2, 3]"), d12), err: typed.ErrFormat, frag: "want '(', found '['"},
		{name: "shape as a number", file: v1(withKey("shape", "6"), d12), err: typed.ErrFormat, frag: "want '(', found '6'"},
		{name: "parenthesised number", file: v1(withKey("shape", "(6)"), d12), err: typed.ErrFormat, frag: "shape (6) is not a tuple"},
		{name: "nested parentheses", file: v1(withKey("shape", "((2), 3)"), d12), err: typed.ErrFormat, frag: "want a dimension, found '('", stricter: notWritten},
		{name: "shape (,)", file: v1(withKey("shape", "(,)"), d12), err: typed.ErrFormat, frag: "want a dimension, found ','"},
		{name: "shape with two commas", file: v1(withKey("shape", "(2,, 3)"), d12), err: typed.ErrFormat, frag: "want a dimension, found ','"},
		{name: "float dimension", file: v1(withKey("shape", "(2.0, 3)"), d12), err: typed.ErrFormat, frag: `want ',', found '.'`},
		{name: "leading zero", file: v1(withKey("shape", "(02, 3)"), d12), err: typed.ErrFormat, frag: "header byte 61: dimension with a leading zero"},
		{name: "00", file: v1(withKey("shape", "(00, 3)"), nil), err: typed.ErrFormat, frag: "dimension with a leading zero", stricter: notWritten},
		{name: "hex dimension", file: v1(withKey("shape", "(0x2, 3)"), d12), err: typed.ErrFormat, frag: `want ',', found 'x'`, stricter: notWritten},
		{name: "underscore in a dimension", file: v1(withKey("shape", "(1_2, 1)"), seq(24)), err: typed.ErrFormat, frag: `want ',', found '_'`, stricter: notWritten},
		{name: "plus sign", file: v1(withKey("shape", "(+2, 3)"), d12), err: typed.ErrFormat, frag: "want a dimension, found '+'", stricter: notWritten},
		{name: "True as a dimension", file: v1(withKey("shape", "(True, 6)"), d12), err: typed.ErrFormat, frag: "want a dimension, found 'T'"},
		{name: "lower-case long", file: v1(withKey("shape", "(2l, 3l)"), d12), err: typed.ErrFormat, frag: `want ',', found 'l'`},
		{name: "Python 2 longs in 3.0", file: padNPY(3, withKey("shape", "(2L, 3L)"), d12), err: typed.ErrFormat, frag: `want ',', found 'L'`},

		// Shapes.
		{name: "rank 0", file: v1(withKey("shape", "()"), seq(2))},
		{name: "rank 1", file: v1(withKey("shape", "(6,)"), d12)},
		{name: "rank 1 in Fortran order", file: v1("{'descr': '<i2', 'fortran_order': True, 'shape': (6,), }", d12)},
		{name: "rank 3", file: v1(withKey("shape", "(1, 2, 3)"), d12), err: typed.ErrShape, frag: "shape (1, 2, 3) of int16 has 3 dimensions", stricter: not2D},
		{name: "rank 33", file: v1(withKey("shape", "("+strings.Repeat("1, ", 33)+")"), seq(2)), err: typed.ErrShape, frag: "has 33 dimensions"},
		{name: "rank 65", file: v1(withKey("shape", "("+strings.Repeat("1, ", 65)+")"), seq(2)), err: typed.ErrShape, frag: "more than 64 dimensions"},
		{name: "negative dimension", file: v1(withKey("shape", "(-2, 3)"), d12), err: typed.ErrShape, frag: "header byte 61: negative dimension", stricter: negative},
		{name: "negative second dimension", file: v1(withKey("shape", "(2, -3)"), d12), err: typed.ErrShape, frag: "negative dimension", stricter: negative},
		{name: "dimension of 31 digits", file: big("(1000000000000000000000000000000, 1)", "<i2"), err: typed.ErrLimit, frag: "header byte 61: dimension too large"},
		{name: "10^12 x 10^12 float64", file: big("(1000000000000, 1000000000000)", "<f8"), err: typed.ErrLimit, frag: "shape (1000000000000, 1000000000000) of float64 needs more than", only64: true},
		{name: "rows*cols*itemsize overflows", file: big("(4611686018427387904, 4)", "<i2"), err: typed.ErrLimit, frag: "needs more than 9223372036854775807 bytes", only64: true},
		{name: "product wraps to zero", file: big("(4294967296, 4294967296)", "|u1"), err: typed.ErrLimit, frag: "needs more than", only64: true},
		{name: "zero rows of 2^62 columns", file: big("(0, 4611686018427387904)", "<i2"), err: typed.ErrLimit, frag: "shape (0, 4611686018427387904) of int16 needs more than", only64: true},
		{name: "2^62 rows of zero columns", file: big("(4611686018427387904, 0)", "<i2"), err: typed.ErrLimit, frag: "needs more than", only64: true},
		{name: "10^9 x 10^9 float64, 16 bytes of data", file: big("(1000000000, 1000000000)", "<f8"), err: typed.ErrFormat, frag: "data truncated", eof: true, stream: 4 * mib, only64: true},
		{name: "data one byte short", file: v1(i2, d12[:11]), err: typed.ErrFormat, frag: "truncated", eof: true},
		{name: "no data", file: v1(i2, nil), err: typed.ErrFormat, frag: "truncated", eof: true},

		// Dtypes outside the family are named, with the reason.
		{name: "object", file: v1(withKey("descr", "'|O'"), seq(16)), err: typed.ErrDType, frag: `dtype "|O": object arrays need pickle, which npy2d never runs`},
		{name: "unicode", file: v1(withKey("descr", "'<U3'"), utf32("abcdéfghi\x00jk\u00ffmnop\U0001f642"))},
		{name: "unicode big-endian", file: v1(withKey("descr", "'>U2'"), []byte("\x00\x00\x00a\x00\x00\x00b\x00\x00\x00c\x00\x00\x00\x00\x00\x00\x00\xe9\x00\x00\x00\x00\x00\x00\x00d\x00\x00\x00e\x00\x00\x00f\x00\x00\x00g\x00\x00\x00h\x00\x00\x00i"))},
		{name: "unicode past U+10FFFF", file: v1(withKey("descr", "'<U3'"), seq(72)), err: typed.ErrFormat, frag: "is beyond Unicode (U+10FFFF)", stricter: "code units past U+10FFFF are no characters; numpy makes str objects Python itself cannot"},
		{name: "bytes", file: v1(withKey("descr", "'|S3'"), seq(18))},
		{name: "unicode of width 0", file: v1(withKey("descr", "'<U0'"), nil), err: typed.ErrDType, frag: "needs a width", stricter: "a string dtype of width 0 holds nothing"},
		{name: "void", file: v1(withKey("descr", "'|V4'"), seq(24)), err: typed.ErrDType, frag: `dtype "|V4": void`, stricter: notNumeric},
		{name: "datetime", file: v1(withKey("descr", "'<M8[ns]'"), seq(48)), err: typed.ErrDType, frag: `dtype "<M8[ns]": datetime and timedelta dtypes are not supported`, stricter: notNumeric},
		{name: "timedelta", file: v1(withKey("descr", "'<m8[s]'"), seq(48)), err: typed.ErrDType, frag: `dtype "<m8[s]": datetime`, stricter: notNumeric},
		{name: "long double", file: v1(withKey("descr", "'<f16'"), seq(96)), err: typed.ErrDType, frag: `dtype "<f16": not in the dtype table`, stricter: notNumeric},
		{name: "structured", file: v1(withKey("descr", "[('x', '<f8'), ('y', '<i4')]"), seq(72)), err: typed.ErrDType, frag: `structured dtype "[('x', '<f8'), ('y', '<i4')]"`, stricter: notNumeric},
		{name: "sub-array", file: v1(withKey("descr", "('<i2', (1,))"), d12), err: typed.ErrDType, frag: `structured dtype "('<i2', (1,))"`, stricter: notNumeric},
		{name: "unknown dtype", file: v1(withKey("descr", "'<z9'"), d12), err: typed.ErrDType, frag: `dtype "<z9": not in the dtype table`},
		{name: "empty descr", file: v1(withKey("descr", "''"), d12), err: typed.ErrDType, frag: `dtype "": empty dtype`},

		// Bool bytes other than 0 and 1.
		{name: "bool byte 2", file: v1(withKey("descr", "'|b1'"), []byte{0, 1, 1, 0, 2, 1}), err: typed.ErrFormat, frag: "bool byte 0x02 at data offset 4, want 0 or 1", stricter: boolBytes},
		{name: "bool byte 0xff in Fortran order", file: v1("{'descr': '|b1', 'fortran_order': True, 'shape': (2, 3), }", []byte{0, 1, 0xff, 0, 0, 1}), err: typed.ErrFormat, frag: "bool byte 0xff at data offset 2", stricter: boolBytes},
	}
	for _, order := range [][3]string{
		{"descr", "fortran_order", "shape"}, {"descr", "shape", "fortran_order"},
		{"fortran_order", "descr", "shape"}, {"fortran_order", "shape", "descr"},
		{"shape", "descr", "fortran_order"}, {"shape", "fortran_order", "descr"},
	} {
		vals := map[string]string{"descr": "'<i2'", "fortran_order": "False", "shape": "(2, 3)"}
		dict := fmt.Sprintf("{'%s': %s, '%s': %s, '%s': %s}", order[0], vals[order[0]], order[1], vals[order[1]], order[2], vals[order[2]])
		cases = append(cases, hostile{name: "keys " + strings.Join(order[:], ","), file: v1(dict, d12)})
	}
	// version 0.0: the preamble must say 0.0 after padNPY wrote 1.0.
	for i := range cases {
		if cases[i].name == "version 0.0" {
			cases[i].file[6] = 0
		}
	}
	return cases
}

// TestHostile decodes every case with every decoder: each gives its error
// (sentinel, message fragment, io.ErrUnexpectedEOF for truncation) without
// panicking and within its allocation bound, or accepts the file.
func TestHostile(t *testing.T) {
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			for _, d := range decoders {
				var (
					a   typed.Array
					err error
				)
				bound := uint64(64 * kib)
				if c.stream > 0 && d.name == "ReadNPY(stream)" {
					bound = c.stream
				}
				got := allocated(func() { a, err = d.decode(c.file) })
				if got > bound {
					t.Errorf("%s allocated %d bytes, bound %d", d.name, got, bound)
				}
				if c.only64 && !is64 {
					if !errors.Is(err, typed.ErrLimit) {
						t.Fatalf("%s: error %v, want ErrLimit on a 32-bit host", d.name, err)
					}
					continue
				}
				if c.err == nil {
					if err != nil {
						t.Fatalf("%s: %v", d.name, err)
					}
					rows, cols := a.Shape()
					if n := rows * cols * a.DType().Size; len(a.Bytes()) != n {
						t.Fatalf("%s: (%d, %d) array holds %d bytes", d.name, rows, cols, len(a.Bytes()))
					}
					continue
				}
				if !errors.Is(err, c.err) {
					t.Fatalf("%s: error %v, want %v", d.name, err, c.err)
				}
				if !strings.Contains(err.Error(), c.frag) {
					t.Errorf("%s: error %q lacks %q", d.name, err, c.frag)
				}
				if c.eof != errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("%s: error %q: wraps io.ErrUnexpectedEOF is %v, want %v", d.name, err, !c.eof, c.eof)
				}
				if !strings.HasPrefix(err.Error(), "typed: ") {
					t.Errorf("%s: error %q does not say where it comes from", d.name, err)
				}
			}
		})
	}
}

// utf32 is s as little-endian UTF-32 code units.
func utf32(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	return b
}
