package interop_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// numericDTypes are the table's dtypes that convert: all but the strings.
func numericDTypes() []typed.DType {
	var out []typed.DType
	for _, dt := range typed.DTypes() {
		if !dt.Flexible() {
			out = append(out, dt)
		}
	}
	return out
}

// TestAsTypeMatchesNumpy converts numpy's edge values of every numeric
// dtype (negative to unsigned, float to integer truncation, integer
// wrap-around, float16 rounding, complex to real, NaN payloads) to every
// numeric dtype, and compares bit for bit with numpy's astype wherever
// numpy defines the result.
func TestAsTypeMatchesNumpy(t *testing.T) {
	dir := t.TempDir()
	out := numpytest.Run(t, dir, script(t, "numpy_astype.py"))
	covered := strings.Fields(string(out))
	dts := numericDTypes()
	if len(covered) != len(dts) {
		t.Fatalf("numpy covered %v; the table's numeric dtypes are %d", covered, len(dts))
	}
	read := func(name string) typed.Array {
		t.Helper()
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		a, err := generated.ReadNPY(f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return a
	}
	pairs, undefined := 0, 0
	for _, from := range dts {
		src := read(fmt.Sprintf("src_%s.npy", from.Name))
		orig := bytes.Clone(src.Bytes())
		for _, to := range dts {
			name := fmt.Sprintf("%s_%s", from.Name, to.Name)
			want := read("to_" + name + ".npy")
			def := read("def_" + name + ".npy").(*generated.BoolArray2D)
			got, err := generated.AsType(src, to)
			if err != nil {
				t.Errorf("%s to %s: %v", from, to, err)
				continue
			}
			pairs++
			wr, wc := want.Shape()
			if gr, gc := got.Shape(); got.DType() != to || gr != wr || gc != wc {
				t.Errorf("%s to %s: got %s (%d, %d), want %s (%d, %d)", from, to, got.DType(), gr, gc, to, wr, wc)
				continue
			}
			if from == to && got != src {
				t.Errorf("%s to %s: a copy, want the array itself", from, to)
			}
			g, w := got.Bytes(), want.Bytes()
			for i, ok := range def.Data {
				el := func(b []byte) []byte { return b[i*to.Size : (i+1)*to.Size] }
				if !ok {
					undefined++
					continue
				}
				if !bytes.Equal(el(g), el(w)) {
					t.Errorf("%s to %s: element %d: %s gives %x, numpy %x", from, to, i, value(src, i), el(g), el(w))
				}
			}
		}
		if !bytes.Equal(src.Bytes(), orig) {
			t.Errorf("converting %s changed its source", from)
		}
	}
	t.Logf("%d pairs compared with numpy; %d float-to-integer elements numpy leaves undefined skipped", pairs, undefined)
}

// value formats element i of a for messages.
func value(a typed.Array, i int) string {
	b := a.Bytes()[i*a.DType().Size : (i+1)*a.DType().Size]
	v, err := generated.FromBytes(b, a.DType().Name, 1, 1)
	if err != nil {
		return fmt.Sprintf("%x", b)
	}
	return fmt.Sprintf("%s %v (%x)", a.DType(), reflect.ValueOf(v).Elem().FieldByName("Data").Index(0), b)
}

// foreign is another package's typed.Array: AsType reaches its data
// through Bytes.
type foreign struct{ typed.Array }

// fakeStrings claims a string dtype, as an array of the string kinds will.
type fakeStrings struct{ typed.Array }

func (fakeStrings) DType() typed.DType { return typed.Impl.MustDType("str").WithWidth(1) }

// TestAsTypeAPI: conversions keep the shape, the same dtype is no copy, an
// array of another package converts through its bytes (and its own dtype
// is a view, not a copy), and what cannot convert says why.
func TestAsTypeAPI(t *testing.T) {
	for _, from := range numericDTypes() {
		a, err := generated.NewArray(from, 2, 3)
		if err != nil {
			t.Fatal(err)
		}
		copy(a.Bytes(), bytes.Repeat([]byte{1}, len(a.Bytes()))) // 1s: valid bools too
		for _, to := range numericDTypes() {
			got, err := generated.AsType(a, to)
			if err != nil {
				t.Fatalf("%s to %s: %v", from, to, err)
			}
			if r, c := got.Shape(); r != 2 || c != 3 || got.DType() != to {
				t.Errorf("%s to %s: got %s (%d, %d)", from, to, got.DType(), r, c)
			}
			if (from == to) != (got == a) {
				t.Errorf("%s to %s: the result is the array itself: %v", from, to, got == a)
			}
			viaBytes, err := generated.AsType(foreign{a}, to)
			if err != nil {
				t.Fatalf("%s to %s, another package's array: %v", from, to, err)
			}
			if !bytes.Equal(viaBytes.Bytes(), got.Bytes()) {
				t.Errorf("%s to %s: another package's array converts to %x, not %x", from, to, viaBytes.Bytes(), got.Bytes())
			}
			if from == to && &viaBytes.Bytes()[0] != &a.Bytes()[0] {
				t.Errorf("%s to %s: another package's array was copied, not viewed", from, to)
			}
		}
		if _, err := generated.AsType(a, typed.Impl.MustDType("str").WithWidth(4)); !errors.Is(err, typed.ErrDType) || !strings.Contains(err.Error(), "string arrays are not converted") {
			t.Errorf("%s to str128: %v, want ErrDType for strings", from, err)
		}
		if _, err := generated.AsType(fakeStrings{a}, from); !errors.Is(err, typed.ErrDType) || !strings.Contains(err.Error(), "string arrays are not converted") {
			t.Errorf("str32 to %s: %v, want ErrDType for strings", from, err)
		}
	}
	// numpy's rank is kept: a vector stays a vector, a scalar a scalar.
	for _, shape := range [][]int{{5}, {}, {1, 5}} {
		a, err := generated.NewArray(typed.Impl.MustDType("int16"), shape...)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []typed.Array{a, foreign{a}} {
			got, err := generated.AsType(a, typed.Impl.MustDType("float32"))
			if err != nil {
				t.Fatal(err)
			}
			if got.NDim() != len(shape) || fmt.Sprint(got.(interface{ NumpyShape() []int }).NumpyShape()) != fmt.Sprint(shape) {
				t.Errorf("int16 of shape %v to float32: rank %d", shape, got.NDim())
			}
		}
	}
	bad := &generated.Int32Array2D{Rows: 2, Cols: 2, Data: make([]int32, 3)}
	if _, err := generated.AsFloat64Array2D(bad); !errors.Is(err, typed.ErrShape) {
		t.Errorf("data that does not fit the shape: %v, want ErrShape", err)
	}
}

// BenchmarkAsType converts a 1000x1000 array of every numeric dtype to
// float64, the usual dtype for inference, and float64 to every dtype.
func BenchmarkAsType(b *testing.B) {
	f64 := typed.Impl.MustDType("float64")
	run := func(from, to typed.DType) {
		a, err := generated.NewArray(from, 1000, 1000)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(from.Name+"/"+to.Name, func(b *testing.B) {
			b.SetBytes(int64(len(a.Bytes())))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generated.AsType(a, to); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, dt := range numericDTypes() {
		run(dt, f64)
	}
	for _, dt := range numericDTypes() {
		if dt != f64 {
			run(f64, dt)
		}
	}
}
