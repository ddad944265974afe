//go:build tools

// This file pins the tools that go:generate and the generator use, so that
// go.mod records their versions.
package npy2d

import (
	_ "github.com/dave/jennifer/jen"
	_ "golang.org/x/tools/imports"
)
