//go:build !purego

package typed

// setNTMin sets the size from which swapCopyLarge bypasses the cache and
// returns the undo.
func setNTMin(n int) func() {
	saved := ntMin
	ntMin = n
	return func() { ntMin = saved }
}
