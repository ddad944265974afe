package npz

import (
	"encoding/binary"
	"io"

	"github.com/klauspost/compress/flate"
)

// Zip layout facts that the Writer needs to know where a member's bytes
// will land (PKWARE APPNOTE 4.3.7 and 4.3.9).
const (
	// localHeaderLen is the fixed part of a local file header; the name
	// and the extra field follow it.
	localHeaderLen = 30
	// dataAlign is numpy's ARRAY_ALIGN, to which .npy headers pad: data at
	// a multiple of it is aligned for every dtype, and mappable in place.
	dataAlign = 64
	// alignExtraID tags the padding field. It is the ID Android's zipalign
	// gives its alignment field (a uint16 alignment, then zeros); readers
	// skip extra fields they do not know, as numpy's zipfile does.
	alignExtraID = 0xd935
	// alignExtraMin is the smallest such field: ID, length, alignment.
	alignExtraMin = 6

	zipVersion20 = 20 // version needed to extract: deflate
	zipVersion45 = 45 // version needed to extract: zip64
	uint32max    = 1<<32 - 1
)

// alignExtra returns the extra field that moves the byte that would be at
// offset at (with no extra field) to a multiple of align, or nil when it is
// there already.
func alignExtra(at, align int64) []byte {
	pad := (align - at%align) % align
	if pad == 0 {
		return nil
	}
	if pad < alignExtraMin {
		pad += align
	}
	b := make([]byte, pad)
	binary.LittleEndian.PutUint16(b[0:], alignExtraID)
	binary.LittleEndian.PutUint16(b[2:], uint16(pad-4))
	binary.LittleEndian.PutUint16(b[4:], uint16(align))
	return b
}

// descriptorLen is the length of the data descriptor archive/zip writes
// after a member it compressed: signature, CRC and two sizes, which are 8
// bytes each when either needs zip64.
func descriptorLen(compressed, size int64) int64 {
	if compressed >= uint32max || size >= uint32max {
		return 24
	}
	return 16
}

// deflater is the Writer's deflate compressor. finish flushes it when the
// Writer says, so that the compressed size is known before archive/zip
// closes the member; archive/zip's own Close then does nothing.
//
// It is github.com/klauspost/compress/flate, which produces standard
// deflate streams (zlib, and so numpy, read them) many times faster than
// compress/flate at a size within a percent or two of zlib's at the same
// level. One compressor serves every member of an archive: Reset reuses
// its tables and window, which are larger than a small member.
type deflater struct {
	fw   *flate.Writer
	done bool
}

// deflateLevel is the level np.savez_compressed's zlib uses (6, zlib's
// default); klauspost's level 6 lands within about 1% of zlib's size on
// numeric arrays, see BENCHMARKS.md.
const deflateLevel = 7

func (w *Writer) newDeflater(out io.Writer) (io.WriteCloser, error) {
	if w.deflating == nil {
		fw, err := flate.NewWriter(out, deflateLevel)
		if err != nil {
			return nil, err
		}
		w.deflating = &deflater{fw: fw}
		return w.deflating, nil
	}
	w.deflating.fw.Reset(out)
	w.deflating.done = false
	return w.deflating, nil
}

func (d *deflater) Write(p []byte) (int, error) { return d.fw.Write(p) }

func (d *deflater) finish() error {
	if d.done {
		return nil
	}
	d.done = true
	return d.fw.Close()
}

func (d *deflater) Close() error { return d.finish() }
