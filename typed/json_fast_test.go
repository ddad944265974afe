package typed

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// decodeBoth decodes js with DecodeJSON (the fast path where it applies)
// and with parseJSONSlow (encoding/json), and fails unless both accept with
// the same envelope or both refuse with the same sentinel.
func decodeBoth(t *testing.T, js []byte) (Envelope, error) {
	t.Helper()
	var data []byte
	fast, ferr := Impl.DecodeJSON(js, DType{}, Limits{}, func(n int) []byte {
		data = make([]byte, n)
		return data
	})
	slow, serr := parseJSONSlow(js, Limits{})
	if (ferr == nil) != (serr == nil) {
		t.Fatalf("%q: fast %v, slow %v", js, ferr, serr)
	}
	if ferr != nil {
		for _, s := range []error{ErrFormat, ErrDType, ErrShape, ErrLimit} {
			if errors.Is(ferr, s) != errors.Is(serr, s) {
				t.Fatalf("%q: fast %v, slow %v", js, ferr, serr)
			}
		}
		return fast, ferr
	}
	if fast.DType != slow.DType || fast.NDim != slow.NDim || fast.Rows != slow.Rows || fast.Cols != slow.Cols ||
		!bytes.Equal(fast.Data, slow.Data) || !bytes.Equal(data, slow.Data) {
		t.Fatalf("%q: fast %+v, slow %+v", js, fast, slow)
	}
	return fast, nil
}

func shapeText(ndim, rows, cols int) string {
	switch ndim {
	case 0:
		return "[]"
	case 1:
		return fmt.Sprintf("[%d]", cols)
	}
	return fmt.Sprintf("[%d,%d]", rows, cols)
}

// TestJSONFastMatchesSlow: for every dtype, rank and a spread of sizes
// (empty and odd included), what AppendJSON writes, and the same envelope
// respaced, reordered and spelled with descrs of either byte order, decodes
// alike on both paths and back to the data.
func TestJSONFastMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, dt := range DTypes() {
		dt := withWidth(dt)
		for _, sh := range [][3]int{{0, 1, 1}, {1, 1, 0}, {1, 1, 1}, {1, 1, 7}, {2, 0, 3}, {2, 3, 0}, {2, 1, 1}, {2, 3, 5}, {2, 17, 13}, {2, 64, 33}} {
			ndim, rows, cols := sh[0], sh[1], sh[2]
			data := make([]byte, rows*cols*dt.Size)
			for i := range data {
				data[i] = byte(rng.Uint32())
			}
			if dt.Kind == 'b' {
				for i := range data {
					data[i] &= 1
				}
			}
			js, err := Impl.AppendJSON(nil, dt, ndim, rows, cols, data)
			if err != nil {
				t.Fatal(err)
			}
			e, err := decodeBoth(t, js)
			if err != nil || e.NDim != ndim || e.Rows != rows || e.Cols != cols || !bytes.Equal(e.Data, data) {
				t.Fatalf("%s %v: %+v, %v", dt.Name, sh, e, err)
			}
			b64 := base64.StdEncoding.EncodeToString(Impl.HostOrderCopy(data, dt, '<'))
			big := bytes.Clone(Impl.HostOrderCopy(data, dt, '<'))
			if dt.Size > 1 {
				Impl.Swap(big, dt.SwapUnit())
			}
			for _, v := range []string{
				fmt.Sprintf(" {\n\t\"data\" : %q ,\r\n \"shape\":\t%s, \"dtype\": %q } ", b64, strings.ReplaceAll(shapeText(ndim, rows, cols), ",", " , "), dt.Descr()),
				fmt.Sprintf(`{"shape":%s,"dtype":%q,"data":%q}`, shapeText(ndim, rows, cols), strings.TrimLeft(dt.Descr(), "<|"), b64),
				fmt.Sprintf(`{"dtype":%q,"shape":%s,"data":%q}`, ">"+dt.Descr()[1:], shapeText(ndim, rows, cols), base64.StdEncoding.EncodeToString(big)),
			} {
				if e, err := decodeBoth(t, []byte(v)); err != nil || !bytes.Equal(e.Data, data) {
					t.Fatalf("%s: %q: %v", dt.Name, v, err)
				}
			}
		}
	}
}

