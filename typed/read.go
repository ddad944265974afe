package typed

import (
	"bytes"
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
	if br, ok := r.(*bytes.Reader); ok {
		var h Header
		if readSaved(br, lim, &h) {
			return h, nil
		}
		if h, ok := readSavedHeader(br, lim); ok {
			return h, nil
		}
	}
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

// readSavedHeader is ReadHeader for an in-memory reader and a valid
// version 1.0 header of up to 246 bytes (np.save's, for every 2-D array):
// the header goes into a buffer on the stack, which calls through the
// io.Reader interface would make escape to the heap, and is parsed from
// there. Anything else (an error too) rewinds r to where it was and
// reports false, and the general path then reads the header and words the
// error.
func readSavedHeader(r *bytes.Reader, lim Limits) (Header, bool) {
	var buf [256]byte
	start := r.Size() - int64(r.Len())
	// Only np.save's own header: no call that could keep buf (an error's
	// text would), so that it stays on the stack.
	if n, _ := r.Read(buf[:10]); n == 10 && string(buf[:8]) == Magic+"\x01\x00" {
		pre := preamble{major: 1, size: 10}
		pre.readLen(buf[:10])
		if pre.claimed <= uint64(len(buf)-10) && pre.claimed <= uint64(lim.headerLen()) {
			pre.dictLen = int(pre.claimed)
			dict := buf[10 : 10+pre.dictLen]
			var h Header
			if n, _ := r.Read(dict); n == len(dict) && canonicalInto(dict, lim, &h) {
				h.Major, h.DataOffset = 1, 10+pre.dictLen
				if h.DataLen <= maxInt-h.DataOffset {
					return h, true
				}
			}
		}
	}
	r.Seek(start, io.SeekStart)
	return Header{}, false
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
//
// Data that needs converting is converted a cache-sized chunk at a time as
// it arrives: byte-swapped in place while it is still in the cache, or, in
// Fortran order, read into a chunk and transposed from there into the
// storage, never copied whole.
func (impl) ReadData(r io.Reader, h Header, have int, resize func(n int) []byte) (int64, error) {
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
	if step == need && have < need {
		// New storage, about to be filled: large, it is worth asking for
		// huge pages before the first touch.
		adviseHuge(resize(need))
	}
	if step == need {
		if h.Fortran && h.Rows > 1 && h.Cols > 1 {
			if done, err, ok := readFortran(r, h, resize); ok {
				return done, err
			}
		} else if needsSwap(h.Order, h.DType) {
			return readSwapped(r, h, resize)
		}
	}
	if br, ok := r.(*bytes.Reader); ok && step == need {
		// One call, without io.ReadFull's, for the in-memory reader.
		buf := resize(need)[:need]
		if n, _ := br.Read(buf); n == need || need == 0 {
			return int64(need), Impl.Normalize(buf, h)
		} else {
			return int64(n), readErr("data", h.DataOffset+need, h.DataOffset+n, io.ErrUnexpectedEOF)
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
	return int64(done), Impl.Normalize(buf, h)
}

// convChunk is how many bytes ReadData swaps at a time: half of a typical
// L1 data cache, so the swap reads what the copy just wrote from L1, and
// large enough that a Read call per chunk costs next to nothing.
const convChunk = 16 << 10

// readSwapped reads C-order data that needs byte swapping into storage of
// its final size, swapping each chunk as it arrives.
func readSwapped(r io.Reader, h Header, resize func(n int) []byte) (int64, error) {
	need := h.DataLen
	buf := resize(need)[:need]
	unit := h.DType.SwapUnit()
	if br, ok := r.(*bytes.Reader); ok && need >= convChunk {
		// From memory, swap straight from the reader's bytes into the
		// storage: one pass instead of a copy and a swap. The copier goes
		// through an interface, so it comes from a pool: steady-state
		// reads allocate nothing.
		sc := swapCopiers.Get().(*swapCopier)
		sc.dst, sc.unit = buf, unit
		_, err := br.WriteTo(sc)
		sc.dst = nil
		swapCopiers.Put(sc)
		if err == errSwapped {
			return int64(need), nil
		}
	}
	chunk := convChunk - convChunk%h.DType.Size
	for done := 0; done < need; {
		end := min(need, done+chunk)
		n, err := io.ReadFull(r, buf[done:end])
		if err != nil {
			return int64(done + n), readErr("data", h.DataOffset+need, h.DataOffset+done+n, err)
		}
		Impl.Swap(buf[done:end], unit)
		done = end
	}
	return int64(need), nil
}

// swapCopier receives a *bytes.Reader's unread bytes through WriteTo and
// swap-copies the first len(dst) of them into dst, consuming exactly those;
// with fewer it consumes none (the caller's general path then reports the
// truncation). It keeps nothing of what it is given.
type swapCopier struct {
	dst  []byte
	unit int
}

var swapCopiers = sync.Pool{New: func() any { return new(swapCopier) }}

// errSwapped stops bytes.Reader.WriteTo once the data is in.
var errSwapped = errors.New("typed: swapped")

func (s *swapCopier) Write(p []byte) (int, error) {
	if len(p) < len(s.dst) {
		return 0, io.ErrShortWrite
	}
	swapCopyLarge(s.dst, p[:len(s.dst)], s.unit)
	return len(s.dst), errSwapped
}

// fortranBufs hold the chunks Fortran-order data is read into.
var fortranBufs = sync.Pool{New: func() any { b := make([]byte, fortranChunk); return &b }}

// fortranChunk is the most a chunk of Fortran-order data holds; it must
// hold at least 8 columns (a cache line of each destination row, for
// 8-byte items) for the chunked read to apply.
const fortranChunk = 1 << 20

// readFortran reads Fortran-order data (a C-order Cols x Rows matrix) a
// chunk of whole columns at a time and transposes each chunk into place in
// storage of the final size; from a *bytes.Reader it transposes straight
// from the reader's bytes. ok is false, with nothing read, when 8 columns
// would not fit a chunk or the array is small: the caller then reads the
// data whole.
func readFortran(r io.Reader, h Header, resize func(n int) []byte) (done int64, err error, ok bool) {
	if br, isBytes := r.(*bytes.Reader); isBytes {
		if done, err, ok := readFortranBytes(br, h, resize); ok {
			return done, err, true
		}
	}
	size := h.DType.Size
	col := h.Rows * size               // bytes of one column of the result
	k := min(fortranChunk/col, h.Cols) // columns a chunk holds
	if k < min(8, h.Cols) || h.DataLen < fortranChunk/4 {
		// Too wide for a chunk, or so small that a scratch copy of it all
		// costs less than a pooled chunk the size of fortranChunk.
		return 0, nil, false
	}
	need := h.DataLen
	buf := resize(need)[:need]
	bp := fortranBufs.Get().(*[]byte)
	defer fortranBufs.Put(bp)
	// A bad bool byte is reported once all the data is read, as Normalize
	// would, at its offset in the data.
	var bad error
	for c0 := 0; c0 < h.Cols; c0 += k {
		kk := min(k, h.Cols-c0)
		chunk := (*bp)[:kk*col]
		n, err := io.ReadFull(r, chunk)
		if err != nil {
			at := c0*col + n
			return int64(at), readErr("data", h.DataOffset+need, h.DataOffset+at, err), true
		}
		if bad != nil {
			continue
		}
		if !transposeCols(buf, chunk, h, c0, kk) {
			bad = checkBoolsAt(chunk, c0*col)
		}
	}
	return int64(need), bad, true
}

// Normalize turns data as the file stores it into host byte order and C
// order, in place, and checks that bool bytes are 0 or 1.
func (impl) Normalize(data []byte, h Header) error {
	if h.DType.Kind == 'b' {
		if err := Impl.CheckBools(data); err != nil {
			return err
		}
	}
	if needsSwap(h.Order, h.DType) {
		Impl.Swap(data, h.DType.SwapUnit())
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
func (impl) CheckBools(b []byte) error { return checkBoolsAt(b, 0) }

// checkBoolsAt is CheckBools for bytes that start at data offset base.
func checkBoolsAt(b []byte, base int) error {
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
			return fmt.Errorf("%w: bool byte %#02x at data offset %d, want 0 or 1", ErrFormat, b[i], base+i)
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
// order and C order: the storage of a new array, or what a string type
// decodes. Large data that r can tell is all there is read into memory
// that is not zeroed first (see readFresh).
func (impl) ReadRaw(r io.Reader, h Header) ([]byte, int64, error) {
	if buf, n, err, ok := readFresh(r, &h); ok {
		return buf, n, err
	}
	var buf []byte
	n, err := Impl.ReadData(r, h, 0, func(n int) []byte {
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
