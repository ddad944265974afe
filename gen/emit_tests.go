package main

import . "github.com/dave/jennifer/jen"

const arraytestPath = "github.com/npy2d/npy2d/internal/arraytest"

// emitTests writes one dtype's tests. The checks every typed.Array shares
// live in internal/arraytest; what is generated here is what needs the
// concrete type:
//
//	func TestFloat64Array2D(t *testing.T)          // every shape: encodings, ReadFrom, Unmarshal*, FromBytes
//	func TestFloat64Array2DAccess(t *testing.T)    // At, Set, Row and their bounds
//	func TestFloat64Array2DViews(t *testing.T)     // FromBytes shares aligned memory, copies unaligned, checks length
//	func TestFloat64Array2DSteadyState(t *testing.T) // ReadFrom and WriteTo allocate nothing when storage fits
func emitTests(f *File, n names) {
	at := func(name string) *Statement { return Qual(arraytestPath, name) }
	tt := Id("t").Op("*").Qual("testing", "T")
	fatal := func(format string, args ...Code) *Statement {
		return Id("t").Dot("Fatalf").Call(append([]Code{Lit(format)}, args...)...)
	}
	newFilled := func(v string, rows, cols Code) []Code {
		return []Code{
			Id(v).Op(":=").Id(n.New).Call(rows, cols),
			at("Fill").Call(Id(v).Dot("Bytes").Call(), Id(v).Dot("DType").Call()),
		}
	}
	decoders := at("Decoders").Values(Dict{Id("ReadNPY"): Id("ReadNPY"), Id("FromBytes"): Id("FromBytes")})

	docf(f, "Test%s round-trips every test shape through each encoding and each decoder.", n.Type)
	f.Func().Id("Test" + n.Type).Params(tt).Block(
		For(List(Id("_"), Id("s")).Op(":=").Range().Add(at("Shapes"))).Block(
			Id("t").Dot("Run").Call(Qual("fmt", "Sprintf").Call(Lit("%dx%d"), Id("s").Index(Lit(0)), Id("s").Index(Lit(1))), Func().Params(tt).BlockFunc(func(g *Group) {
				for _, c := range newFilled("a", Id("s").Index(Lit(0)), Id("s").Index(Lit(1))) {
					g.Add(c)
				}
				g.Add(at("CheckEncodings").Call(Id("t"), Id("a"), decoders))
				g.List(Id("raw"), Err()).Op(":=").Id("a").Dot("MarshalBinary").Call()
				g.If(Err().Op("!=").Nil()).Block(Id("t").Dot("Fatal").Call(Err()))
				g.Var().Id("r").Id(n.Type)
				g.If(List(Id("m"), Err()).Op(":=").Id("r").Dot("ReadFrom").Call(Qual("bytes", "NewReader").Call(Id("raw"))), Err().Op("!=").Nil().Op("||").Id("m").Op("!=").Int64().Call(Len(Id("raw")))).Block(
					fatal("ReadFrom: n=%d of %d, err %v", Id("m"), Len(Id("raw")), Err()),
				)
				g.Add(at("Same").Call(Id("t"), Op("&").Id("r"), Id("a")))
				g.Var().Id("u").Id(n.Type)
				g.If(Err().Op(":=").Id("u").Dot("UnmarshalBinary").Call(Id("raw")), Err().Op("!=").Nil()).Block(fatal("UnmarshalBinary: %v", Err()))
				g.Add(at("Same").Call(Id("t"), Op("&").Id("u"), Id("a")))
				g.If(Err().Op(":=").Id("u").Dot("UnmarshalBinary").Call(Append(Id("raw"), Lit(0))), Op("!").Qual("errors", "Is").Call(Err(), Qual(typedPath, "ErrFormat"))).Block(fatal("UnmarshalBinary with a trailing byte: %v", Err()))
				g.List(Id("js"), Err()).Op(":=").Id("a").Dot("MarshalJSON").Call()
				g.If(Err().Op("!=").Nil()).Block(Id("t").Dot("Fatal").Call(Err()))
				g.Var().Id("j").Id(n.Type)
				g.If(Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(Id("js"), Op("&").Id("j")), Err().Op("!=").Nil()).Block(fatal("UnmarshalJSON: %v", Err()))
				g.Add(at("Same").Call(Id("t"), Op("&").Id("j"), Id("a")))
			})),
		),
	)
	f.Line()

	// Set every element from another array's At, then compare bytes: NaN-safe.
	docf(f, "Test%sAccess checks At, Set and Row against the C-order layout and their bounds.", n.Type)
	f.Func().Id("Test" + n.Type + "Access").Params(tt).BlockFunc(func(g *Group) {
		for _, c := range newFilled("a", Lit(3), Lit(4)) {
			g.Add(c)
		}
		g.Id("b").Op(":=").Id(n.New).Call(Lit(3), Lit(4))
		g.For(Id("i").Op(":=").Lit(0), Id("i").Op("<").Lit(3), Id("i").Op("++")).Block(
			For(Id("j").Op(":=").Lit(0), Id("j").Op("<").Lit(4), Id("j").Op("++")).Block(
				Id("b").Dot("Set").Call(Id("i"), Id("j"), Id("a").Dot("At").Call(Id("i"), Id("j"))),
			),
		)
		g.Add(at("Same").Call(Id("t"), Id("b"), Id("a")))
		g.Id("row").Op(":=").Id("a").Dot("Row").Call(Lit(1))
		g.If(Len(Id("row")).Op("!=").Lit(4).Op("||").Cap(Id("row")).Op("!=").Lit(4)).Block(fatal("Row(1) has len %d cap %d, want 4 and 4", Len(Id("row")), Cap(Id("row"))))
		g.Id("row").Index(Lit(3)).Op("=").Id("a").Dot("At").Call(Lit(2), Lit(0))
		g.If(Op("!").Qual("bytes", "Equal").Call(Id("a").Dot("Bytes").Call().Index(Lit(7*n.dt.Size), Lit(8*n.dt.Size)), Id("a").Dot("Bytes").Call().Index(Lit(8*n.dt.Size), Lit(9*n.dt.Size)))).Block(
			fatal("a write through Row(1) did not reach element (1, 3)"),
		)
		for _, bad := range [][2]int{{3, 0}, {0, 4}, {-1, 0}, {0, -1}} {
			g.Add(at("MustPanic").Call(Id("t"), Lit("At out of range"), Func().Params().Block(Id("a").Dot("At").Call(Lit(bad[0]), Lit(bad[1])))))
		}
		g.Add(at("MustPanic").Call(Id("t"), Lit("Row out of range"), Func().Params().Block(Id("a").Dot("Row").Call(Lit(3)))))
	})
	f.Line()

	size := n.dt.Size
	docf(f, "Test%sViews checks that %s shares aligned memory, copies unaligned memory and refuses a length that does not fit the shape.", n.Type, n.FromBytes)
	f.Func().Id("Test" + n.Type + "Views").Params(tt).BlockFunc(func(g *Group) {
		g.Id("buf").Op(":=").Qual(arraytestPath, "AlignedBytes").Call(Lit(12*size + 1))
		g.Add(at("Fill").Call(Id("buf"), Id(n.dtypeVar)))
		g.List(Id("a"), Err()).Op(":=").Id(n.FromBytes).Call(Id("buf").Index(Empty(), Lit(12*size)), Lit(3), Lit(4))
		g.If(Err().Op("!=").Nil()).Block(Id("t").Dot("Fatal").Call(Err()))
		g.Id("a").Dot("Bytes").Call().Index(Lit(0)).Op("^=").Lit(1)
		g.If(Id("buf").Index(Lit(0)).Op("!=").Id("a").Dot("Bytes").Call().Index(Lit(0))).Block(fatal("an aligned view is a copy"))
		if size > 1 {
			// One byte in, the buffer is misaligned for every multi-byte type.
			g.List(Id("c"), Err()).Op(":=").Id(n.FromBytes).Call(Id("buf").Index(Lit(1), Lit(12*size+1)), Lit(3), Lit(4))
			g.If(Err().Op("!=").Nil()).Block(Id("t").Dot("Fatal").Call(Err()))
			g.If(Op("!").Qual("bytes", "Equal").Call(Id("c").Dot("Bytes").Call(), Id("buf").Index(Lit(1), Lit(12*size+1)))).Block(fatal("the copy of a misaligned buffer differs"))
			g.Id("c").Dot("Bytes").Call().Index(Lit(0)).Op("^=").Lit(1)
			g.If(Id("c").Dot("Bytes").Call().Index(Lit(0)).Op("==").Id("buf").Index(Lit(1))).Block(fatal("a misaligned buffer was viewed, not copied"))
		}
		// An empty view of a block smaller than one element must not make a
		// pointer to it (checkptr under -race catches that).
		g.If(List(Id("e"), Err()).Op(":=").Id(n.FromBytes).Call(Make(Index().Byte(), Lit(1)).Index(Empty(), Lit(0)), Lit(0), Lit(0)), Err().Op("!=").Nil().Op("||").Len(Id("e").Dot("Data")).Op("!=").Lit(0)).Block(
			fatal("empty view: %v", Err()),
		)
		for _, shape := range [][2]int{{3, 5}, {-3, -4}, {4, 3 + 1}} {
			g.If(List(Id("_"), Err()).Op(":=").Id(n.FromBytes).Call(Id("buf").Index(Empty(), Lit(12*size)), Lit(shape[0]), Lit(shape[1])), Op("!").Qual("errors", "Is").Call(Err(), Qual(typedPath, "ErrShape"))).Block(
				fatal("shape (%d, %d) over %d bytes: err %v, want ErrShape", Lit(shape[0]), Lit(shape[1]), Lit(12*size), Err()),
			)
		}
		if n.dt.Kind == 'b' {
			g.Id("buf").Index(Lit(5)).Op("=").Lit(2)
			g.If(List(Id("_"), Err()).Op(":=").Id(n.FromBytes).Call(Id("buf").Index(Empty(), Lit(12)), Lit(3), Lit(4)), Op("!").Qual("errors", "Is").Call(Err(), Qual(typedPath, "ErrFormat"))).Block(
				fatal("bool byte 2: err %v, want ErrFormat", Err()),
			)
		}
	})
	f.Line()

	docf(f, "Test%sSteadyState checks that reading into an array of the right size, and writing, allocate nothing.", n.Type)
	f.Func().Id("Test" + n.Type + "SteadyState").Params(tt).BlockFunc(func(g *Group) {
		for _, c := range newFilled("a", Lit(16), Lit(16)) {
			g.Add(c)
		}
		g.List(Id("raw"), Id("_")).Op(":=").Id("a").Dot("MarshalBinary").Call()
		g.Id("b").Op(":=").Id(n.New).Call(Lit(16), Lit(16))
		g.Id("r").Op(":=").Qual("bytes", "NewReader").Call(Id("raw"))
		g.Id("read").Op(":=").Qual("testing", "AllocsPerRun").Call(Lit(50), Func().Params().Block(
			Id("r").Dot("Reset").Call(Id("raw")),
			If(List(Id("_"), Err()).Op(":=").Id("b").Dot("ReadFrom").Call(Id("r")), Err().Op("!=").Nil()).Block(Panic(Err())),
		))
		g.Id("write").Op(":=").Qual("testing", "AllocsPerRun").Call(Lit(50), Func().Params().Block(
			If(List(Id("_"), Err()).Op(":=").Id("a").Dot("WriteTo").Call(Qual("io", "Discard")), Err().Op("!=").Nil()).Block(Panic(Err())),
		))
		g.If(Id("read").Op("!=").Lit(0).Op("||").Id("write").Op("!=").Lit(0)).Block(fatal("ReadFrom allocates %v times, WriteTo %v; want 0", Id("read"), Id("write")))
		g.Add(at("Same").Call(Id("t"), Id("b"), Id("a")))
	})
	f.Line()
}

