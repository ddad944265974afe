//go:build !amd64 || purego

package typed

// setNTMin: there is no threshold here.
func setNTMin(int) func() { return func() {} }
