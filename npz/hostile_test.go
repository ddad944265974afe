package npz_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// rawMember is a member written as given: its bytes (already compressed
// for Deflate) and the sizes and CRC its zip record declares, true or not.
type rawMember struct {
	name         string
	method       uint16
	flags        uint16
	body         []byte
	crc          uint32
	size, csize  uint64
	keepDeclared bool // use size/csize/crc as given, even when zero
}

func rawArchive(t testing.TB, members ...rawMember) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		fh := &zip.FileHeader{Name: m.name, Method: m.method, Flags: m.flags, CRC32: m.crc,
			CompressedSize64: m.csize, UncompressedSize64: m.size}
		if !m.keepDeclared {
			fh.CompressedSize64 = uint64(len(m.body))
		}
		w, err := zw.CreateRaw(fh)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// npyOf is a .npy file of a rows x cols float64 array whose data is
// dataLen zero bytes, whatever the shape says.
func npyOf(rows, cols, dataLen int) []byte {
	b := typed.Impl.AppendHeader(nil, typed.Impl.MustDType("float64"), 2, rows, cols)
	return append(b, make([]byte, dataLen)...)
}

func deflate(t testing.TB, parts ...io.Reader) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	if _, err := io.Copy(fw, io.MultiReader(parts...)); err != nil {
		t.Fatal(err)
	}
	fw.Close()
	return buf.Bytes()
}

// zeros is n zero bytes, read without holding them.
func zeros(n int64) io.Reader { return io.LimitReader(zeroReader{}, n) }

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// allocated runs f and returns the bytes it allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// readAll lists the archive and decodes every member through Array and
// ReadInto; with stream it also reads each through Open. It returns the
// entries' errors and the decoding errors apart.
//
//lint:ignore ST1008 the archive's own error leads, as in the order things fail.
func readAll(t testing.TB, b []byte, lim typed.Limits, stream bool) (open error, listed, decoded []error) {
	r, err := npz.NewReaderWithLimits(bytes.NewReader(b), int64(len(b)), lim)
	if err != nil {
		return err, nil, nil
	}
	for _, e := range r.Entries() {
		listed = append(listed, e.Err)
		_, err := r.Array(e.Name)
		decoded = append(decoded, err)
		decoded = append(decoded, r.ReadInto(e.Name, &generated.Float64Array2D{}))
		if !stream {
			continue
		}
		rc, err := r.Open(e.Name)
		if err == nil {
			_, err = io.Copy(io.Discard, rc)
			rc.Close()
		}
		decoded = append(decoded, err)
	}
	return nil, listed, decoded
}