// emitBenchmarks writes one dtype's benchmarks: WriteTo and ReadFrom of a
// 1000x1000 array, and the Bytes and FromBytes views at 1 KB and 100 MB,
// whose times must not depend on the size.
func emitBenchmarks(f *File, n names) {
	bb := Id("b").Op("*").Qual("testing", "B")
	size := n.dt.Size
	docf(f, "Benchmark%s measures the codec on a 1000x1000 array and the views at two sizes.", n.Type)
	f.Func().Id("Benchmark"+n.Type).Params(bb).Block(
		Id("a").Op(":=").Id(n.New).Call(Lit(1000), Lit(1000)),
		Qual(arraytestPath, "Fill").Call(Id("a").Dot("Bytes").Call(), Id("a").Dot("DType").Call()),
		List(Id("raw"), Id("_")).Op(":=").Id("a").Dot("MarshalBinary").Call(),
		Id("b").Dot("Run").Call(Lit("WriteTo"), Func().Params(bb).Block(
			Var().Id("buf").Qual("bytes", "Buffer"),
			Id("b").Dot("SetBytes").Call(Int64().Call(Len(Id("a").Dot("Bytes").Call()))),
			Id("b").Dot("ReportAllocs").Call(),
			For(Range().Id("b").Dot("N")).Block(
				Id("buf").Dot("Reset").Call(),
				If(List(Id("_"), Err()).Op(":=").Id("a").Dot("WriteTo").Call(Op("&").Id("buf")), Err().Op("!=").Nil()).Block(Id("b").Dot("Fatal").Call(Err())),
			),
		)),
		Id("b").Dot("Run").Call(Lit("ReadFrom"), Func().Params(bb).Block(
			Id("dst").Op(":=").Id(n.New).Call(Lit(1000), Lit(1000)),
			Id("r").Op(":=").Qual("bytes", "NewReader").Call(Id("raw")),
			Id("b").Dot("SetBytes").Call(Int64().Call(Len(Id("a").Dot("Bytes").Call()))),
			Id("b").Dot("ReportAllocs").Call(),
			For(Range().Id("b").Dot("N")).Block(
				Id("r").Dot("Reset").Call(Id("raw")),
				If(List(Id("_"), Err()).Op(":=").Id("dst").Dot("ReadFrom").Call(Id("r")), Err().Op("!=").Nil()).Block(Id("b").Dot("Fatal").Call(Err())),
			),
		)),
		For(List(Id("_"), Id("kb")).Op(":=").Range().Index().Int().Values(Lit(1), Lit(100<<10))).Block(
			Id("rows").Op(":=").Id("kb").Op("*").Lit(1024).Op("/").Lit(size).Op("/").Lit(8),
			Id("buf").Op(":=").Qual(arraytestPath, "AlignedBytes").Call(Id("rows").Op("*").Lit(8*size)),
			Id("name").Op(":=").Qual("fmt", "Sprintf").Call(Lit("%dKB"), Id("kb")),
			Id("b").Dot("Run").Call(Lit("FromBytes/").Op("+").Id("name"), Func().Params(bb).Block(
				Id("b").Dot("ReportAllocs").Call(),
				Id("total").Op(":=").Lit(0),
				For(Range().Id("b").Dot("N")).Block(
					List(Id("v"), Err()).Op(":=").Id(n.FromBytes).Call(Id("buf"), Id("rows"), Lit(8)),
					If(Err().Op("!=").Nil()).Block(Id("b").Dot("Fatal").Call(Err())),
					Id("total").Op("+=").Len(Id("v").Dot("Data")),
				),
				If(Id("total").Op("!=").Id("b").Dot("N").Op("*").Id("rows").Op("*").Lit(8)).Block(Id("b").Dot("Fatal").Call(Lit("short view"))),
			)),
			Id("v").Op(":=").Op("&").Id(n.Type).Values(Dict{Id("Rows"): Id("rows"), Id("Cols"): Lit(8), Id("Data"): Make(Index().Add(elem(n)), Id("rows").Op("*").Lit(8))}),
			Id("b").Dot("Run").Call(Lit("Bytes/").Op("+").Id("name"), Func().Params(bb).Block(
				Id("b").Dot("ReportAllocs").Call(),
				Id("total").Op(":=").Lit(0),
				For(Range().Id("b").Dot("N")).Block(
					Id("total").Op("+=").Len(Id("v").Dot("Bytes").Call()),
				),
				If(Id("total").Op("!=").Id("b").Dot("N").Op("*").Len(Id("buf"))).Block(Id("b").Dot("Fatal").Call(Lit("short view"))),
			)),
		),
	)
}
