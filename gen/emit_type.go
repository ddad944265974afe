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

// valueRecv is the receiver "(a Float64Array2D)" of MarshalBinary and
// MarshalJSON: as for time.Time, a struct holding an array by value then
// still encodes it as the array, not as its fields.
func valueRecv(n names) *Statement { return Params(Id("a").Id(n.Type)) }

func describe(n names) string {
	descr := n.dt.Descr()
	if n.dt.Flexible() { // the width is each array's
		descr = strings.TrimSuffix(descr, "0") + "n"
	}
	return fmt.Sprintf("numpy %s ('%s') values (%s)", n.dt.Name, descr, n.dt.Doc)
}

// fieldDoc is a struct field's comment, wrapped as doc comments are: one
// Comment a line, each on its own line of the struct.
func fieldDoc(format string, args ...any) []Code {
	var lines []Code
	for _, line := range wrap(fmt.Sprintf(format, args...), docWidth-4) {
		lines = append(lines, Comment(line))
	}
	return lines
}

// emitType writes the type, its dtype variable and its constructor:
//
//	// Float64Array2D is a 2-D array of numpy float64 ('<f8') values (...) in C order.
//	type Float64Array2D struct {
//		Rows, Cols int
//		Data       []float64
//		flat       uint8
//	}
//	var float64Array2DDType = typed.Impl.MustDType("float64")
//	var _ typed.Array = (*Float64Array2D)(nil)
//	func NewFloat64Array2D(shape ...int) *Float64Array2D { ... }
func emitType(f *File, n names) {
	docf(f, "%s is an array of %s in C (row-major) order, held as rows x cols: numpy's 1-D arrays of shape (n,) are 1 x n and its 0-D arrays 1 x 1, as np.atleast_2d shows them, and remember their rank (NDim) so that they are written back as numpy had them. Its zero value is an empty 0x0 array. Rows, Cols and Data may be set directly; writers check that they agree before writing a byte.", n.Type, describe(n))
	fields := append(fieldDoc("Rows and Cols are the shape: numpy's arr.shape for a 2-D array, (1, n) for shape (n,) and (1, 1) for shape ()."),
		List(Id("Rows"), Id("Cols")).Int(),
	)
	if n.dt.Flexible() {
		fields = append(fields, fieldDoc("Width is the number of %s each element holds in numpy (%s). 0 means the longest element's, as numpy infers it; values longer than Width are cut to it when written, as numpy cuts them.", charWord(n), widthExample(n))...)
		fields = append(fields, Id("Width").Int())
	}
	fields = append(fields, fieldDoc("Data holds the elements in C order: element (i, j) is Data[i*Cols+j].")...)
	fields = append(fields, Id("Data").Index().Add(elem(n)))
	fields = append(fields, fieldDoc("flat is how many dimensions numpy's shape lacks: 0 for a 2-D array, 1 for a vector, 2 for a scalar.")...)
	fields = append(fields, Id("flat").Uint8())
	f.Type().Id(n.Type).Struct(fields...)
	f.Line()
	f.Var().Id(n.dtypeVar).Op("=").Add(impl("MustDType")).Call(Lit(n.dt.Name))
	f.Line()
	docf(f, "The compiler checks the promise that every generated type is a typed.Array.")
	f.Var().Id("_").Qual(typedPath, "Array").Op("=").Parens(Op("*").Id(n.Type)).Parens(Nil())
	f.Line()

	// func NewFloat64Array2D(shape ...int) *Float64Array2D {
	//	ndim, rows, cols, err := typed.Impl.Dims(shape)
	//	if err == nil { _, err = typed.Impl.DataLen(float64Array2DDType, rows, cols, typed.Limits{}) }
	//	if err != nil { panic(err) }
	//	return &Float64Array2D{Rows: rows, Cols: cols, Data: make([]float64, rows*cols), flat: uint8(2 - ndim)}
	// }
	sizeCheck := Null()
	if !n.dt.Flexible() {
		sizeCheck = If(Err().Op("==").Nil()).Block(List(Id("_"), Err()).Op("=").Add(impl("DataLen")).Call(Id(n.dtypeVar), Id("rows"), Id("cols"), Qual(typedPath, "Limits").Values()))
	}
	docf(f, "%s returns a zeroed array of numpy's shape: %s(rows, cols) for a 2-D array, %s(n) for a vector of shape (n,), %s() for a scalar. Like make, it panics on a negative or impossibly large size, or more than two dimensions.", n.New, n.New, n.New, n.New)
	f.Func().Id(n.New).Params(Id("shape").Op("...").Int()).Op("*").Id(n.Type).Block(
		List(Id("ndim"), Id("rows"), Id("cols"), Err()).Op(":=").Add(impl("Dims")).Call(Id("shape")),
		sizeCheck,
		If(Err().Op("!=").Nil()).Block(Panic(Err())),
		Return(Op("&").Id(n.Type).Values(Dict{
			Id("Rows"): Id("rows"),
			Id("Cols"): Id("cols"),
			Id("Data"): Make(Index().Add(elem(n)), Id("rows").Op("*").Id("cols")),
			Id("flat"): Uint8().Call(Lit(2).Op("-").Id("ndim")),
		})),
	)
}

