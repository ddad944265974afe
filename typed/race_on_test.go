//go:build race

package typed

// raceEnabled: the race detector adds allocations of its own.
const raceEnabled = true
