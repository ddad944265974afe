package typed

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the platforms Go
// supports with them (x86-64, arm64, s390x: 2 MiB, 1 MiB on s390x; the
// advice is harmless when the size differs).
const hugePage = 2 << 20

// adviseHuge asks the kernel to back b's whole huge pages with huge pages
// when they are first touched: a large array read into memory new to the
// process then costs one page fault per 2 MiB instead of per 4 KiB, which
// on a VM is most of what reading into fresh memory costs. It is advice
// only, for memory the array owns and keeps; errors (a kernel without
// transparent huge pages) are ignored, and memory already touched is
// unaffected.
func adviseHuge(b []byte) {
	if len(b) < 2*hugePage {
		return
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + uintptr(len(b))) &^ (hugePage - 1)
	if end <= start {
		return
	}
	syscall.Madvise(b[start-p:end-p], madvHugePage)
}

// madvHugePage is MADV_HUGEPAGE, the same number on every Linux platform.
const madvHugePage = 14
