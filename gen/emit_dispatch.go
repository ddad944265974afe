package main

import . "github.com/dave/jennifer/jen"

// emitDispatch writes the entry points that choose a type at run time:
//
//	func ReadNPY(r io.Reader) (typed.Array, error)
//	func ReadNPYWithLimits(r io.Reader, lim typed.Limits) (typed.Array, error)
//	func ReadArrayData(r io.Reader, h typed.Header) (typed.Array, error)
//	func NewArray(dt typed.DType, rows, cols int) (typed.Array, error)
//	func FromBytes(b []byte, dtype string, rows, cols int) (typed.Array, error)
//
// each a switch over the generated dtypes; the others are reported as
// unsupported, naming the dtypes this package holds.
func emitDispatch(f *File, c Config) {
	all := c.allNames()
	held := dtypeNames(c.DTypes)
	unsupported := func(dt Code) *Statement {
		return Qual("fmt", "Errorf").Call(Lit("%w: %s is not generated in this package (it holds "+held+")"), Qual(typedPath, "ErrDType"), dt)
	}
	cases := func(body func(n names) []Code) []Code {
		var out []Code
		for _, n := range all {
			out = append(out, Case(Lit(n.dt.Name)).Block(body(n)...))
		}
		return out
	}
	// a, err := X(...); if err != nil { return nil, err }; return a, nil
	// keeps a nil *T out of a non-nil typed.Array.
	typedResult := func(call *Statement) []Code {
		return []Code{
			List(Id("a"), Err()).Op(":=").Add(call),
			If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
			Return(Id("a"), Nil()),
		}
	}

	docf(f, "ReadNPY reads a .npy file of any dtype this package holds and returns it as its generated type; use a type switch or assertion to reach the typed data. Limits come from typed.DefaultLimits.")
	f.Func().Id("ReadNPY").Params(Id("r").Qual("io", "Reader")).Params(Qual(typedPath, "Array"), Error()).Block(
		Return(Id("ReadNPYWithLimits").Call(Id("r"), Qual(typedPath, "DefaultLimits"))),
	)
	f.Line()

	docf(f, "ReadNPYWithLimits is ReadNPY with the caller's limits on header and data size.")
	f.Func().Id("ReadNPYWithLimits").Params(Id("r").Qual("io", "Reader"), Id("lim").Qual(typedPath, "Limits")).Params(Qual(typedPath, "Array"), Error()).Block(
		List(Id("h"), Err()).Op(":=").Qual(typedPath, "ReadHeader").Call(Id("r"), Id("lim")),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Return(Id("ReadArrayData").Call(Id("r"), Id("h"))),
	)
	f.Line()

	docf(f, "ReadArrayData reads the data that follows header h into a new array of h's dtype.")
	f.Func().Id("ReadArrayData").Params(Id("r").Qual("io", "Reader"), Id("h").Qual(typedPath, "Header")).Params(Qual(typedPath, "Array"), Error()).Block(
		Switch(Id("h").Dot("DType").Dot("Name")).Block(cases(func(n names) []Code {
			return []Code{
				Id("a").Op(":=").Op("&").Id(n.Type).Values(),
				If(List(Id("_"), Err()).Op(":=").Id("a").Dot("ReadData").Call(Id("r"), Id("h")), Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
				Return(Id("a"), Nil()),
			}
		})...),
		Return(Nil(), unsupported(Id("h").Dot("DType").Dot("Name"))),
	)
	f.Line()

	docf(f, "NewArray returns a zeroed rows x cols array of dtype dt as its generated type.")
	f.Func().Id("NewArray").Params(Id("dt").Qual(typedPath, "DType"), List(Id("rows"), Id("cols")).Int()).Params(Qual(typedPath, "Array"), Error()).Block(
		If(List(Id("_"), Err()).Op(":=").Qual(typedPath, "DataLen").Call(Id("dt"), Id("rows"), Id("cols"), Qual(typedPath, "Limits").Values()), Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Switch(Id("dt").Dot("Name")).Block(cases(func(n names) []Code {
			return []Code{Return(Id(n.New).Call(Id("rows"), Id("cols")), Nil())}
		})...),
		Return(Nil(), unsupported(Id("dt").Dot("Name"))),
	)
	f.Line()

	docf(f, "FromBytes is the Go side of np.frombuffer(b, dtype=name).reshape(rows, cols): dtype is numpy's name (\"int64\", \"bool\", what arr.dtype.name prints) or a descr (\"<i8\", \"i8\", \"|b1\"). Names and descrs without a byte order mean host order, as in numpy. The result is a zero-copy view of b when b is aligned and in host order, and a copy otherwise.")
	f.Func().Id("FromBytes").Params(Id("b").Index().Byte(), Id("dtype").String(), List(Id("rows"), Id("cols")).Int()).Params(Qual(typedPath, "Array"), Error()).Block(
		List(Id("dt"), Id("order"), Err()).Op(":=").Qual(typedPath, "ParseDType").Call(Id("dtype")),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		If(Err().Op(":=").Qual(typedPath, "CheckData").Call(Id("dt"), Id("rows"), Id("cols"), Len(Id("b"))), Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Id("b").Op("=").Qual(typedPath, "HostOrderCopy").Call(Id("b"), Id("dt"), Id("order")),
		Switch(Id("dt").Dot("Name")).Block(cases(func(n names) []Code {
			return typedResult(Id(n.FromBytes).Call(Id("b"), Id("rows"), Id("cols")))
		})...),
		Return(Nil(), unsupported(Id("dt").Dot("Name"))),
	)
}

func (c Config) allNames() []names {
	var out []names
	for _, dt := range c.DTypes {
		if dt.Flexible() { // string types: not generated yet
			continue
		}
		out = append(out, c.names(dt))
	}
	return out
}
