// Package mmap opens a .npy file, or a stored member of an .npz archive, as
// a typed array whose data is the file itself, mapped into memory: opening
// costs the same for a 1 MB file as for a 100 GB one, and pages are read
// from disk only when touched, as numpy's np.load(path, mmap_mode=...) does.
//
//	var x *generated.Float64Array2D
//	m, err := mmap.Open("features.npy", mmap.ReadOnly) // or mmap.CopyOnWrite
//	switch {
//	case err == nil:
//		defer m.Close()                           // the array must not be used after Close
//		x = m.Array().(*generated.Float64Array2D) // x.Data is the file
//	case errors.Is(err, mmap.ErrNotMappable): // the data needs converting: read it instead
//		a, err := npy2d.LoadNPY("features.npy")
//		if err != nil {
//			log.Fatal(err)
//		}
//		x = a.(*generated.Float64Array2D)
//	default:
//		log.Fatal(err)
//	}
//
// # Modes
//
// ReadOnly is numpy's mmap_mode="r": a shared, read-only mapping. Changes
// that others make to the file show through the array. Writing to the array
// is a memory-protection fault (see Faults): treat the data as read-only.
//
// CopyOnWrite is numpy's mmap_mode="c": a private mapping that may be
// written. Written pages are copied in memory and never reach the file;
// Close discards them.
//
// ReadWrite is numpy's mmap_mode="r+": a shared mapping that may be
// written, and whose writes reach the file. Create makes a new file of a
// dtype and shape to fill this way, as numpy's open_memmap(mode="w+")
// does: a sparse file whose data is a hole until written, so it may be far
// larger than memory. Flush (msync, then fsync) makes the writes durable;
// after Close the file is what np.save writes for the same values.
// Goroutines may write disjoint elements at once.
//
// # What maps and what does not
//
// The data is used in place, so it must already be what a Go slice holds:
// in host byte order, in C order, and aligned for its element type. numpy
// writes .npy data at a multiple of 64 bytes, so its little-endian C-order
// files map on little-endian hosts. Open refuses, with an error wrapping
// ErrNotMappable, data that would need converting: multi-byte data not in
// host byte order (big-endian files on little-endian hosts, and numpy's
// usual little-endian files on big-endian hosts), Fortran-order data with
// more than one row and column (the file holds the transpose), data at an
// offset not aligned for its type, string arrays (Go holds them as strings,
// not as numpy's fixed-width bytes) and compressed .npz members. It refuses
// rather than quietly reading the file into memory, which is what mapping
// is there to avoid; a caller who wants a read instead checks
// errors.Is(err, mmap.ErrNotMappable) and calls generated.ReadNPY.
//
// Bool data is checked to hold only 0 and 1 at Open, as Go requires of a
// bool; that reads the whole (one byte per element) file once. Nothing else
// reads the data at Open, and the CRC of an .npz member is not checked.
//
// # Faults
//
// A file must not shrink while it is mapped. Open checks that the file
// holds exactly the header and data it declares, but if the file is then
// truncated, touching a page past the new end raises SIGBUS. Go turns such
// a fault in Go code into a fatal error ("unexpected fault address"), which
// ends the program and cannot be recovered, unless the goroutine that
// touches the data has called runtime/debug.SetPanicOnFault(true): then it
// is a panic with a runtime.Error that recover can catch. The same holds
// for a write to a ReadOnly array (SIGSEGV) and for any use of the array
// after Close, which unmaps the memory.
//
// # Platforms
//
// On Unix systems (Linux, macOS, the BSDs, Solaris, AIX) the file is
// mapped with mmap(2). Elsewhere (Windows, Plan 9, WebAssembly) Open reads
// the data into memory behind the same API and rules, so code and tests
// behave the same; Mapped reports which happened. The build tag
// npy2d_nommap selects the read on Unix too, to test that path.
package mmap
