package typed_test

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// TestRankErrorSaysWhatWasFound reads a 3-D file numpy wrote: the error
// carries numpy's shape and the dtype, for a program to act on.
func TestRankErrorSaysWhatWasFound(t *testing.T) {
	dir := t.TempDir()
	numpytest.Run(t, dir, `np.save("cube.npy", np.zeros((2, 3, 4), dtype="<f4"))`)
	file := numpytest.ReadFile(t, dir, "cube.npy")
	for name, read := range map[string]func() error{
		"ReadHeader": func() error { _, err := typed.ReadHeader(bytes.NewReader(file), typed.Limits{}); return err },
		"ReadNPY":    func() error { _, err := generated.ReadNPY(bytes.NewReader(file)); return err },
		"FromBytes":  func() error { _, err := generated.FromBytes(make([]byte, 96), "float32", 2, 3, 4); return err },
		"JSON": func() error {
			_, err := generated.DecodeJSON([]byte(`{"dtype":"float32","shape":[2,3,4],"data":""}`))
			return err
		},
	} {
		err := read()
		var re *typed.RankError
		if !errors.As(err, &re) || !errors.Is(err, typed.ErrShape) {
			t.Errorf("%s: %v, want a *typed.RankError matching ErrShape", name, err)
			continue
		}
		if !slices.Equal(re.Shape, []int64{2, 3, 4}) {
			t.Errorf("%s: Shape %v, want [2 3 4]", name, re.Shape)
		}
		if name == "ReadHeader" && re.DType.Name != "float32" {
			t.Errorf("%s: DType %v, want float32", name, re.DType)
		}
	}
}

// TestFormatErrorOffset checks that malformed input reports the byte where
// the problem shows, in the file's own numbering.
func TestFormatErrorOffset(t *testing.T) {
	good, err := generated.NewInt16Array2D(2, 3).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	dict := bytes.IndexByte(good, '{')
	colon := dict + bytes.IndexByte(good[dict:], ':')
	for _, tc := range []struct {
		name string
		in   []byte
		at   int64
		eof  bool
	}{
		{"magic", append([]byte("\x93NUMPX"), good[6:]...), 0, false},
		{"version", append(append([]byte(nil), good[:6]...), append([]byte{9, 0}, good[8:]...)...), 6, false},
		{"dict syntax", append(append(append([]byte(nil), good[:colon]...), ';'), good[colon+1:]...), int64(colon), false},
		{"after the data", append(append([]byte(nil), good...), 0), int64(len(good)), false},
		{"preamble cut", good[:7], 7, true},
	} {
		var a generated.Int16Array2D
		err := a.UnmarshalBinary(tc.in)
		var fe *typed.FormatError
		if !errors.As(err, &fe) || !errors.Is(err, typed.ErrFormat) {
			t.Errorf("%s: %v, want a *typed.FormatError matching ErrFormat", tc.name, err)
			continue
		}
		if fe.Offset != tc.at {
			t.Errorf("%s: Offset %d, want %d (%v)", tc.name, fe.Offset, tc.at, err)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) != tc.eof {
			t.Errorf("%s: matches io.ErrUnexpectedEOF: %v, want %v", tc.name, !tc.eof, tc.eof)
		}
	}
}
