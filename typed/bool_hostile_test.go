package typed_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// TestBoolBytesRefused puts every byte value from 2 to 255 at every
// position of a bool array and hands it to each decoder: .npy in C and
// Fortran order, FromBytes, the JSON envelope. npy2d refuses such bytes
// (it does not normalise them): a Go bool holding another bit pattern
// behaves unpredictably. The error names the byte and its offset in the
// data as stored.
func TestBoolBytesRefused(t *testing.T) {
	const rows, cols = 3, 3
	for v := 2; v < 256; v++ {
		for pos := 0; pos < rows*cols; pos++ {
			data := make([]byte, rows*cols)
			for i := range data {
				data[i] = byte(i % 2)
			}
			data[pos] = byte(v)
			want := fmt.Sprintf("bool byte %#02x at data offset %d, want 0 or 1", v, pos)
			check := func(what string, err error) {
				t.Helper()
				if !errors.Is(err, typed.ErrFormat) || !strings.Contains(err.Error(), want) {
					t.Fatalf("%s with byte %#x at %d: %v, want ErrFormat %q", what, v, pos, err, want)
				}
			}
			for _, fortran := range []string{"False", "True"} {
				file := v1(fmt.Sprintf("{'descr': '|b1', 'fortran_order': %s, 'shape': (%d, %d), }", fortran, rows, cols), data)
				for _, d := range decoders {
					_, err := d.decode(file)
					check(d.name+" fortran_order "+fortran, err)
				}
			}
			for _, name := range []string{"bool", "|b1", "?"} {
				_, err := generated.FromBytes(data, name, rows, cols)
				check("FromBytes "+name, err)
			}
			_, err := generated.BoolArray2DFromBytes(data, rows, cols)
			check("BoolArray2DFromBytes", err)
			var a generated.BoolArray2D
			err = a.UnmarshalJSON(fmt.Appendf(nil, `{"dtype":"bool","shape":[%d,%d],"data":%q}`, rows, cols, base64.StdEncoding.EncodeToString(data)))
			check("UnmarshalJSON", err)
		}
	}
}

// TestBoolBytesRefusedLong moves a bad byte through an array long enough
// for CheckBools' word-at-a-time loop, its tail, and the boundary between.
func TestBoolBytesRefusedLong(t *testing.T) {
	const rows, cols = 7, 11
	for _, v := range []byte{2, 0x10, 0x80, 0xfe, 0xff} {
		for pos := 0; pos < rows*cols; pos++ {
			data := make([]byte, rows*cols)
			for i := range data {
				data[i] = byte(i % 3 & 1)
			}
			data[pos] = v
			want := fmt.Sprintf("bool byte %#02x at data offset %d,", v, pos)
			_, err := generated.FromBytes(data, "bool", rows, cols)
			if !errors.Is(err, typed.ErrFormat) || !strings.Contains(err.Error(), want) {
				t.Fatalf("byte %#x at %d: %v", v, pos, err)
			}
			file := v1(fmt.Sprintf("{'descr': '|b1', 'fortran_order': False, 'shape': (%d, %d), }", rows, cols), data)
			for _, d := range decoders {
				if _, err := d.decode(file); !errors.Is(err, typed.ErrFormat) || !strings.Contains(err.Error(), want) {
					t.Fatalf("%s: byte %#x at %d: %v", d.name, v, pos, err)
				}
			}
		}
	}
}

// TestBoolBytesAccepted checks the other side: 0 and 1 in every pattern
// of a byte's worth of positions decode to false and true.
func TestBoolBytesAccepted(t *testing.T) {
	for pattern := 0; pattern < 256; pattern++ {
		data := make([]byte, 8)
		for i := range data {
			data[i] = byte(pattern >> i & 1)
		}
		a, err := generated.BoolArray2DFromBytes(data, 2, 4)
		if err != nil {
			t.Fatal(err)
		}
		for i, b := range a.Data {
			if b != (data[i] == 1) {
				t.Fatalf("pattern %08b: element %d is %v", pattern, i, b)
			}
		}
	}
}
