//go:build cgo && libdeflate

package npz_test

// wholeInflate: Array inflates members in one call, through a buffer of
// their compressed bytes (reused, unless the collector has dropped it).
const wholeInflate = true
