package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// npy2d, each way its users move data:
//
//   - npy2d: WriteTo into the reused buffer; ReadFrom into an existing array
//     of the right size, which reuses its Data (the steady state of a
//     pipeline that reads many arrays of one shape).
//   - npy2d-fresh: generated.ReadNPY, a new array per call, like every peer
//     that returns a fresh slice. Decode only: its writer is WriteTo.
//   - npy2d-view: Bytes() as the encoder and ...FromBytes as the decoder,
//     the zero-copy views (arr.tobytes() / np.frombuffer). No byte moves,
//     so their MB/s only says "constant time"; views_test.go times them at
//     1 KB and 100 MB.
//   - npy2d-json: the JSON envelope, MarshalJSON written to the buffer and
//     UnmarshalJSON of the whole message, as encoding/json calls them.
func init() {
	register(npy2dCodecs(npy2dKind[float64, *generated.Float64Array2D]{f64Slot,
		func(d []float64, r, c int) *generated.Float64Array2D {
			return &generated.Float64Array2D{Rows: r, Cols: c, Data: d}
		},
		func(a *generated.Float64Array2D) []float64 { return a.Data },
		func(b []byte, r, c int) ([]float64, error) {
			a, err := generated.Float64Array2DFromBytes(b, r, c)
			if err != nil {
				return nil, err
			}
			return a.Data, nil
		}})...)
	register(npy2dCodecs(npy2dKind[int32, *generated.Int32Array2D]{i32Slot,
		func(d []int32, r, c int) *generated.Int32Array2D {
			return &generated.Int32Array2D{Rows: r, Cols: c, Data: d}
		},
		func(a *generated.Int32Array2D) []int32 { return a.Data },
		func(b []byte, r, c int) ([]int32, error) {
			a, err := generated.Int32Array2DFromBytes(b, r, c)
			if err != nil {
				return nil, err
			}
			return a.Data, nil
		}})...)
	register(npy2dCodecs(npy2dKind[bool, *generated.BoolArray2D]{boolSlot,
		func(d []bool, r, c int) *generated.BoolArray2D {
			return &generated.BoolArray2D{Rows: r, Cols: c, Data: d}
		},
		func(a *generated.BoolArray2D) []bool { return a.Data },
		func(b []byte, r, c int) ([]bool, error) {
			a, err := generated.BoolArray2DFromBytes(b, r, c)
			if err != nil {
				return nil, err
			}
			return a.Data, nil
		}})...)
	register(npy2dCodecs(npy2dKind[complex128, *generated.Complex128Array2D]{c128Slot,
		func(d []complex128, r, c int) *generated.Complex128Array2D {
			return &generated.Complex128Array2D{Rows: r, Cols: c, Data: d}
		},
		func(a *generated.Complex128Array2D) []complex128 { return a.Data },
		func(b []byte, r, c int) ([]complex128, error) {
			a, err := generated.Complex128Array2DFromBytes(b, r, c)
			if err != nil {
				return nil, err
			}
			return a.Data, nil
		}})...)
	register(npy2dCodecs(npy2dKind[int64, *generated.Int64Array2D]{i64Slot,
		func(d []int64, r, c int) *generated.Int64Array2D {
			return &generated.Int64Array2D{Rows: r, Cols: c, Data: d}
		},
		func(a *generated.Int64Array2D) []int64 { return a.Data },
		func(b []byte, r, c int) ([]int64, error) {
			a, err := generated.Int64Array2DFromBytes(b, r, c)
			if err != nil {
				return nil, err
			}
			return a.Data, nil
		}})...)
}

// npyArray is what every generated Array2D type offers and the codecs use.
type npyArray interface {
	typed.Array
	io.ReaderFrom
	json.Marshaler
	json.Unmarshaler
}

// npy2dKind ties one generated type A to its element type T. The generated
// types share no generic form (that is the point of generating them), so
// the few things the codecs need are passed as functions.
type npy2dKind[T any, A npyArray] struct {
	slot slot[T]
	wrap func(data []T, rows, cols int) A // an array over data, no copy
	data func(A) []T
	// fromBytes calls ...FromBytes and returns its Data. Called directly, as
	// here, FromBytes is inlined and its result stays on the stack; called
	// through a func value it would not be, and would allocate.
	fromBytes func(b []byte, rows, cols int) ([]T, error)
}

func npy2dCodecs[T any, A npyArray](k npy2dKind[T, A]) []codec {
	// Per-input state, built on the untimed warm-up call: the array
	// wrapping the input (a user already holds one), the destination of
	// ReadFrom and the input's bytes for the view decoder.
	var (
		cur  *input
		src  A
		dst  A
		view []byte
	)
	prepare := func(in *input) {
		if cur == in {
			return
		}
		cur = in
		src = k.wrap(k.slot.get(in), in.rows, in.cols)
		dst = k.wrap(make([]T, in.rows*in.cols), in.rows, in.cols)
		view = src.Bytes()
	}
	writeTo := func(w *bytes.Buffer, in *input) error {
		prepare(in)
		_, err := src.WriteTo(w)
		return err
	}
	return []codec{{
		name:   "npy2d",
		kind:   k.slot.kind,
		encode: writeTo,
		decode: func(r *bytes.Reader, in *input) error {
			prepare(in)
			if _, err := dst.ReadFrom(r); err != nil {
				return err
			}
			k.slot.set(in, k.data(dst))
			return nil
		},
	}, {
		name:       "npy2d-fresh",
		kind:       k.slot.kind,
		encode:     writeTo,
		decodeOnly: true,
		decode: func(r *bytes.Reader, in *input) error {
			arr, err := generated.ReadNPY(r)
			if err != nil {
				return err
			}
			a, ok := arr.(A)
			if !ok {
				return fmt.Errorf("ReadNPY returned %T", arr)
			}
			k.slot.set(in, k.data(a))
			return nil
		},
	}, {
		name: "npy2d-view",
		kind: k.slot.kind,
		encode: func(_ *bytes.Buffer, in *input) error {
			prepare(in)
			viewSink = src.Bytes()
			if len(viewSink) != len(in.raw) {
				return fmt.Errorf("Bytes() has %d bytes, want %d", len(viewSink), len(in.raw))
			}
			return nil
		},
		decode: func(_ *bytes.Reader, in *input) error {
			prepare(in)
			data, err := k.fromBytes(view, in.rows, in.cols)
			if err != nil {
				return err
			}
			k.slot.set(in, data)
			return nil
		},
	}, {
		name: "npy2d-json",
		kind: k.slot.kind,
		encode: func(w *bytes.Buffer, in *input) error {
			prepare(in)
			b, err := src.MarshalJSON()
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		},
		decodeBytes: func(enc []byte, in *input) error {
			a := k.wrap(nil, 0, 0)
			if err := a.UnmarshalJSON(enc); err != nil {
				return err
			}
			k.slot.set(in, k.data(a))
			return nil
		},
	}}
}

// viewSink keeps the last Bytes() view live so the encoder is not optimised
// away.
var viewSink []byte
