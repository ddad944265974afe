package typed

import "testing"

// FuzzCanonicalAgrees is a differential fuzz target for the header fast
// path: whatever dict parseCanonical accepts, the general parser must
// accept too and give the same Header, under the same limits. (The public
// fuzz targets cannot see which path parsed a header.)
func FuzzCanonicalAgrees(f *testing.F) {
	for _, d := range table {
		f.Add(canonDict(d.Descr(), false, 3, 4), int64(0))
		f.Add(canonDict(">"+d.Descr()[1:], true, 0, 17), int64(64))
	}
	f.Add(canonDict("<f8", false, 999999999999999999, 0), int64(0))
	f.Add(canonDict("<i2", false, 1000000, 1000000), int64(1<<40))
	f.Fuzz(func(t *testing.T, dict []byte, maxData int64) {
		lim := Limits{MaxDataBytes: maxData}
		got, ok := parseCanonical(dict, lim)
		if !ok {
			return
		}
		want, err := parseDict(dict, 10, lim, true)
		if err != nil {
			t.Fatalf("%q: the fast path accepts what parseDict refuses: %v", dict, err)
		}
		if got != want {
			t.Fatalf("%q:\nfast path %+v\nparseDict %+v", dict, got, want)
		}
	})
}
