package interop_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/npy2d/npy2d"
	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/stream"
	"github.com/npy2d/npy2d/typed"
)

// sklearnManifest is what testdata/sklearn_models.py prints: each fitted
// estimator and its numpy arrays.
type sklearnManifest struct {
	Numpy, Sklearn string
	Models         []sklearnModel
}

type sklearnModel struct {
	Name      string // file stem of its archives, and of its arrays' files
	Estimator string // repr(est)
	Arrays    []sklearnArray
}

type sklearnArray struct {
	Key   string // the attribute ("coef_"), or its path ("scaler.mean_", "coefs_.0")
	File  string // stem of File.npy, File.raw, File.json
	DType string // arr.dtype.name
	Descr string // arr.dtype.str
	Shape []int
	// Fortran: np.save wrote a Fortran-ordered file; File.c.npy is np.save
	// of the C-ordered copy, which is what Go writes back.
	Fortran bool
	// Python: the attribute is a Python bool, int or float, saved as the
	// 0-D array np.asarray makes of it; otherwise a numpy array or scalar.
	Python bool
}

// wantModels is how many estimators sklearn_models.py fits.
const wantModels = 18

// sklearnCheck is what testdata/sklearn_check.py reads: what Go wrote for
// each model.
type sklearnCheck struct {
	Models []sklearnCheckModel `json:"models"`
}

type sklearnCheckModel struct {
	NPZ    []string            `json:"npz"`
	Arrays []sklearnCheckArray `json:"arrays"`
}

type sklearnCheckArray struct {
	Key  string `json:"key"`
	NPY  string `json:"npy"`  // numpy's file, the reference
	JSON string `json:"json"` // the envelope Go wrote
}

// TestSklearnModels is issue 9's acceptance test, the project's own story:
// scikit-learn fits common estimators, and every fitted array attribute they
// hold (numpy arrays and scalars, and Python numbers as the 0-D arrays
// np.asarray makes of them) loads in Go through each entry point (the raw
// recipe, np.save with ReadNPY and LoadNPY, np.savez and np.savez_compressed
// with package npz, the JSON envelope, package stream in blocks of rows, and
// mmap where the data can be used in place) with numpy's shape, dtype and
// bytes, and writes back (WriteTo, MarshalBinary, SaveNPY, a stream Writer)
// byte-identical to np.save's file. Arrays Go's npz writer stores map in
// place. Then numpy judges the other direction: the archives Go's npz writer
// made and the envelopes Go wrote load in numpy to the arrays sklearn fitted.
//
// One Python run fits and exports everything (sklearn_models.py); a second,
// numpy only, checks what Go wrote (sklearn_check.py).
func TestSklearnModels(t *testing.T) {
	numpytest.Sklearn(t)
	dir := t.TempDir()
	out := numpytest.Run(t, dir, script(t, "sklearn_models.py"))
	var m sklearnManifest
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("sklearn_models.py manifest: %v\n%.500s", err, out)
	}
	if len(m.Models) != wantModels {
		t.Errorf("sklearn_models.py fitted %d estimators, want %d", len(m.Models), wantModels)
	}

	var check sklearnCheck
	var ranks [3]int // numpy's arrays and scalars
	var strs, fortran, python int
	kinds := map[string]int{} // table row (dtype.Name) -> arrays
	for _, model := range m.Models {
		t.Run(model.Name, func(t *testing.T) {
			check.Models = append(check.Models, checkSklearnModel(t, dir, model))
		})
		for _, a := range model.Arrays {
			if a.Python {
				python++
			} else {
				ranks[len(a.Shape)]++
			}
			dt, _, err := typed.ParseDType(a.Descr)
			if err != nil {
				t.Errorf("%s %s: %v", model.Name, a.Key, err)
			}
			if dt.Flexible() {
				strs++
			}
			if a.Fortran {
				fortran++
			}
			kinds[dt.Name]++
		}
	}
	n := ranks[0] + ranks[1] + ranks[2]
	t.Logf("scikit-learn %s, numpy %s: %d estimators, %d fitted numpy arrays: %d 2-D, %d 1-D, %d 0-D; %d of strings; %d Fortran-ordered; and %d Python scalars saved as 0-D arrays; dtypes %v",
		m.Sklearn, m.Numpy, len(m.Models), n, ranks[2], ranks[1], ranks[0], strs, fortran, python, kinds)
	// The fixtures must keep covering what the issue is about: every rank,
	// both string kinds, a Fortran-ordered file.
	for rank, k := range ranks {
		if k == 0 {
			t.Errorf("no fitted array of rank %d", rank)
		}
	}
	for _, name := range []string{"str", "bytes", "bool"} {
		if kinds[name] == 0 {
			t.Errorf("no fitted array of dtype %s", name)
		}
	}
	if fortran == 0 {
		t.Error("no Fortran-ordered fitted array")
	}
	if python == 0 {
		t.Error("no Python scalar among the fitted attributes")
	}
	complete := !t.Failed() // Go wrote back every array

	b, err := json.Marshal(check)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "go-sklearn.json", b)
	out = numpytest.Run(t, dir, script(t, "sklearn_check.py"), "go-sklearn.json")
	var res struct {
		Checked int
		Errors  []string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("sklearn_check.py: %v\n%.500s", err, out)
	}
	for _, e := range res.Errors {
		t.Errorf("numpy: %s", e)
	}
	// Each array is checked in both archives and as an envelope.
	if want := 3 * (n + python); complete && res.Checked != want {
		t.Errorf("numpy checked %d arrays, want %d", res.Checked, want)
	}
}