func TestHostileArchives(t *testing.T) {
	good := npyOf(4, 4, 128)
	tests := []struct {
		name    string
		archive func(t testing.TB) []byte
		lim     typed.Limits
		want    error  // every error wraps it
		says    string // and one of them says this
		stream  bool   // reading the member's raw bytes through Open fails too
		maxLoad uint64 // bytes the whole attempt may allocate
	}{{
		// A deflated member that expands far beyond the 256 bytes its zip
		// record and its .npy header declare.
		name: "zip bomb past declared size",
		archive: func(t testing.TB) []byte {
			body := deflate(t, bytes.NewReader(good), zeros(64<<20))
			return rawArchive(t, rawMember{name: "a.npy", method: zip.Deflate, body: body,
				crc: crc32.ChecksumIEEE(good), size: uint64(len(good))})
		},
		want: typed.ErrFormat, says: "inflates past the 256 bytes", stream: true, maxLoad: 4 << 20,
	}, {
		// Sizes that deflate cannot produce: refused before inflating.
		name: "declared size beyond deflate's ratio",
		archive: func(t testing.TB) []byte {
			body := deflate(t, bytes.NewReader(npyOf(1<<27, 1, 0)))
			return rawArchive(t, rawMember{name: "a.npy", method: zip.Deflate, body: body,
				size: 128 + 8<<27})
		},
		want: typed.ErrFormat, says: "deflate cannot expand", stream: true, maxLoad: 1 << 20,
	}, {
		// An honest 8 MiB member is capped by Limits.
		name: "honest huge member over Limits",
		archive: func(t testing.TB) []byte {
			h := npyOf(1<<20, 1, 0)
			crc := crc32.NewIEEE()
			crc.Write(h)
			io.Copy(crc, zeros(8<<20))
			body := deflate(t, bytes.NewReader(h), zeros(8<<20))
			return rawArchive(t, rawMember{name: "a.npy", method: zip.Deflate, body: body,
				crc: crc.Sum32(), size: uint64(len(h)) + 8<<20})
		},
		lim:  typed.Limits{MaxHeaderLen: 10000, MaxDataBytes: 1 << 20},
		want: typed.ErrLimit, says: "limit of 1048576", maxLoad: 1 << 20,
	}, {
		// The .npy header claims a million floats; the member holds 16.
		name: "npy header claims more than the member holds",
		archive: func(t testing.TB) []byte {
			b := npyOf(1000, 1000, 128)
			return rawArchive(t, rawMember{name: "a.npy", body: b, crc: crc32.ChecksumIEEE(b), size: uint64(len(b))})
		},
		want: io.ErrUnexpectedEOF, says: "declares 8000000 bytes of float64 data", maxLoad: 1 << 20,
	}, {
		name: "deflated npy header claims more than the member holds",
		archive: func(t testing.TB) []byte {
			b := npyOf(1<<20, 1<<10, 128)
			return rawArchive(t, rawMember{name: "a.npy", method: zip.Deflate, body: deflate(t, bytes.NewReader(b)),
				crc: crc32.ChecksumIEEE(b), size: uint64(len(b))})
		},
		want: io.ErrUnexpectedEOF, says: "the member holds 256 in all", maxLoad: 1 << 20,
	}, {
		name: "member holds more than the npy header declares",
		archive: func(t testing.TB) []byte {
			b := npyOf(4, 4, 200)
			return rawArchive(t, rawMember{name: "a.npy", body: b, crc: crc32.ChecksumIEEE(b), size: uint64(len(b))})
		},
		want: typed.ErrFormat, says: "72 more than its .npy header declares", maxLoad: 1 << 20,
	}, {
		// A deflate stream that ends before the declared size.
		name: "member shorter than declared",
		archive: func(t testing.TB) []byte {
			return rawArchive(t, rawMember{name: "a.npy", method: zip.Deflate, body: deflate(t, bytes.NewReader(good[:200])),
				crc: crc32.ChecksumIEEE(good), size: uint64(len(good))})
		},
		want: io.ErrUnexpectedEOF, says: "truncated", stream: true, maxLoad: 1 << 20,
	}, {
		// A stored member whose record claims bytes past the archive's end.
		name: "stored member past the end",
		archive: func(t testing.TB) []byte {
			return rawArchive(t, rawMember{name: "a.npy", body: good, crc: crc32.ChecksumIEEE(good),
				size: 1 << 30, csize: 1 << 30, keepDeclared: true})
		},
		want: io.ErrUnexpectedEOF, says: "run past the end", stream: true, maxLoad: 1 << 20,
	}, {
		name: "wrong checksum",
		archive: func(t testing.TB) []byte {
			return rawArchive(t, rawMember{name: "a.npy", body: good, crc: 12345, size: uint64(len(good))})
		},
		want: typed.ErrFormat, says: "checksum", stream: true, maxLoad: 1 << 20,
	}, {
		name: "corrupt deflate data",
		archive: func(t testing.TB) []byte {
			body := deflate(t, bytes.NewReader(good))
			body[len(body)/2] ^= 0xff
			body[len(body)/2+1] ^= 0x55
			return rawArchive(t, rawMember{name: "a.npy", method: zip.Deflate, body: body,
				crc: crc32.ChecksumIEEE(good), size: uint64(len(good))})
		},
		want: typed.ErrFormat, stream: true, maxLoad: 1 << 20,
	}, {
		name: "stored sizes disagree",
		archive: func(t testing.TB) []byte {
			return rawArchive(t, rawMember{name: "a.npy", body: good, crc: crc32.ChecksumIEEE(good), size: 100})
		},
		want: typed.ErrFormat, says: "must be equal", stream: true, maxLoad: 1 << 20,
	}, {
		name: "unknown compression method",
		archive: func(t testing.TB) []byte {
			return rawArchive(t, rawMember{name: "a.npy", method: 12, body: good, size: uint64(len(good))})
		},
		want: typed.ErrFormat, says: "compression method 12", stream: true, maxLoad: 1 << 20,
	}, {
		name: "encrypted member",
		archive: func(t testing.TB) []byte {
			return rawArchive(t, rawMember{name: "a.npy", flags: 1, body: good, size: uint64(len(good))})
		},
		want: typed.ErrFormat, says: "encrypted", stream: true, maxLoad: 1 << 20,
	}, {
		name: "not a npy member",
		archive: func(t testing.TB) []byte {
			return rawArchive(t, rawMember{name: "notes.txt", body: []byte("hi"), crc: crc32.ChecksumIEEE([]byte("hi")), size: 2})
		},
		want: typed.ErrFormat, says: "not a .npy member", maxLoad: 1 << 20,
	}, {
		name: "not a npy file inside",
		archive: func(t testing.TB) []byte {
			b := []byte("PK not numpy at all")
			return rawArchive(t, rawMember{name: "a.npy", body: b, crc: crc32.ChecksumIEEE(b), size: uint64(len(b))})
		},
		want: typed.ErrFormat, says: "not a .npy file", maxLoad: 1 << 20,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.archive(t)
			lim := tc.lim
			if lim.MaxHeaderLen == 0 {
				lim = typed.Limits{}
			}
			var openErr error
			var listed, decoded []error
			n := allocated(func() { openErr, listed, decoded = readAll(t, b, lim, tc.stream) })
			if openErr != nil {
				t.Fatalf("NewReader: %v", openErr)
			}
			for _, err := range listed {
				if err != nil && !errors.Is(err, tc.want) {
					t.Fatalf("listing: %v\ndoes not wrap %v", err, tc.want)
				}
			}
			said := tc.says == ""
			for _, err := range decoded {
				if err == nil {
					t.Fatal("a hostile member was read without error")
				}
				if !errors.Is(err, tc.want) {
					t.Fatalf("%v\ndoes not wrap %v", err, tc.want)
				}
				said = said || strings.Contains(err.Error(), tc.says)
			}
			if !said {
				t.Fatalf("no error says %q: %v", tc.says, decoded)
			}
			if n > tc.maxLoad {
				t.Fatalf("reading allocated %d bytes, want at most %d", n, tc.maxLoad)
			}
		})
	}
}

