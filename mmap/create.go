package mmap

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/npy2d/npy2d/typed"
)

// Create creates the .npy file at path for a C-order array of rows x cols
// values of dt, all zero, and maps it ReadWrite, as numpy's
// np.lib.format.open_memmap(path, mode="w+", dtype=dt, shape=(rows, cols))
// does. A file already at path is truncated.
//
// The file is sparse: Create writes the header and sets the file's length
// with ftruncate, so the data is a hole that costs no disk and no memory
// until written, and an array larger than memory (or than the free disk)
// can be created at once. Pages reach the disk as they are written. Write
// through m.Array() or m.Bytes(); several goroutines may write disjoint
// elements at once, as with any Go slice. Flush makes what was written
// durable; after Close the file is byte for byte what np.save writes for
// the same values.
//
// The header is np.save's, in the host's byte order (numpy's '=' resolved,
// as open_memmap writes it): '<' on little-endian hosts, '>' on big-endian
// ones, so that the data maps in place on either.
//
// Close must be called: it unmaps and closes the file. If Create fails after
// creating the file, it removes it.
func Create(path string, dt typed.DType, rows, cols int) (*File, error) {
	if d, ok := typed.LookupDType(dt.Name); !ok || d != dt || dt.Size <= 0 {
		return nil, fmt.Errorf("mmap: create %s: %w: dtype %q is not a numeric row of the dtype table", path, typed.ErrDType, dt.Name)
	}
	n, err := typed.Impl.DataLen(dt, rows, cols, typed.Limits{})
	if err != nil {
		return nil, fmt.Errorf("mmap: create %s: %w", path, err)
	}
	hdr := hostHeader(dt, rows, cols)
	h, err := typed.ParseHeader(hdr, typed.Limits{MaxHeaderLen: len(hdr)})
	if err != nil { // AppendHeader and ParseHeader disagree: a bug
		return nil, fmt.Errorf("mmap: create %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		return nil, fmt.Errorf("mmap: create: %w", err)
	}
	m, err := create(f, h, hdr, n)
	if err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("mmap: create %s: %w", path, err)
	}
	return m, nil
}

func create(f *os.File, h typed.Header, hdr []byte, n int) (*File, error) {
	if _, err := f.Write(hdr); err != nil {
		return nil, err
	}
	// The data is a hole: ftruncate extends the file without writing.
	if err := f.Truncate(int64(len(hdr)) + int64(n)); err != nil {
		return nil, err
	}
	return mapArray(f, h, int64(len(hdr)), ReadWrite)
}

// hostHeader is np.save's header for dt in the host's byte order.
func hostHeader(dt typed.DType, rows, cols int) []byte {
	hdr := typed.Impl.AppendHeader(nil, dt, 2, rows, cols)
	if dt.Size > 1 && typed.Impl.HostOrder() != '<' {
		// The descr is the first value in the dict: 'descr': '<f8'.
		const key = "'descr': '<"
		if i := bytes.Index(hdr, []byte(key)); i >= 0 {
			hdr[i+len(key)-1] = typed.Impl.HostOrder()
		}
	}
	return hdr
}

// ErrNotWritable is wrapped by Flush's error for a mapping that was not
// opened ReadWrite: it has nothing to write to the file.
var ErrNotWritable = errors.New("mmap: not a ReadWrite mapping")

// Flush makes what was written to a ReadWrite array durable: msync(2) of
// the mapping (on platforms without mmap, a write of the data), then
// fsync(2) of the file. Other goroutines may go on writing while it runs;
// what they write after Flush began may or may not be included. For a
// ReadOnly or CopyOnWrite mapping, or after Close, it returns an error
// wrapping ErrNotWritable. It must not run at the same time as Close.
func (m *File) Flush() error {
	file := m.file
	if file == nil {
		return fmt.Errorf("mmap: flush: %w (or closed)", ErrNotWritable)
	}
	if m.region != nil {
		if err := syncRange(file, m.region, m.data, m.off); err != nil {
			return fmt.Errorf("mmap: flush: %w", err)
		}
	}
	if err := file.Sync(); err != nil {
		return fmt.Errorf("mmap: flush: %w", err)
	}
	return nil
}
