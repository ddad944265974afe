package bench

import "runtime/metrics"

// heapStats returns the bytes allocated on the heap so far and the GC's
// current heap goal, read without stopping the world (unlike ReadMemStats).
func heapStats() (allocated, goal uint64) {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/goal:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

func heapAllocated() uint64 {
	a, _ := heapStats()
	return a
}
