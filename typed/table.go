package typed

// table is the dtype table: the one place a dtype is described. The
// generator emits one Array2D type per row, in this order; parsing, dispatch
// and tests derive from it. Adding a dtype is adding a row (plus, for a Go
// element type that does not exist yet, that type). The string kinds come
// last: their item size is not the row's but each array's (Size 0 here).
var table = [...]DType{
	{Name: "bool", Kind: 'b', Size: 1, GoType: "bool", TypeName: "Bool", Doc: "boolean"},
	{Name: "int8", Kind: 'i', Size: 1, GoType: "int8", TypeName: "Int8", Doc: "8-bit signed integer"},
	{Name: "int16", Kind: 'i', Size: 2, GoType: "int16", TypeName: "Int16", Doc: "16-bit signed integer"},
	{Name: "int32", Kind: 'i', Size: 4, GoType: "int32", TypeName: "Int32", Doc: "32-bit signed integer"},
	{Name: "int64", Kind: 'i', Size: 8, GoType: "int64", TypeName: "Int64", Doc: "64-bit signed integer"},
	{Name: "uint8", Kind: 'u', Size: 1, GoType: "uint8", TypeName: "Uint8", Doc: "8-bit unsigned integer"},
	{Name: "uint16", Kind: 'u', Size: 2, GoType: "uint16", TypeName: "Uint16", Doc: "16-bit unsigned integer"},
	{Name: "uint32", Kind: 'u', Size: 4, GoType: "uint32", TypeName: "Uint32", Doc: "32-bit unsigned integer"},
	{Name: "uint64", Kind: 'u', Size: 8, GoType: "uint64", TypeName: "Uint64", Doc: "64-bit unsigned integer"},
	{Name: "float16", Kind: 'f', Size: 2, GoType: "typed.Float16", TypeName: "Float16", Doc: "IEEE 754 half-precision float"},
	{Name: "float32", Kind: 'f', Size: 4, GoType: "float32", TypeName: "Float32", Doc: "IEEE 754 single-precision float"},
	{Name: "float64", Kind: 'f', Size: 8, GoType: "float64", TypeName: "Float64", Doc: "IEEE 754 double-precision float"},
	{Name: "complex64", Kind: 'c', Size: 8, GoType: "complex64", TypeName: "Complex64", Doc: "complex number of two float32"},
	{Name: "complex128", Kind: 'c', Size: 16, GoType: "complex128", TypeName: "Complex128", Doc: "complex number of two float64"},
	{Name: "str", Kind: 'U', CharSize: 4, GoType: "string", TypeName: "String", Doc: "fixed-width Unicode string, UTF-32 in the file"},
	{Name: "bytes", Kind: 'S', CharSize: 1, GoType: "string", TypeName: "Bytes", Doc: "fixed-width byte string"},
}
