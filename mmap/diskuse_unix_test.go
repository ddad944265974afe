//go:build unix

package mmap_test

import (
	"os"
	"syscall"
)

// diskUse is the disk space a file takes: less than its size when sparse.
func diskUse(fi os.FileInfo) (int64, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int64(st.Blocks) * 512, true
}
