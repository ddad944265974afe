package typed

import (
	"fmt"
	"strings"
	"testing"
)

// canonDict is an np.save header dict for the given fields, padded as
// np.save pads it (the data starts at a multiple of 64 bytes).
func canonDict(descr string, fortran bool, rows, cols int64) []byte {
	f := "False"
	if fortran {
		f = "True"
	}
	d := fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': (%d, %d), }", descr, f, rows, cols)
	d += strings.Repeat(" ", 64-(10+len(d)+1)%64)
	return []byte(d + "\n")
}

// TestCanonicalMatchesParseDict: the fast path takes every np.save header
// of every dtype, byte order and a range of shapes, and gives exactly the
// Header the general parser gives.
func TestCanonicalMatchesParseDict(t *testing.T) {
	shapes := [][2]int64{{0, 0}, {3, 3}, {1, 1000}, {1000, 1000}, {0, 7}, {123456789, 10}, {999999999999999999, 0}}
	n := 0
	for _, d := range table {
		for _, o := range []string{"<", ">", "|", "="} {
			descr := o + string(d.Kind) + fmt.Sprint(d.Size)
			if _, _, err := parseDType([]byte(descr)); err != nil {
				continue
			}
			for _, s := range shapes {
				for _, fortran := range []bool{false, true} {
					dict := canonDict(descr, fortran, s[0], s[1])
					want, err := parseDict(dict, 10, Limits{}, true)
					got, ok := parseCanonical(dict, Limits{})
					if err != nil {
						if ok {
							t.Errorf("%s: fast path accepts what parseDict refuses (%v)", dict, err)
						}
						continue
					}
					if !ok {
						t.Errorf("%s: fast path refuses an np.save header", dict)
						continue
					}
					if got != want {
						t.Errorf("%s:\nfast path %+v\nparseDict %+v", dict, got, want)
					}
					n++
				}
			}
		}
	}
	if n < len(table)*len(shapes) {
		t.Fatalf("only %d headers compared", n)
	}
}

// TestCanonicalMutations: for every one-byte change, insertion or deletion
// of np.save headers, whatever the fast path accepts the general parser
// accepts with the same result. Most changes must fall through.
func TestCanonicalMutations(t *testing.T) {
	repl := []byte{' ', '\t', '\n', 0, '0', '1', '9', 'L', '\'', '"', ',', '(', ')', '}', 'x', '<', '>', '|', 'f', 'c'}
	accepted, total := 0, 0
	check := func(dict []byte) {
		total++
		got, ok := parseCanonical(dict, Limits{})
		if !ok {
			return
		}
		accepted++
		want, err := parseDict(dict, 10, Limits{}, true)
		if err != nil {
			t.Errorf("%q: fast path accepts, parseDict says %v", dict, err)
		} else if got != want {
			t.Errorf("%q:\nfast path %+v\nparseDict %+v", dict, got, want)
		}
	}
	for _, base := range [][]byte{
		canonDict("<i8", false, 3, 3),
		canonDict("|b1", true, 10, 0),
		canonDict(">c16", false, 1000, 12),
	} {
		for i := range base {
			for _, c := range repl {
				m := append([]byte(nil), base...)
				m[i] = c
				check(m)
				check(append(append(append([]byte(nil), base[:i]...), c), base[i:]...))
			}
			check(append(append([]byte(nil), base[:i]...), base[i+1:]...))
		}
	}
	if accepted == 0 || accepted == total {
		t.Fatalf("fast path accepted %d of %d mutations: the test exercises nothing", accepted, total)
	}
}

// TestCanonicalLimits: a size the limits refuse is left to parseDict, so
// the error is the general parser's.
func TestCanonicalLimits(t *testing.T) {
	dict := canonDict("<f8", false, 1000, 1000)
	if _, ok := parseCanonical(dict, Limits{MaxDataBytes: 1000}); ok {
		t.Fatal("fast path accepted data over MaxDataBytes")
	}
	if _, ok := parseCanonical(canonDict("<f8", false, 1<<40, 1<<40), Limits{}); ok {
		t.Fatal("fast path accepted an overflowing shape")
	}
}
