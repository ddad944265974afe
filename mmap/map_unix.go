//go:build unix && !npy2d_nommap

package mmap

import (
	"fmt"
	"os"
	"syscall"

	"github.com/npy2d/npy2d/typed"
)

const mapsFiles = true

// mapRange maps n bytes of f from byte off. mmap(2) takes offsets at page
// boundaries, so the mapping starts at the page holding off and data is
// sliced out of it.
func mapRange(f *os.File, off int64, n int, mode Mode) (region, data []byte, err error) {
	page := int64(os.Getpagesize())
	base := off - off%page
	lead := int(off - base)
	if n > maxInt-lead {
		return nil, nil, fmt.Errorf("%w: %d bytes at byte %d cannot be mapped on this platform", typed.ErrLimit, n, off)
	}
	prot, flags := syscall.PROT_READ, syscall.MAP_SHARED
	switch mode {
	case CopyOnWrite:
		prot, flags = syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE
	case ReadWrite:
		prot = syscall.PROT_READ | syscall.PROT_WRITE
	}
	region, err = syscall.Mmap(int(f.Fd()), base, lead+n, prot, flags)
	if err != nil {
		return nil, nil, os.NewSyscallError("mmap", err)
	}
	return region, region[lead : lead+n : lead+n], nil
}

func unmapRange(region []byte) error { return syscall.Munmap(region) }

// writeBack does nothing: a shared mapping is the file's page cache, so
// what was written is in the file already.
func writeBack(*os.File, []byte, int64) error { return nil }

const maxInt = int(^uint(0) >> 1)
