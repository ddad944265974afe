package main

import (
	"fmt"
	"strings"

	. "github.com/dave/jennifer/jen"
)

// elem is the Go element type of a dtype, qualified when the table says it
// lives in package typed.
func elem(n names) *Statement {
	if name, ok := strings.CutPrefix(n.dt.GoType, "typed."); ok {
		return Qual(typedPath, name)
	}
	return Id(n.dt.GoType)
}

// recv is the receiver "(a *Float64Array2D)".
func recv(n names) *Statement { return Params(Id("a").Op("*").Id(n.Type)) }

func describe(n names) string {
	return fmt.Sprintf("numpy %s ('%s') values (%s)", n.dt.Name, n.dt.Descr(), n.dt.Doc)
}

// emitType writes the type, its dtype variable and its constructor:
//
//	// Float64Array2D is a 2-D array of numpy float64 ('<f8') values (...) in C order.
//	type Float64Array2D struct {
//		Rows, Cols int
//		Data       []float64
//	}
//	var float64Array2DDType = typed.MustDType("float64")
//	var _ typed.Array = (*Float64Array2D)(nil)
//	func NewFloat64Array2D(rows, cols int) *Float64Array2D { ... }
func emitType(f *File, n names) {
	docf(f, "%s is a 2-D array of %s in C (row-major) order. Its zero value is an empty 0x0 array. Rows, Cols and Data may be set directly; writers check that they agree before writing a byte.", n.Type, describe(n))
	f.Type().Id(n.Type).Struct(
		Comment("Rows and Cols are the shape, numpy's arr.shape."),
		List(Id("Rows"), Id("Cols")).Int(),
		Comment("Data holds the elements in C order: element (i, j) is Data[i*Cols+j]."),
		Id("Data").Index().Add(elem(n)),
	)
	f.Line()
	f.Var().Id(n.dtypeVar).Op("=").Qual(typedPath, "MustDType").Call(Lit(n.dt.Name))
	f.Line()
	docf(f, "The compiler checks the promise that every generated type is a typed.Array.")
	f.Var().Id("_").Qual(typedPath, "Array").Op("=").Parens(Op("*").Id(n.Type)).Parens(Nil())
	f.Line()

	// func NewFloat64Array2D(rows, cols int) *Float64Array2D {
	//	n, err := typed.DataLen(float64Array2DDType, rows, cols, typed.Limits{})
	//	if err != nil { panic(err) }
	//	return &Float64Array2D{Rows: rows, Cols: cols, Data: make([]float64, n/8)}
	// }
	docf(f, "%s returns a zeroed rows x cols array. Like make, it panics on a negative or impossibly large size.", n.New)
	f.Func().Id(n.New).Params(List(Id("rows"), Id("cols")).Int()).Op("*").Id(n.Type).Block(
		List(Id("n"), Err()).Op(":=").Qual(typedPath, "DataLen").Call(Id(n.dtypeVar), Id("rows"), Id("cols"), Qual(typedPath, "Limits").Values()),
		If(Err().Op("!=").Nil()).Block(Panic(Err())),
		Return(Op("&").Id(n.Type).Values(Dict{
			Id("Rows"): Id("rows"),
			Id("Cols"): Id("cols"),
			Id("Data"): Make(Index().Add(elem(n)), Id("n").Op("/").Lit(n.dt.Size)),
		})),
	)
}

// emitAccessors writes Shape, DType, At, Set and Row.
func emitAccessors(f *File, n names) {
	docf(f, "Shape returns (rows, cols), numpy's arr.shape.")
	f.Func().Add(recv(n)).Id("Shape").Params().Params(List(Id("rows"), Id("cols")).Int()).Block(
		Return(Id("a").Dot("Rows"), Id("a").Dot("Cols")),
	)
	f.Line()
	docf(f, "DType returns numpy's %s.", n.dt.Name)
	f.Func().Add(recv(n)).Id("DType").Params().Qual(typedPath, "DType").Block(Return(Id(n.dtypeVar)))
	f.Line()

	// if uint(i) >= uint(a.Rows) || uint(j) >= uint(a.Cols) { panic(typed.IndexError(i, j, a.Rows, a.Cols)) }
	check := If(Uint().Call(Id("i")).Op(">=").Uint().Call(Id("a").Dot("Rows")).Op("||").
		Uint().Call(Id("j")).Op(">=").Uint().Call(Id("a").Dot("Cols"))).Block(
		Panic(Qual(typedPath, "IndexError").Call(Id("i"), Id("j"), Id("a").Dot("Rows"), Id("a").Dot("Cols"))),
	)
	at := Id("a").Dot("Data").Index(Id("i").Op("*").Id("a").Dot("Cols").Op("+").Id("j"))
	docf(f, "At returns element (i, j). It panics when (i, j) is outside the shape.")
	f.Func().Add(recv(n)).Id("At").Params(List(Id("i"), Id("j")).Int()).Add(elem(n)).Block(
		check, Return(at),
	)
	f.Line()
	docf(f, "Set sets element (i, j) to v. It panics when (i, j) is outside the shape.")
	f.Func().Add(recv(n)).Id("Set").Params(List(Id("i"), Id("j")).Int(), Id("v").Add(elem(n))).Block(
		check.Clone(), at.Clone().Op("=").Id("v"),
	)
	f.Line()

	// return a.Data[i*a.Cols : (i+1)*a.Cols : (i+1)*a.Cols]
	docf(f, "Row returns row i as a view of Data: writes to it change the array. Its capacity ends with the row, so append cannot overwrite the next one.")
	f.Func().Add(recv(n)).Id("Row").Params(Id("i").Int()).Index().Add(elem(n)).Block(
		If(Uint().Call(Id("i")).Op(">=").Uint().Call(Id("a").Dot("Rows"))).Block(
			Panic(Qual(typedPath, "IndexError").Call(Id("i"), Lit(0), Id("a").Dot("Rows"), Id("a").Dot("Cols"))),
		),
		Id("end").Op(":=").Parens(Id("i").Op("+").Lit(1)).Op("*").Id("a").Dot("Cols"),
		Return(Id("a").Dot("Data").Index(Id("i").Op("*").Id("a").Dot("Cols"), Id("end"), Id("end"))),
	)
	f.Line()
}
