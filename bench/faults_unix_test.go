//go:build unix

package bench

import "syscall"

// minorFaults is the process's minor page-fault count so far. Decoding a
// large array into fresh memory faults in every page, and on some VMs a
// fault costs ~15µs (about 30 ms for 8 MB), so the count explains most of
// the run-to-run spread of the big Decode rows.
func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Minflt
}
