package typed

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
)

// AppendJSON appends the JSON envelope of an array,
//
//	{"dtype":"float64","shape":[3,3],"data":"<base64 of tobytes()>"}
//
// which Python reads back with
// np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"]).
// data is in host byte order; the envelope always carries little-endian
// bytes, as tobytes() gives them on every common host.
func AppendJSON(dst []byte, dt DType, ndim, rows, cols int, data []byte) ([]byte, error) {
	if err := checkArray(dt, ndim, rows, cols, len(data)); err != nil {
		return dst, err
	}
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
		data = bytes.Clone(data)
		Swap(data, dt.SwapUnit())
	}
	dst = base64.StdEncoding.AppendEncode(dst, data)
	return append(dst, `"}`...), nil
}

// appendJSONDType writes the dtype as np.dtype() reads it back: the name
// for fixed-size dtypes, the descr for strings ('<U10'), whose names
// (str320) numpy prints but does not parse.
func appendJSONDType(dst []byte, dt DType) []byte {
	if dt.Flexible() {
		return dt.appendDescr(dst)
	}
	return append(dst, dt.Name...)
}

// Envelope is a decoded JSON envelope.
type Envelope struct {
	DType DType
	// NDim is numpy's rank (0, 1 or 2); Rows and Cols the np.atleast_2d
	// shape, as in Header.
	NDim       int
	Rows, Cols int
	// Data is freshly allocated and in host byte order.
	Data []byte
}

// ParseJSON decodes a JSON envelope. The dtype may be a numpy name or a
// descr; without an explicit '<' or '>' the data is little-endian, as AppendJSON writes it.
func ParseJSON(b []byte, lim Limits) (Envelope, error) {
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
		return Envelope{}, fmt.Errorf("%w: json envelope: data after the object at byte %d", ErrFormat, end)
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
		return Envelope{}, fmt.Errorf("%w: json envelope shape %v has %d dimensions; the family holds arrays of 0, 1 or 2", ErrShape, raw.Shape, len(raw.Shape))
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
	need, err := DataLen(dt, e.Rows, e.Cols, lim)
	if err != nil {
		return Envelope{}, err
	}
	if got := base64.StdEncoding.DecodedLen(len(*raw.Data)); got < need || got > need+2 {
		return Envelope{}, fmt.Errorf("%w: json envelope: shape %v of %s needs %d bytes, data holds about %d", ErrShape, raw.Shape, dt, need, got)
	}
	e.Data, err = base64.StdEncoding.DecodeString(*raw.Data)
	if err != nil {
		return Envelope{}, fmt.Errorf("%w: json envelope data: %w", ErrFormat, err)
	}
	if len(e.Data) != need {
		return Envelope{}, fmt.Errorf("%w: json envelope: shape %v of %s needs %d bytes, data has %d", ErrShape, raw.Shape, dt, need, len(e.Data))
	}
	return e, Normalize(e.Data, Header{DType: dt, Order: order, Rows: e.Rows, Cols: e.Cols})
}
