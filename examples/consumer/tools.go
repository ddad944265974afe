//go:build tools

// The generator is a dependency of this module, so go.mod pins its version
// and go:generate's go run builds that version.
package tools

import _ "github.com/npy2d/npy2d/gen"