// TestHonestMemberWithinLimits: the huge-but-honest member of
// TestHostileArchives is read in full under default limits, so the limit,
// not a false alarm, is what stops it there.
func TestHonestMemberWithinLimits(t *testing.T) {
	h := npyOf(1<<20, 1, 0)
	crc := crc32.NewIEEE()
	crc.Write(h)
	io.Copy(crc, zeros(8<<20))
	b := rawArchive(t, rawMember{name: "a.npy", method: zip.Deflate, body: deflate(t, bytes.NewReader(h), zeros(8<<20)),
		crc: crc.Sum32(), size: uint64(len(h)) + 8<<20})
	_, listed, decoded := readAll(t, b, typed.Limits{}, true)
	for _, err := range append(listed, decoded...) {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestCorruptDirectory: damage to the zip directory itself fails
// NewReader with typed.ErrFormat.
func TestCorruptDirectory(t *testing.T) {
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	for i, c := range archiveCases(t)[:4] {
		w.Compressed = i%2 == 0
		if err := w.Add(c.name, c.a); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	good := buf.Bytes()
	eocd := bytes.LastIndex(good, []byte("PK\x05\x06"))
	cd := bytes.Index(good, []byte("PK\x01\x02"))
	damage := map[string]func(b []byte) []byte{
		"no end record":          func(b []byte) []byte { return b[:eocd] },
		"cut in the directory":   func(b []byte) []byte { return append(b[:cd+10:cd+10], b[eocd:]...) },
		"directory signature":    func(b []byte) []byte { b[cd] = 'X'; return b },
		"directory size too big": func(b []byte) []byte { copy(b[eocd+12:], "\xff\xff\xff\x7f"); return b },
		"record count wrong":     func(b []byte) []byte { b[eocd+10] = 200; return b },
		"empty":                  func([]byte) []byte { return nil },
		"truncated half":         func(b []byte) []byte { return b[:len(b)/2] },
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			b := f(bytes.Clone(good))
			_, err := npz.NewReader(bytes.NewReader(b), int64(len(b)))
			if !errors.Is(err, typed.ErrFormat) {
				t.Fatalf("NewReader: %v, want typed.ErrFormat", err)
			}
		})
	}
	t.Run("duplicate member", func(t *testing.T) {
		b := rawArchive(t, rawMember{name: "a.npy", body: nil}, rawMember{name: "a.npy", body: nil})
		_, err := npz.NewReader(bytes.NewReader(b), int64(len(b)))
		if !errors.Is(err, typed.ErrFormat) || !strings.Contains(err.Error(), "two members") {
			t.Fatalf("NewReader: %v, want two members refused", err)
		}
	})
}
