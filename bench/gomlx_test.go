package bench

import (
	"bytes"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/core/tensors/numpy"
)

// GoMLX's numpy package (github.com/gomlx/gomlx v0.26.0,
// pkg/core/tensors/numpy): numpy.ToNpyWriter(tensor, w) and
// numpy.FromNpyReader(r). It is pure Go: importing it pulls in the tensors
// and backends packages but no cgo, XLA or PJRT.
//
// GoMLX users hold *tensors.Tensor, not slices, so the input tensor is
// built once outside the timer (tensors.FromFlatDataAndDimensions copies,
// and a real user would not pay that per write). Decode gets the data the
// way a user reads it: tensors.ConstFlatData, which lends the tensor's own
// slice without copying.
func gomlxCodec[T dtypes.Supported](s slot[T]) codec {
	var (
		tIn  *tensors.Tensor // prebuilt on the untimed warm-up call
		tFor *input
	)
	return codec{
		name: "gomlx",
		kind: s.kind,
		encode: func(w *bytes.Buffer, in *input) error {
			if tFor != in {
				tIn, tFor = tensors.FromFlatDataAndDimensions(s.get(in), in.rows, in.cols), in
			}
			return numpy.ToNpyWriter(tIn, w)
		},
		decode: func(r *bytes.Reader, in *input) error {
			t, err := numpy.FromNpyReader(r)
			if err != nil {
				return err
			}
			return tensors.ConstFlatData(t, func(flat []T) { s.set(in, flat) })
		},
	}
}

func init() {
	register(gomlxCodec(f64Slot), gomlxCodec(i32Slot), gomlxCodec(boolSlot),
		gomlxCodec(c128Slot), gomlxCodec(i64Slot))
}
