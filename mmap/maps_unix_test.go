//go:build unix && !npy2d_nommap

package mmap_test

// mapsHere: this platform maps files.
const mapsHere = true
