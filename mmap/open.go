package mmap

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/plural"
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
	// ReadWrite is mmap_mode="r+": shared, and writes reach the file (see
	// Create and Flush).
	ReadWrite
)

func (m Mode) String() string {
	switch m {
	case ReadOnly:
		return "r"
	case CopyOnWrite:
		return "c"
	case ReadWrite:
		return "r+"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// ErrNotMappable is wrapped by the errors for files whose data cannot be
// used in place; reading the file (generated.ReadNPY) still works.
var ErrNotMappable = errors.New("mmap: data cannot be mapped in place")

// File is an open mapping of one array. Its methods other than Close may
// be called from several goroutines at once.
type File struct {
	h      typed.Header
	region []byte // what Close releases: the mapping, or the read buffer
	data   []byte // the array's bytes, inside region
	array  typed.Array
	// file is the open file of a ReadWrite mapping, which Flush syncs and
	// Close closes; nil in the other modes. off is where data starts in it.
	file *os.File
	off  int64
}

// Open maps the .npy file at path. See the package documentation for what
// maps, and what Close means for the array.
func Open(path string, mode Mode) (*File, error) {
	f, size, err := openFile(path, mode)
	if err != nil {
		return nil, err
	}
	var m *File
	defer func() {
		if m == nil || m.file == nil { // a ReadWrite mapping keeps f open
			f.Close()
		}
	}()
	h, err := typed.ReadHeader(io.NewSectionReader(f, 0, size), typed.Limits{})
	if err != nil {
		return nil, fmt.Errorf("mmap: %s: %w", path, err)
	}
	if want := int64(h.DataOffset) + int64(h.DataLen); size != want {
		if size < want {
			return nil, fmt.Errorf("mmap: %s: %w: the header declares %d bytes, the file has %d: %w", path, typed.ErrFormat, want, size, io.ErrUnexpectedEOF)
		}
		return nil, fmt.Errorf("mmap: %s: %w: %s after the data at byte %d", path, typed.ErrFormat, plural.N(int(size-want), "byte"), want)
	}
	m, err = mapArray(f, h, int64(h.DataOffset), mode)
	if err != nil {
		return nil, fmt.Errorf("mmap: %s: %w", path, err)
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
	if mode == ReadWrite {
		return nil, fmt.Errorf("mmap: %s: mode %v: an .npz member cannot be written in place (its CRC would no longer match)", path, mode)
	}
	f, size, err := openFile(path, mode)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := npz.NewReader(f, size)
	if err != nil {
		return nil, fmt.Errorf("mmap: %s: %w", path, err)
	}
	e, err := r.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("mmap: %s: %w", path, err)
	}
	if e.Compressed {
		return nil, fmt.Errorf("mmap: %s: member %q: %w: it is compressed (np.savez_compressed); only stored members map", path, e.Name, ErrNotMappable)
	}
	m, err := mapArray(f, e.Header, e.FileOffset, mode)
	if err != nil {
		return nil, fmt.Errorf("mmap: %s: member %q: %w", path, e.Name, err)
	}
	return m, nil
}

func openFile(path string, mode Mode) (*os.File, int64, error) {
	if mode != ReadOnly && mode != CopyOnWrite && mode != ReadWrite {
		return nil, 0, fmt.Errorf("mmap: %s: unknown mode %v", path, mode)
	}
	flag := os.O_RDONLY
	if mode == ReadWrite {
		flag = os.O_RDWR
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, 0, fmt.Errorf("mmap: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("mmap: %w", err)
	}
	return f, fi.Size(), nil
}

// mapArray maps the data described by h, which starts at byte off of f and
// which the caller has checked lies inside f.
func mapArray(f *os.File, h typed.Header, off int64, mode Mode) (*File, error) {
	if err := mappable(h, off); err != nil {
		return nil, err
	}
	m := &File{h: h, off: off}
	if h.DataLen > 0 {
		var err error
		m.region, m.data, err = mapRange(f, off, h.DataLen, mode)
		if err != nil {
			return nil, err
		}
	}
	if h.DType.Kind == 'b' {
		if err := typed.Impl.CheckBools(m.data); err != nil {
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
	if mode == ReadWrite {
		m.file = f // kept open for Flush and Close
	}
	return m, nil
}

// mappable says why data described by h at file offset off cannot be used
// in place, or nil.
func mappable(h typed.Header, off int64) error {
	dt := h.DType
	switch {
	case dt.Flexible():
		return fmt.Errorf("%w: %s data: Go strings cannot live in numpy's fixed-width bytes", ErrNotMappable, dt)
	case dt.SwapUnit() > 1 && h.Order != typed.Impl.HostOrder():
		return fmt.Errorf("%w: %s data in byte order '%c' on a host of order '%c'", ErrNotMappable, dt, h.Order, typed.Impl.HostOrder())
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
//
// For a ReadWrite mapping, Close also closes the file. What was written is
// in the file as other readers see it (on platforms without mmap, Close
// writes it back), but it is on disk only after Flush: Close does not
// sync, as numpy's memmap does not when it is deleted.
func (m *File) Close() error {
	region, data, file := m.region, m.data, m.file
	m.region, m.data, m.file = nil, nil, nil
	var err error
	if region != nil {
		if file != nil {
			err = writeBack(file, data, m.off)
		}
		if uerr := unmapRange(region); err == nil {
			err = uerr
		}
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("mmap: %w", err)
	}
	return nil
}
