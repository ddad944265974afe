//go:build !linux

package typed

// adviseHuge does nothing where Linux's transparent huge pages do not exist.
func adviseHuge([]byte) {}
