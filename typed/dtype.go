package typed

import "strconv"

// DType describes one numpy dtype that the Array2D family can hold. It is a
// row of the dtype table; values are comparable with ==.
type DType struct {
	// Name is numpy's name for the dtype, as arr.dtype.name prints it.
	Name string
	// Kind is numpy's kind character: 'b' bool, 'i' signed, 'u' unsigned,
	// 'f' floating point, 'c' complex, 'U' Unicode string, 'S' byte string.
	Kind byte
	// Size is the item size in bytes (numpy's itemsize). The string rows of
	// the table have 0, flexible; a string dtype of a file or an array
	// carries its own (40 for '<U10').
	Size int
	// CharSize is, for the string kinds, the bytes of one character: 4 for
	// 'U' (UTF-32), 1 for 'S'. It is 0 for every fixed-size dtype.
	CharSize int
	// GoType is the Go element type as generated code spells it; a name
	// prefixed "typed." is declared in this package.
	GoType string
	// TypeName is the exported prefix of the generated type: TypeName +
	// "Array2D".
	TypeName string
	// Doc is a short phrase describing the values, used in doc comments.
	Doc string
}

// String returns numpy's name for the dtype, as arr.dtype.name prints it:
// "float64", and for a sized string dtype its bits, "str320" for '<U10'.
func (d DType) String() string {
	if d.Flexible() && d.Size > 0 {
		return d.Name + strconv.Itoa(8*d.Size)
	}
	return d.Name
}

// Flexible reports whether d is a string kind, whose item size belongs to
// each array rather than to the dtype table.
func (d DType) Flexible() bool { return d.CharSize > 0 }

// Width is the number of characters of a string dtype ('<U10' has 10).
func (d DType) Width() int {
	if !d.Flexible() {
		return 0
	}
	return d.Size / d.CharSize
}

// WithWidth returns the string dtype of the same kind holding width
// characters ('<U10' for the "str" row and 10).
func (d DType) WithWidth(width int) DType {
	d.Size = width * d.CharSize
	return d
}

// Descr returns the descr string np.save writes for this dtype: '|' where
// byte order does not apply (one-byte items, byte strings), '<' otherwise,
// because npy2d always writes little-endian files. A string dtype gives its
// width in characters ('<U10', '|S5').
func (d DType) Descr() string { return string(d.appendDescr(nil)) }

func (d DType) appendDescr(dst []byte) []byte {
	order := byte('<')
	if d.SwapUnit() == 1 {
		order = '|'
	}
	dst = append(dst, order, d.Kind)
	if d.Flexible() {
		return strconv.AppendInt(dst, int64(d.Width()), 10)
	}
	return strconv.AppendInt(dst, int64(d.Size), 10)
}

// SwapUnit is the width in bytes of each byte-swapped word: complex values
// are two floats, each swapped on its own; a Unicode string is UTF-32 code
// units; 1 means byte order does not apply.
func (d DType) SwapUnit() int {
	switch {
	case d.Kind == 'c':
		return d.Size / 2
	case d.Flexible():
		return d.CharSize
	}
	return d.Size
}

// DTypes returns the dtype table in its fixed order. The generator walks it;
// the caller may not modify the returned slice's elements' meaning, so it is a
// copy.
func DTypes() []DType {
	out := make([]DType, len(table))
	copy(out, table[:])
	return out
}

// LookupDType finds a table row by numpy name ("int64", "bool").
func LookupDType(name string) (DType, bool) {
	for _, d := range table {
		if d.Name == name {
			return d, true
		}
	}
	return DType{}, false
}

// MustDType is LookupDType for names known at compile time (generated code).
func (impl) MustDType(name string) DType {
	d, ok := LookupDType(name)
	if !ok {
		panic("typed: no dtype " + strconv.Quote(name) + " in the table")
	}
	return d
}
