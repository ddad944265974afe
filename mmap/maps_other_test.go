//go:build !unix || npy2d_nommap

package mmap_test

// mapsHere: this platform reads files instead of mapping them.
const mapsHere = false
