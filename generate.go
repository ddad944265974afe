// Package npy2d moves 2-D NumPy arrays between Python and Go byte for byte:
// .npy files, .npz archives and raw tobytes() buffers, for every plain
// numpy dtype, with generated typed code instead of reflection and
// zero-copy views where the memory allows.
//
// The types live in package generated (one per dtype, generated from the
// table in package typed); the core codec lives in package typed.
package npy2d

//go:generate go run ./gen -family generated
