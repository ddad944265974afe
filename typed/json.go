package typed

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// AppendJSON appends the JSON envelope of an array,
//
//	{"dtype":"float64","shape":[3,3],"data":"<base64 of tobytes()>"}
//
// which Python reads back with
// np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"]).
// ndim is numpy's rank: the shape is written [] for 0 (rows and cols must be
// 1), [cols] for 1 (rows must be 1) and [rows,cols] for 2.
// data is in host byte order; the envelope always carries little-endian
// bytes, as tobytes() gives them on every common host.
//
// The envelope is sized before a byte is written, so dst grows at most once,
// and the data is encoded straight into it.
func (impl) AppendJSON(dst []byte, dt DType, ndim, rows, cols int, data []byte) ([]byte, error) {
	if err := Impl.CheckData(dt, rows, cols, len(data)); err != nil {
		return dst, err
	}
	if err := jsonRank(ndim, rows, cols); err != nil {
		return dst, err
	}
	// The fixed text, the name, two dimensions of at most 20 characters each.
	dst = slices.Grow(dst, len(`{"dtype":"","shape":[,],"data":""}`)+len(dt.Name)+40+base64.StdEncoding.EncodedLen(len(data)))
	dst = append(dst, `{"dtype":"`...)
	dst = appendJSONDType(dst, dt)
	dst = append(dst, `","shape":[`...)
	switch ndim {
	case 1:
		dst = strconv.AppendInt(dst, int64(cols), 10)
	case 2:
		dst = strconv.AppendInt(dst, int64(rows), 10)
		dst = append(dst, ',')
		dst = strconv.AppendInt(dst, int64(cols), 10)
	}
	dst = append(dst, `],"data":"`...)
	if needsSwap('<', dt) {
		dst = appendSwappedBase64(dst, data, dt.SwapUnit())
	} else {
		dst = b64AppendEncode(dst, data)
	}
	return append(dst, `"}`...), nil
}

// appendJSONDType writes the dtype as np.dtype() reads it back: the name
// for fixed-size dtypes, kind and width for strings ("U10"), whose names
// (str320) numpy prints but does not parse. Like the names, "U10" has no
// byte order: the envelope's data is little-endian. (A '<' would also be
// escaped to \u003c by encoding/json.)
func appendJSONDType(dst []byte, dt DType) []byte {
	if dt.Flexible() {
		dst = append(dst, dt.Kind)
		return strconv.AppendInt(dst, int64(dt.Width()), 10)
	}
	return append(dst, dt.Name...)
}

// appendSwappedBase64 appends the base64 of data with every unit-wide word
// byte-swapped, through a small buffer rather than a swapped copy of it all.
// A chunk is a multiple of 3 bytes (no padding inside the text) and of every
// swap unit (2, 4 and 8).
func appendSwappedBase64(dst, data []byte, unit int) []byte {
	var buf [3 * 8 * 128]byte
	for len(data) > 0 {
		c := buf[:min(len(data), len(buf))]
		copy(c, data)
		Impl.Swap(c, unit)
		dst = b64AppendEncode(dst, c)
		data = data[len(c):]
	}
	return dst
}

// jsonRank checks that (rows, cols) is a shape of numpy rank ndim.
func jsonRank(ndim, rows, cols int) error {
	switch {
	case ndim == 2,
		ndim == 1 && rows == 1,
		ndim == 0 && rows == 1 && cols == 1:
		return nil
	case ndim < 0 || ndim > 2:
		return fmt.Errorf("%w: rank %d, want 0, 1 or 2", ErrShape, ndim)
	}
	return fmt.Errorf("%w: shape (%d, %d) does not have rank %d", ErrShape, rows, cols, ndim)
}

