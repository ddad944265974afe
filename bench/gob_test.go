package bench

import (
	"bytes"
	"encoding/gob"
)

// encoding/gob of the bare slice (gob has no shape; a gob user who needs
// one would add a struct, which changes little). A new Encoder and a new
// Decoder per call, as a user writing or reading one file would do: gob
// streams carry type information once per stream, so this includes it.
func gobCodec[T any](s slot[T]) codec {
	return codec{
		name: "gob",
		kind: s.kind,
		encode: func(w *bytes.Buffer, in *input) error {
			return gob.NewEncoder(w).Encode(s.get(in))
		},
		decode: func(r *bytes.Reader, in *input) error {
			var out []T
			if err := gob.NewDecoder(r).Decode(&out); err != nil {
				return err
			}
			s.set(in, out)
			return nil
		},
	}
}

func init() {
	register(gobCodec(f64Slot), gobCodec(i32Slot), gobCodec(boolSlot),
		gobCodec(c128Slot), gobCodec(i64Slot))
}
