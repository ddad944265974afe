package mmap

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// Mode is how the file is mapped, named after numpy's mmap_mode.
type Mode int

const (
	// ReadOnly is mmap_mode="r": shared and read-only.
	ReadOnly Mode = iota
	// CopyOnWrite is mmap_mode="c": private, writes stay in memory.
	CopyOnWrite
)

func (m Mode) String() string {
	switch m {
	case ReadOnly:
		return "r"
	case CopyOnWrite:
		return "c"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// ErrNotMappable is wrapped by the errors for files whose data cannot be
// used in place; reading the file (generated.ReadNPY) still works.
var ErrNotMappable = errors.New("npy2d: mmap: data cannot be mapped in place")

// File is an open mapping of one array. Its methods other than Close may
// be called from several goroutines at once.
type File struct {
	h      typed.Header
	region []byte // what Close releases: the mapping, or the read buffer
	data   []byte // the array's bytes, inside region
	array  typed.Array
}

// Open maps the .npy file at path. See the package documentation for what
// maps, and what Close means for the array.
func Open(path string, mode Mode) (*File, error) {
	f, size, err := openFile(path, mode)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := typed.ReadHeader(io.NewSectionReader(f, 0, size), typed.DefaultLimits)
	if err != nil {
		return nil, fmt.Errorf("npy2d: mmap %s: %w", path, err)
	}
	if want := int64(h.DataOffset) + int64(h.DataLen); size != want {
		if size < want {
			return nil, fmt.Errorf("npy2d: mmap %s: %w: the header declares %d bytes, the file has %d: %w", path, typed.ErrFormat, want, size, io.ErrUnexpectedEOF)
		}
		return nil, fmt.Errorf("npy2d: mmap %s: %w: %d bytes after the data at byte %d", path, typed.ErrFormat, size-want, want)
	}
	m, err := mapArray(f, h, int64(h.DataOffset), mode)
	if err != nil {
		return nil, fmt.Errorf("npy2d: mmap %s: %w", path, err)
	}
	return m, nil
}

// OpenNPZ maps member name (numpy's key, or with ".npy") of the .npz
// archive at path. The member must be stored, not compressed; archives that
// package npz writes store members with their data aligned to 64 bytes, so
// that they map. Archives from np.savez put data wherever the zip layout
// falls, so a member of a type wider than a byte may be refused as
// unaligned.
func OpenNPZ(path, name string, mode Mode) (*File, error) {
	f, size, err := openFile(path, mode)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := npz.NewReader(f, size)
	if err != nil {
		return nil, fmt.Errorf("npy2d: mmap %s: %w", path, err)
	}
	e, err := r.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("npy2d: mmap %s: %w", path, err)
	}
	if e.Compressed {
		return nil, fmt.Errorf("npy2d: mmap %s: member %q: %w: it is compressed (np.savez_compressed); only stored members map", path, e.Name, ErrNotMappable)
	}
	m, err := mapArray(f, e.Header, e.FileOffset, mode)
	if err != nil {
		return nil, fmt.Errorf("npy2d: mmap %s: member %q: %w", path, e.Name, err)
	}
	return m, nil
}

func openFile(path string, mode Mode) (*os.File, int64, error) {
	if mode != ReadOnly && mode != CopyOnWrite {
		return nil, 0, fmt.Errorf("npy2d: mmap %s: unknown mode %v", path, mode)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("npy2d: mmap: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("npy2d: mmap: %w", err)
	}
	return f, fi.Size(), nil
}

// mapArray maps the data described by h, which starts at byte off of f and
// which the caller has checked lies inside f.
func mapArray(f *os.File, h typed.Header, off int64, mode Mode) (*File, error) {
	if err := mappable(h, off); err != nil {
		return nil, err
	}
	m := &File{h: h}
	if h.DataLen > 0 {
		var err error
		m.region, m.data, err = mapRange(f, off, h.DataLen, mode)
		if err != nil {
			return nil, err
		}
	}
	if h.DType.Kind == 'b' {
		if err := typed.CheckBools(m.data); err != nil {
			m.Close()
			return nil, err
		}
	}
	// The data is in host order and aligned, so this is a view, not a copy.
	a, err := generated.FromBytes(m.data, h.DType.String(), h.Shape()...)
	if err != nil {
		m.Close()
		return nil, err
	}
	m.array = a
	return m, nil
}

// mappable says why data described by h at file offset off cannot be used
// in place, or nil.
func mappable(h typed.Header, off int64) error {
	dt := h.DType
	switch {
	case dt.Flexible():
		return fmt.Errorf("%w: %s data: Go strings cannot live in numpy's fixed-width bytes", ErrNotMappable, dt)
	case dt.SwapUnit() > 1 && h.Order != typed.HostOrder():
		return fmt.Errorf("%w: %s data in byte order '%c' on a host of order '%c'", ErrNotMappable, dt, h.Order, typed.HostOrder())
	case h.Fortran && h.Rows > 1 && h.Cols > 1:
		return fmt.Errorf("%w: Fortran-order data: the file holds the (%d, %d) transpose in C order", ErrNotMappable, h.Cols, h.Rows)
	case off%int64(dt.SwapUnit()) != 0: // SwapUnit is the Go element's alignment
		return fmt.Errorf("%w: %s data at byte %d is not aligned to %d bytes", ErrNotMappable, dt, off, dt.SwapUnit())
	}
	return nil
}

// Array returns the array, whose data is the mapping: assert it to its
// generated type, e.g. *generated.Float64Array2D. Every call returns the
// same array. It must not be used after Close.
func (m *File) Array() typed.Array { return m.array }

// Header returns the .npy header of the mapped array.
func (m *File) Header() typed.Header { return m.h }

// Bytes returns the array's data as bytes, in host order: the mapped
// memory itself. With Header, it lets a consumer's own generated types
// (their XxxArray2DFromBytes) view the data. It must not be used after
// Close.
func (m *File) Bytes() []byte { return m.data }

// Mapped reports whether the data is a memory mapping of the file; it is
// false on platforms without mmap, where Open read the data instead.
func (m *File) Mapped() bool { return mapsFiles }

// Close unmaps the data. The array, and any slice of its data, must not be
// used afterwards: the memory is gone (see Faults in the package
// documentation). Closing twice does nothing.
func (m *File) Close() error {
	region := m.region
	m.region, m.data = nil, nil
	if region == nil {
		return nil
	}
	if err := unmapRange(region); err != nil {
		return fmt.Errorf("npy2d: mmap: %w", err)
	}
	return nil
}