// Envelope is a decoded JSON envelope, as typed.Impl.ParseJSON gives it to
// generated code; programs decode with UnmarshalJSON or generated.DecodeJSON.
type Envelope struct {
	DType DType
	// NDim is the rank of the envelope's shape: 0 for [], 1 for [n], 2 for
	// [r,c]. Rows and Cols are the shape as np.atleast_2d gives it: [] is
	// 1x1 and [n] is 1xn.
	NDim       int
	Rows, Cols int
	// Data is in host byte order. ParseJSON allocates it; DecodeJSON
	// returns the storage it was given.
	Data []byte
}

// ParseJSON decodes a JSON envelope. The dtype may be a numpy name or a
// descr; without an explicit '<' or '>' the data is little-endian, as AppendJSON writes it.
func (impl) ParseJSON(b []byte, lim Limits) (Envelope, error) {
	var data []byte
	e, err := Impl.DecodeJSON(b, DType{}, lim, func(n int) []byte {
		data = make([]byte, n)
		return data
	})
	e.Data = data
	return e, err
}

// DecodeJSON decodes a JSON envelope, as ParseJSON does, into storage that
// resize gives it: resize(n) must return n bytes (its old content need not
// be kept). It is called at most once, after the envelope's dtype and shape
// have been checked. When want is a table dtype (its Name is not empty),
// an envelope of any other dtype is refused with MismatchError before
// resize is called.
//
// The usual envelope, as AppendJSON writes it or with any whitespace and
// key order, is read in one pass over b, with the data decoded from b
// straight into the storage; nothing is allocated. Anything else (escapes
// in strings, unusual numbers, errors) is left to encoding/json, which
// decides what is valid, so that both paths accept exactly the same input
// and decode it alike.
func (impl) DecodeJSON(b []byte, want DType, lim Limits, resize func(n int) []byte) (Envelope, error) {
	f, ok := scanEnvelope(b)
	if !ok {
		return decodeJSONSlow(b, want, lim, resize)
	}
	dt, order, err := parseDType(f.dtype)
	if err != nil {
		return Envelope{}, err
	}
	if dt.SwapUnit() > 1 && f.dtype[0] != '<' && f.dtype[0] != '>' {
		order = '<'
	}
	e := Envelope{DType: dt, NDim: f.ndim, Rows: 1, Cols: 1}
	switch {
	case f.dims[0] > int64(maxInt) || f.dims[1] > int64(maxInt):
		return decodeJSONSlow(b, want, lim, resize)
	case f.ndim == 0:
	case f.ndim == 1:
		e.Cols = int(f.dims[0])
	case f.ndim == 2:
		e.Rows, e.Cols = int(f.dims[0]), int(f.dims[1])
	default: // a rank problem: the slow path words it
		return decodeJSONSlow(b, want, lim, resize)
	}
	need, err := Impl.DataLen(dt, e.Rows, e.Cols, lim)
	if err != nil || len(f.data) != base64.StdEncoding.EncodedLen(need) {
		// The slow path reports it, or reads data with escapes in it.
		return decodeJSONSlow(b, want, lim, resize)
	}
	if want.Name != "" && dt.Name != want.Name {
		return Envelope{}, Impl.MismatchError(dt, want)
	}
	buf := resize(need)[:need]
	// The text is exactly as long as the base64 of need bytes, so a decode
	// that yields need bytes skipped no newline: it read plain base64 that
	// held no escape, and the quote that ended it is the string's end.
	if n, err := decodeBase64(buf, f.data); err != nil || n != need {
		s, err := parseJSONSlow(b, lim)
		if err != nil {
			return Envelope{}, err
		}
		copy(buf, s.Data)
		s.Data = buf
		return s, nil
	}
	e.Data = buf
	return e, Impl.Normalize(buf, Header{DType: dt, Order: order, Rows: e.Rows, Cols: e.Cols})
}

