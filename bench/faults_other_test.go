//go:build !unix

package bench

// minorFaults is unavailable here; faults/op then reads 0.
func minorFaults() int64 { return 0 }
