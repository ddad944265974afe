package typed_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// TestHostileJSON: the JSON envelope refuses what is not exactly one
// envelope of a table dtype whose data fits its shape, each with its
// sentinel and a message that says what was wrong, within a small
// allocation.
func TestHostileJSON(t *testing.T) {
	const ok = `{"dtype":"int16","shape":[1,2],"data":"AQACAA=="}`
	hugeFrag := "needs more than"
	if !is64 {
		hugeFrag = "beyond this platform"
	}
	for _, tc := range []struct {
		name, js string
		err      error
		frag     string
	}{
		{"valid", ok, nil, ""},
		{"spaces and another key order", " {\"data\": \"AQACAA==\",\n \"shape\": [1, 2], \"dtype\": \"<i2\"}\t", nil, ""},
		{"stray brace after", ok + "}", typed.ErrFormat, "data after the object at byte 49"},
		{"stray bracket after", ok + " ]", typed.ErrFormat, "data after the object"},
		{"second object", ok + ok, typed.ErrFormat, "data after the object"},
		{"not an object", `[1, 2]`, typed.ErrFormat, "json envelope"},
		{"null", `null`, typed.ErrFormat, "needs dtype, shape and data"},
		{"empty", ``, typed.ErrFormat, "json envelope"},
		{"truncated", ok[:30], typed.ErrFormat, "json envelope"},
		{"unknown key", `{"dtype":"int16","shape":[1,2],"data":"AQACAA==","order":"C"}`, typed.ErrFormat, `unknown field "order"`},
		{"no data", `{"dtype":"int16","shape":[1,2]}`, typed.ErrFormat, "needs dtype, shape and data"},
		{"shape of rank 3", `{"dtype":"int16","shape":[1,1,2],"data":"AQACAA=="}`, typed.ErrShape, "has 3 dimensions; the family holds arrays of 0, 1 or 2"},
		{"negative shape", `{"dtype":"int16","shape":[-1,-2],"data":"AQACAA=="}`, typed.ErrShape, "[-1 -2] has a negative dimension"},
		{"fractional shape", `{"dtype":"int16","shape":[1.5,2],"data":"AQACAA=="}`, typed.ErrFormat, "json envelope"},
		{"huge shape", `{"dtype":"int16","shape":[1000000000000,1000000000000],"data":"AQACAA=="}`, typed.ErrLimit, hugeFrag},
		{"shape beyond int", `{"dtype":"int16","shape":[9223372036854775807,0],"data":""}`, typed.ErrLimit, ""},
		{"shape beyond int64", `{"dtype":"int16","shape":[1e30,1],"data":"AQACAA=="}`, typed.ErrFormat, "json envelope"},
		{"data too short", `{"dtype":"int16","shape":[2,2],"data":"AQACAA=="}`, typed.ErrShape, "needs 8 bytes"},
		{"data too long", `{"dtype":"int16","shape":[1,1],"data":"AQACAA=="}`, typed.ErrShape, "needs 2 bytes"},
		{"bad base64", `{"dtype":"int16","shape":[1,2],"data":"AQAC*A=="}`, typed.ErrFormat, "json envelope data"},
		{"object dtype", `{"dtype":"|O","shape":[1,2],"data":"AQACAA=="}`, typed.ErrDType, "pickle"},
		{"unknown dtype", `{"dtype":"int24","shape":[1,2],"data":"AQACAA=="}`, typed.ErrDType, `dtype "int24"`},
		{"bool byte 2", `{"dtype":"bool","shape":[1,2],"data":"AQI="}`, typed.ErrFormat, "bool byte 0x02 at data offset 1"},
	} {
		var err error
		got := allocated(func() { _, err = typed.Impl.ParseJSON([]byte(tc.js), typed.Limits{}) })
		if got > 64*kib {
			t.Errorf("%s: allocated %d bytes", tc.name, got)
		}
		if tc.err == nil {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			var a generated.Int16Array2D
			if err := a.UnmarshalJSON([]byte(tc.js)); err != nil || a.At(0, 1) != 2 {
				t.Errorf("%s: UnmarshalJSON: %v", tc.name, err)
			}
			continue
		}
		if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.frag) {
			t.Errorf("%s: %v, want %v with %q", tc.name, err, tc.err, tc.frag)
		}
	}
}