// decodeBase64 decodes src, which is exactly as long as the base64 of
// len(dst) bytes, into dst. base64's Decode may write a whole last quantum
// (3 bytes) whatever the padding says, past the end of dst when len(dst)
// is not a multiple of 3, so the last quantum goes through a small buffer.
func decodeBase64(dst, src []byte) (int, error) {
	if len(src) < 4 {
		return b64Decode(dst, src)
	}
	head := len(src) - 4
	n, err := b64Decode(dst[:head/4*3], src[:head])
	if err != nil || n != head/4*3 {
		return n, err
	}
	var last [3]byte
	m, err := b64Decode(last[:], src[head:])
	if err != nil {
		return n, err
	}
	if m > len(dst)-n {
		return n + m, base64.CorruptInputError(head)
	}
	copy(dst[n:], last[:m])
	return n + m, nil
}

// decodeJSONSlow is DecodeJSON through encoding/json.
func decodeJSONSlow(b []byte, want DType, lim Limits, resize func(n int) []byte) (Envelope, error) {
	e, err := parseJSONSlow(b, lim)
	if err != nil {
		return Envelope{}, err
	}
	if want.Name != "" && e.DType.Name != want.Name {
		return Envelope{}, Impl.MismatchError(e.DType, want)
	}
	buf := resize(len(e.Data))[:len(e.Data)]
	copy(buf, e.Data)
	e.Data = buf
	return e, nil
}

