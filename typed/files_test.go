package typed_test

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"io"
	"runtime"
	"strings"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// Helpers shared by the hostile-input tests: building .npy files byte by
// byte, decoding them every way the library can, and measuring what a
// decode allocates.

// rawNPY is a .npy file with the dict exactly as given (no padding added),
// followed by data. Version 1.0 stores the dict length in two bytes, later
// versions in four.
func rawNPY(major, minor byte, dict string, data []byte) []byte {
	b := append([]byte(typed.Magic), major, minor)
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(dict)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(dict)))
	}
	b = append(b, dict...)
	return append(b, data...)
}

// padNPY pads dict as np.save does (spaces, then a newline ending the
// header at a multiple of 64 bytes) and builds a file of that version.
func padNPY(major byte, dict string, data []byte) []byte {
	pre := 10
	if major > 1 {
		pre = 12
	}
	n := pre + len(dict) + 1
	dict += strings.Repeat(" ", (64-n%64)%64) + "\n"
	return rawNPY(major, 0, dict, data)
}

// v1 is padNPY for version 1.0, what np.save writes for 2-D arrays.
func v1(dict string, data []byte) []byte { return padNPY(1, dict, data) }

// seq is n bytes counting from 1, so that misplaced bytes show.
func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i + 1)
	}
	return b
}

// stream hides Len and Seek from the decoder, as a network connection or
// pipe would, and hands over at most half of what is asked each call.
type stream struct{ r io.Reader }

func (s stream) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:(len(p)+1)/2]
	}
	return s.r.Read(p)
}

// decoder is one way to decode a whole file held in memory.
type decoder struct {
	name   string
	decode func(b []byte) (typed.Array, error)
}

// decoders are every entry point that decodes a .npy file: ReadNPY from a
// reader that knows its length and from a stream, and UnmarshalBinary into
// an array of the dtype the header names (int16 when it names none).
var decoders = []decoder{
	{"ReadNPY", func(b []byte) (typed.Array, error) {
		return generated.ReadNPY(bytes.NewReader(b))
	}},
	{"ReadNPY(stream)", func(b []byte) (typed.Array, error) {
		return generated.ReadNPY(stream{bytes.NewReader(b)})
	}},
	{"UnmarshalBinary", func(b []byte) (typed.Array, error) {
		dt := typed.Impl.MustDType("int16")
		if h, err := typed.ParseHeader(b, typed.Limits{}); err == nil {
			dt = h.DType
		}
		a, err := generated.NewArray(dt, 0, 0)
		if err != nil {
			return nil, err
		}
		if err := a.(encoding.BinaryUnmarshaler).UnmarshalBinary(b); err != nil {
			return nil, err
		}
		return a, nil
	}},
}

// allocated returns the bytes f allocated, from runtime.MemStats. Tests
// that call it do not run in parallel, so the count is f's own (plus noise
// of a few KiB from the runtime).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const (
	kib = 1 << 10
	mib = 1 << 20
)
