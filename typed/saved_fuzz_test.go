package typed

import (
	"bytes"
	"testing"
)

// FuzzReadSaved is a differential fuzz target for ReadFrom's fast path:
// whatever ReadSaved accepts (the dtype picked by the first byte, storage
// of the size the second gives), the general path accepts with the same
// shape, data and length; whatever it declines, it leaves unread. And
// ReadHeader from a *bytes.Reader agrees with ReadHeader from a plain
// reader.
func FuzzReadSaved(f *testing.F) {
	for i, dt := range table {
		if dt.Flexible() {
			continue
		}
		f.Add(byte(i), byte(9), append(Impl.AppendHeader(nil, dt, 2, 3, 3), make([]byte, 9*dt.Size)...))
		f.Add(byte(i), byte(4), append(Impl.AppendHeader(nil, dt, 1, 1, 4), make([]byte, 4*dt.Size)...))
		f.Add(byte(i), byte(1), append(Impl.AppendHeader(nil, dt, 0, 1, 1), make([]byte, dt.Size)...))
	}
	f.Fuzz(func(t *testing.T, which, elems byte, file []byte) {
		dt := table[int(which)%len(table)]
		if dt.Flexible() {
			dt = dt.WithWidth(int(elems%5) + 1)
		}
		checkSaved(t, file, dt, Limits{}, int(elems)*dt.Size)
		br := bytes.NewReader(file)
		h1, e1 := ReadHeader(br, Limits{})
		pr := bytes.NewReader(file)
		h2, e2 := ReadHeader(plainReader{pr}, Limits{})
		if h1 != h2 || (e1 == nil) != (e2 == nil) || (e1 != nil && e1.Error() != e2.Error()) || br.Len() != pr.Len() {
			t.Fatalf("%q:\nbytes.Reader %+v %v (left %d)\nplain %+v %v (left %d)", file, h1, e1, br.Len(), h2, e2, pr.Len())
		}
	})
}
