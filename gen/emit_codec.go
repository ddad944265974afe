package main

import . "github.com/dave/jennifer/jen"

// emitCodec writes the encoding methods, each a thin call into typed:
//
//	var float64Array2DSaved = typed.Impl.Saved(&float64Array2DDType)
//	func (a *Float64Array2D) WriteTo(w io.Writer) (int64, error) { return typed.Impl.WriteSmall(...) }
//	func (a *Float64Array2D) ReadFrom(r io.Reader) (int64, error) { ... }
//	func (a *Float64Array2D) ReadData(r io.Reader, h typed.Header) (int64, error) { ... }
//	MarshalBinary, UnmarshalBinary, MarshalJSON, UnmarshalJSON
func emitCodec(f *File, n names) {
	self := func(field string) *Statement { return Id("a").Dot(field) }
	dtv := Id(n.dtypeVar)
	typedCall := func(fn string, args ...Code) *Statement { return impl(fn).Call(args...) }
	// Names are unique in the table; comparing one string beats comparing
	// the whole row on every read.
	mismatch := If(Id("h").Dot("DType").Dot("Name").Op("!=").Add(dtv).Dot("Name")).Block(
		Return(Lit(0), typedCall("MismatchError", Id("h").Dot("DType"), dtv)),
	)
	// setShape records the shape decoded, or an empty array after an error.
	setShape := If(Err().Op("!=").Nil()).Block(
		List(self("Rows"), self("Cols"), self("Data"), self("flat")).Op("=").List(Lit(0), Lit(0), self("Data").Index(Empty(), Lit(0)), Lit(0)),
		Return(Err()),
	).Line().List(self("Rows"), self("Cols"), self("flat")).Op("=").List(Id("h").Dot("Rows"), Id("h").Dot("Cols"), flatOf(Id("h")))

	// The fast paths' template, worked out once rather than on each call.
	f.Comment(n.savedVar + " is what WriteTo and ReadFrom need of the dtype for small arrays, worked out once.")
	f.Var().Id(n.savedVar).Op("=").Add(impl("Saved")).Call(Op("&").Add(dtv))
	f.Line()

	docf(f, "WriteTo writes the array as a .npy file, byte for byte what np.save writes on a little-endian host (version 1.0, C order, little-endian data, numpy's shape of NDim dimensions). An array whose Rows, Cols and Data disagree is refused before anything is written.")
	f.Func().Add(recv(n)).Id("WriteTo").Params(Id("w").Qual("io", "Writer")).Params(Int64(), Error()).Block(
		Return(typedCall("WriteSmall", Id("w"), Id(n.savedVar), self("NDim").Call(), self("Rows"), self("Cols"), self("Bytes").Call())),
	)
	f.Line()

	docf(f, "ReadFrom reads a .npy file of dtype %s, any version, byte order or memory order, leaving r at the end of the data. It reuses Data when its capacity is enough, so reading into an array of the right size allocates nothing. It applies numpy's default limits (the zero typed.Limits).", n.dt.Name)
	// The fast path first: np.save's own header from memory, into storage
	// large enough, with no Header built or copied.
	capBytes := Qual("unsafe", "Slice").Call(Parens(Op("*").Byte()).Parens(Qual("unsafe", "Pointer").Call(Qual("unsafe", "SliceData").Call(self("Data")))), Cap(self("Data")).Op("*").Lit(n.dt.Size))
	f.Func().Add(recv(n)).Id("ReadFrom").Params(Id("r").Qual("io", "Reader")).Params(Int64(), Error()).Block(
		If(
			List(Id("ndim"), Id("rows"), Id("cols"), Id("n"), Id("ok")).Op(":=").Add(impl("ReadSmall")).Call(Id("r"), Id(n.savedVar), capBytes),
			Id("ok"),
		).Block(
			List(self("Rows"), self("Cols"), self("Data"), self("flat")).Op("=").List(Id("rows"), Id("cols"), self("Data").Index(Empty(), Id("rows").Op("*").Id("cols")), Uint8().Call(Lit(2).Op("-").Id("ndim"))),
			Return(Id("n"), Nil()),
		),
		List(Id("h"), Err()).Op(":=").Qual(typedPath, "ReadHeader").Call(Id("r"), Qual(typedPath, "Limits").Values()),
		If(Err().Op("!=").Nil()).Block(Return(Lit(0), Err())),
		List(Id("m"), Err()).Op(":=").Id("a").Dot("ReadData").Call(Id("r"), Id("h")),
		Return(Int64().Call(Id("h").Dot("DataOffset")).Op("+").Id("m"), Err()),
	)
	f.Line()

	docf(f, "ReadData reads the data that follows header h, which the caller has read (typed.ReadHeader), converting it to host byte order and C order. It lets a caller look at a header before deciding which type reads the data.")
	f.Func().Add(recv(n)).Id("ReadData").Params(Id("r").Qual("io", "Reader"), Id("h").Qual(typedPath, "Header")).Params(Int64(), Error()).Block(
		mismatch,
		// New storage: typed allocates it, filled as it is allocated where
		// it can, and the array views it (aligned, as new Go memory is).
		If(Cap(self("Data")).Op("*").Lit(n.dt.Size).Op("<").Id("h").Dot("DataLen")).Block(
			List(Id("b"), Id("m"), Err()).Op(":=").Add(impl("ReadRaw")).Call(Id("r"), Id("h")),
			If(Err().Op("==").Nil()).Block(
				Err().Op("=").Id("a").Dot("setData").Call(Id("b"), Id("h").Dot("NDim"), Id("h").Dot("Rows"), Id("h").Dot("Cols")),
			),
			If(Err().Op("!=").Nil()).Block(
				List(self("Rows"), self("Cols"), self("Data"), self("flat")).Op("=").List(Lit(0), Lit(0), self("Data").Index(Empty(), Lit(0)), Lit(0)),
			),
			Return(Id("m"), Err()),
		),
		List(Id("m"), Err()).Op(":=").Add(impl("ReadData")).Call(Id("r"), Id("h"), Cap(self("Data")).Op("*").Lit(n.dt.Size), self("resize")),
		If(Err().Op("!=").Nil()).Block(
			List(self("Rows"), self("Cols"), self("Data"), self("flat")).Op("=").List(Lit(0), Lit(0), self("Data").Index(Empty(), Lit(0)), Lit(0)),
			Return(Id("m"), Err()),
		),
		List(self("Rows"), self("Cols"), self("flat")).Op("=").List(Id("h").Dot("Rows"), Id("h").Dot("Cols"), flatOf(Id("h"))),
		Return(Id("m"), Nil()),
	)
	f.Line()

	docf(f, "MarshalBinary returns the .npy encoding, as WriteTo writes it.")
	f.Func().Add(valueRecv(n)).Id("MarshalBinary").Params().Params(Index().Byte(), Error()).Block(
		Return(typedCall("AppendNPY", Nil(), dtv, self("NDim").Call(), self("Rows"), self("Cols"), self("Bytes").Call())),
	)
	f.Line()

	docf(f, "UnmarshalBinary decodes a whole .npy file of dtype %s; bytes after the data are an error. It copies what it keeps, reusing Data when large enough.", n.dt.Name)
	f.Func().Add(recv(n)).Id("UnmarshalBinary").Params(Id("b").Index().Byte()).Error().Block(
		List(Id("h"), Err()).Op(":=").Add(impl("DecodeNPY")).Call(Id("b"), dtv, Qual(typedPath, "Limits").Values(), Cap(self("Data")).Op("*").Lit(n.dt.Size), self("resize")),
		setShape.Clone(),
		Return(Nil()),
	)
	f.Line()

	docf(f, `MarshalJSON returns the envelope {"dtype":"%s","shape":[rows,cols],"data":"<base64 of little-endian bytes>"} (numpy's shape: [n] for a vector, [] for a scalar), which Python reads with np.frombuffer(base64.b64decode(d["data"]), dtype=d["dtype"]).reshape(d["shape"]).`, n.dt.Name)
	f.Func().Add(valueRecv(n)).Id("MarshalJSON").Params().Params(Index().Byte(), Error()).Block(
		Return(typedCall("AppendJSON", Nil(), dtv, self("NDim").Call(), self("Rows"), self("Cols"), self("Bytes").Call())),
	)
	f.Line()

	docf(f, "UnmarshalJSON decodes the envelope MarshalJSON writes; its dtype must be %s. It decodes into Data, reusing it when large enough, so decoding into an array of the right size allocates nothing. JSON null leaves the array as it is; after an error the array is empty.", n.dt.Name)
	f.Func().Add(recv(n)).Id("UnmarshalJSON").Params(Id("b").Index().Byte()).Error().Block(
		If(String().Call(Id("b")).Op("==").Lit("null")).Block(Return(Nil())),
		List(Id("h"), Err()).Op(":=").Add(impl("DecodeJSON")).Call(Id("b"), dtv, Qual(typedPath, "Limits").Values(), self("resize")),
		setShape.Clone(),
		Return(Nil()),
	)
	f.Line()
	emitSetEnvelope(f, n)
	f.Line()
}

// flatOf is uint8(2 - h.NDim): the dimensions numpy's shape lacks.
func flatOf(h *Statement) *Statement { return Uint8().Call(Lit(2).Op("-").Add(h).Dot("NDim")) }
