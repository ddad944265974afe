//go:build race

package npz_test

// raceEnabled: the race detector slows deflate several times over, too
// much for a 4 GiB member; the plain run in .ci/run covers it.
const raceEnabled = true
