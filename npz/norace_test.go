//go:build !race

package npz_test

const raceEnabled = false
