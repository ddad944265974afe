package typed

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
)

// headerBufs recycles header buffers so that steady-state reads do not
// allocate; a header rarely exceeds a few hundred bytes.
var headerBufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// ReadHeader reads a .npy header from r, consuming exactly the header so
// that r is left at the first byte of data.
func ReadHeader(r io.Reader, lim Limits) (Header, error) {
	bp := headerBufs.Get().(*[]byte)
	defer headerBufs.Put(bp)
	pre, dict, err := readHeaderBytes(r, (*bp)[:12], lim)
	if err != nil {
		return Header{}, err
	}
	return pre.parse(dict, lim)
}

// readHeaderBytes reads the preamble and the header dict, into buf when the
// dict fits its capacity.
func readHeaderBytes(r io.Reader, buf []byte, lim Limits) (preamble, []byte, error) {
	if n, err := io.ReadFull(r, buf[:10]); err != nil {
		if n == 0 && errors.Is(err, io.EOF) {
			return preamble{}, nil, fmt.Errorf("%w: empty input: %w", ErrFormat, io.EOF)
		}
		// Bytes that are no .npy preamble are a format error whatever the
		// reader says next; otherwise its error (I/O or end) is the story.
		if _, perr := parsePreamble(buf[:n]); perr != nil && !errors.Is(perr, io.ErrUnexpectedEOF) {
			return preamble{}, nil, perr
		}
		return preamble{}, nil, readErr("preamble", 10, n, err)
	}
	pre, err := parsePreamble(buf)
	if err != nil {
		return pre, nil, err
	}
	if pre.size == 12 {
		if n, err := io.ReadFull(r, buf[10:12]); err != nil {
			return pre, nil, readErr("preamble", 12, 10+n, err)
		}
	}
	pre.readLen(buf)
	if err := pre.check(lim); err != nil {
		return pre, nil, err
	}
	dict, err := readDict(r, buf, pre.dictLen)
	if err != nil {
		return pre, nil, readErr("header", pre.size+pre.dictLen, pre.size+len(dict), err)
	}
	return pre, dict, nil
}

// readDict reads the n-byte header dict into buf when it fits. A longer one
// grows as its bytes arrive, so that a caller who raised MaxHeaderLen is not
// made to allocate what a short stream merely claims.
func readDict(r io.Reader, buf []byte, n int) ([]byte, error) {
	if n <= cap(buf) {
		k, err := io.ReadFull(r, buf[:n])
		return buf[:k], err
	}
	dict, err := io.ReadAll(io.LimitReader(r, int64(n)))
	if err == nil && len(dict) < n {
		err = io.ErrUnexpectedEOF
	}
	return dict, err
}

func readErr(what string, want, got int, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return truncated(what, want, got)
	}
	return fmt.Errorf("typed: reading %s at byte %d: %w", what, got, err)
}

// firstChunk is how much storage a read from a stream of unknown length
// allocates before the data proves to be there; storage then doubles as
// bytes arrive, so a lying header costs at most this much.
const firstChunk = 1 << 20

// ReadData reads h.DataLen bytes of array data from r into storage and
// converts them to host byte order and C order. have is the capacity in
// bytes the storage already has; resize(n) must give storage exactly n bytes
// long, keeping its first bytes, and return its byte view.
//
// Storage is sized to the whole array at once when that is free (have is
// enough) or when r can tell how many bytes remain (*bytes.Reader, *os.File,
// any io.Seeker) and they suffice; otherwise it grows as data arrives. It
// returns the number of bytes read.
func ReadData(r io.Reader, h Header, have int, resize func(n int) []byte) (int64, error) {
	need := h.DataLen
	step := need
	if have < need {
		if left, ok := remaining(r); ok {
			if left < int64(need) {
				return 0, fmt.Errorf("%w: data truncated: header declares %d bytes, %d remain: %w", ErrFormat, need, left, io.ErrUnexpectedEOF)
			}
		} else if need > firstChunk {
			step = firstChunk - firstChunk%h.DType.Size
		}
	}
	var done int
	for done < need {
		buf := resize(step)
		n, err := io.ReadFull(r, buf[done:step])
		done += n
		if err != nil {
			return int64(done), readErr("data", h.DataOffset+need, h.DataOffset+done, err)
		}
		step = min(need, 2*step)
	}
	buf := resize(need)
	return int64(done), Normalize(buf, h)
}

// Normalize turns data as the file stores it into host byte order and C
// order, in place, and checks that bool bytes are 0 or 1.
func Normalize(data []byte, h Header) error {
	if h.DType.Kind == 'b' {
		if err := CheckBools(data); err != nil {
			return err
		}
	}
	if needsSwap(h.Order, h.DType) {
		Swap(data, h.DType.SwapUnit())
	}
	if h.Fortran && h.Rows > 1 && h.Cols > 1 {
		transpose(data, h.Cols, h.Rows, h.DType.Size)
	}
	return nil
}

// CheckBools refuses bytes other than 0 and 1: Go's bool must never hold
// another bit pattern. It ORs 32 bytes at a time (four 8-byte loads, no
// bounds checks: about 5x the speed of one word per step) and looks byte
// by byte only at the tail or to locate a bad byte.
func CheckBools(b []byte) error {
	i := 0
	for ; len(b)-i >= 32; i += 32 {
		w := b[i : i+32 : i+32]
		v := binary.LittleEndian.Uint64(w[0:]) | binary.LittleEndian.Uint64(w[8:]) |
			binary.LittleEndian.Uint64(w[16:]) | binary.LittleEndian.Uint64(w[24:])
		if v&0xfefefefefefefefe != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] > 1 {
			return fmt.Errorf("%w: bool byte %#02x at data offset %d, want 0 or 1", ErrFormat, b[i], i)
		}
	}
	return nil
}

// remaining reports how many bytes r still holds, when r can tell.
func remaining(r io.Reader) (int64, bool) {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len()), true
	case *io.LimitedReader:
		left, ok := remaining(v.R)
		return min(left, v.N), ok
	case io.Seeker:
		cur, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return 0, false
		}
		end, err := v.Seek(0, io.SeekEnd)
		if _, err2 := v.Seek(cur, io.SeekStart); err != nil || err2 != nil {
			return 0, false
		}
		return end - cur, true
	}
	return 0, false
}

// ReadRaw reads the data after header h into a new buffer, in host byte
// order and C order, for types that do not keep numpy's bytes as their
// storage (strings).
func ReadRaw(r io.Reader, h Header) ([]byte, int64, error) {
	var buf []byte
	n, err := ReadData(r, h, 0, func(n int) []byte {
		buf = growBytes(buf, n)
		return buf
	})
	return buf, n, err
}

// growBytes gives b exactly n bytes, keeping its first ones.
func growBytes(b []byte, n int) []byte {
	if n <= cap(b) {
		return b[:n]
	}
	c := make([]byte, n)
	copy(c, b)
	return c
}
