package typed

// Impl holds what generated code calls: the checks, codecs and conversions
// that do not depend on the Go element type, written and tested once here.
// It is exported only because generated code lives in other packages (in
// package generated, and in every package a user generates); its methods
// follow the generator and may change in any release. Programs use the
// generated types and the user-facing packages instead.
var Impl impl

// impl is Impl's type: a zero-size value whose methods are the plumbing,
// kept out of this package's documented surface.
type impl struct{}
