package bench

import (
	"bytes"
	"encoding/json"
)

// encoding/json of {Shape, Data}: what a Go user reaches for when no binary
// format is at hand. A new Encoder/Decoder per call, as for one file.
type jsonArray[T any] struct {
	Shape [2]int
	Data  []T
}

func jsonCodec[T any](s slot[T]) codec {
	return codec{
		name: "json",
		kind: s.kind,
		encode: func(w *bytes.Buffer, in *input) error {
			return json.NewEncoder(w).Encode(jsonArray[T]{[2]int{in.rows, in.cols}, s.get(in)})
		},
		decode: func(r *bytes.Reader, in *input) error {
			var v jsonArray[T]
			if err := json.NewDecoder(r).Decode(&v); err != nil {
				return err
			}
			s.set(in, v.Data)
			return nil
		},
	}
}

// complex128 is not JSON-able, so it is written as [re, im] pairs, the
// usual workaround. The conversion both ways is inside the timer because a
// user has to do it too.
func jsonComplexCodec() codec {
	return codec{
		name: "json",
		kind: kC128,
		encode: func(w *bytes.Buffer, in *input) error {
			pairs := make([][2]float64, len(in.c128))
			for i, c := range in.c128 {
				pairs[i] = [2]float64{real(c), imag(c)}
			}
			return json.NewEncoder(w).Encode(jsonArray[[2]float64]{[2]int{in.rows, in.cols}, pairs})
		},
		decode: func(r *bytes.Reader, in *input) error {
			var v jsonArray[[2]float64]
			if err := json.NewDecoder(r).Decode(&v); err != nil {
				return err
			}
			out := make([]complex128, len(v.Data))
			for i, p := range v.Data {
				out[i] = complex(p[0], p[1])
			}
			in.out.c128 = out
			return nil
		},
	}
}

func init() {
	register(jsonCodec(f64Slot), jsonCodec(i32Slot), jsonCodec(boolSlot),
		jsonComplexCodec(), jsonCodec(i64Slot))
}