// checkSklearnModel loads every array of one model through every entry point
// and writes it back: .npy files compared here, an archive of each kind and
// an envelope per array for numpy to check.
func checkSklearnModel(t *testing.T, dir string, model sklearnModel) sklearnCheckModel {
	path := func(name string) string { return filepath.Join(dir, name) }
	stored, err := npz.Open(path(model.Name + ".npz"))
	if err != nil {
		t.Fatalf("npz.Open %s.npz: %v", model.Name, err)
	}
	defer stored.Close()
	compressed, err := npz.Open(path(model.Name + ".c.npz"))
	if err != nil {
		t.Fatalf("npz.Open %s.c.npz: %v", model.Name, err)
	}
	defer compressed.Close()
	for _, r := range []*npz.Reader{stored, compressed} {
		checkEntries(t, model, r.Entries())
	}

	res := sklearnCheckModel{NPZ: []string{"go." + model.Name + ".npz", "go." + model.Name + ".c.npz"}}
	goStored, err := npz.Create(path(res.NPZ[0]))
	if err != nil {
		t.Fatal(err)
	}
	goCompressed, err := npz.Create(path(res.NPZ[1]))
	if err != nil {
		t.Fatal(err)
	}
	goCompressed.Compressed = true

	for _, a := range model.Arrays {
		npy := readFile(t, dir, a.File+".npy")
		raw := readFile(t, dir, a.File+".raw")
		env := readFile(t, dir, a.File+".json")
		canon := canonNPY(t, dir, a)
		// The raw recipe names the dtype as numpy printed it; without a byte
		// order that means the host's, so a big-endian host is told '<'.
		name := a.DType
		if !typed.Impl.LittleEndianHost() {
			name = a.Descr
		}
		loads := []struct {
			how  string
			load func() (typed.Array, error)
		}{
			{"FromBytes (raw recipe)", func() (typed.Array, error) { return generated.FromBytes(raw, name, a.Shape...) }},
			{"ReadNPY (np.save)", func() (typed.Array, error) { return generated.ReadNPY(bytes.NewReader(npy)) }},
			{"npy2d.LoadNPY (np.save)", func() (typed.Array, error) { return npy2d.LoadNPY(path(a.File + ".npy")) }},
			{"npz.Reader.Array (np.savez)", func() (typed.Array, error) { return stored.Array(a.Key) }},
			{"npz.Reader.Array (np.savez_compressed)", func() (typed.Array, error) { return compressed.Array(a.Key) }},
			{"DecodeJSON (envelope)", func() (typed.Array, error) { return generated.DecodeJSON(env) }},
		}
		var first typed.Array
		for _, l := range loads {
			arr, err := l.load()
			if err != nil {
				t.Errorf("%s %s: %v", l.how, a.Key, err)
				continue
			}
			if first == nil {
				first = arr
			}
			checkFitted(t, l.how, a, arr, raw, canon)
		}
		if first == nil {
			continue
		}
		checkMapped(t, "mmap.Open (np.save)", a, raw, canon, true, func() (*mmap.File, error) {
			return mmap.Open(path(a.File+".npy"), mmap.ReadOnly)
		})
		checkStream(t, dir, a, first, npy, raw, canon)

		// Go writes back: a .npy file like np.save's, npz members and an
		// envelope for numpy to judge.
		goNPY := path("go." + a.File + ".npy")
		if err := npy2d.SaveNPY(goNPY, first); err != nil {
			t.Errorf("SaveNPY %s: %v", a.Key, err)
		} else if d := firstDiff(readFile(t, dir, "go."+a.File+".npy"), canon); d != "" {
			t.Errorf("SaveNPY %s differs from np.save: %s", a.Key, d)
		}
		for _, w := range []*npz.Writer{goStored, goCompressed} {
			if err := w.Add(a.Key, first); err != nil {
				t.Errorf("npz Writer.Add %s: %v", a.Key, err)
			}
		}
		js, err := json.Marshal(first)
		if err != nil {
			t.Errorf("json.Marshal %s: %v", a.Key, err)
			continue
		}
		res.Arrays = append(res.Arrays, sklearnCheckArray{a.Key, a.File + ".npy", "go." + a.File + ".json"})
		writeFile(t, dir, "go."+a.File+".json", js)
	}
	for _, w := range []*npz.Writer{goStored, goCompressed} {
		if err := w.Close(); err != nil {
			t.Errorf("npz Writer.Close: %v", err)
		}
	}
	// np.savez does not align its members' data, Go's Writer does: every
	// mappable array maps in place from the archive Go stored.
	for _, a := range model.Arrays {
		raw, canon := readFile(t, dir, a.File+".raw"), canonNPY(t, dir, a)
		checkMapped(t, "mmap.OpenNPZ (Go's npz.Writer)", a, raw, canon, false, func() (*mmap.File, error) {
			return mmap.OpenNPZ(path(res.NPZ[0]), a.Key, mmap.ReadOnly)
		})
	}
	return res
}

