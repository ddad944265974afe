package stream_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/stream"
	"github.com/npy2d/npy2d/typed"
)

// appendScript has np.save write, for every dtype, <name>.npy and
// <name>_be.npy (big-endian) of shape (5, 3), and <name>.more, the bytes
// of 7 more rows in little-endian order.
const appendScript = `
rng = np.random.default_rng(5)
for name in DTYPES:
    a = random_array(rng, name, (5, 3))
    more = random_array(rng, name, (7, 3))
    le = a.dtype.newbyteorder('<')
    np.save(name + '.npy', a.astype(le))
    np.save(name + '_be.npy', a.astype(a.dtype.newbyteorder('>')))
    open(name + '.more', 'wb').write(more.astype(le).tobytes())
`

// checkScript prints, for each file named in argv, whether it is np.save's
// file of np.concatenate of the first 5 rows and the 7 more, in the file's
// dtype (np.concatenate alone would return big-endian input in native
// order).
const checkScript = `
import io
for arg in sys.argv[1:]:
    path, base = arg.split(':')
    a = np.load(base + ('_be' if '_be' in path else '') + '.orig.npy')
    more = np.frombuffer(open(base + '.more', 'rb').read(), dtype=a.dtype.newbyteorder('<')).reshape(7, 3)
    if more.dtype != a.dtype:  # swap bytes, not values: astype may quiet a NaN
        more = more.byteswap().view(a.dtype)
    want = io.BytesIO()
    np.save(want, np.concatenate([a, more], dtype=a.dtype))  # numpy would make '>' native
    got = open(path, 'rb').read()
    print(path, 'same' if got == want.getvalue() else 'differs')
`

