package main

import (
	"fmt"
	"strings"

	. "github.com/dave/jennifer/jen"
	"github.com/npy2d/npy2d/typed"
)

// The conversions (numpy's astype) between the generated dtypes. Each
// element conversion is derived from the two table rows: their kinds,
// sizes and Go types. Nothing here lists dtypes.

// asName is the conversion to n's type: AsFloat64Array2D.
func asName(n names) string { return "As" + n.Type }

// likeName is the helper that makes an array of n's type with another
// array's shape: float64Array2DLike.
func likeName(n names) string { return lowerFirst(n.Type) + "Like" }

// viewName is the helper that brings an array of n's dtype to n's type:
// float64Array2DView. Like every unexported name the generator declares, it
// derives from a type name, so that two runs in one package, which must
// generate different types, never declare the same name.
func viewName(n names) string { return lowerFirst(n.Type) + "View" }

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// numeric are the names of the dtypes that convert: the generated ones
// without the string kinds.
func (c Config) numeric() []names {
	var out []names
	for _, n := range c.allNames() {
		if !n.dt.Flexible() {
			out = append(out, n)
		}
	}
	return out
}

// emitConvert writes AsType (when c has dispatch functions, under their
// pattern), one As function per dtype, and their helpers:
//
//	func AsType(a typed.Array, dt typed.DType) (typed.Array, error)
//	func AsFloat64Array2D(a typed.Array) (*Float64Array2D, error)
//	func float64Array2DView(a typed.Array) (*Float64Array2D, error)
//	func float64Array2DLike(a typed.Array, data []float64) *Float64Array2D
func emitConvert(f *File, c Config) {
	all := c.numeric()
	var dts []typed.DType
	for _, n := range all {
		dts = append(dts, n.dt)
	}
	held := dtypeNames(dts)

	// Where the As functions' doc finds numpy's rules.
	rules := "numpy's rules: integers wrap around, floats become integers by truncation toward zero, complex numbers give their real part, != 0 makes a bool, and NaN, infinities and out-of-range floats give no defined integer"
	if c.Dispatch != "" {
		rules = c.dispatch("AsType") + " gives the rules"
		emitAsType(f, c.dispatch("AsType"), all, held)
	}
	for _, to := range all {
		emitAs(f, to, all, held, rules)
	}
	for _, n := range all {
		emitView(f, n)
	}
	for _, n := range all {
		emitLike(f, n)
	}
}

// emitAsType writes the conversion to any of the generated dtypes:
//
//	func AsType(a typed.Array, dt typed.DType) (typed.Array, error) {
//		switch dt.Name {
//		case "float64":
//			b, err := AsFloat64Array2D(a)
//			...
//		}
//		...
//	}
func emitAsType(f *File, name string, all []names, held string) {
	docf(f, name+" returns a converted to dtype dt, as numpy's a.astype(dt) converts it, in dt's generated type and with a's shape and rank. "+
		"The rules are numpy's: integers wrap around into a narrower or differently signed type (int16 -1 is uint8 255, int64 300 is int8 44); "+
		"floats become integers by truncation toward zero; complex numbers become real numbers by their real part (numpy warns with ComplexWarning); "+
		"a number becomes bool by != 0 (NaN is true, and so is a complex number with either part non-zero); bool becomes 0 or 1; "+
		"conversions to a float type round to nearest, ties to even (float64 to float16 directly, not through float32). "+
		"As in numpy, a float or complex value that is NaN, infinite, or outside the range of a target integer type gives no defined integer: the result depends on the CPU, and code should not rely on it. "+
		"When a already holds dt no copy is made: the result is a itself when a is one of this package's types, and a view of a's memory otherwise. "+
		"String arrays are not converted, nor dtypes this package does not convert (it converts %s): both give an error wrapping typed.ErrDType.", strings.ReplaceAll(held, ",", ", "))
	f.Func().Id(name).Params(Id("a").Qual(typedPath, "Array"), Id("dt").Qual(typedPath, "DType")).Params(Qual(typedPath, "Array"), Error()).Block(
		Switch(Id("dt").Dot("Name")).BlockFunc(func(g *Group) {
			for _, n := range all {
				// b, err := AsFloat64Array2D(a); if err != nil { return nil, err }; return b, nil
				g.Case(Lit(n.dt.Name)).Block(
					List(Id("b"), Err()).Op(":=").Id(asName(n)).Call(Id("a")),
					If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
					Return(Id("b"), Nil()),
				)
			}
		}),
		If(Id("dt").Dot("Flexible").Call()).Block(
			Return(Nil(), Qual("fmt", "Errorf").Call(Lit("%w: astype to %s: string arrays are not converted"), Qual(typedPath, "ErrDType"), Id("dt"))),
		),
		Return(Nil(), Qual("fmt", "Errorf").Call(Lit("%w: astype to %s: this package converts "+held), Qual(typedPath, "ErrDType"), Id("dt"))),
	)
	f.Line()
}

