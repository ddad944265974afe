package bench

import (
	"bytes"

	"github.com/npy2d/npy2d/bench/generic"
)

// generics: the Go-generics .npy codec in ./generic, the baseline npy2d's
// generated code is measured against. Same format and work as npy2d
// should do, written once for all types.
func genericsCodec[T generic.Num](s slot[T]) codec {
	return codec{
		name: "generics",
		kind: s.kind,
		encode: func(w *bytes.Buffer, in *input) error {
			return generic.Write(w, s.get(in), in.rows, in.cols)
		},
		decode: func(r *bytes.Reader, in *input) error {
			out, _, _, err := generic.Read[T](r)
			if err != nil {
				return err
			}
			s.set(in, out)
			return nil
		},
	}
}

func init() {
	register(genericsCodec(f64Slot), genericsCodec(i32Slot), genericsCodec(boolSlot),
		genericsCodec(c128Slot), genericsCodec(i64Slot))
}
