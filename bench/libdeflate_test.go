//go:build cgo && libdeflate

package bench

// libdeflateBuilt: this binary's npz inflates members with libdeflate
// (-tags libdeflate), and BenchmarkPath adds the npy2d-libdeflate rows;
// the report runs them from a second binary built so, beside the default.
const libdeflateBuilt = true
