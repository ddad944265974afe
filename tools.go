//go:build tools

// The generator's tools are not imported here. Package gen imports jennifer
// and golang.org/x/tools, and go.mod's tool directive names gen, so go.mod
// records their versions (go tool gen runs it; go generate runs go run ./gen).
// An import in this file would be an import of package npy2d under the tools
// build tag, which go mod tidy honours in every module that imports npy2d:
// their go.mod files would then require the generator's dependencies too.
package npy2d
