package typed

import (
	"bytes"

	"github.com/npy2d/npy2d/internal/plural"
)

// DecodeNPY decodes a whole .npy file held in b whose dtype must be want,
// filling storage through resize as ReadData does. Bytes after the data are
// an error: a file is one array.
func (impl) DecodeNPY(b []byte, want DType, lim Limits, have int, resize func(n int) []byte) (Header, error) {
	h, err := ParseHeader(b, lim)
	if err != nil {
		return h, err
	}
	if h.DType.Name != want.Name { // a string dtype's width is the file's
		return h, Impl.MismatchError(h.DType, want)
	}
	body := b[h.DataOffset:]
	if len(body) < h.DataLen {
		return h, truncated("data", h.DataOffset+h.DataLen, len(b))
	}
	if len(body) > h.DataLen {
		return h, formatErrorf(h.DataOffset+h.DataLen, "%s after the data at byte %d", plural.N(len(body)-h.DataLen, "byte"), h.DataOffset+h.DataLen)
	}
	_, err = Impl.ReadData(bytes.NewReader(body), h, have, resize)
	return h, err
}

// HostOrderCopy returns b when data stored in order is already in host
// order, and a swapped copy otherwise.
func (impl) HostOrderCopy(b []byte, dt DType, order byte) []byte {
	if !needsSwap(order, dt) {
		return b
	}
	c := bytes.Clone(b)
	Impl.Swap(c, dt.SwapUnit())
	return c
}

// DecodeRaw is DecodeNPY into a new buffer, for types that do not keep
// numpy's bytes as their storage (strings).
func (impl) DecodeRaw(b []byte, want DType, lim Limits) (Header, []byte, error) {
	var buf []byte
	h, err := Impl.DecodeNPY(b, want, lim, 0, func(n int) []byte {
		buf = growBytes(buf, n)
		return buf
	})
	return h, buf, err
}
