package main

import . "github.com/dave/jennifer/jen"

// emitDTypeValues writes one exported dtype value per generated type, named
// under the dispatch pattern (Float64DType, or MatFloat64DType for "Mat%s"),
// so that a program passes NewArray, AsType, stream.NewWriter or
// mmap.Create a dtype without spelling it as a string.
func emitDTypeValues(f *File, c Config) {
	var defs []Code
	for i, n := range c.allNames() {
		name := c.dispatch(n.dt.TypeName + "DType")
		doc := n.dt.Doc
		if n.dt.Flexible() {
			doc += "; its width is each array's: WithWidth gives one"
		}
		if i > 0 {
			defs = append(defs, Line())
		}
		defs = append(defs,
			Comment(name+" is numpy's "+n.dt.Name+" ("+doc+"), held by "+n.Type+"."),
			Id(name).Op("=").Add(impl("MustDType")).Call(Lit(n.dt.Name)),
		)
	}
	docf(f, "The dtypes this package holds, for %s, %s and the writers of packages stream and mmap.", c.dispatch("NewArray"), c.dispatch("AsType"))
	f.Var().Defs(defs...)
	f.Line()
}
