package main

import . "github.com/dave/jennifer/jen"

// emitDispatch writes the entry points that choose a type at run time:
//
//	func ReadNPY(r io.Reader) (typed.Array, error)
//	func ReadNPYWithLimits(r io.Reader, lim typed.Limits) (typed.Array, error)
//	func ReadArrayData(r io.Reader, h typed.Header) (typed.Array, error)
//	func NewArray(dt typed.DType, shape ...int) (typed.Array, error)
//	func FromBytes(b []byte, dtype string, shape ...int) (typed.Array, error)
//	func DecodeJSON(b []byte) (typed.Array, error)
//
// each a switch over the generated dtypes; the others are reported as
// unsupported, naming the dtypes this package holds. These are the
// family's names; c.Dispatch makes them (VectorReadNPY for "Vector%s"),
// and without a pattern there are none.
func emitDispatch(f *File, c Config) {
	if c.Dispatch == "" {
		return
	}
	emitDTypeValues(f, c)
	name := c.dispatch
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

	docf(f, "%s reads a .npy file of any dtype this package holds and returns it as its generated type; use a type switch or assertion to reach the typed data. It applies numpy's default limits (the zero typed.Limits).", name("ReadNPY"))
	f.Func().Id(name("ReadNPY")).Params(Id("r").Qual("io", "Reader")).Params(Qual(typedPath, "Array"), Error()).Block(
		Return(Id(name("ReadNPYWithLimits")).Call(Id("r"), Qual(typedPath, "Limits").Values())),
	)
	f.Line()

	docf(f, "%s is %s with the caller's limits on header and data size.", name("ReadNPYWithLimits"), name("ReadNPY"))
	f.Func().Id(name("ReadNPYWithLimits")).Params(Id("r").Qual("io", "Reader"), Id("lim").Qual(typedPath, "Limits")).Params(Qual(typedPath, "Array"), Error()).Block(
		List(Id("h"), Err()).Op(":=").Qual(typedPath, "ReadHeader").Call(Id("r"), Id("lim")),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Return(Id(name("ReadArrayData")).Call(Id("r"), Id("h"))),
	)
	f.Line()

	docf(f, "%s reads the data that follows header h into a new array of h's dtype.", name("ReadArrayData"))
	f.Func().Id(name("ReadArrayData")).Params(Id("r").Qual("io", "Reader"), Id("h").Qual(typedPath, "Header")).Params(Qual(typedPath, "Array"), Error()).Block(
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

	docf(f, "%s returns a zeroed array of dtype dt and numpy's shape, (rows, cols), (n,) or (), as its generated type. A string dtype's width is dt's.", name("NewArray"))
	f.Func().Id(name("NewArray")).Params(Id("dt").Qual(typedPath, "DType"), Id("shape").Op("...").Int()).Params(Qual(typedPath, "Array"), Error()).Block(
		List(Id("_"), Id("rows"), Id("cols"), Err()).Op(":=").Add(impl("Dims")).Call(Id("shape")),
		If(Err().Op("==").Nil()).Block(List(Id("_"), Err()).Op("=").Add(impl("DataLen")).Call(Id("dt"), Id("rows"), Id("cols"), Qual(typedPath, "Limits").Values())),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Switch(Id("dt").Dot("Name")).Block(cases(func(n names) []Code {
			if n.dt.Flexible() {
				return []Code{
					Id("a").Op(":=").Id(n.New).Call(Id("shape").Op("...")),
					Id("a").Dot("Width").Op("=").Id("dt").Dot("Width").Call(),
					Return(Id("a"), Nil()),
				}
			}
			return []Code{Return(Id(n.New).Call(Id("shape").Op("...")), Nil())}
		})...),
		Return(Nil(), unsupported(Id("dt").Dot("Name"))),
	)
	f.Line()

	docf(f, "%s is the Go side of np.frombuffer(b, dtype=name).reshape(shape), the raw recipe arr.tobytes(), arr.dtype.name, arr.shape: dtype is anything np.dtype() reads (\"float64\", \"<i8\", \"str320\", \"<U10\"), shape is numpy's, (rows, cols), (n,) or (). Names and descrs without a byte order mean host order, as in numpy. A numeric result is a zero-copy view of b when b is aligned and in host order, and a copy otherwise; strings are decoded.", name("FromBytes"))
	f.Func().Id(name("FromBytes")).Params(Id("b").Index().Byte(), Id("dtype").String(), Id("shape").Op("...").Int()).Params(Qual(typedPath, "Array"), Error()).Block(
		List(Id("dt"), Id("order"), Err()).Op(":=").Qual(typedPath, "ParseDType").Call(Id("dtype")),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		List(Id("ndim"), Id("rows"), Id("cols"), Err()).Op(":=").Add(impl("Dims")).Call(Id("shape")),
		If(Err().Op("==").Nil()).Block(Err().Op("=").Add(impl("CheckArray")).Call(Id("dt"), Id("ndim"), Id("rows"), Id("cols"), Len(Id("b")))),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Id("b").Op("=").Add(impl("HostOrderCopy")).Call(Id("b"), Id("dt"), Id("order")),
		Switch(Id("dt").Dot("Name")).Block(cases(func(n names) []Code {
			if n.dt.Flexible() {
				return typedResult(Id(n.FromBytes).Call(Id("b"), Id("dt").Dot("Width").Call(), Id("shape").Op("...")))
			}
			return typedResult(Id(n.FromBytes).Call(Id("b"), Id("shape").Op("...")))
		})...),
		Return(Nil(), unsupported(Id("dt").Dot("Name"))),
	)
	f.Line()

	docf(f, "%s decodes a JSON envelope of any dtype this package holds into its generated type, as %s does for a .npy file. It applies numpy's default limits (the zero typed.Limits).", name("DecodeJSON"), name("ReadNPY"))
	f.Func().Id(name("DecodeJSON")).Params(Id("b").Index().Byte()).Params(Qual(typedPath, "Array"), Error()).Block(
		List(Id("e"), Err()).Op(":=").Add(impl("ParseJSON")).Call(Id("b"), Qual(typedPath, "Limits").Values()),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Switch(Id("e").Dot("DType").Dot("Name")).Block(cases(func(n names) []Code {
			return []Code{
				Id("a").Op(":=").Op("&").Id(n.Type).Values(),
				If(Err().Op(":=").Id("a").Dot("setEnvelope").Call(Id("e")), Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
				Return(Id("a"), Nil()),
			}
		})...),
		Return(Nil(), unsupported(Id("e").Dot("DType").Dot("Name"))),
	)
}

func (c Config) allNames() []names {
	var out []names
	for _, dt := range c.DTypes {
		out = append(out, c.names(dt))
	}
	return out
}
