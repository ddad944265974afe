//go:build !npy2d_nommap

package mmap

import (
	"os"
	"syscall"
	"unsafe"
)

// syncRange is msync(MS_SYNC) of the mapping: it returns once the pages
// written through it are on disk. Flush then syncs the file's metadata.
func syncRange(_ *os.File, region, _ []byte, _ int64) error {
	_, _, errno := syscall.Syscall(syscall.SYS_MSYNC, uintptr(unsafe.Pointer(unsafe.SliceData(region))), uintptr(len(region)), syscall.MS_SYNC)
	if errno != 0 {
		return os.NewSyscallError("msync", errno)
	}
	return nil
}
