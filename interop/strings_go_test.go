package interop_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// stringsCheck builds each case in numpy from the same values, np.save's
// it and compares with Go's file byte for byte; it also loads Go's file and
// decodes Go's JSON envelope, which must give the same array.
const stringsCheck = `
import base64, io, json
cases = json.load(open(sys.argv[1]))
errors = []
for c in cases:
    if c['kind'] == 'U':
        values = [''.join(map(chr, cps)) for cps in c['values']]
    else:
        values = [bytes.fromhex(h) for h in c['values']]
    dt = c['kind'] + (str(c['width']) if c['width'] else '')
    want = np.array(values, dtype=dt).reshape(c['shape'])
    buf = io.BytesIO()
    np.save(buf, want)
    got = open(c['file'], 'rb').read()
    if got != buf.getvalue():
        errors.append('%s: Go wrote %r, np.save %r' % (c['file'], got[:160], buf.getvalue()[:160]))
    back = np.load(c['file'])
    if back.dtype != want.dtype or back.shape != want.shape or (back != want).any():
        errors.append('%s: numpy loads %r, want %r' % (c['file'], back, want))
    env = json.load(open(c['json']))
    dec = np.frombuffer(base64.b64decode(env['data']), dtype=env['dtype']).reshape(env['shape'])
    if dec.dtype != want.dtype or dec.shape != want.shape or (dec != want).any():
        errors.append('%s: envelope decodes to %r, want %r' % (c['json'], dec, want))
print(json.dumps({'checked': len(cases), 'errors': errors}))
`

// TestGoStringsAsNumpy: string arrays made in Go are what numpy makes of
// the same values, byte for byte: the width numpy infers (the longest
// value), values cut to a narrower width, trailing NULs dropped, embedded
// NULs kept, characters beyond the BMP, lone surrogates, every rank.
func TestGoStringsAsNumpy(t *testing.T) {
	dir := t.TempDir()
	type goCase struct {
		Kind   string `json:"kind"`
		Width  int    `json:"width"`
		Shape  []int  `json:"shape"`
		Values []any  `json:"values"`
		File   string `json:"file"`
		JSON   string `json:"json"`
	}
	cases := []struct {
		dtype  string
		width  int
		shape  []int
		values []string
	}{
		{"str", 0, []int{3}, []string{"setosa", "versicolor", "virginica"}},
		{"str", 0, []int{2}, []string{"ab\x00", "c"}},
		{"str", 3, []int{2, 2}, []string{"héllo", "ab", "日本語です", ""}},
		{"str", 0, []int{}, []string{"scalar"}},
		{"str", 0, []int{0}, nil},
		{"str", 0, []int{3}, []string{"a\x00b", "\U0001f642 ok", "\xed\xa0\x80x"}},
		{"bytes", 0, []int{3}, []string{"no", "yes", "\xff\x00\xfe"}},
		{"bytes", 2, []int{1, 3}, []string{"abc", "d", "tail\x00"}},
		{"bytes", 0, []int{}, []string{""}},
	}
	var list []goCase
	for i, c := range cases {
		dt, _ := typed.LookupDType(c.dtype)
		a, err := generated.NewArray(dt.WithWidth(c.width), c.shape...)
		if c.width == 0 {
			a, err = generated.NewArray(dt.WithWidth(1), c.shape...)
		}
		if err != nil {
			t.Fatal(err)
		}
		gc := goCase{Kind: string(dt.Kind), Width: c.width, Shape: c.shape, Values: []any{}}
		switch v := a.(type) {
		case *generated.StringArray2D:
			v.Width = c.width
			copy(v.Data, c.values)
			for _, s := range c.values {
				gc.Values = append(gc.Values, codePoints(s))
			}
		case *generated.BytesArray2D:
			v.Width = c.width
			copy(v.Data, c.values)
			for _, s := range c.values {
				gc.Values = append(gc.Values, hex.EncodeToString([]byte(s)))
			}
		}
		gc.File = fmt.Sprintf("go-strings-%d.npy", i)
		gc.JSON = fmt.Sprintf("go-strings-%d.json", i)
		raw, err := a.(interface{ MarshalBinary() ([]byte, error) }).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		numpytest.WriteFile(t, dir, gc.File, raw)
		env, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		numpytest.WriteFile(t, dir, gc.JSON, env)
		list = append(list, gc)
	}
	manifest, _ := json.Marshal(list)
	numpytest.WriteFile(t, dir, "cases.json", manifest)
	out := numpytest.Run(t, dir, stringsCheck, filepath.Join(dir, "cases.json"))
	var res struct {
		Checked int
		Errors  []string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, e := range res.Errors {
		t.Error(e)
	}
	if res.Checked != len(cases) {
		t.Errorf("numpy checked %d cases of %d", res.Checked, len(cases))
	}
}

// codePoints is what a 'U' array holds for s: its characters, a lone
// surrogate in its three-byte form as itself, any other invalid byte as
// U+FFFD (Go's []rune(s)).
func codePoints(s string) []int {
	out := []int{}
	for len(s) > 0 {
		if len(s) >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && s[2]&0xC0 == 0x80 {
			out = append(out, int(s[0]&0x0F)<<12|int(s[1]&0x3F)<<6|int(s[2]&0x3F))
			s = s[3:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		out = append(out, int(r))
		s = s[n:]
	}
	return out
}
