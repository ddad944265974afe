package npy2d

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/plural"
	"github.com/npy2d/npy2d/typed"
)

// saveWriter is where SaveNPY writes the file; tests wrap it to stop a
// save part-way through.
var saveWriter = func(f *os.File) io.Writer { return f }

// SaveNPY writes a to path as a .npy file, byte for byte what np.save
// writes, so that a crash at any moment leaves either the old file or the
// new one at path, never a mix: it writes a temporary file in the same
// folder, syncs it to disk, renames it over path and syncs the folder.
//
// The temporary file is named "." + base(path) + ".<random>.tmp". SaveNPY
// removes it when it fails, but a process killed mid-save leaves it behind;
// such files are safe to delete. The new file keeps the permission bits of
// the file it replaces, or gets 0644 (regardless of umask) when there was
// none; owner and extended attributes are not carried over, and a symbolic
// link at path is replaced by the file, not followed.
//
// An array whose shape and data disagree is refused before any file is
// created.
func SaveNPY(path string, a typed.Array) (err error) {
	rows, cols := a.Shape()
	if err := typed.Impl.CheckData(a.DType(), rows, cols, len(a.Bytes())); err != nil {
		return fmt.Errorf("npy2d: save %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("npy2d: save %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("npy2d: save %s: %w", path, err)
		}
	}()
	if err := f.Chmod(mode); err != nil {
		return err
	}
	if _, err := a.WriteTo(saveWriter(f)); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Windows cannot sync a directory
// handle, and its rename is already as durable as it gets there.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// LoadNPY reads the .npy file at path as the generated type of its dtype,
// with numpy's default limits. The file's size is checked against the shape
// its header declares before storage is allocated. A file is one array:
// bytes after the data are an error wrapping typed.ErrFormat (np.load
// ignores them).
func LoadNPY(path string) (typed.Array, error) { return LoadNPYWithLimits(path, typed.Limits{}) }

// LoadNPYWithLimits is LoadNPY with the caller's limits on header and data
// size.
func LoadNPYWithLimits(path string, lim typed.Limits) (typed.Array, error) {
	var a typed.Array
	err := load(path, lim, func(r io.Reader, h typed.Header) (err error) {
		a, err = generated.ReadArrayData(r, h)
		return err
	})
	return a, err
}

// LoadNPYInto reads the .npy file at path into dst, a generated array of
// the file's dtype (a file of another dtype is a *typed.DTypeError), as
// LoadNPY does but without a type assertion, and reusing dst's storage
// when it is large enough.
func LoadNPYInto(path string, dst typed.DataReader) error {
	return load(path, typed.Limits{}, func(r io.Reader, h typed.Header) error {
		_, err := dst.ReadData(r, h)
		return err
	})
}

// load opens path, reads its header and hands the data to read, then
// checks that nothing follows the data.
func load(path string, lim typed.Limits, read func(r io.Reader, h typed.Header) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("npy2d: %w", err)
	}
	defer f.Close()
	h, err := typed.ReadHeader(f, lim)
	if err == nil {
		err = read(f, h)
	}
	if err != nil {
		return fmt.Errorf("npy2d: load %s: %w", path, err)
	}
	end, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("npy2d: load %s: %w", path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("npy2d: load %s: %w", path, err)
	}
	if extra := fi.Size() - end; extra != 0 {
		return fmt.Errorf("npy2d: load %s: %w: %s after the data, which ends at byte %d", path, typed.ErrFormat, plural.N(int(extra), "byte"), end)
	}
	return nil
}
