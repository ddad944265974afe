package main

import . "github.com/dave/jennifer/jen"

// bytesOf is unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*size):
// the memory of a typed slice as bytes, with no copy.
func bytesOf(s *Statement, size int) *Statement {
	ptr := Qual("unsafe", "Pointer").Call(Qual("unsafe", "SliceData").Call(s.Clone()))
	return Qual("unsafe", "Slice").Call(Parens(Op("*").Byte()).Parens(ptr), Len(s.Clone()).Op("*").Lit(size))
}

// emitViews writes Bytes, FromBytes and the helpers that share storage:
//
//	func (a *Float64Array2D) Bytes() []byte { return unsafe.Slice(...) }
//	func Float64Array2DFromBytes(b []byte, rows, cols int) (*Float64Array2D, error) {
//		a = new(Float64Array2D)
//		if err = a.view(b, rows, cols); err != nil { a = nil }
//		return a, err
//	}
//	func (a *Float64Array2D) view(b []byte, rows, cols int) error { ... }
//	func (a *Float64Array2D) resize(n int) []byte { ... }
func emitViews(f *File, n names) {
	size := n.dt.Size
	docf(f, "Bytes returns the data's memory as bytes, with no copy: writes to either change both. The bytes are in host order, so on a little-endian host they equal numpy's arr.tobytes(). Bytes is nil for an empty array.")
	f.Func().Add(recv(n)).Id("Bytes").Params().Index().Byte().Block(
		Return(bytesOf(Id("a").Dot("Data"), size)),
	)
	f.Line()

	validate := Null()
	note := ""
	if n.dt.Kind == 'b' {
		// A Go bool must hold 0 or 1; a view of other bytes would be unsound.
		validate = If(Err().Op(":=").Add(impl("CheckBools")).Call(Id("b")), Err().Op("!=").Nil()).Block(Return(Err()))
		note = " Bytes other than 0 and 1 are refused, which takes one pass over b."
	}
	docf(f, "%s is np.frombuffer(b, dtype).reshape(shape) for host-order bytes, as arr.tobytes() gives them on a little-endian host: shape is numpy's, (rows, cols), (n,) or (). The array's Data is b itself when b is aligned for %s, and a copy of b otherwise.%s It allocates nothing beyond the returned header, which stays on the caller's stack when it does not escape.", n.FromBytes, n.dt.GoType, note)
	// Written to stay under the inliner's budget: the header then lives on
	// the caller's stack unless it escapes there.
	f.Func().Id(n.FromBytes).Params(Id("b").Index().Byte(), Id("shape").Op("...").Int()).Params(Id("a").Op("*").Id(n.Type), Err().Error()).Block(
		Id("a").Op("=").New(Id(n.Type)),
		If(Err().Op("=").Id("a").Dot("view").Call(Id("b"), Id("shape")), Err().Op("!=").Nil()).Block(Id("a").Op("=").Nil()),
		Return(Id("a"), Err()),
	)
	f.Line()

	check := If(Id("ndim").Op("==").Lit(2)).Block(
		If(Err().Op(":=").Add(impl("CheckData")).Call(Id(n.dtypeVar), Id("rows"), Id("cols"), Len(Id("b"))), Err().Op("!=").Nil()).Block(Return(Err())),
	).Else().If(Err().Op(":=").Add(impl("CheckArray")).Call(Id(n.dtypeVar), Id("ndim"), Id("rows"), Id("cols"), Len(Id("b"))), Err().Op("!=").Nil()).Block(Return(Err()))
	// body checks b against (ndim, rows, cols) and makes it Data; view and
	// setData share it rather than call each other, because a call is a
	// third of a view's time.
	body := func() []Code {
		return []Code{
			check.Clone(),
			validate.Clone(),
			Id("p").Op(":=").Qual("unsafe", "Pointer").Call(Qual("unsafe", "SliceData").Call(Id("b"))),
			Var().Id("zero").Add(elem(n)),
			// An empty b may point into a block smaller than one element, which
			// checkptr rightly refuses to convert: nothing to view, so no pointer.
			Switch().Block(
				Case(Len(Id("b")).Op("==").Lit(0)).Block(
					Id("a").Dot("Data").Op("=").Nil(),
				),
				Case(Uintptr().Call(Id("p")).Op("%").Qual("unsafe", "Alignof").Call(Id("zero")).Op("==").Lit(0)).Block(
					Id("a").Dot("Data").Op("=").Qual("unsafe", "Slice").Call(Parens(Op("*").Add(elem(n))).Parens(Id("p")), Len(Id("b")).Op("/").Lit(size)),
				),
				Default().Block(
					Id("a").Dot("Data").Op("=").Make(Index().Add(elem(n)), Len(Id("b")).Op("/").Lit(size)),
					Copy(Id("a").Dot("Bytes").Call(), Id("b")),
				),
			),
			List(Id("a").Dot("Rows"), Id("a").Dot("Cols"), Id("a").Dot("flat")).Op("=").List(Id("rows"), Id("cols"), Uint8().Call(Lit(2).Op("-").Id("ndim"))),
			Return(Nil()),
		}
	}

	// It is kept apart from FromBytes so that FromBytes is small enough to be inlined.
	docf(f, "view checks b against numpy's shape and makes it the array's data: the same memory when aligned for %s, a copy when not. It changes nothing on error.", n.dt.GoType)
	f.Func().Add(recv(n)).Id("view").Params(Id("b").Index().Byte(), Id("shape").Index().Int()).Error().Block(append([]Code{
		// The usual 2-D shape needs no call to typed.Impl.Dims.
		List(Id("ndim"), Id("rows"), Id("cols")).Op(":=").List(Lit(2), Lit(0), Lit(0)),
		If(Len(Id("shape")).Op("==").Lit(2)).Block(
			List(Id("rows"), Id("cols")).Op("=").List(Id("shape").Index(Lit(0)), Id("shape").Index(Lit(1))),
		).Else().Block(
			Var().Err().Error(),
			If(List(Id("ndim"), Id("rows"), Id("cols"), Err()).Op("=").Add(impl("Dims")).Call(Id("shape")), Err().Op("!=").Nil()).Block(Return(Err())),
		),
	}, body()...)...)
	f.Line()

	docf(f, "setData is view for a shape given as rank and rows x cols.")
	f.Func().Add(recv(n)).Id("setData").Params(Id("b").Index().Byte(), List(Id("ndim"), Id("rows"), Id("cols")).Int()).Error().Block(body()...)
	f.Line()

	// func (a *Float64Array2D) resize(n int) []byte {
	//	if k := n / 8; k <= cap(a.Data) { a.Data = a.Data[:k] } else { grow, keeping the prefix }
	//	return a.Bytes()
	// }
	docf(f, "resize gives Data exactly n bytes, keeping what it holds, and returns them: decoders grow storage through it as data arrives.")
	f.Func().Add(recv(n)).Id("resize").Params(Id("n").Int()).Index().Byte().Block(
		If(Id("k").Op(":=").Id("n").Op("/").Lit(size), Id("k").Op("<=").Cap(Id("a").Dot("Data"))).Block(
			Id("a").Dot("Data").Op("=").Id("a").Dot("Data").Index(Empty(), Id("k")),
		).Else().Block(
			Id("data").Op(":=").Make(Index().Add(elem(n)), Id("k")),
			Copy(Id("data"), Id("a").Dot("Data")),
			Id("a").Dot("Data").Op("=").Id("data"),
		),
		Return(Id("a").Dot("Bytes").Call()),
	)
	f.Line()
}