func numericDTypes() []typed.DType {
	var out []typed.DType
	for _, dt := range typed.DTypes() {
		if dt.Size > 0 {
			out = append(out, dt)
		}
	}
	return out
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAppendMatchesNumpy appends 7 rows, in two writes, to np.save's files
// of every dtype in both byte orders: each is then np.save's file of the
// concatenation, byte for byte.
func TestAppendMatchesNumpy(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, appendScript)
	var args, want []string
	for _, dt := range numericDTypes() {
		more := numpytest.ReadFile(t, dir, dt.Name+".more")
		host := typed.Impl.HostOrderCopy(more, dt, '<') // WriteRows takes host order
		rowLen := 3 * dt.Size
		for _, name := range []string{dt.Name, dt.Name + "_be"} {
			path := filepath.Join(dir, name+".npy")
			copyFile(t, path, filepath.Join(dir, name+".orig.npy"))
			a, err := stream.OpenAppend(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.WriteRows(host[:2*rowLen]); err != nil {
				t.Fatal(err)
			}
			rest, err := generated.FromBytes(bytes.Clone(host[2*rowLen:]), dt.Name, 5, 3)
			if err != nil {
				t.Fatal(err)
			}
			if err := a.Write(rest); err != nil {
				t.Fatal(err)
			}
			if a.Rows() != 12 {
				t.Fatalf("%s: Rows %d, want 12", name, a.Rows())
			}
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			args = append(args, name+".npy:"+dt.Name)
			want = append(want, name+".npy same")
		}
	}
	got := strings.Fields(strings.ReplaceAll(string(numpytest.Run(t, dir, checkScript, args...)), " same", "_same"))
	if strings.Join(got, "\n") != strings.ReplaceAll(strings.Join(want, "\n"), " same", "_same") {
		t.Fatalf("numpy:\n%s", strings.Join(got, "\n"))
	}
}

// TestAppendToStreamWriter appends to a file that stream.Writer wrote, and
// commits twice: the result is the file a Writer writes for all rows.
func TestAppendToStreamWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.npy")
	all := generated.NewInt32Array2D(1000, 4)
	for i := range all.Data {
		all.Data[i] = int32(i*7 - 3000)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := stream.NewWriter(f, all.DType(), 4)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRows(all.Bytes()[:9*16]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	a, err := stream.OpenAppend(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.WriteRows(all.Bytes()[9*16 : 100*16]); err != nil {
		t.Fatal(err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if h := a.Header(); h.Rows != 100 {
		t.Fatalf("after Commit the header declares %d rows", h.Rows)
	}
	if err := a.WriteRows(all.Bytes()[100*16:]); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	if err := a.WriteRows(all.Bytes()[:16]); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("WriteRows after Close: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := all.MarshalBinary()
	if !bytes.Equal(got, want) {
		t.Fatal("the file differs from the array's .npy encoding")
	}
}

// TestAppendCrash: rows written but not committed leave a file that numpy
// loads as it was before the append; the next OpenAppend writes over them.
func TestAppendCrash(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.npy")
	x := generated.NewFloat64Array2D(3, 2)
	copy(x.Data, []float64{1, 2, 3, 4, 5, 6})
	b, _ := x.MarshalBinary()
	numpytest.WriteFile(t, dir, "c.npy", b)
	a, err := stream.OpenAppend(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.WriteRows(make([]byte, 5*16)); err != nil {
		t.Fatal(err)
	}
	// The "crash": the Appender is dropped without Commit or Close.
	out := numpytest.Run(t, dir, `print(np.load('c.npy').tolist())`)
	if got := strings.TrimSpace(string(out)); got != "[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]" {
		t.Fatalf("after an uncommitted append numpy loads %s", got)
	}
	a2, err := stream.OpenAppend(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := a2.WriteRows(x.Bytes()[:16]); err != nil {
		t.Fatal(err)
	}
	if err := a2.Close(); err != nil {
		t.Fatal(err)
	}
	want := generated.NewFloat64Array2D(4, 2)
	copy(want.Data, []float64{1, 2, 3, 4, 5, 6, 1, 2})
	wb, _ := want.MarshalBinary()
	if got, _ := os.ReadFile(path); !bytes.Equal(got, wb) {
		t.Fatal("the append after a crash left other bytes than the 4-row array's")
	}
}

// TestAppendRefusals: no room in the header, Fortran order, an unfinished
// stream, a wrong dtype, shape or bool byte.
func TestAppendRefusals(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		numpytest.WriteFile(t, dir, name, b)
		return filepath.Join(dir, name)
	}
	// A compact header, as some writers make: 64 bytes, where np.save's
	// header of the same array is 128.
	dict := "{'descr':'<f8','fortran_order':False,'shape':(2,1)}"
	dict += strings.Repeat(" ", 64-10-len(dict)-1) + "\n"
	compact := append([]byte("\x93NUMPY\x01\x00"), byte(len(dict)), 0)
	compact = append(append(compact, dict...), make([]byte, 16)...)
	path := write("compact.npy", compact)
	if _, err := stream.OpenAppend(path); !errors.Is(err, stream.ErrHeaderFull) || !errors.Is(err, typed.ErrLimit) {
		t.Errorf("a header without room: %v", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, compact) {
		t.Error("a refused append changed the file")
	}

	numpytest.Run(t, dir, `np.save('f.npy', np.asfortranarray(np.zeros((2, 2), dtype='f4')))`)
	fb := numpytest.ReadFile(t, dir, "f.npy")
	if _, err := stream.OpenAppend(filepath.Join(dir, "f.npy")); !errors.Is(err, stream.ErrFortranOrder) {
		t.Errorf("Fortran order: %v", err)
	}
	unfinished := bytes.Clone(fb)
	unfinished[6] = 0
	if _, err := stream.OpenAppend(write("u.npy", unfinished)); !errors.Is(err, typed.ErrFormat) {
		t.Errorf("version 0.0: %v", err)
	}
	short, _ := generated.NewInt8Array2D(4, 4).MarshalBinary()
	if _, err := stream.OpenAppend(write("short.npy", short[:len(short)-1])); !errors.Is(err, typed.ErrFormat) {
		t.Errorf("truncated data: %v", err)
	}

	bools, _ := generated.NewBoolArray2D(2, 3).MarshalBinary()
	a, err := stream.OpenAppend(write("b.npy", bools))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, c := range []struct {
		name string
		err  error
		f    func() error
	}{
		{"bool byte 2", typed.ErrFormat, func() error { return a.WriteRows([]byte{0, 1, 2}) }},
		{"part of a row", typed.ErrShape, func() error { return a.WriteRows([]byte{0, 1}) }},
		{"other dtype", typed.ErrDType, func() error { return a.Write(generated.NewInt8Array2D(1, 3)) }},
		{"other columns", typed.ErrShape, func() error { return a.Write(generated.NewBoolArray2D(1, 4)) }},
	} {
		if err := c.f(); !errors.Is(err, c.err) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if a.Rows() != 2 {
		t.Errorf("refused writes counted: %d rows", a.Rows())
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "b.npy")); !bytes.Equal(got, bools) {
		t.Error("refused writes changed the file")
	}
}

// TestAppendVector appends elements to numpy's 1-D files, numbers and
// labels: the result is np.save of the concatenation, byte for byte.
func TestAppendVector(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, `
np.save('v.npy', np.arange(4.0))
np.save('labels.npy', np.array(['setosa', 'versicolor']))
np.save('want_v.npy', np.concatenate([np.arange(4.0), [4.5, 5.5, 6.5]]))
np.save('want_labels.npy', np.array(['setosa', 'versicolor', 'virginica']))
`)
	v, _ := generated.FromBytes(make([]byte, 24), "float64", 3)
	copy(v.(*generated.Float64Array2D).Data, []float64{4.5, 5.5, 6.5})
	l := generated.NewStringArray2D(1)
	l.Width, l.Data[0] = 10, "virginica" // the file's width: '<U10'
	for name, arr := range map[string]typed.Array{"v": v, "labels": l} {
		a, err := stream.OpenAppend(filepath.Join(dir, name+".npy"))
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Write(arr); err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		got := numpytest.ReadFile(t, dir, name+".npy")
		if want := numpytest.ReadFile(t, dir, "want_"+name+".npy"); !bytes.Equal(got, want) {
			t.Errorf("%s: appended file differs from np.save of the concatenation:\n%q\n%q", name, got, want)
		}
	}
}
