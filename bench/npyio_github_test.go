package bench

import (
	"bytes"

	npyio "github.com/sbinet/npyio"
)

// github.com/sbinet/npyio (v0.9.0, its last release on GitHub before it
// moved to Codeberg): npyio.Write(w, slice) and npyio.Read(r, &slice), as
// its package docs show. npyio writes a plain slice with shape (N,): it has
// no way to attach a 2-D shape to a flat slice (only *mat.Dense, float64,
// gets (rows, cols)). The data bytes are the same; only the header differs.
// Read is given a nil slice so it allocates, as for a file read fresh.
func npyioGithubCodec[T any](s slot[T]) codec {
	return codec{
		name: "npyio-github",
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

func init() {
	register(npyioGithubCodec(f64Slot), npyioGithubCodec(i32Slot), npyioGithubCodec(boolSlot),
		npyioGithubCodec(c128Slot), npyioGithubCodec(i64Slot))
}
