package typed

import "testing"

// FuzzReadSmall is a differential fuzz target for ReadFrom's fast path:
// ReadSmall (the dtype picked by the first byte, storage of the size the
// second gives) decides as ReadSaved does, and what it takes the general
// path takes with the same shape, data and length.
func FuzzReadSmall(f *testing.F) {
	for i, dt := range table {
		if dt.Flexible() {
			continue
		}
		f.Add(byte(i), byte(9), append(Impl.AppendHeader(nil, dt, 2, 3, 3), make([]byte, 9*dt.Size)...))
		f.Add(byte(i), byte(4), append(Impl.AppendHeader(nil, dt, 1, 1, 4), make([]byte, 4*dt.Size)...))
		f.Add(byte(i), byte(1), append(Impl.AppendHeader(nil, dt, 0, 1, 1), make([]byte, dt.Size)...))
		f.Add(byte(i), byte(0), append(Impl.AppendHeader(nil, dt, 2, 0, 123456), make([]byte, 8)...))
	}
	fixed := fixedDTypes()
	f.Fuzz(func(t *testing.T, which, elems byte, file []byte) {
		dt := fixed[int(which)%len(fixed)]
		checkSmall(t, file, dt, int(elems)*dt.Size)
	})
}
