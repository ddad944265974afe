//go:build race

package npz_test

// raceEnabled: the race detector slows deflate several times over, too
// much for the 4 GiB members of the ZIP64 tests; .ci/run runs them
// without it.
const raceEnabled = true
