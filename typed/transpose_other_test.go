//go:build !amd64 || purego

package typed

// tposeModes: the portable code is all there is.
func tposeModes() []struct {
	name string
	set  func() func()
} {
	return []struct {
		name string
		set  func() func()
	}{{"portable", func() func() { return func() {} }}}
}
