package npy2d_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/typed"
)

// The fuzz targets check invariants, not only the absence of panics:
// whatever a decoder accepts re-encodes to bytes that decode to the same
// array (dtype, shape and bytes), decoders that overlap agree with each
// other, and every refusal wraps one of typed's sentinels. Their seeds are
// real numpy files in testdata/seeds (made by testdata/make_seeds.py);
// crashers the fuzzer finds are kept in testdata/fuzz/<Target>/, which plain
// go test replays.

var sentinels = []error{typed.ErrFormat, typed.ErrDType, typed.ErrShape, typed.ErrLimit}

// checkRefusal fails t unless err wraps a typed sentinel; empty input may
// also say io.EOF.
func checkRefusal(t *testing.T, err error) {
	t.Helper()
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error wraps none of typed's sentinels: %v", err)
}

// sameClass fails t unless a and b wrap the same sentinels and agree on
// truncation.
func sameClass(t *testing.T, a, b error) {
	t.Helper()
	for _, s := range append(sentinels[:len(sentinels):len(sentinels)], io.ErrUnexpectedEOF, io.EOF) {
		if errors.Is(a, s) != errors.Is(b, s) {
			t.Fatalf("decoders disagree on %v:\n%v\n%v", s, a, b)
		}
	}
}

// seedFiles returns the seed files whose names match pattern, in name order.
func seedFiles(f *testing.F, pattern string) [][]byte {
	names, err := filepath.Glob(filepath.Join("testdata", "seeds", pattern))
	if err != nil || len(names) == 0 {
		f.Fatalf("no seeds %s in testdata/seeds (run /usr/bin/python3 testdata/make_seeds.py): %v", pattern, err)
	}
	sort.Strings(names)
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// dtypeIndex is the position of dt in typed.DTypes(), the byte that
// selects it in the fuzz inputs.
func dtypeIndex(dt typed.DType) byte {
	for i, d := range typed.DTypes() {
		if d.Name == dt.Name {
			return byte(i)
		}
	}
	panic("dtype not in the table: " + dt.Name)
}

func pickDType(sel byte) typed.DType {
	dts := typed.DTypes()
	dt := dts[int(sel)%len(dts)]
	if dt.Flexible() { // a width from the selector too
		dt = dt.WithWidth(1 + int(sel)%5)
	}
	return dt
}

// newArray is an empty array of dt, to decode into.
func newArray(t *testing.T, dt typed.DType) typed.Array {
	t.Helper()
	a, err := generated.NewArray(dt, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// stream hides Len and Seek, so decoders must grow storage as bytes arrive.
type stream struct{ io.Reader }

// checkReencodes fails t unless a survives WriteTo/ReadNPY, MarshalBinary/
// UnmarshalBinary and MarshalJSON/UnmarshalJSON unchanged, and, for bool,
// unless every byte is 0 or 1.
func checkReencodes(t *testing.T, a typed.Array) {
	t.Helper()
	if a.DType().Kind == 'b' && slices.ContainsFunc(a.Bytes(), func(c byte) bool { return c > 1 }) {
		t.Fatalf("an accepted bool array holds a byte other than 0 and 1: %x", a.Bytes())
	}
	var buf bytes.Buffer
	n, err := a.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo of an accepted array: n=%d len=%d err=%v", n, buf.Len(), err)
	}
	back, err := generated.ReadNPY(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("ReadNPY of what WriteTo wrote: %v", err)
	}
	arraytest.Same(t, back, a)

	bin, err := a.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil || !bytes.Equal(bin, buf.Bytes()) {
		t.Fatalf("MarshalBinary differs from WriteTo (err %v)", err)
	}
	u := newArray(t, a.DType())
	if err := u.(encoding.BinaryUnmarshaler).UnmarshalBinary(bin); err != nil {
		t.Fatalf("UnmarshalBinary of MarshalBinary: %v", err)
	}
	arraytest.Same(t, u, a)

	js, err := a.(json.Marshaler).MarshalJSON()
	if err != nil || !json.Valid(js) {
		t.Fatalf("MarshalJSON: %q, %v", js, err)
	}
	j := newArray(t, a.DType())
	if err := j.(json.Unmarshaler).UnmarshalJSON(js); err != nil {
		t.Fatalf("UnmarshalJSON of MarshalJSON: %v", err)
	}
	arraytest.Same(t, j, a)
}

// FuzzReadNPY reads arbitrary bytes as a .npy file, once from a reader that
// knows its length and once from one that does not and returns few bytes
// per call. Both must agree; an accepted file must re-encode to the same
// array, and the bytes ReadNPY consumed must UnmarshalBinary to it too.
func FuzzReadNPY(f *testing.F) {
	for _, b := range seedFiles(f, "*.npy") {
		f.Add(b)
	}
	// Spellings numpy reads but np.save does not write, to lead the fuzzer
	// off parseCanonical's fast path into the general dict parser.
	for _, dict := range []string{
		`{"descr": "<i2", "shape": (2L, 1L,), "fortran_order": True}` + "  \n",
		" {'shape':(1,2),'descr':'>u2','fortran_order':False}\t\n",
	} {
		b := append([]byte(typed.Magic), 1, 0, byte(len(dict)), 0)
		f.Add(append(append(b, dict...), 1, 2, 3, 4))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bytes.NewReader(data)
		a, err := generated.ReadNPY(r)
		s, serr := generated.ReadNPY(stream{iotest.HalfReader(bytes.NewReader(data))})
		if (err == nil) != (serr == nil) {
			t.Fatalf("sized reader: %v; stream: %v", err, serr)
		}
		if err != nil {
			if len(data) == 0 && !errors.Is(err, io.EOF) {
				t.Fatalf("empty input: %v, want io.EOF", err)
			}
			checkRefusal(t, err)
			sameClass(t, err, serr)
			return
		}
		arraytest.Same(t, s, a)
		consumed := data[:len(data)-r.Len()]
		h, err := typed.ParseHeader(consumed, typed.Limits{})
		if err != nil || h.DataOffset+h.DataLen != len(consumed) || h.DType != a.DType() {
			t.Fatalf("ReadNPY consumed %d bytes; ParseHeader says %+v, %v", len(consumed), h, err)
		}
		if rows, cols := a.Shape(); rows != h.Rows || cols != h.Cols {
			t.Fatalf("shape (%d, %d), header says (%d, %d)", rows, cols, h.Rows, h.Cols)
		}
		u := newArray(t, a.DType())
		if err := u.(encoding.BinaryUnmarshaler).UnmarshalBinary(consumed); err != nil {
			t.Fatalf("ReadNPY accepts what UnmarshalBinary refuses: %v", err)
		}
		arraytest.Same(t, u, a)
		checkReencodes(t, a)
	})
}

// descrForms are the ways FuzzFromBytes spells a dtype: numpy's name, the
// descr np.save writes, big-endian, explicit native order, no order.
func descrForm(dt typed.DType, form byte) string {
	body := strings.TrimLeft(dt.Descr(), "<|")
	switch form % 5 {
	case 0:
		return dt.String() // numpy's name: "str320" for '<U10'

	case 1:
		return dt.Descr()
	case 2:
		return ">" + body
	case 3:
		return "=" + body
	}
	return body
}

// FuzzFromBytes reaches every ...Array2DFromBytes through
// generated.FromBytes: the first byte picks the dtype, the second how it is
// spelled. It must accept exactly the buffers whose length matches the shape
// (and, for bool, whose bytes are 0 or 1), keep their bytes in host order,
// and re-encode them unchanged.
func FuzzFromBytes(f *testing.F) {
	for _, file := range seedFiles(f, "ok_*.npy") {
		h, err := typed.ParseHeader(file, typed.Limits{})
		if err != nil {
			f.Fatal(err)
		}
		form := byte(1)
		if h.Order == '>' {
			form = 2
		}
		f.Add(dtypeIndex(h.DType), form, h.Rows, h.Cols, file[h.DataOffset:])
		f.Add(dtypeIndex(h.DType), byte(0), h.Cols, h.Rows, file[h.DataOffset:])
	}
	f.Add(byte(11), byte(0), -1, -8, make([]byte, 64))
	f.Add(byte(13), byte(1), math.MaxInt/2, math.MaxInt/2, []byte{})
	f.Add(byte(0), byte(0), 2, 2, []byte{0, 1, 2, 1})
	f.Fuzz(func(t *testing.T, sel, form byte, rows, cols int, b []byte) {
		dt := pickDType(sel)
		name := descrForm(dt, form)
		_, order, err := typed.ParseDType(name)
		if err != nil {
			t.Fatalf("ParseDType(%q): %v", name, err)
		}
		want := typed.Impl.CheckData(dt, rows, cols, len(b))
		if want == nil && dt.Kind == 'b' && slices.ContainsFunc(b, func(c byte) bool { return c > 1 }) {
			want = typed.ErrFormat // judged here, not by typed.Impl.CheckBools, which is under test
		}
		if want == nil && dt.Kind == 'U' && pastUnicode(typed.Impl.HostOrderCopy(b, dt, order)) {
			want = typed.ErrFormat
		}
		orig := bytes.Clone(b)
		a, err := generated.FromBytes(b, name, rows, cols)
		if !bytes.Equal(b, orig) {
			t.Fatalf("FromBytes changed its input")
		}
		if (err == nil) != (want == nil) {
			t.Fatalf("FromBytes(%d bytes, %q, %d, %d): %v, want %v", len(b), name, rows, cols, err, want)
		}
		if err != nil {
			checkRefusal(t, err)
			sameClass(t, err, want)
			return
		}
		if a.DType() != dt {
			t.Fatalf("dtype %v, want %v", a.DType(), dt)
		}
		if r, c := a.Shape(); r != rows || c != cols {
			t.Fatalf("shape (%d, %d), want (%d, %d)", r, c, rows, cols)
		}
		if host := typed.Impl.HostOrderCopy(orig, dt, order); !bytes.Equal(a.Bytes(), host) {
			t.Fatalf("%q data %x, want %x", name, a.Bytes(), host)
		}
		checkReencodes(t, a)
	})
}

// FuzzUnmarshalBinary decodes arbitrary bytes into an empty array of the
// dtype the first byte picks. It must accept exactly what ReadNPY reads to
// the last byte with that dtype, give the same array, and re-encode it.
func FuzzUnmarshalBinary(f *testing.F) {
	for _, file := range seedFiles(f, "*.npy") {
		sel := byte(0)
		if h, err := typed.ParseHeader(file, typed.Limits{}); err == nil {
			sel = dtypeIndex(h.DType)
		}
		f.Add(sel, file)
		f.Add(sel+1, file)
	}
	f.Fuzz(func(t *testing.T, sel byte, data []byte) {
		dt := pickDType(sel)
		a := newArray(t, dt)
		err := a.(encoding.BinaryUnmarshaler).UnmarshalBinary(data)
		r := bytes.NewReader(data)
		ref, rerr := generated.ReadNPY(r)
		whole := rerr == nil && r.Len() == 0 && ref.DType().Name == dt.Name
		if (err == nil) != whole {
			t.Fatalf("UnmarshalBinary as %v: %v; ReadNPY: %v with %d bytes left", dt, err, rerr, r.Len())
		}
		if err != nil {
			checkRefusal(t, err)
			if rows, cols := a.Shape(); rows != 0 || cols != 0 || len(a.Bytes()) != 0 {
				t.Fatalf("a refused decode left shape (%d, %d) and %d bytes", rows, cols, len(a.Bytes()))
			}
			return
		}
		arraytest.Same(t, a, ref)
		checkReencodes(t, a)
	})
}

// FuzzUnmarshalJSON decodes arbitrary bytes as the JSON envelope into an
// empty array of the dtype the first byte picks. Accepted input must be
// valid JSON that typed.Impl.ParseJSON reads alike, and must re-encode unchanged.
func FuzzUnmarshalJSON(f *testing.F) {
	for _, file := range seedFiles(f, "*.json") {
		var env struct{ DType string }
		if err := json.Unmarshal(file, &env); err != nil {
			f.Fatal(err)
		}
		dt, _, err := typed.ParseDType(env.DType)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(dtypeIndex(dt), file)
		f.Add(dtypeIndex(dt)+3, file)
	}
	f.Add(byte(0), []byte("null"))
	f.Add(byte(4), []byte(`{"dtype":"<i8","shape":[1000000000,1000000000],"data":""}`))
	f.Fuzz(func(t *testing.T, sel byte, data []byte) {
		dt := pickDType(sel)
		a := newArray(t, dt)
		err := a.(json.Unmarshaler).UnmarshalJSON(data)
		if err != nil {
			checkRefusal(t, err)
			return
		}
		if !json.Valid(data) {
			t.Fatalf("UnmarshalJSON accepted invalid JSON %q", data)
		}
		if string(data) != "null" {
			e, err := typed.Impl.ParseJSON(data, typed.Limits{})
			if err != nil || e.DType.Name != dt.Name || !bytes.Equal(e.Data, a.Bytes()) {
				t.Fatalf("ParseJSON disagrees: %v", err)
			}
			if rows, cols := a.Shape(); rows != e.Rows || cols != e.Cols {
				t.Fatalf("shape (%d, %d), envelope says (%d, %d)", rows, cols, e.Rows, e.Cols)
			}
		}
		checkReencodes(t, a)
	})
}

// pastUnicode reports whether host-order UTF-32 holds a code unit past
// U+10FFFF, which no string can hold.
func pastUnicode(b []byte) bool {
	for i := 0; i+4 <= len(b); i += 4 {
		v := uint32(b[i]) | uint32(b[i+1])<<8 | uint32(b[i+2])<<16 | uint32(b[i+3])<<24
		if !typed.Impl.LittleEndianHost() {
			v = uint32(b[i+3]) | uint32(b[i+2])<<8 | uint32(b[i+1])<<16 | uint32(b[i])<<24
		}
		if v > 0x10FFFF {
			return true
		}
	}
	return false
}