// parseJSONSlow decodes an envelope with encoding/json: the reference that
// the fast path must agree with, and the one that words the errors.
func parseJSONSlow(b []byte, lim Limits) (Envelope, error) {
	var raw struct {
		DType *string `json:"dtype"`
		Shape []int64 `json:"shape"`
		Data  *string `json:"data"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return Envelope{}, fmt.Errorf("%w: json envelope: %w", ErrFormat, err)
	}
	// Decoder.More misses a stray '}' or ']', so look at the rest directly.
	if end := dec.InputOffset(); len(bytes.TrimLeft(b[end:], " \t\r\n")) > 0 {
		return Envelope{}, formatErrorf(int(end), "json envelope: data after the object at byte %d", end)
	}
	if raw.DType == nil || raw.Shape == nil || raw.Data == nil {
		return Envelope{}, fmt.Errorf("%w: json envelope needs dtype, shape and data", ErrFormat)
	}
	dt, order, err := ParseDType(*raw.DType)
	if err != nil {
		return Envelope{}, err
	}
	// Only an explicit '<' or '>' names a byte order; anything else means the
	// envelope's own, little-endian, whatever the host.
	if s := *raw.DType; dt.SwapUnit() > 1 && s[0] != '<' && s[0] != '>' {
		order = '<'
	}
	if len(raw.Shape) > 2 {
		return Envelope{}, &RankError{Shape: append([]int64(nil), raw.Shape...), What: "json envelope "}
	}
	for _, d := range raw.Shape {
		switch {
		case d < 0:
			return Envelope{}, fmt.Errorf("%w: json envelope shape %v has a negative dimension", ErrShape, raw.Shape)
		case d > int64(maxInt): // as for a .npy header: a size, not a shape, problem
			return Envelope{}, fmt.Errorf("%w: json envelope shape %v is beyond this platform", ErrLimit, raw.Shape)
		}
	}
	e := Envelope{DType: dt}
	e.NDim, e.Rows, e.Cols = atLeast2D(raw.Shape)
	need, err := Impl.DataLen(dt, e.Rows, e.Cols, lim)
	if err != nil {
		return Envelope{}, err
	}
	if got := base64.StdEncoding.DecodedLen(len(*raw.Data)); got < need || got > need+2 {
		return Envelope{}, fmt.Errorf("%w: json envelope: shape %v of %s needs %d bytes, data holds about %d", ErrShape, raw.Shape, dt, need, got)
	}
	e.Data, err = b64DecodeString(*raw.Data)
	if err != nil {
		return Envelope{}, fmt.Errorf("%w: json envelope data: %w", ErrFormat, err)
	}
	if len(e.Data) != need {
		return Envelope{}, fmt.Errorf("%w: json envelope: shape %v of %s needs %d bytes, data has %d", ErrShape, raw.Shape, dt, need, len(e.Data))
	}
	return e, Impl.Normalize(e.Data, Header{DType: dt, Order: order, Rows: e.Rows, Cols: e.Cols})
}

// envelopeFields are the parts of an envelope the fast scan found.
type envelopeFields struct {
	dtype []byte   // the dtype string's bytes, printable ASCII without '\\'
	ndim  int      // the shape's length, 0 to 3 (3 meaning "more than 2")
	dims  [2]int64 // its first two dimensions, each at most 18 digits
	data  []byte   // the data string's bytes up to the first '"'
}

// scanEnvelope reads the envelope in its usual form: one object with the
// keys "dtype", "shape" and "data", each once, in any order, with JSON
// whitespace anywhere between tokens; the dtype a string of printable ASCII
// without escapes; the shape an array of non-negative integers without
// leading zeros. It reports false for anything else, valid or not, which
// the caller hands to encoding/json. The data string's end is the first
// '"': DecodeJSON checks that what lies before it is plain base64.
func scanEnvelope(b []byte) (f envelopeFields, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return f, false
	}
	i++
	var seen [3]bool
	for k := 0; k < 3; k++ {
		if k > 0 {
			if i = skipSpace(b, i); i >= len(b) || b[i] != ',' {
				return f, false
			}
			i++
		}
		i = skipSpace(b, i)
		var key int
		switch {
		case hasAt(b, i, `"dtype"`):
			key, i = 0, i+len(`"dtype"`)
		case hasAt(b, i, `"shape"`):
			key, i = 1, i+len(`"shape"`)
		case hasAt(b, i, `"data"`):
			key, i = 2, i+len(`"data"`)
		default:
			return f, false
		}
		if seen[key] {
			return f, false
		}
		seen[key] = true
		if i = skipSpace(b, i); i >= len(b) || b[i] != ':' {
			return f, false
		}
		if i = skipSpace(b, i+1); i >= len(b) {
			return f, false
		}
		switch key {
		case 0:
			if b[i] != '"' {
				return f, false
			}
			j := i + 1
			for j < len(b) && b[j] != '"' {
				if c := b[j]; c < 0x20 || c > 0x7e || c == '\\' {
					return f, false
				}
				j++
			}
			if j >= len(b) || j == i+1 {
				return f, false
			}
			f.dtype, i = b[i+1:j], j+1
		case 1:
			if i, ok = f.scanShape(b, i); !ok {
				return f, false
			}
		case 2:
			if b[i] != '"' {
				return f, false
			}
			j := bytes.IndexByte(b[i+1:], '"')
			if j < 0 {
				return f, false
			}
			f.data, i = b[i+1:i+1+j], i+2+j
		}
	}
	if i = skipSpace(b, i); i >= len(b) || b[i] != '}' {
		return f, false
	}
	return f, skipSpace(b, i+1) == len(b)
}

// scanShape reads a JSON array of non-negative integers at b[i].
func (f *envelopeFields) scanShape(b []byte, i int) (int, bool) {
	if b[i] != '[' {
		return i, false
	}
	if i = skipSpace(b, i+1); i < len(b) && b[i] == ']' {
		return i + 1, true
	}
	for {
		n, v := 0, int64(0)
		for i+n < len(b) && n <= 18 && b[i+n] >= '0' && b[i+n] <= '9' {
			v = v*10 + int64(b[i+n]-'0')
			n++
		}
		if n == 0 || n > 18 || (n > 1 && b[i] == '0') {
			return i, false
		}
		if f.ndim < len(f.dims) {
			f.dims[f.ndim] = v
		}
		f.ndim = min(f.ndim+1, 3)
		if i = skipSpace(b, i+n); i >= len(b) {
			return i, false
		}
		switch b[i] {
		case ']':
			return i + 1, true
		case ',':
			i = skipSpace(b, i+1)
		default:
			return i, false
		}
	}
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

func hasAt(b []byte, i int, s string) bool {
	return len(b)-i >= len(s) && string(b[i:i+len(s)]) == s
}
