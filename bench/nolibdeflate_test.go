//go:build !(cgo && libdeflate)

package bench

const libdeflateBuilt = false
