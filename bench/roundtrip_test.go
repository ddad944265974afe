package bench

import (
	"bytes"
	"reflect"
	"testing"
)

// TestRoundTrip checks every registered codec decodes what it encoded, so
// a benchmark can never time a codec that silently produces garbage.
func TestRoundTrip(t *testing.T) {
	eachCase(func(c codec, in *input) {
		t.Run(c.name+"/"+in.name, func(t *testing.T) {
			var w bytes.Buffer
			if err := c.encode(&w, in); err != nil {
				t.Fatalf("encode: %v", err)
			}
			in.out = decoded{}
			if err := c.decodeFrom(new(bytes.Reader), w.Bytes(), in); err != nil {
				t.Fatalf("decode: %v", err)
			}
			defer func() { in.out = decoded{} }() // free the copy for later tests
			if c.noCheck {
				return
			}
			want, got := typedIn(in), typedOut(in)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("decoded data differs from input (got %T of len %d)",
					got, reflect.ValueOf(got).Len())
			}
		})
	})
}

func typedIn(in *input) any {
	switch in.kind {
	case kF64:
		return in.f64
	case kI32:
		return in.i32
	case kBool:
		return in.b
	case kC128:
		return in.c128
	default:
		return in.i64
	}
}

func typedOut(in *input) any {
	switch in.kind {
	case kF64:
		return in.out.f64
	case kI32:
		return in.out.i32
	case kBool:
		return in.out.b
	case kC128:
		return in.out.c128
	default:
		return in.out.i64
	}
}