// canonNPY is the .npy file Go writes for a: np.save's, of the C-ordered
// array when numpy's was Fortran-ordered.
func canonNPY(t *testing.T, dir string, a sklearnArray) []byte {
	t.Helper()
	if a.Fortran {
		return readFile(t, dir, a.File+".c.npy")
	}
	return readFile(t, dir, a.File+".npy")
}

// checkMapped maps a's data with open (numpy's Fortran-ordered file when
// numpyFile is set and a is Fortran-ordered): an array whose data Go can use
// in place (numeric, C order, host byte order) must map and pass
// checkFitted; anything else must be refused with mmap.ErrNotMappable.
func checkMapped(t *testing.T, how string, a sklearnArray, raw, canon []byte, numpyFile bool, open func() (*mmap.File, error)) {
	t.Helper()
	dt, _, err := typed.ParseDType(a.Descr)
	if err != nil {
		t.Fatal(err)
	}
	mappable := !dt.Flexible() && (a.Descr[0] != '<' || typed.Impl.LittleEndianHost()) && !(a.Fortran && numpyFile)
	m, err := open()
	switch {
	case !mappable && errors.Is(err, mmap.ErrNotMappable):
		return
	case !mappable && err == nil:
		m.Close()
		t.Errorf("%s %s: mapped %s data that cannot be used in place", how, a.Key, a.Descr)
		return
	case err != nil:
		t.Errorf("%s %s: %v", how, a.Key, err)
		return
	}
	defer m.Close()
	checkFitted(t, how, a, m.Array(), raw, canon)
}

