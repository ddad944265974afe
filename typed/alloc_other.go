//go:build !gc

package typed

// uninitialized is make where the runtime's allocator cannot be reached.
func uninitialized(n int) []byte { return make([]byte, n) }
