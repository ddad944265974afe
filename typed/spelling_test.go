package typed_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// spellingScript asks numpy what np.dtype(s) is for every spelling it can
// enumerate (np.sctypeDict's keys, np.typecodes with and without a byte
// order, kind and size strings), the string spellings derived from the
// table's string rows (argv[2], the table's names, as JSON), and the extra
// spellings in argv[1] (a JSON list).
// It prints one JSON line a spelling:
//
//	ok, str, name, kind, itemsize: np.dtype(s) and its attributes
//	comma: numpy parsed s with its comma-string (structured) syntax, seen by
//	       wrapping numpy's own _commastring
//	badsize: numpy read the size after the kind through a C int that
//	       overflowed, or took a negative one: its itemsize is negative or
//	       not the number written
//	byname: numpy refuses s, but s is the dtype.name of the dtype in str
const spellingScript = `
import json, re, warnings
try:
    import numpy._core._internal as internal  # numpy 2
except ImportError:
    import numpy.core._internal as internal
warnings.simplefilter("ignore")

comma = []
_commastring = internal._commastring
def spy(*a, **k):
    comma.append(True)
    return _commastring(*a, **k)
internal._commastring = spy

cands = []
def add(s):
    if isinstance(s, str) and s not in cands:
        cands.append(s)

orders = ["", "<", ">", "=", "|"]
for k in np.sctypeDict:
    add(k)
for c in np.typecodes["All"] + "ac":
    for o in orders:
        add(o + c)
kinds = sorted(set(np.typecodes["All"]) | set("abiufcOSUVMm"))
for kind in kinds:
    for size in [0, 1, 2, 3, 4, 5, 8, 10, 12, 16, 32, 64]:
        for o in orders:
            add(o + kind + str(size))
strings = [n for n in json.loads(sys.argv[2]) if np.dtype(n).itemsize == 0]
for n in strings:
    for width in [1, 3, 10, 1000]:
        d = np.dtype((n, width))
        for s in [d.name, d.str, d.str[1:], ">" + d.str[1:], "=" + d.str[1:], "|" + d.str[1:]]:
            add(s)
    bits = 8 * np.dtype((n, 1)).itemsize
    for s in [n + "0", n + "8", n + str(bits + 8), n + "0" + str(bits), n + "+" + str(bits), "<" + n + str(bits), n + str(bits) + " ", n.capitalize() + str(bits)]:
        add(s)
for s in json.loads(sys.argv[1]):
    add(s)

def verdict(s):
    comma.clear()
    out = {"s": s}
    try:
        d = np.dtype(s)
    except Exception as e:
        out["ok"] = False
        m = re.fullmatch(r"([a-z]+)([0-9]+)", s)
        if m and m.group(1) in strings:
            bits = int(m.group(2))
            charbits = 8 * np.dtype((m.group(1), 1)).itemsize
            if bits % charbits == 0:
                try:
                    d = np.dtype((m.group(1), bits // charbits))
                    if d.name == s and 8 * d.itemsize == bits:
                        out["byname"] = True
                except Exception:
                    pass
        if not out.get("byname"):
            return out
    else:
        out["ok"] = True
    out.update(str=d.str, name=d.name, kind=d.kind, itemsize=d.itemsize, comma=bool(comma))
    m = re.fullmatch(r"[<>=|]?(.)([ \t\n\v\f\r]*[+-]?[0-9]+)", s)
    if out["ok"] and m:
        n = int(m.group(2))
        if m.group(1) == "U":
            n *= 4
        out["badsize"] = d.itemsize < 0 or d.itemsize != n
    return out

for s in cands:
    print(json.dumps(verdict(s)))
`

