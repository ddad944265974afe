package bench

import (
	"bytes"

	npyio "codeberg.org/sbinet/npyio"
	"gonum.org/v1/gonum/mat"
)

// codeberg.org/sbinet/npyio (v0.14.0, the maintained home of npyio): the
// same calls as npyio-github, npyio.Write(w, slice) / npyio.Read(r, &slice),
// with the same (N,)-shape caveat.
func npyioCodebergCodec[T any](s slot[T]) codec {
	return codec{
		name: "npyio-codeberg",
		kind: s.kind,
		encode: func(w *bytes.Buffer, in *input) error {
			return npyio.Write(w, s.get(in))
		},
		decode: func(r *bytes.Reader, in *input) error {
			var out []T
			if err := npyio.Read(r, &out); err != nil {
				return err
			}
			s.set(in, out)
			return nil
		},
	}
}

// npyio-codeberg-dense is npyio's documented 2-D path, float64 only:
// Write(w, *mat.Dense) writes shape (rows, cols); Read(r, &dense) reads it.
// The Dense wrapping the input is built outside the timer (a gonum user
// already has one); mat.NewDense does not copy, so it is cheap anyway.
func npyioCodebergDenseCodec() codec {
	var dense *mat.Dense
	return codec{
		name: "npyio-codeberg-dense",
		kind: kF64,
		encode: func(w *bytes.Buffer, in *input) error {
			// Built on the untimed warm-up call; rebuilt only if the input changes.
			if dense == nil || &dense.RawMatrix().Data[0] != &in.f64[0] {
				dense = mat.NewDense(in.rows, in.cols, in.f64)
			}
			return npyio.Write(w, dense)
		},
		decode: func(r *bytes.Reader, in *input) error {
			var m mat.Dense
			if err := npyio.Read(r, &m); err != nil {
				return err
			}
			in.out.f64 = m.RawMatrix().Data
			return nil
		},
	}
}

func init() {
	register(npyioCodebergCodec(f64Slot), npyioCodebergCodec(i32Slot), npyioCodebergCodec(boolSlot),
		npyioCodebergCodec(c128Slot), npyioCodebergCodec(i64Slot))
	register(npyioCodebergDenseCodec())
}
