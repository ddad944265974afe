package main

import . "github.com/dave/jennifer/jen"

// The string kinds keep Go strings, not numpy's fixed-width bytes, so their
// views are encodings and their codecs decode: the same methods as the
// numeric types, with typed's string codec in place of unsafe views.

// emitStringViews writes Bytes, FromBytes and decode:
//
//	func (a *StringArray2D) Bytes() []byte { return typed.Impl.AppendStrings(nil, a.Data, a.DType()) }
//	func StringArray2DFromBytes(b []byte, width int, shape ...int) (*StringArray2D, error) { ... }
//	func (a *StringArray2D) decode(b []byte, dt typed.DType, ndim, rows, cols int) error { ... }
func emitStringViews(f *File, n names) {
	self := func(field string) *Statement { return Id("a").Dot(field) }
	docf(f, "Bytes returns the data as numpy stores it (%s), in host byte order: arr.tobytes() on a little-endian host. Strings are not kept in that form, so each call encodes a new buffer.", widthExample(n))
	f.Func().Add(recv(n)).Id("Bytes").Params().Index().Byte().Block(
		Return(impl("AppendStrings").Call(Nil(), self("Data"), self("DType").Call())),
	)
	f.Line()

	docf(f, "%s is np.frombuffer(b, dtype).reshape(shape) for host-order bytes of the %s dtype of width %s (arr.dtype.itemsize / %d): shape is numpy's, (rows, cols), (n,) or (). The values are decoded, so the array never shares b's memory.", n.FromBytes, n.dt.Name, charWord(n), n.dt.CharSize)
	f.Func().Id(n.FromBytes).Params(Id("b").Index().Byte(), Id("width").Int(), Id("shape").Op("...").Int()).Params(Op("*").Id(n.Type), Error()).Block(
		List(Id("ndim"), Id("rows"), Id("cols"), Err()).Op(":=").Add(impl("Dims")).Call(Id("shape")),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Id("a").Op(":=").New(Id(n.Type)),
		If(Err().Op(":=").Id("a").Dot("decode").Call(Id("b"), Id(n.dtypeVar).Dot("WithWidth").Call(Id("width")), Id("ndim"), Id("rows"), Id("cols")), Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Return(Id("a"), Nil()),
	)
	f.Line()

	// Reuses Data's capacity; on error the array is left empty.
	docf(f, "decode sets the array from host-order bytes of the string dtype dt, reusing Data when large enough. On error the array is left empty.")
	f.Func().Add(recv(n)).Id("decode").Params(Id("b").Index().Byte(), Id("dt").Qual(typedPath, "DType"), List(Id("ndim"), Id("rows"), Id("cols")).Int()).Error().Block(
		Err().Op(":=").Add(impl("CheckArray")).Call(Id("dt"), Id("ndim"), Id("rows"), Id("cols"), Len(Id("b"))),
		If(Err().Op("==").Nil()).Block(
			Id("data").Op(":=").Add(self("Data")).Index(Empty(), Lit(0)),
			If(Id("k").Op(":=").Id("rows").Op("*").Id("cols"), Id("k").Op("<=").Cap(Id("data"))).Block(
				Id("data").Op("=").Id("data").Index(Empty(), Id("k")),
			).Else().Block(
				Id("data").Op("=").Make(Index().String(), Id("k")),
			),
			Err().Op("=").Add(impl("DecodeStrings")).Call(Id("data"), Id("b"), Id("dt")),
			self("Data").Op("=").Id("data"),
		),
		If(Err().Op("!=").Nil()).Block(
			List(self("Rows"), self("Cols"), self("Width"), self("Data"), self("flat")).Op("=").List(Lit(0), Lit(0), Lit(0), self("Data").Index(Empty(), Lit(0)), Lit(0)),
			Return(Err()),
		),
		List(self("Rows"), self("Cols"), self("Width"), self("flat")).Op("=").List(Id("rows"), Id("cols"), Id("dt").Dot("Width").Call(), Uint8().Call(Lit(2).Op("-").Id("ndim"))),
		Return(Nil()),
	)
	f.Line()
}

// emitStringCodec writes the encoding methods of a string type, each a
// call into typed plus decode.
func emitStringCodec(f *File, n names) {
	self := func(field string) *Statement { return Id("a").Dot(field) }
	dtv := Id(n.dtypeVar)
	mismatch := func(results ...Code) *Statement {
		return If(Id("h").Dot("DType").Dot("Name").Op("!=").Add(dtv).Dot("Name")).Block(
			Return(append(results, impl("MismatchError").Call(Id("h").Dot("DType"), dtv))...),
		)
	}
	// dt := a.DType(); data := typed.Impl.AppendStrings(nil, a.Data, dt)
	encode := []Code{
		Id("dt").Op(":=").Add(self("DType").Call()),
		Id("data").Op(":=").Add(impl("AppendStrings")).Call(Nil(), self("Data"), Id("dt")),
	}
	args := func(lead ...Code) []Code {
		return append(lead, Id("dt"), self("NDim").Call(), self("Rows"), self("Cols"), Id("data"))
	}

	docf(f, "WriteTo writes the array as a .npy file, byte for byte what np.save writes on a little-endian host (version 1.0, C order, %s, numpy's shape of NDim dimensions). An array whose Rows, Cols and Data disagree is refused before anything is written.", widthExample(n))
	f.Func().Add(recv(n)).Id("WriteTo").Params(Id("w").Qual("io", "Writer")).Params(Int64(), Error()).Block(
		append(encode, Return(impl("WriteNPY").Call(args(Id("w"))...)))...,
	)
	f.Line()

	docf(f, "ReadFrom reads a .npy file of a %s dtype of any width, version, byte order or memory order, leaving r at the end of the data; Width becomes the file's. It applies numpy's default limits (the zero typed.Limits).", n.dt.Name)
	f.Func().Add(recv(n)).Id("ReadFrom").Params(Id("r").Qual("io", "Reader")).Params(Int64(), Error()).Block(
		List(Id("h"), Err()).Op(":=").Qual(typedPath, "ReadHeader").Call(Id("r"), Qual(typedPath, "Limits").Values()),
		If(Err().Op("!=").Nil()).Block(Return(Lit(0), Err())),
		List(Id("m"), Err()).Op(":=").Id("a").Dot("ReadData").Call(Id("r"), Id("h")),
		Return(Int64().Call(Id("h").Dot("DataOffset")).Op("+").Id("m"), Err()),
	)
	f.Line()

	docf(f, "ReadData reads the data that follows header h, which the caller has read (typed.ReadHeader), and decodes it. It lets a caller look at a header before deciding which type reads the data.")
	f.Func().Add(recv(n)).Id("ReadData").Params(Id("r").Qual("io", "Reader"), Id("h").Qual(typedPath, "Header")).Params(Int64(), Error()).Block(
		mismatch(Lit(0)),
		List(Id("raw"), Id("m"), Err()).Op(":=").Add(impl("ReadRaw")).Call(Id("r"), Id("h")),
		If(Err().Op("==").Nil()).Block(Err().Op("=").Id("a").Dot("decode").Call(Id("raw"), Id("h").Dot("DType"), Id("h").Dot("NDim"), Id("h").Dot("Rows"), Id("h").Dot("Cols"))),
		If(Err().Op("!=").Nil()).Block(
			List(self("Rows"), self("Cols"), self("Width"), self("Data"), self("flat")).Op("=").List(Lit(0), Lit(0), Lit(0), self("Data").Index(Empty(), Lit(0)), Lit(0)),
		),
		Return(Id("m"), Err()),
	)
	f.Line()

	docf(f, "MarshalBinary returns the .npy encoding, as WriteTo writes it.")
	f.Func().Add(valueRecv(n)).Id("MarshalBinary").Params().Params(Index().Byte(), Error()).Block(
		append(encode, Return(impl("AppendNPY").Call(args(Nil())...)))...,
	)
	f.Line()

	docf(f, "UnmarshalBinary decodes a whole .npy file of a %s dtype; bytes after the data are an error.", n.dt.Name)
	f.Func().Add(recv(n)).Id("UnmarshalBinary").Params(Id("b").Index().Byte()).Error().Block(
		List(Id("h"), Id("raw"), Err()).Op(":=").Add(impl("DecodeRaw")).Call(Id("b"), dtv, Qual(typedPath, "Limits").Values()),
		If(Err().Op("!=").Nil()).Block(
			List(self("Rows"), self("Cols"), self("Width"), self("Data"), self("flat")).Op("=").List(Lit(0), Lit(0), Lit(0), self("Data").Index(Empty(), Lit(0)), Lit(0)),
			Return(Err()),
		),
		Return(Id("a").Dot("decode").Call(Id("raw"), Id("h").Dot("DType"), Id("h").Dot("NDim"), Id("h").Dot("Rows"), Id("h").Dot("Cols"))),
	)
	f.Line()

	docf(f, `MarshalJSON returns the envelope {"dtype":"%s","shape":[rows,cols],"data":"<base64 of little-endian bytes>"} (numpy's shape: [n] for a vector, [] for a scalar), which Python reads with np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"]).`, n.dt.WithWidth(10).Descr())
	f.Func().Add(valueRecv(n)).Id("MarshalJSON").Params().Params(Index().Byte(), Error()).Block(
		append(encode, Return(impl("AppendJSON").Call(args(Nil())...)))...,
	)
	f.Line()

	emitUnmarshalJSON(f, n)
	f.Line()
}

// emitUnmarshalJSON writes UnmarshalJSON and setEnvelope, which the
// dispatch's DecodeJSON shares:
//
//	func (a *Float64Array2D) UnmarshalJSON(b []byte) error { ...; return a.setEnvelope(e) }
//	func (a *Float64Array2D) setEnvelope(e typed.Envelope) error { ... }
func emitUnmarshalJSON(f *File, n names) {
	docf(f, "UnmarshalJSON decodes the envelope MarshalJSON writes; its dtype must be %s. JSON null leaves the array as it is.", n.dt.Name)
	f.Func().Add(recv(n)).Id("UnmarshalJSON").Params(Id("b").Index().Byte()).Error().Block(
		If(String().Call(Id("b")).Op("==").Lit("null")).Block(Return(Nil())),
		List(Id("e"), Err()).Op(":=").Add(impl("ParseJSON")).Call(Id("b"), Qual(typedPath, "Limits").Values()),
		If(Err().Op("!=").Nil()).Block(Return(Err())),
		Return(Id("a").Dot("setEnvelope").Call(Id("e"))),
	)
	f.Line()
	emitSetEnvelope(f, n)
}

// emitSetEnvelope writes setEnvelope, with which the dispatch's DecodeJSON
// fills a new array of the envelope's dtype:
//
//	func (a *Float64Array2D) setEnvelope(e typed.Envelope) error { ... }
func emitSetEnvelope(f *File, n names) {
	dtv := Id(n.dtypeVar)
	set := Id("a").Dot("setData").Call(Id("e").Dot("Data"), Id("e").Dot("NDim"), Id("e").Dot("Rows"), Id("e").Dot("Cols"))
	if n.dt.Flexible() {
		set = Id("a").Dot("decode").Call(Id("e").Dot("Data"), Id("e").Dot("DType"), Id("e").Dot("NDim"), Id("e").Dot("Rows"), Id("e").Dot("Cols"))
	}
	docf(f, "setEnvelope makes a decoded envelope of dtype %s the array.", n.dt.Name)
	f.Func().Add(recv(n)).Id("setEnvelope").Params(Id("e").Qual(typedPath, "Envelope")).Error().Block(
		If(Id("e").Dot("DType").Dot("Name").Op("!=").Add(dtv).Dot("Name")).Block(Return(impl("MismatchError").Call(Id("e").Dot("DType"), dtv))),
		Return(set),
	)
}

// emitStringTests writes a string type's tests; values come from
// arraytest.Strings, which reaches multi-byte characters, embedded NULs and
// empty strings:
//
//	func TestStringArray2D(t *testing.T)      // every shape and rank: encodings and decoders
//	func TestStringArray2DWidth(t *testing.T) // Width cuts values as numpy does
func emitStringTests(f *File, n names) {
	at := func(name string) *Statement { return Qual(arraytestPath, name) }
	tt := Id("t").Op("*").Qual("testing", "T")
	fatal := func(format string, args ...Code) *Statement {
		return Id("t").Dot("Fatalf").Call(append([]Code{Lit(format)}, args...)...)
	}
	decoders := at("Decoders").Values(Dict{Id("ReadNPY"): Id("ReadNPY"), Id("FromBytes"): Id("FromBytes")})
	docf(f, "Test%s round-trips every test shape, of every rank, through each encoding and each decoder.", n.Type)
	f.Func().Id("Test" + n.Type).Params(tt).Block(
		For(List(Id("_"), Id("s")).Op(":=").Range().Add(at("NumpyShapes"))).Block(
			Id("t").Dot("Run").Call(Qual("fmt", "Sprint").Call(Id("s")), Func().Params(tt).Block(
				Id("a").Op(":=").Id(n.New).Call(Id("s").Op("...")),
				Copy(Id("a").Dot("Data"), at("Strings").Call(Len(Id("a").Dot("Data")), Lit(n.dt.CharSize == 1))),
				at("CheckEncodings").Call(Id("t"), Id("a"), decoders),
			)),
		),
	)
	f.Line()
	docf(f, "Test%sWidth checks that a value longer than Width is cut to it, as numpy cuts it, and that a value's trailing NULs do not survive, as in numpy.", n.Type)
	cut := "hé"
	if n.dt.CharSize == 1 {
		cut = "h\xc3"
	}
	f.Func().Id("Test"+n.Type+"Width").Params(tt).Block(
		Id("a").Op(":=").Id(n.New).Call(Lit(3)),
		Copy(Id("a").Dot("Data"), Index().String().Values(Lit("héllo"), Lit("ab\x00"), Lit(""))),
		If(Id("w").Op(":=").Id("a").Dot("DType").Call().Dot("Width").Call(), Id("w").Op("!=").Lit(widthOf(n, "héllo"))).Block(fatal("inferred width %d", Id("w"))),
		Id("a").Dot("Width").Op("=").Lit(2),
		List(Id("raw"), Err()).Op(":=").Id("a").Dot("MarshalBinary").Call(),
		If(Err().Op("!=").Nil()).Block(Id("t").Dot("Fatal").Call(Err())),
		Var().Id("b").Id(n.Type),
		If(Err().Op(":=").Id("b").Dot("UnmarshalBinary").Call(Id("raw")), Err().Op("!=").Nil()).Block(Id("t").Dot("Fatal").Call(Err())),
		If(Id("b").Dot("Width").Op("!=").Lit(2).Op("||").Id("b").Dot("Data").Index(Lit(0)).Op("!=").Lit(cut).Op("||").Id("b").Dot("Data").Index(Lit(1)).Op("!=").Lit("ab").Op("||").Id("b").Dot("NDim").Call().Op("!=").Lit(1)).Block(
			fatal("width 2 read back as %d %q (ndim %d)", Id("b").Dot("Width"), Id("b").Dot("Data"), Id("b").Dot("NDim").Call()),
		),
	)
	f.Line()
}

// widthOf is the width numpy infers for s in the string kind of n.
func widthOf(n names, s string) int {
	if n.dt.CharSize == 1 {
		return len(s)
	}
	return len([]rune(s))
}