// extraSpellings are spellings numpy's own lists do not produce: numpy's
// strtol quirks, sizes that overflow numpy's C int, comma strings, and
// garbage.
var extraSpellings = []string{
	"", " ", "<", ">", "=", "|", "<>f8", "||f8", "f8 ", " f8", "f 8", "f\t8", "f+8", "<f08", "f-8", "f-0", "f_8",
	"i+8", "i 8", "<i08", "u+0001", "c+016", "b+1", "U+5", "U 5", "U05", "S-1", "U-5", "U-0", "S+0",
	"i4294967304", "u4294967297", "f4294967300", "U1073741824", "U1000000000", "U536870911", "U536870912",
	"S2147483647", "S2147483648", "S9223372036854775808", "U99999999999999999999",
	"str68719476704", "str17179869152", "bytes17179869176", "str320000000000",
	"Float64", "float64 ", "<float64", "|float64", "FLOAT64", "f\x008", "float64\x00", "é8", "i٨", "f８",
	"f8,", "()f8", "<()f8", "1f8", "<1f8", "2f8", "(2,)f8", "f8,i4", "f8, i4", "[('x', '<f8')]",
	"M8[ns]", "<M8[ns]", "m8[s]", "O8", "O4", "|O", "<O", "|O8", "V4", "|V4", "a", "a0", "|a5", "<a5", "c", "<c", "|c",
	"str320", "bytes40", "<U10", ">U10", "=U10", "|U10", "U10", "|S5", "S5", "<S5", ">S5", "a5",
}

type numpyDType struct {
	S        string
	OK       bool
	ByName   bool
	Str      string
	Name     string
	Kind     string
	ItemSize int
	Comma    bool
	BadSize  bool
}

// TestParseDTypeAgreesWithNumpy: for every spelling numpy can list and the
// extra ones, ParseDType accepts exactly what np.dtype accepts for a table
// dtype, with numpy's dtype, name and byte order, and refuses the rest with
// ErrDType. The deliberate differences, each marked by numpy's own answer:
// dtype.name spellings of the string kinds (numpy refuses "str320"; npy2d
// accepts it as the dtype whose name it is), strings without a width
// (itemsize 0, refused), numpy's comma-string syntax (refused even where it
// reduces to a plain dtype) and sizes numpy reads through an overflowing C
// int or takes negative (refused).
func TestParseDTypeAgreesWithNumpy(t *testing.T) {
	extra, err := json.Marshal(extraSpellings)
	if err != nil {
		t.Fatal(err)
	}
	var table []string
	for _, dt := range typed.DTypes() {
		table = append(table, dt.Name)
	}
	tableJSON, err := json.Marshal(table)
	if err != nil {
		t.Fatal(err)
	}
	out := numpytest.Run(t, t.TempDir(), spellingScript, string(extra), string(tableJSON))
	var accepted, refused, byName, unsized int
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var np numpyDType
		if err := dec.Decode(&np); err != nil {
			t.Fatal(err)
		}
		dt, order, err := typed.ParseDType(np.S)
		why := ""
		var row typed.DType
		switch {
		case !np.OK && !np.ByName:
			why = "numpy refuses it"
		case np.Comma:
			why = "numpy's comma-string syntax"
		case np.BadSize:
			why = "numpy's item size is not the size written"
		default:
			row, why = tableRow(np)
		}
		if why != "" {
			if !errors.Is(err, typed.ErrDType) {
				t.Errorf("ParseDType(%q) = %s %c, %v; want ErrDType (%s: %+v)", np.S, dt.Descr(), order, err, why, np)
				continue
			}
			if !strings.HasPrefix(err.Error(), "typed: ") {
				t.Errorf("ParseDType(%q): error %q does not say where it comes from", np.S, err)
			}
			if why == "unsized" {
				unsized++
				if !strings.Contains(err.Error(), "needs a width") {
					t.Errorf("ParseDType(%q): error %q does not ask for a width", np.S, err)
				}
			}
			if np.Comma && !strings.Contains(err.Error(), "comma-string") {
				t.Errorf("ParseDType(%q): error %q does not name numpy's comma-string syntax", np.S, err)
			}
			if np.OK && np.Kind == "O" && !strings.Contains(err.Error(), "arr.astype(str)") {
				t.Errorf("ParseDType(%q): error %q does not say what to save instead", np.S, err)
			}
			refused++
			continue
		}
		if err != nil {
			t.Errorf("ParseDType(%q): %v; numpy gives %s", np.S, err, np.Str)
			continue
		}
		// numpy's byte order for a spelling without '<' or '>' is its
		// host's; ParseDType's is the Go host's, which may differ (s390x).
		wantOrder := np.Str[0]
		if wantOrder != '|' && np.S[0] != '<' && np.S[0] != '>' {
			wantOrder = typed.Impl.HostOrder()
		}
		descr := string(order) + dt.Descr()[1:]
		if dt.Name != row.Name || dt.Size != np.ItemSize || dt.String() != np.Name || descr != string(wantOrder)+np.Str[1:] {
			t.Errorf("ParseDType(%q) = %s (%s, %s, size %d); numpy gives %s (%s, size %d)", np.S, descr, dt.Name, dt, dt.Size, np.Str, np.Name, np.ItemSize)
		}
		accepted++
		if np.ByName {
			byName++
		}
	}
	t.Logf("%d spellings accepted (%d of them dtype.name spellings numpy refuses), %d refused (%d unsized strings)", accepted, byName, refused, unsized)
	if accepted < 100 || byName == 0 || unsized == 0 || refused < 100 {
		t.Errorf("too few spellings of some kind checked")
	}
}

