package interop_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/typed"
)

// checkTable: every row of the table is what numpy calls that name (descr,
// kind, item size), and numpy's descr parses back to the row.
func checkTable(t *testing.T, m *numpyManifest) {
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		np, ok := m.Table[dt.Name]
		if !ok {
			t.Errorf("numpy did not describe %s", dt)
			continue
		}
		if np.Descr != dt.Descr() || np.Kind != string(dt.Kind) || np.Size != dt.Size {
			t.Errorf("table row %s: descr %q kind %c size %d; numpy says %q %s %d",
				dt, dt.Descr(), dt.Kind, dt.Size, np.Descr, np.Kind, np.Size)
		}
		if got, _, err := typed.ParseDType(np.Descr); err != nil || got != dt {
			t.Errorf("ParseDType(%q) = %v, %v; want %s", np.Descr, got, err, dt)
		}
	}
}

// streamOnly hides Len and Seek, so readers cannot size storage from the
// input and must take the path a network stream takes.
type streamOnly struct{ r io.Reader }

func (s streamOnly) Read(p []byte) (int, error) { return s.r.Read(p) }

// checkNumpyFiles: every .npy numpy wrote (C and Fortran order, little- and
// big-endian, versions 1.0, 2.0 and 3.0, empty shapes included) reads back
// as numpy's C-order little-endian bytes through ReadNPY, the concrete
// type's ReadFrom and UnmarshalBinary; and Go writes numpy's C-order
// version 1.0 files back byte for byte.
func checkNumpyFiles(t *testing.T, dir string, m *numpyManifest) {
	trailer := []byte("next file")
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		t.Run(dt.Name, func(t *testing.T) {
			reused, err := generated.NewArray(dt, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, c := range m.NPY {
				if c.DType != dt.Name {
					continue
				}
				seen[c.Variant] = true
				rows, cols := rowsCols(t, c.Shape)
				file := readFile(t, dir, c.File)
				want := readFile(t, dir, c.Raw)
				what := fmt.Sprintf("%s (%s, fortran %v)", c.File, c.Descr, c.Fortran)

				// ReadNPY must stop exactly at the end of the data.
				r := bytes.NewReader(append(bytes.Clone(file), trailer...))
				a, err := generated.ReadNPY(r)
				if err != nil {
					t.Errorf("ReadNPY %s: %v", what, err)
					continue
				}
				sameAsNumpy(t, "ReadNPY "+what, a, dt, rows, cols, want)
				if r.Len() != len(trailer) {
					t.Errorf("ReadNPY %s left %d bytes unread, want the %d after the file", what, r.Len(), len(trailer))
				}

				// One array of the concrete type reads every file in turn,
				// reusing its storage.
				n, err := reused.(io.ReaderFrom).ReadFrom(streamOnly{bytes.NewReader(file)})
				if err != nil || n != int64(len(file)) {
					t.Errorf("ReadFrom %s: n=%d of %d, err %v", what, n, len(file), err)
				} else {
					sameAsNumpy(t, "ReadFrom "+what, reused, dt, rows, cols, want)
				}

				u, _ := generated.NewArray(dt, 0, 0)
				if err := u.(encoding.BinaryUnmarshaler).UnmarshalBinary(file); err != nil {
					t.Errorf("UnmarshalBinary %s: %v", what, err)
				} else {
					sameAsNumpy(t, "UnmarshalBinary "+what, u, dt, rows, cols, want)
				}

				if c.Variant == "c" {
					var buf bytes.Buffer
					if _, err := a.WriteTo(&buf); err != nil {
						t.Errorf("WriteTo %s: %v", what, err)
					} else if d := firstDiff(buf.Bytes(), file); d != "" {
						t.Errorf("Go writes %s back differently from np.save: %s", what, d)
					}
				}
			}
			for _, v := range []string{"c", "fortran", "big", "fortran-big", "v2", "v3-fortran-big"} {
				if !seen[v] {
					t.Errorf("numpy wrote no %q fixture for %s", v, dt)
				}
			}
		})
	}
}