// emitView writes the step that brings the array to convert from to one of
// the package's types, checking that its data fits its shape:
//
//	func float64Array2DView(a typed.Array) (*Float64Array2D, error) {
//		rows, cols := a.Shape()
//		if err := typed.Impl.CheckData(float64Array2DDType, rows, cols, len(a.Bytes())); err != nil {
//			return nil, err
//		}
//		if s, ok := a.(*Float64Array2D); ok {
//			return s, nil
//		}
//		return Float64Array2DFromBytes(a.Bytes(), rows, cols)
//	}
func emitView(f *File, n names) {
	docf(f, "%s returns a, an array of dtype %s, as a *%s: a itself, or a view of the memory of another package's array (or of another generator run's). Data that does not fit the shape is refused.", viewName(n), n.dt.Name, n.Type)
	f.Func().Id(viewName(n)).Params(Id("a").Qual(typedPath, "Array")).Params(Op("*").Id(n.Type), Error()).Block(
		List(Id("rows"), Id("cols")).Op(":=").Id("a").Dot("Shape").Call(),
		If(Err().Op(":=").Add(impl("CheckData")).Call(Id(n.dtypeVar), Id("rows"), Id("cols"), Len(Id("a").Dot("Bytes").Call())), Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		If(List(Id("s"), Id("ok")).Op(":=").Id("a").Assert(Op("*").Id(n.Type)), Id("ok")).Block(Return(Id("s"), Nil())),
		Return(Id(n.FromBytes).Call(Id("a").Dot("Bytes").Call(), Id("rows"), Id("cols"))),
	)
	f.Line()
}

// emitLike writes the one place a conversion's result is made:
//
//	func float64Array2DLike(a typed.Array, data []float64) *Float64Array2D {
//		rows, cols := a.Shape()
//		return &Float64Array2D{Rows: rows, Cols: cols, Data: data, flat: uint8(2 - a.NDim())}
//	}
func emitLike(f *File, n names) {
	docf(f, "%s returns data as a %s of a's shape and rank.", likeName(n), n.Type)
	f.Func().Id(likeName(n)).Params(Id("a").Qual(typedPath, "Array"), Id("data").Index().Add(elem(n))).Op("*").Id(n.Type).Block(
		List(Id("rows"), Id("cols")).Op(":=").Id("a").Dot("Shape").Call(),
		Return(Op("&").Id(n.Type).Values(Dict{
			Id("Rows"): Id("rows"),
			Id("Cols"): Id("cols"),
			Id("Data"): Id("data"),
			Id("flat"): Uint8().Call(Lit(2).Op("-").Id("a").Dot("NDim").Call()),
		})),
	)
	f.Line()
}

// emitAs writes the conversion of every dtype to to's type:
//
//	func AsFloat64Array2D(a typed.Array) (*Float64Array2D, error) {
//		if b, ok := a.(*Float64Array2D); ok {
//			return b, nil
//		}
//		var data []float64
//		switch dt := a.DType(); dt.Name {
//		case "int8":
//			s, err := int8Array2DView(a)
//			if err != nil {
//				return nil, err
//			}
//			data = make([]float64, len(s.Data))
//			for i, v := range s.Data {
//				data[i] = float64(v)
//			}
//		...
//		default:
//			if dt.Flexible() {
//				return nil, fmt.Errorf("%w: astype from %s to %s: string arrays are not converted", ...)
//			}
//			return nil, fmt.Errorf("%w: astype from %s to %s: this package converts ...", ...)
//		}
//		return float64Array2DLike(a, data), nil
//	}
func emitAs(f *File, to names, all []names, held, rules string) {
	docf(f, "%s returns a's values as %s, numpy's a.astype('%s'), with a's shape and rank; %s. When a is a *%s it is returned itself, not a copy.", asName(to), describe(to), to.dt.Name, rules, to.Type)
	f.Func().Id(asName(to)).Params(Id("a").Qual(typedPath, "Array")).Params(Op("*").Id(to.Type), Error()).Block(
		If(List(Id("b"), Id("ok")).Op(":=").Id("a").Assert(Op("*").Id(to.Type)), Id("ok")).Block(Return(Id("b"), Nil())),
		Var().Id("data").Index().Add(elem(to)),
		Switch(Id("dt").Op(":=").Id("a").Dot("DType").Call(), Id("dt").Dot("Name")).BlockFunc(func(g *Group) {
			for _, from := range all {
				body := []Code{
					List(Id("s"), Err()).Op(":=").Id(viewName(from)).Call(Id("a")),
					If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
				}
				g.Case(Lit(from.dt.Name)).Block(append(body, convertBody(from, to)...)...)
			}
			g.Default().Block(
				If(Id("dt").Dot("Flexible").Call()).Block(
					Return(Nil(), Qual("fmt", "Errorf").Call(Lit("%w: astype from %s to %s: string arrays are not converted"), Qual(typedPath, "ErrDType"), Id("dt"), Id(to.dtypeVar))),
				),
				Return(Nil(), Qual("fmt", "Errorf").Call(Lit("%w: astype from %s to %s: this package converts "+held), Qual(typedPath, "ErrDType"), Id("dt"), Id(to.dtypeVar))),
			)
		}),
		Return(Id(likeName(to)).Call(Id("a"), Id("data")), Nil()),
	)
	f.Line()
}

// convertBody fills data, of to's element type, from s.Data, of from's.
func convertBody(from, to names) []Code {
	src := Id("s").Dot("Data")
	if from.dt == to.dt {
		// Another package's array of the same dtype, seen through a view.
		return []Code{Comment("Another package's array, viewed: no copy."), Id("data").Op("=").Add(src)}
	}
	body := []Code{Id("data").Op("=").Make(Index().Add(elem(to)), Len(src.Clone()))}
	if helper := float16Helper(from.dt, to.dt); helper != "" {
		// typed.Float16sToFloat64s(data, s.Data)
		return append(body, Qual(typedPath, helper).Call(Id("data"), src.Clone()))
	}
	v := Id("v")
	var set Code
	if from.dt.Kind == 'b' {
		// if v { data[i] = 1 }
		set = If(v).Block(Id("data").Index(Id("i")).Op("=").Add(one(to)))
	} else {
		set = Id("data").Index(Id("i")).Op("=").Add(convertValue(from, to, v))
	}
	return append(body, For(List(Id("i"), Id("v")).Op(":=").Range().Add(src.Clone())).Block(set))
}

// float16Helper names the typed slice conversion between float16 and
// float32 or float64, when from and to are such a pair.
func float16Helper(from, to typed.DType) string {
	switch {
	case isHalf(from) && to.Kind == 'f' && (to.Size == 4 || to.Size == 8):
		return "Float16sTo" + to.TypeName + "s"
	case isHalf(to) && from.Kind == 'f' && (from.Size == 4 || from.Size == 8):
		return from.TypeName + "sToFloat16s"
	}
	return ""
}

func isHalf(dt typed.DType) bool { return dt.Kind == 'f' && dt.Size == 2 }

// floatType is the Go float type of the given size in bytes.
func floatType(size int) string { return fmt.Sprintf("float%d", 8*size) }

// one is 1 in to's element type.
func one(to names) Code {
	if isHalf(to.dt) {
		return Qual(typedPath, "Float16FromFloat32").Call(Lit(1))
	}
	return Lit(1)
}

// convertValue converts v, one element of from's type, to to's type.
func convertValue(from, to names, v *Statement) Code {
	// The real value of v and its Go type: complex numbers give their real
	// part, float16 its exact float32.
	re, reType := v, from.dt.GoType
	switch {
	case from.dt.Kind == 'c':
		re, reType = Id("real").Call(v), floatType(from.dt.Size/2)
	case isHalf(from.dt):
		re, reType = v.Clone().Dot("Float32").Call(), "float32"
	}
	conv := func(goType string, x *Statement) *Statement {
		if goType == reType {
			return x
		}
		return Id(goType).Call(x)
	}
	switch {
	case to.dt.Kind == 'b':
		// NaN != 0 is true, as numpy has it; a complex number compares both parts.
		if isHalf(from.dt) {
			return re.Op("!=").Lit(0)
		}
		return v.Op("!=").Lit(0)
	case isHalf(to.dt):
		if reType == "float32" {
			return Qual(typedPath, "Float16FromFloat32").Call(re)
		}
		return Qual(typedPath, "Float16FromFloat64").Call(conv("float64", re))
	case to.dt.Kind == 'c' && from.dt.Kind == 'c':
		return Id(to.dt.GoType).Call(v)
	case to.dt.Kind == 'c':
		return Id("complex").Call(conv(floatType(to.dt.Size/2), re), Lit(0))
	}
	return conv(to.dt.GoType, re)
}
