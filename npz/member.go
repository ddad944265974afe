package npz

import (
	"archive/zip"
	stdflate "compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/klauspost/compress/flate"

	"github.com/npy2d/npy2d/typed"
)

// Members are inflated by github.com/klauspost/compress/flate, which reads
// any standard deflate stream (so every np.savez_compressed archive) about
// 1.5 times as fast as compress/flate. Inflaters are pooled, as archive/zip
// pools its own: each holds a 32 KiB window and its tables.
var inflaters sync.Pool

// inflater returns its decompressor to the pool when the member is closed.
type inflater struct {
	io.ReadCloser
	closed bool
}

func newInflater(r io.Reader) io.ReadCloser {
	if fr, ok := inflaters.Get().(io.ReadCloser); ok {
		if err := fr.(flate.Resetter).Reset(r, nil); err == nil {
			return &inflater{ReadCloser: fr}
		}
	}
	return &inflater{ReadCloser: flate.NewReader(r)}
}

func (f *inflater) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	err := f.ReadCloser.Close()
	inflaters.Put(f.ReadCloser)
	return err
}

func (f *inflater) Read(p []byte) (int, error) {
	if f.closed {
		return 0, fmt.Errorf("npz: member read after Close: %w", os.ErrClosed)
	}
	return f.ReadCloser.Read(p)
}

// member is an open member's byte stream, held to its declared size.
type member interface {
	io.ReadCloser
	// end checks that the member ends where its size says (and so that
	// its checksum holds); Read returns io.EOF only after it has.
	end() error
}

// memberReader passes on at most the size a member's zip record declares,
// whatever the decompressor would produce: a zip bomb meets an error at
// that size instead of filling memory, and a short member is truncated.
type memberReader struct {
	rc     io.ReadCloser
	size   int64 // declared bytes
	left   int64 // declared bytes not yet read
	ended  bool
	endErr error
}

// sizedReader is the reader of a member whose declared size is trusted:
// it tells typed.Impl.ReadData how many bytes remain, which lets a decoder size
// storage at once, in one allocation, instead of growing it. A stored
// member's bytes are known to lie inside the archive. A deflated member's
// size is trusted up to trustedRatio times its compressed bytes (which lie
// inside the archive) plus typed's first chunk for streams: numeric arrays
// deflate far less than that, and a member that lies about its size then
// costs at most that much before its data runs out. A member deflated more
// (an array of zeros, or a liar) has its storage grown as data arrives.
type sizedReader struct{ *memberReader }

func (s sizedReader) Len() int { return int(min(s.left, int64(maxInt))) }

// trustedRatio bounds the declared inflated size of a deflated member, in
// multiples of its compressed size, that decoders allocate at once.
const trustedRatio = 64

const maxInt = int(^uint(0) >> 1)

func (r *Reader) openMember(f *zip.File) (member, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", typed.ErrFormat, err)
	}
	m := &memberReader{rc: rc, size: int64(f.UncompressedSize64), left: int64(f.UncompressedSize64)}
	if size := f.UncompressedSize64; f.Method == zip.Store || size <= 1<<20 || (size-1<<20)/trustedRatio <= f.CompressedSize64 {
		return sizedReader{m}, nil
	}
	return m, nil
}

func (m *memberReader) Read(p []byte) (int, error) {
	if m.left == 0 {
		if err := m.end(); err != nil {
			return 0, err
		}
		return 0, io.EOF
	}
	if int64(len(p)) > m.left {
		p = p[:m.left]
	}
	n, err := m.rc.Read(p)
	m.left -= int64(n)
	switch {
	case err == nil:
		return n, nil
	case err == io.EOF && m.left == 0:
		// archive/zip reports io.EOF only after checking the length and
		// checksum.
		m.ended = true
		return n, io.EOF
	case err == io.EOF:
		return n, fmt.Errorf("%w: member ends after %d of its %d declared bytes: %w", typed.ErrFormat, m.size-m.left, m.size, io.ErrUnexpectedEOF)
	}
	return n, m.wrap(err)
}

// end reads past the declared size: the decompressor must be at its end
// too, and reaching it makes archive/zip verify the checksum.
func (m *memberReader) end() error {
	if m.ended {
		return m.endErr
	}
	if m.left > 0 {
		return fmt.Errorf("%w: %d of the member's %d declared bytes left unread", typed.ErrFormat, m.left, m.size)
	}
	m.ended = true
	var one [1]byte
	for range 100 {
		n, err := m.rc.Read(one[:])
		switch {
		case n > 0 || errors.Is(err, zip.ErrFormat):
			// archive/zip says ErrFormat here when more bytes come than
			// declared.
			m.endErr = fmt.Errorf("%w: member inflates past the %d bytes its zip record declares (a zip bomb?)", typed.ErrFormat, m.size)
		case err == io.EOF:
			return nil
		case err != nil:
			m.endErr = m.wrap(err)
		default:
			continue
		}
		return m.endErr
	}
	m.endErr = fmt.Errorf("npz: member end: %w", io.ErrNoProgress)
	return m.endErr
}

// wrap marks errors that mean a malformed member with typed.ErrFormat and
// passes others (a failing disk) on as they are.
func (m *memberReader) wrap(err error) error {
	at := m.size - m.left
	var corrupt flate.CorruptInputError
	var stdCorrupt stdflate.CorruptInputError
	if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &corrupt) || errors.As(err, &stdCorrupt) {
		return fmt.Errorf("%w: member byte %d: %w", typed.ErrFormat, at, err)
	}
	return fmt.Errorf("npz: member byte %d: %w", at, err)
}

func (m *memberReader) Close() error { return m.rc.Close() }
