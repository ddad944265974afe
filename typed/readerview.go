package typed

import (
	"bytes"
	"unsafe"
)

// A *bytes.Reader holds the whole file in memory, but its only ways to
// look at the bytes copy them (Read, ReadAt). For a small array the copy
// of the header was as long as the rest of the read: the 128 bytes zeroed
// on the stack, moved there, and loaded back word by word. unread looks
// at them where they are. It reads the reader's fields through
// readerView, bytes.Reader's layout since Go 1 (a slice, then the read
// index), and moves the reader only through its methods. viewOK checks
// that layout once, on a reader of known contents and position: if a Go
// release changes it, the check fails and the callers copy as before.

// readerView is the start of bytes.Reader's layout.
type readerView struct {
	s []byte
	i int64
}

// viewOK reports whether readerView is this build's bytes.Reader.
var viewOK = func() bool {
	b := make([]byte, 5, 7)
	r := bytes.NewReader(b)
	r.Seek(3, 0)
	if unsafe.Sizeof(*r) < unsafe.Sizeof(readerView{}) {
		return false
	}
	v := (*readerView)(unsafe.Pointer(r))
	return unsafe.SliceData(v.s) == &b[0] && len(v.s) == 5 && cap(v.s) == 7 && v.i == 3
}()

// unread returns the bytes r has not read yet, aliasing its buffer: the
// caller must not write to them. Only when viewOK.
func unread(r *bytes.Reader) []byte {
	v := (*readerView)(unsafe.Pointer(r))
	if uint64(v.i) >= uint64(len(v.s)) {
		return nil
	}
	return v.s[v.i:]
}
