package bench

import (
	"syscall"
	"testing"
)

// BenchmarkPageFault measures what one minor page fault costs here: map 1
// MiB of fresh anonymous memory, write one byte to each 4 KB page, unmap.
// Readers that return new memory pay this for every page the Go heap has
// just taken from the OS; cmd/report quotes it next to the faults/op column.
func BenchmarkPageFault(b *testing.B) {
	const pages = 256
	for range b.N {
		mem, err := syscall.Mmap(-1, 0, pages*pageSize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(mem); i += pageSize {
			mem[i] = 1
		}
		if err := syscall.Munmap(mem); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/fault")
}
