// Package typed is the hand-written core of npy2d: the dtype table, the
// .npy header codec, byte-order and layout conversion, size limits and the
// errors every decoder returns.
//
// The generated Array2D types (package generated, or a consumer's own
// package) hold typed storage and zero-copy views; everything that does not
// depend on the Go element type lives here, so it is written and tested once.
package typed