// charWord names a string dtype's unit of width.
func charWord(n names) string {
	if n.dt.CharSize == 1 {
		return "bytes"
	}
	return "characters (code points)"
}

func widthExample(n names) string {
	if n.dt.CharSize == 1 {
		return "'|S5' holds 5"
	}
	return "'<U10' holds 10"
}

// emitRank writes NDim, NumpyShape and SetNDim:
//
//	func (a *Float64Array2D) NDim() int { return 2 - int(a.flat) }
//	func (a *Float64Array2D) NumpyShape() []int { return typed.Impl.NumpyShape(a.NDim(), a.Rows, a.Cols) }
//	func (a *Float64Array2D) SetNDim(ndim int) error { ... }
func emitRank(f *File, n names) {
	docf(f, "NDim returns numpy's rank: 2, 1 for a vector of shape (n,), 0 for a scalar of shape ().")
	f.Func().Add(recv(n)).Id("NDim").Params().Int().Block(Return(Lit(2).Op("-").Int().Call(Id("a").Dot("flat"))))
	f.Line()
	docf(f, "NumpyShape returns numpy's shape: (rows, cols), (n,) for a vector, () for a scalar.")
	f.Func().Add(recv(n)).Id("NumpyShape").Params().Index().Int().Block(
		Return(impl("NumpyShape").Call(Id("a").Dot("NDim").Call(), Id("a").Dot("Rows"), Id("a").Dot("Cols"))),
	)
	f.Line()
	docf(f, "SetNDim sets numpy's rank, as np.squeeze or np.atleast_2d would: 1 makes a one-row array a vector of shape (cols,), 0 makes a 1x1 array a scalar of shape (), 2 makes either a 2-D array again. It refuses a rank the shape cannot have.")
	f.Func().Add(recv(n)).Id("SetNDim").Params(Id("ndim").Int()).Error().Block(
		If(Err().Op(":=").Add(impl("CheckRank")).Call(Id("ndim"), Id("a").Dot("Rows"), Id("a").Dot("Cols")), Err().Op("!=").Nil()).Block(Return(Err())),
		Id("a").Dot("flat").Op("=").Uint8().Call(Lit(2).Op("-").Id("ndim")),
		Return(Nil()),
	)
	f.Line()
}

// emitAccessors writes Shape, DType, At, Set and Row.
func emitAccessors(f *File, n names) {
	docf(f, "Shape returns (rows, cols): numpy's arr.shape for a 2-D array, (1, n) for a vector and (1, 1) for a scalar (see NumpyShape).")
	f.Func().Add(recv(n)).Id("Shape").Params().Params(List(Id("rows"), Id("cols")).Int()).Block(
		Return(Id("a").Dot("Rows"), Id("a").Dot("Cols")),
	)
	f.Line()
	if n.dt.Flexible() {
		docf(f, "DType returns numpy's dtype of the array: %s of Width %s, or of the longest element's when Width is 0.", n.dt.Name, charWord(n))
		f.Func().Add(recv(n)).Id("DType").Params().Qual(typedPath, "DType").Block(
			If(Id("a").Dot("Width").Op(">").Lit(0)).Block(Return(Id(n.dtypeVar).Dot("WithWidth").Call(Id("a").Dot("Width")))),
			Return(Id(n.dtypeVar).Dot("WithWidth").Call(impl("StringWidth").Call(Id(n.dtypeVar), Id("a").Dot("Data")))),
		)
	} else {
		docf(f, "DType returns numpy's %s.", n.dt.Name)
		f.Func().Add(recv(n)).Id("DType").Params().Qual(typedPath, "DType").Block(Return(Id(n.dtypeVar)))
	}
	f.Line()
	emitRank(f, n)

	// if uint(i) >= uint(a.Rows) || uint(j) >= uint(a.Cols) { panic(typed.Impl.IndexError(i, j, a.Rows, a.Cols)) }
	check := If(Uint().Call(Id("i")).Op(">=").Uint().Call(Id("a").Dot("Rows")).Op("||").
		Uint().Call(Id("j")).Op(">=").Uint().Call(Id("a").Dot("Cols"))).Block(
		Panic(impl("IndexError").Call(Id("i"), Id("j"), Id("a").Dot("Rows"), Id("a").Dot("Cols"))),
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
			Panic(impl("IndexError").Call(Id("i"), Lit(0), Id("a").Dot("Rows"), Id("a").Dot("Cols"))),
		),
		Id("end").Op(":=").Parens(Id("i").Op("+").Lit(1)).Op("*").Id("a").Dot("Cols"),
		Return(Id("a").Dot("Data").Index(Id("i").Op("*").Id("a").Dot("Cols"), Id("end"), Id("end"))),
	)
	f.Line()
}
