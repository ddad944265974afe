package npz

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// Reader reads an .npz archive. Its methods may be called from several
// goroutines at once.
type Reader struct {
	// lim bounds each member's .npy header and data, as for a .npy file.
	lim typed.Limits

	zr     *zip.Reader
	ra     io.ReaderAt
	size   int64
	closer io.Closer
	// files maps numpy's key (Entry.Name) to its member.
	files map[string]*zip.File

	once    sync.Once
	entries []Entry
}

// Open opens the .npz archive at path, with numpy's default limits on
// each member. Close releases the file.
func Open(path string) (*Reader, error) { return OpenWithLimits(path, typed.Limits{}) }

// OpenWithLimits is Open with the caller's limits on each member's header
// and data. MaxDataBytes is what caps a member that is honestly huge: one
// whose sizes agree but would fill memory.
func OpenWithLimits(path string, lim typed.Limits) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("npz: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("npz: %w", err)
	}
	r, err := NewReaderWithLimits(f, fi.Size(), lim)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%w (%s)", err, path)
	}
	r.closer = f
	return r, nil
}

// NewReader reads the zip directory of an archive of size bytes held by r,
// with numpy's default limits on each member. It reads no member: headers
// are read when Entries or a member is first asked for.
func NewReader(r io.ReaderAt, size int64) (*Reader, error) {
	return NewReaderWithLimits(r, size, typed.Limits{})
}

// NewReaderWithLimits is NewReader with the caller's limits on each
// member's header and data.
func NewReaderWithLimits(r io.ReaderAt, size int64, lim typed.Limits) (*Reader, error) {
	zr, err := zip.NewReader(r, size)
	// Member names are only keys here, never paths on disk, so the
	// insecure-path warning does not apply.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("npz: reading the zip directory: %w: %w", typed.ErrFormat, err)
	}
	zr.RegisterDecompressor(zip.Deflate, newInflater)
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		key := Key(f.Name)
		if _, dup := files[key]; dup {
			return nil, fmt.Errorf("npz: %w: two members named %q", typed.ErrFormat, key)
		}
		files[key] = f
	}
	return &Reader{lim: lim, zr: zr, ra: r, size: size, files: files}, nil
}

// Key is numpy's key for a member name: the name without its ".npy"
// suffix, as NpzFile.files lists it.
func Key(member string) string { return strings.TrimSuffix(member, ".npy") }

// Close closes the file that Open opened; for a Reader from NewReader it
// does nothing.
func (r *Reader) Close() error {
	if r.closer == nil {
		return nil
	}
	return r.closer.Close()
}

// Entries lists the archive's members in archive order (numpy's
// NpzFile.files order), each with its .npy header. Listing reads each
// member's header only: for a compressed member that inflates at most one
// deflate window (32 KiB), never the array. Members that are not 2-D arrays
// of a supported dtype are listed too, with Err saying why.
func (r *Reader) Entries() []Entry {
	r.once.Do(func() {
		r.entries = make([]Entry, len(r.zr.File))
		for i, f := range r.zr.File {
			r.entries[i] = r.entry(f)
		}
	})
	out := make([]Entry, len(r.entries))
	copy(out, r.entries)
	return out
}

// Lookup returns the entry named name (with or without ".npy"), reading
// only its header. The error is the entry's Err, or a missing member's.
func (r *Reader) Lookup(name string) (Entry, error) {
	f, err := r.file(name)
	if err != nil {
		return Entry{}, err
	}
	e := r.entry(f)
	return e, e.Err
}

// Array decodes the member named name (numpy's key, or the member name
// with ".npy") into a new array of its generated type: assert it to, say,
// *generated.Float64Array2D.
func (r *Reader) Array(name string) (typed.Array, error) {
	if a, ok := r.arrayWhole(name); ok {
		return a, nil
	}
	var a typed.Array
	err := r.decode(name, func(rd io.Reader, h typed.Header) (err error) {
		a, err = generated.ReadArrayData(rd, h)
		return err
	})
	return a, err
}

// ReadInto decodes the member named name into dst, which must hold the
// member's dtype. It reuses dst's storage when large enough, so reading
// many archives into one array allocates nothing.
func (r *Reader) ReadInto(name string, dst typed.DataReader) error {
	return r.decode(name, func(rd io.Reader, h typed.Header) error {
		_, err := dst.ReadData(rd, h)
		return err
	})
}

// Open returns the member named name as a stream of .npy bytes, for a
// caller that reads it piece by piece. The stream is held to the member's
// declared size, and its checksum is verified when it is read to io.EOF.
func (r *Reader) Open(name string) (io.ReadCloser, error) {
	f, err := r.file(name)
	if err != nil {
		return nil, err
	}
	if _, err := r.checkSizes(f); err != nil {
		return nil, memberErr(f, err)
	}
	rc, err := r.openMember(f)
	if err != nil {
		return nil, memberErr(f, err)
	}
	return rc, nil
}

// file finds a member as NpzFile.__getitem__ does: by member name first,
// then by key.
func (r *Reader) file(name string) (*zip.File, error) {
	if f, ok := r.files[Key(name)]; ok && f.Name == name {
		return f, nil
	}
	if f, ok := r.files[name]; ok {
		return f, nil
	}
	return nil, fmt.Errorf("npz: no member %q: %w", name, os.ErrNotExist)
}

// decode opens member name at its data and lets read decode it; it then
// reads the member to its end, which is where archive/zip verifies the
// checksum.
func (r *Reader) decode(name string, read func(io.Reader, typed.Header) error) error {
	f, err := r.file(name)
	if err != nil {
		return err
	}
	e, rc := r.open(f)
	if e.Err != nil {
		return e.Err
	}
	defer rc.Close()
	if err := read(rc, e.Header); err != nil {
		return memberErr(f, err)
	}
	return memberErr(f, rc.end())
}

func memberErr(f *zip.File, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("npz: member %q: %w", f.Name, err)
}
