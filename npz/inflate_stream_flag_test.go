//go:build !(cgo && libdeflate)

package npz_test

const wholeInflate = false
