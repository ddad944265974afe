package stream_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/stream"
	"github.com/npy2d/npy2d/typed"
)

// TestVectorStream writes a 1-D file in blocks, which numpy must read as
// np.save of the concatenation, byte for byte, and reads it back element
// by element: blocks are vectors.
func TestVectorStream(t *testing.T) {
	dir := t.TempDir()
	for _, dtype := range []string{"float64", "<U6", "|S3"} {
		dt, _, err := typed.ParseDType(dtype)
		if err != nil {
			t.Fatal(err)
		}
		var file bytes.Buffer
		f, err := os.Create(filepath.Join(dir, "v.npy"))
		if err != nil {
			t.Fatal(err)
		}
		w, err := stream.NewVectorWriter(f, dt)
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for blk := 0; blk < 3; blk++ {
			a, _ := generated.NewArray(dt, 2+blk)
			switch v := a.(type) {
			case *generated.Float64Array2D:
				for i := range v.Data {
					v.Data[i] = float64(len(all)) / 4
					all = append(all, fmt.Sprint(v.Data[i]))
				}
			case *generated.StringArray2D:
				for i := range v.Data {
					v.Data[i] = fmt.Sprintf("é%d", len(all))
					all = append(all, v.Data[i])
				}
			case *generated.BytesArray2D:
				for i := range v.Data {
					v.Data[i] = fmt.Sprintf("b%d", len(all))
					all = append(all, v.Data[i])
				}
			}
			if err := w.Write(a); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		got, _ := os.ReadFile(filepath.Join(dir, "v.npy"))
		file.Write(got)
		numpytest.Run(t, dir, `
import ast
a = np.load('v.npy')
want = np.array(ast.literal_eval(sys.argv[2]), dtype=sys.argv[1])
assert a.shape == want.shape and a.dtype == want.dtype, (a, want)
assert (a == want).all(), (a, want)
np.save('want.npy', want)
assert open('want.npy', 'rb').read() == open('v.npy', 'rb').read(), 'not np.save of the concatenation'
`, dtype, pyList(dt, all))

		r, err := stream.NewReader(bytes.NewReader(file.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		var back []string
		for {
			blk, err := r.Next(4)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if blk.NDim() != 1 {
				t.Fatalf("block of rank %d, want vectors", blk.NDim())
			}
			switch v := blk.(type) {
			case *generated.Float64Array2D:
				for _, x := range v.Data {
					back = append(back, fmt.Sprint(x))
				}
			case *generated.StringArray2D:
				back = append(back, v.Data...)
			case *generated.BytesArray2D:
				back = append(back, v.Data...)
			}
		}
		if fmt.Sprint(back) != fmt.Sprint(all) {
			t.Errorf("%s: read back %q, wrote %q", dtype, back, all)
		}
	}
}

// pyList is values as a Python list literal numpy turns into dt.
func pyList(dt typed.DType, values []string) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		switch dt.Kind {
		case 'U':
			fmt.Fprintf(&b, "%q", v)
		case 'S':
			fmt.Fprintf(&b, "b%q", v)
		default:
			b.WriteString(v)
		}
	}
	b.WriteByte(']')
	return b.String()
}