// checkStream reads numpy's file in blocks of rows with package stream
// (a vector's rows are its elements) and writes first back with a stream
// Writer: the blocks are numpy's bytes and the file is np.save's.
func checkStream(t *testing.T, dir string, a sklearnArray, first typed.Array, npy, raw, canon []byte) {
	t.Helper()
	r, err := stream.NewReader(bytes.NewReader(npy))
	if a.Fortran {
		if !errors.Is(err, stream.ErrFortranOrder) {
			t.Errorf("stream.NewReader %s: %v for a Fortran-ordered file", a.Key, err)
		}
		return
	}
	if err != nil {
		t.Errorf("stream.NewReader %s: %v", a.Key, err)
		return
	}
	var got []byte
	for {
		block, err := r.Next(3)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("stream.Reader.Next %s: %v", a.Key, err)
			return
		}
		got = append(got, typed.Impl.HostOrderCopy(block.Bytes(), block.DType(), '<')...)
	}
	if !bytes.Equal(got, raw) {
		t.Errorf("stream.Reader %s: blocks hold %x, numpy %x", a.Key, head(got), head(raw))
	}

	if len(a.Shape) == 0 {
		return // a scalar has no rows to append
	}
	f, err := os.Create(filepath.Join(dir, "stream."+a.File+".npy"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var w *stream.Writer
	if len(a.Shape) == 1 {
		w, err = stream.NewVectorWriter(f, first.DType())
	} else {
		w, err = stream.NewWriter(f, first.DType(), a.Shape[1])
	}
	if err == nil {
		err = w.Write(first)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Errorf("stream.Writer %s: %v", a.Key, err)
		return
	}
	if d := firstDiff(readFile(t, dir, "stream."+a.File+".npy"), canon); d != "" {
		t.Errorf("stream.Writer %s differs from np.save: %s", a.Key, d)
	}
}

// checkEntries: an archive lists every fitted array with numpy's dtype and
// shape, from the headers alone, and nothing refused.
func checkEntries(t *testing.T, model sklearnModel, entries []npz.Entry) {
	t.Helper()
	byKey := map[string]npz.Entry{}
	for _, e := range entries {
		byKey[e.Name] = e
	}
	if len(entries) != len(model.Arrays) {
		t.Errorf("%s: archive lists %d members, numpy saved %d", model.Name, len(entries), len(model.Arrays))
	}
	for _, a := range model.Arrays {
		e, ok := byKey[a.Key]
		switch {
		case !ok:
			t.Errorf("%s: archive does not list %s", model.Name, a.Key)
		case e.Err != nil:
			t.Errorf("%s: archive refuses %s: %v", model.Name, a.Key, e.Err)
		case !slices.Equal(e.Shape(), a.Shape) || e.DType.String() != a.DType:
			t.Errorf("%s: archive lists %s as %s %v; numpy saved %s %v", model.Name, a.Key, e.DType, e.Shape(), a.DType, a.Shape)
		}
	}
}

// checkFitted: arr, loaded one way, has numpy's shape, dtype and bytes, and
// WriteTo and MarshalBinary give np.save's file (of the C-ordered array).
func checkFitted(t *testing.T, how string, a sklearnArray, arr typed.Array, raw, canon []byte) {
	t.Helper()
	le := typed.Impl.HostOrderCopy(arr.Bytes(), arr.DType(), '<')
	if !slices.Equal(arr.NumpyShape(), a.Shape) || arr.DType().String() != a.DType || !bytes.Equal(le, raw) {
		t.Errorf("%s %s: %s %v %x; numpy %s %v %x", how, a.Key, arr.DType(), arr.NumpyShape(), head(le), a.DType, a.Shape, head(raw))
		return
	}
	if r, c := arr.Shape(); fmt.Sprint(r, c) != fmt.Sprint(atLeast2D(a.Shape)) {
		t.Errorf("%s %s: Shape() = (%d, %d) for numpy's %v", how, a.Key, r, c, a.Shape)
	}
	var buf bytes.Buffer
	if n, err := arr.WriteTo(&buf); err != nil || n != int64(buf.Len()) {
		t.Errorf("%s %s: WriteTo = %d, %v; wrote %d bytes", how, a.Key, n, err, buf.Len())
	} else if d := firstDiff(buf.Bytes(), canon); d != "" {
		t.Errorf("%s %s: WriteTo differs from np.save: %s", how, a.Key, d)
	}
	if bin, err := arr.(encoding.BinaryMarshaler).MarshalBinary(); err != nil {
		t.Errorf("%s %s: MarshalBinary: %v", how, a.Key, err)
	} else if d := firstDiff(bin, canon); d != "" {
		t.Errorf("%s %s: MarshalBinary differs from np.save: %s", how, a.Key, d)
	}
}

// atLeast2D is np.atleast_2d(arr).shape.
func atLeast2D(shape []int) (rows, cols int) {
	switch len(shape) {
	case 0:
		return 1, 1
	case 1:
		return 1, shape[0]
	}
	return shape[0], shape[1]
}