// TestJSONFastEdges: spellings that are valid JSON but not the usual form,
// and invalid ones, go to (or agree with) encoding/json.
func TestJSONFastEdges(t *testing.T) {
	for _, js := range []string{
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA\u003d\u003d"}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQ\/CAA=="}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQAC\nAA=="}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQAC` + "\n" + `AA=="}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA="}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA=="`,
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA==",}`,
		`{"dtype":"int16","shape":[1,2,],"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":[01,2],"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":[1,-2],"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":[1,2e0],"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":[1,1,2],"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":[2],"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":[],"data":"AQA="}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA==","data":"AQACAA=="}`,
		`{"DTYPE":"int16","shape":[1,2],"data":"AQACAA=="}`,
		`{"dtype":"int\u0031\u0036","shape":[1,2],"data":"AQACAA=="}`,
		`{"dtype":"","shape":[1,2],"data":"AQACAA=="}`,
		`{"dtype":null,"shape":[1,2],"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":null,"data":"AQACAA=="}`,
		`{"dtype":"int16","shape":[1,2],"data":null}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA=="} x`,
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA=="}}`,
		`{"dtype":"int16","shape":[1,2]}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQAC*A=="}`,
		`{"dtype":"int16","shape":[1,2],"data":"AQAC\"A=="}`,
		`{"dtype":"bool","shape":[1,2],"data":"AQI="}`,
		`{"dtype":"int16","shape":[999999999999999999,999999999999999999],"data":""}`,
		`{"dtype":"int16","shape":[9999999999999999999,1],"data":""}`,
		`{"dtype":"int16","shape":[0,9223372036854775807],"data":""}`,
		`{"dtype":"<f8","shape":[1,1],"data":"AAAAAAAA8D8="}`,
		`{"dtype":"f\u00e9","shape":[1,1],"data":"AAAAAAAA8D8="}`,
		"{\"dtype\":\"f8\xff\",\"shape\":[1,1],\"data\":\"AAAAAAAA8D8=\"}",
		`{"dtype":"int16","shape":[1,2],"data":"AQACAA=="}` + "\t\r\n ",
		` `, ``, `{}`, `[]`, `null`, `{"dtype":"int16"`, `{"dtype"`, `{"shape":[`, `{"shape":[1`, `{"data":"`,
	} {
		decodeBoth(t, []byte(js))
	}
}

// TestJSONFastMutations: single-byte changes of a valid envelope are
// accepted or refused by both paths alike.
func TestJSONFastMutations(t *testing.T) {
	base := []byte(`{"dtype":"<u2","shape":[2,3],"data":"AQACAAMABAAFAAYA"}`)
	alphabet := []byte(` "\,:[]{}01239-eE.+AQ=/\n\tu` + "\x00\x7f\xc3")
	for i := range base {
		for _, c := range alphabet {
			m := bytes.Clone(base)
			m[i] = c
			decodeBoth(t, m)
			decodeBoth(t, append(bytes.Clone(base[:i]), base[i+1:]...))
			decodeBoth(t, append(append(bytes.Clone(base[:i]), c), base[i:]...))
		}
	}
}

// TestJSONRank: AppendJSON writes the shape of the rank asked for and
// refuses a rank the shape does not have.
func TestJSONRank(t *testing.T) {
	dt := Impl.MustDType("int8")
	for _, tc := range []struct {
		ndim, rows, cols int
		want             string
	}{
		{0, 1, 1, `{"dtype":"int8","shape":[],"data":"Bw=="}`},
		{1, 1, 1, `{"dtype":"int8","shape":[1],"data":"Bw=="}`},
		{2, 1, 1, `{"dtype":"int8","shape":[1,1],"data":"Bw=="}`},
	} {
		js, err := Impl.AppendJSON(nil, dt, tc.ndim, tc.rows, tc.cols, []byte{7})
		if err != nil || string(js) != tc.want {
			t.Errorf("ndim %d: %s, %v", tc.ndim, js, err)
		}
	}
	for _, tc := range [][3]int{{0, 1, 2}, {0, 2, 1}, {1, 2, 1}, {3, 1, 2}, {-1, 1, 2}} {
		if _, err := Impl.AppendJSON(nil, dt, tc[0], tc[1], tc[2], make([]byte, tc[1]*tc[2])); !errors.Is(err, ErrShape) {
			t.Errorf("ndim %d shape (%d, %d): %v, want ErrShape", tc[0], tc[1], tc[2], err)
		}
	}
	if _, err := Impl.ParseJSON([]byte(`{"dtype":"int8","shape":[1,1,1],"data":"Bw=="}`), Limits{}); !errors.Is(err, ErrShape) || !strings.Contains(err.Error(), "(1, 1, 1)") {
		t.Errorf("rank 3: %v", err)
	}
}

// TestDecodeJSONReuses: decoding into storage of the right size allocates
// nothing, and a dtype other than the one wanted is refused before the
// storage is touched.
func TestDecodeJSONReuses(t *testing.T) {
	dt := Impl.MustDType("float64")
	data := make([]byte, 8*100*30)
	for i := range data {
		data[i] = byte(i * 7)
	}
	js, _ := Impl.AppendJSON(nil, dt, 2, 100, 30, data)
	store := make([]byte, len(data))
	resize := func(n int) []byte { return store[:n] }
	if n := testing.AllocsPerRun(20, func() {
		if _, err := Impl.DecodeJSON(js, dt, Limits{}, resize); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("DecodeJSON allocated %v times a call", n)
	}
	if !bytes.Equal(store, data) {
		t.Error("decoded data differs")
	}
	called := false
	_, err := Impl.DecodeJSON(js, Impl.MustDType("int64"), Limits{}, func(n int) []byte { called = true; return make([]byte, n) })
	if !errors.Is(err, ErrDType) || called {
		t.Errorf("mismatch: %v, resize called %v", err, called)
	}
}

// TestAppendJSONGrowsOnce: MarshalJSON's buffer is allocated once.
func TestAppendJSONGrowsOnce(t *testing.T) {
	for _, dt := range DTypes() {
		dt := withWidth(dt)
		data := make([]byte, dt.Size*1001)
		if dt.Kind == 'b' {
			clear(data)
		}
		if n := testing.AllocsPerRun(10, func() { Impl.AppendJSON(nil, dt, 2, 1, 1001, data) }); n != 1 && !raceEnabled {
			t.Errorf("%s: %v allocations", dt.Name, n)
		}
	}
}