// checkRefused: files numpy writes that the family cannot hold fail in
// every reader, with the right sentinel and a message naming what the file
// holds (numpy's repr of the shape, or its descr).
func checkRefused(t *testing.T, dir string, m *numpyManifest) {
	ranks := map[string]int{}
	for _, c := range m.Refused {
		file := readFile(t, dir, c.File)
		want := map[string]error{"shape": typed.ErrShape, "dtype": typed.ErrDType}[c.Err]
		if want == nil {
			t.Fatalf("manifest: unknown error kind %q", c.Err)
		}
		check := func(how string, err error) {
			t.Helper()
			switch {
			case err == nil:
				t.Errorf("%s %s: no error", how, c.File)
			case !errors.Is(err, want):
				t.Errorf("%s %s: %v; want an error wrapping %v", how, c.File, err, want)
			case !strings.Contains(err.Error(), c.Mention):
				t.Errorf("%s %s: %q does not name %q", how, c.File, err, c.Mention)
			}
		}
		_, err := generated.ReadNPY(bytes.NewReader(file))
		check("ReadNPY", err)

		// A rank error is checked with the file's own dtype, so that the
		// dtype check cannot be what stops it; other dtypes with every row.
		dts := typed.DTypes()
		if c.DType != nil {
			dts = []typed.DType{lookup(t, *c.DType)}
			ranks[*c.DType]++
		}
		for _, dt := range dts {
			if dt.Flexible() {
				dt = dt.WithWidth(2)
			}
			a, _ := generated.NewArray(dt, 0, 0)
			_, err := a.(io.ReaderFrom).ReadFrom(bytes.NewReader(file))
			check(dt.TypeName+"Array2D.ReadFrom", err)
			err = a.(encoding.BinaryUnmarshaler).UnmarshalBinary(file)
			check(dt.TypeName+"Array2D.UnmarshalBinary", err)
		}
	}
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		if ranks[dt.Name] < 1 {
			t.Errorf("numpy wrote %d refused ranks of %s, want 1 (3-D)", ranks[dt.Name], dt)
		}
	}
}

// checkRawRecipe: tobytes() with a dtype name or descr and the shape, read
// by FromBytes, is what np.frombuffer makes of the same bytes, from aligned
// memory (the zero-copy path) and from misaligned memory (the copy path).
func checkRawRecipe(t *testing.T, dir string, m *numpyManifest) {
	count := map[string]int{}
	for _, c := range m.Raw {
		dt := lookup(t, c.DType)
		rows, cols := rowsCols(t, c.Shape)
		data := readFile(t, dir, c.Data)
		want := readFile(t, dir, c.Expect)
		aligned := arraytest.AlignedBytes(len(data))
		copy(aligned, data)
		misaligned := arraytest.AlignedBytes(len(data) + 1)[1:]
		copy(misaligned, data)
		for _, in := range []struct {
			how string
			b   []byte
		}{{"aligned", aligned}, {"misaligned", misaligned}} {
			what := fmt.Sprintf("FromBytes(%s %s, %q, %d, %d)", c.Data, in.how, c.DTypeString, rows, cols)
			a, err := generated.FromBytes(in.b, c.DTypeString, rows, cols)
			if err != nil {
				t.Errorf("%s: %v", what, err)
				continue
			}
			if c.Order == "native" {
				// Host order on both sides: numpy on this host would keep
				// the bytes as they are, and so must Go on its own host.
				if a.DType() != dt || !bytes.Equal(a.Bytes(), want) {
					t.Errorf("%s: %s %x, numpy has %s %x", what, a.DType(), a.Bytes(), dt, want)
				}
				continue
			}
			sameAsNumpy(t, what, a, dt, rows, cols, want)
		}
		count[dt.Name]++
	}
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		if count[dt.Name] < len(numpyShapes)*3 {
			t.Errorf("only %d raw-recipe cases for %s", count[dt.Name], dt)
		}
	}
}

// checkJSONFromNumpy: envelopes Python builds with json.dumps and base64
// (by dtype name with tobytes(), and by big-endian descr with big-endian
// bytes) decode through each concrete type's UnmarshalJSON.
func checkJSONFromNumpy(t *testing.T, dir string, m *numpyManifest) {
	count := map[string]int{}
	for _, c := range m.JSON {
		dt := lookup(t, c.DType)
		rows, cols := rowsCols(t, c.Shape)
		what := fmt.Sprintf("UnmarshalJSON(%.80s)", c.Envelope)
		a, _ := generated.NewArray(dt, 0, 0)
		if err := a.(json.Unmarshaler).UnmarshalJSON([]byte(c.Envelope)); err != nil {
			t.Errorf("%s: %v", what, err)
			continue
		}
		sameAsNumpy(t, what, a, dt, rows, cols, readFile(t, dir, c.Raw))
		count[dt.Name]++
	}
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		if count[dt.Name] < len(numpyShapes) {
			t.Errorf("only %d numpy-made envelopes for %s", count[dt.Name], dt)
		}
	}
}