// tableRow finds the table row of numpy's dtype, or says why there is none.
func tableRow(np numpyDType) (typed.DType, string) {
	for _, dt := range typed.DTypes() {
		switch {
		case string(dt.Kind) != np.Kind:
		case dt.Flexible() && np.ItemSize == 0:
			return dt, "unsized"
		case dt.Flexible() || dt.Size == np.ItemSize:
			return dt, ""
		}
	}
	return typed.DType{}, "not in the table"
}

// TestParseDTypeAllocs: parsing allocates only to report an error.
func TestParseDTypeAllocs(t *testing.T) {
	for _, s := range []string{"<f8", ">i4", "|b1", "?", "d", "=e", "float64", "double", "longlong", "i+8", "<U10", ">U10", "|S5", "a5", "c", "str320", "bytes40"} {
		if _, _, err := typed.ParseDType(s); err != nil {
			t.Errorf("ParseDType(%q): %v", s, err)
		}
		if n := testing.AllocsPerRun(100, func() { _, _, _ = typed.ParseDType(s) }); n != 0 {
			t.Errorf("parsing %q allocates %v times", s, n)
		}
	}
}

// TestParseDTypeRefusals: each refusal says why.
func TestParseDTypeRefusals(t *testing.T) {
	for _, c := range []struct{ s, frag string }{
		{"O", "save arr.astype(str)"},
		{"|O", "object arrays need pickle"},
		{"object", "save arr.astype(str)"},
		{"U", "needs a width"},
		{"<U0", "needs a width"},
		{"str", "needs a width"},
		{"bytes", "needs a width"},
		{"str8", "a positive multiple of 32"},
		{"|V4", "void"},
		{"<M8[ns]", "datetime"},
		{"<f16", "not in the dtype table: numpy's long double"},
		{"longdouble", "long double"},
		{"f8,i4", "comma-string"},
		{"S-1", "size out of range"},
		{"i4294967304", "size out of range"},
		{"<z9", "not in the dtype table"},
		{"", "empty dtype"},
		{"<", "byte order alone"},
	} {
		_, _, err := typed.ParseDType(c.s)
		if !errors.Is(err, typed.ErrDType) || !strings.Contains(err.Error(), c.frag) {
			t.Errorf("ParseDType(%q): %v; want ErrDType saying %q", c.s, err, c.frag)
		}
	}
}
