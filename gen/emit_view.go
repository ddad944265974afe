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
//		data, err := float64Array2DView(b, rows, cols)
//		...
//	}
//	func float64Array2DView(b []byte, rows, cols int) ([]float64, error) { ... }
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
		validate = If(Err().Op(":=").Qual(typedPath, "CheckBools").Call(Id("b")), Err().Op("!=").Nil()).Block(Return(Nil(), Err()))
		note = " Bytes other than 0 and 1 are refused, which takes one pass over b."
	}
	docf(f, "%s returns an array whose Data is b itself when b is aligned for %s, and a copy of b otherwise; b holds rows*cols values in host byte order, as arr.tobytes() on a little-endian host.%s It allocates nothing beyond the returned header, which stays on the caller's stack when it does not escape.", n.FromBytes, n.dt.GoType, note)
	f.Func().Id(n.FromBytes).Params(Id("b").Index().Byte(), List(Id("rows"), Id("cols")).Int()).Params(Op("*").Id(n.Type), Error()).Block(
		List(Id("data"), Err()).Op(":=").Id(n.view).Call(Id("b"), Id("rows"), Id("cols")),
		If(Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		Return(Op("&").Id(n.Type).Values(Dict{Id("Rows"): Id("rows"), Id("Cols"): Id("cols"), Id("Data"): Id("data")}), Nil()),
	)
	f.Line()

	// It is kept apart from FromBytes so that FromBytes is small enough to be inlined.
	docf(f, "%s checks b against the shape and returns it as []%s: the same memory when aligned, a copy when not.", n.view, n.dt.GoType)
	f.Func().Id(n.view).Params(Id("b").Index().Byte(), List(Id("rows"), Id("cols")).Int()).Params(Index().Add(elem(n)), Error()).Block(
		If(Err().Op(":=").Qual(typedPath, "CheckData").Call(Id(n.dtypeVar), Id("rows"), Id("cols"), Len(Id("b"))), Err().Op("!=").Nil()).Block(Return(Nil(), Err())),
		validate,
		Id("p").Op(":=").Qual("unsafe", "Pointer").Call(Qual("unsafe", "SliceData").Call(Id("b"))),
		Var().Id("zero").Add(elem(n)),
		If(Uintptr().Call(Id("p")).Op("%").Qual("unsafe", "Alignof").Call(Id("zero")).Op("==").Lit(0)).Block(
			Return(Qual("unsafe", "Slice").Call(Parens(Op("*").Add(elem(n))).Parens(Id("p")), Len(Id("b")).Op("/").Lit(size)), Nil()),
		),
		Id("data").Op(":=").Make(Index().Add(elem(n)), Len(Id("b")).Op("/").Lit(size)),
		Copy(bytesOf(Id("data"), size), Id("b")),
		Return(Id("data"), Nil()),
	)
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
