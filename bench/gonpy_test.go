package bench

import (
	"bytes"
	"io"

	"github.com/kshedden/gonpy"
)

// github.com/kshedden/gonpy (untagged; pseudo-version in go.mod): its
// writer/reader API. NewWriter takes an io.WriteCloser and closes it after
// one array, so the buffer is wrapped in a no-op closer. Shape is set to
// (rows, cols) the documented way. Methods are per type (WriteFloat64,
// GetFloat64, ...). gonpy has no bool support, so bool is not registered.
type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

func gonpyCodec[T any](s slot[T],
	write func(*gonpy.NpyWriter, []T) error,
	read func(*gonpy.NpyReader) ([]T, error),
) codec {
	return codec{
		name: "gonpy",
		kind: s.kind,
		encode: func(w *bytes.Buffer, in *input) error {
			nw, err := gonpy.NewWriter(nopWriteCloser{w})
			if err != nil {
				return err
			}
			nw.Shape = []int{in.rows, in.cols}
			return write(nw, s.get(in))
		},
		decode: func(r *bytes.Reader, in *input) error {
			nr, err := gonpy.NewReader(r)
			if err != nil {
				return err
			}
			out, err := read(nr)
			if err != nil {
				return err
			}
			s.set(in, out)
			return nil
		},
	}
}

func init() {
	register(
		gonpyCodec(f64Slot, (*gonpy.NpyWriter).WriteFloat64, (*gonpy.NpyReader).GetFloat64),
		gonpyCodec(i32Slot, (*gonpy.NpyWriter).WriteInt32, (*gonpy.NpyReader).GetInt32),
		gonpyCodec(c128Slot, (*gonpy.NpyWriter).WriteComplex128, (*gonpy.NpyReader).GetComplex128),
		gonpyCodec(i64Slot, (*gonpy.NpyWriter).WriteInt64, (*gonpy.NpyReader).GetInt64),
	)
}
