package bench

import (
	"bytes"
	"encoding/binary"
)

// encoding/binary Write/Read of the slice, little-endian: the standard
// library's fixed-size encoding, i.e. the same bytes as a .npy data section
// without a header. The reader must know the length (here rows*cols), as
// a user would from a header or a convention.
func binaryCodec[T any](s slot[T]) codec {
	return codec{
		name: "binary",
		kind: s.kind,
		encode: func(w *bytes.Buffer, in *input) error {
			return binary.Write(w, binary.LittleEndian, s.get(in))
		},
		decode: func(r *bytes.Reader, in *input) error {
			out := make([]T, in.rows*in.cols)
			if err := binary.Read(r, binary.LittleEndian, out); err != nil {
				return err
			}
			s.set(in, out)
			return nil
		},
	}
}

func init() {
	register(binaryCodec(f64Slot), binaryCodec(i32Slot), binaryCodec(boolSlot),
		binaryCodec(c128Slot), binaryCodec(i64Slot))
}
