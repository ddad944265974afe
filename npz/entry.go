package npz

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/npy2d/npy2d/typed"
)

// Entry describes one member of an archive, from its zip directory record
// and its .npy header.
type Entry struct {
	// Name is numpy's key for the member: its name without ".npy", as
	// NpzFile.files lists it.
	Name string
	// Header is the member's .npy header: dtype, byte order, Fortran order,
	// rank and shape, and the header and data lengths. It is zero when Err
	// is set.
	typed.Header
	// Info is what the header declares when the family cannot hold the
	// array (a rank over 2, a dtype outside the table): its descr and
	// numpy's shape, for listings and messages. It is zero otherwise.
	Info typed.Info
	// Compressed reports a deflated member (np.savez_compressed); a stored
	// one (np.savez) is not.
	Compressed bool
	// Size and CompressedSize are the member's lengths in bytes as the zip
	// directory declares them; they are equal for a stored member.
	Size, CompressedSize int64
	// FileOffset is where the array's data starts in the archive, for a
	// stored member, and -1 for a compressed one. Archives that this
	// package's Writer stores put it at a multiple of 64.
	FileOffset int64
	// Err says why the member cannot be read as an array of the family
	// (a rank over 2, an unsupported dtype, not a .npy member, sizes that
	// disagree); nil when it can.
	Err error
}

// maxDeflateRatio is the most deflate can expand: a 258-byte match coded
// in 2 bits. A member declaring more is lying about its sizes.
const maxDeflateRatio = 1032

// maxMember bounds a declared member size so that sums of sizes and
// offsets cannot overflow int64.
const maxMember = 1 << 62

func (r *Reader) entry(f *zip.File) Entry {
	e, rc := r.open(f)
	if rc != nil {
		rc.Close()
	}
	return e
}

// open builds f's entry and, when Err is nil, returns the member open at
// its first data byte.
func (r *Reader) open(f *zip.File) (Entry, member) {
	e := Entry{Name: Key(f.Name), Compressed: f.Method != zip.Store, FileOffset: -1}
	start, err := r.checkSizes(f)
	if err != nil {
		e.Err = memberErr(f, err)
		return e, nil
	}
	e.Size, e.CompressedSize = int64(f.UncompressedSize64), int64(f.CompressedSize64)
	if !strings.HasSuffix(f.Name, ".npy") {
		e.Err = memberErr(f, fmt.Errorf("%w: not a .npy member (numpy loads it as raw bytes)", typed.ErrFormat))
		return e, nil
	}
	rc, err := r.openMember(f)
	if err != nil {
		e.Err = memberErr(f, err)
		return e, nil
	}
	h, err := typed.ReadHeader(rc, r.lim)
	if err == nil {
		err = checkHeader(h, e.Size)
	}
	if err != nil {
		rc.Close()
		e.Err = memberErr(f, err)
		if errors.Is(err, typed.ErrDType) || errors.Is(err, typed.ErrShape) {
			e.Info = r.info(f)
		}
		return e, nil
	}
	e.Header = h
	if !e.Compressed {
		e.FileOffset = start + int64(h.DataOffset)
	}
	return e, rc
}

// info reads what a refused member's header declares; a header that says
// nothing readable leaves it zero.
func (r *Reader) info(f *zip.File) typed.Info {
	rc, err := r.openMember(f)
	if err != nil {
		return typed.Info{}
	}
	defer rc.Close()
	i, _ := typed.ReadInfo(rc, r.lim)
	return i
}

// checkHeader holds the .npy header to the member's declared size, before
// any data is read: a header that claims more data than the member holds
// is refused here, without allocating for it.
func checkHeader(h typed.Header, size int64) error {
	want := int64(h.DataOffset) + int64(h.DataLen)
	switch {
	case want > size:
		return fmt.Errorf("%w: the .npy header declares %d bytes of %s data for shape %v after %d of header, the member holds %d in all: %w",
			typed.ErrFormat, h.DataLen, h.DType, h.Shape(), h.DataOffset, size, io.ErrUnexpectedEOF)
	case want < size:
		return fmt.Errorf("%w: the member holds %d bytes, %d more than its .npy header declares for shape %v of %s",
			typed.ErrFormat, size, size-want, h.Shape(), h.DType)
	}
	return nil
}

// checkSizes refuses declared sizes that cannot be true, before anything
// is inflated or allocated, and returns where the member's bytes start in
// the archive.
func (r *Reader) checkSizes(f *zip.File) (int64, error) {
	size, csize := f.UncompressedSize64, f.CompressedSize64
	switch {
	case f.Flags&1 != 0:
		return 0, fmt.Errorf("%w: encrypted member", typed.ErrFormat)
	case f.Method != zip.Store && f.Method != zip.Deflate:
		return 0, fmt.Errorf("%w: compression method %d; numpy writes stored (0) or deflated (8) members", typed.ErrFormat, f.Method)
	case size > maxMember || csize > maxMember:
		return 0, fmt.Errorf("%w: member declares %d bytes (%d compressed)", typed.ErrLimit, size, csize)
	case f.Method == zip.Store && size != csize:
		return 0, fmt.Errorf("%w: stored member declares %d bytes and %d compressed; they must be equal", typed.ErrFormat, size, csize)
	case f.Method == zip.Deflate && size > csize*maxDeflateRatio+1024:
		return 0, fmt.Errorf("%w: member declares %d bytes inflated from %d; deflate cannot expand more than %d:1 (a zip bomb?)", typed.ErrFormat, size, csize, maxDeflateRatio)
	}
	start, err := f.DataOffset()
	if err != nil {
		return 0, fmt.Errorf("%w: local header: %w", typed.ErrFormat, err)
	}
	if start < 0 || start > r.size || int64(csize) > r.size-start {
		return 0, fmt.Errorf("%w: member's %d bytes at offset %d run past the end of the %d-byte archive: %w", typed.ErrFormat, csize, start, r.size, io.ErrUnexpectedEOF)
	}
	return start, nil
}
