package typed_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// Memory is asserted as a bound on bytes allocated (runtime.MemStats) and
// on the number of allocations (testing.AllocsPerRun), never as a timing.

// lying is a small file whose header declares shape (rows, cols) of float64
// and which then holds 16 bytes of data.
func lying(shape string) []byte {
	return v1("{'descr': '<f8', 'fortran_order': False, 'shape': "+shape+", }", seq(16))
}

// onDisk writes b to a temporary file and returns it opened, so that a
// decoder can ask it for its size.
func onDisk(t *testing.T, b []byte) *os.File {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.npy")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestLyingHeadersAllocateLittle: a 128-byte file claiming 10^12 x 10^12
// float64 (an overflow) or 10^9 x 10^9 (8 EB, no overflow) fails having
// allocated a few KiB from any reader that knows its length, and at most
// the first 1 MiB chunk of storage from a stream that then ends.
func TestLyingHeadersAllocateLittle(t *testing.T) {
	cases := []struct {
		shape  string
		err    error
		stream uint64
	}{
		{"(1000000000000, 1000000000000)", typed.ErrLimit, 64 * kib},
		{"(1000000000, 1000000000)", io.ErrUnexpectedEOF, 2 * mib},
	}
	if !is64 { // 8 EB is beyond a 32-bit int: claim 800 MB instead
		cases[1].shape = "(10000, 10000)"
	}
	for _, tc := range cases {
		file := lying(tc.shape)
		if len(file) != 128+16 {
			t.Fatalf("the header of %s is %d bytes, want 128", tc.shape, len(file)-16)
		}
		readers := []struct {
			name  string
			bound uint64
			read  func() error
		}{
			{"bytes.Reader", 64 * kib, func() error {
				_, err := generated.ReadNPY(bytes.NewReader(file))
				return err
			}},
			{"*os.File", 64 * kib, func() error {
				f := onDisk(t, file)
				_, err := generated.ReadNPY(f)
				return err
			}},
			{"io.SectionReader", 64 * kib, func() error {
				_, err := generated.ReadNPY(io.NewSectionReader(bytes.NewReader(file), 0, int64(len(file))))
				return err
			}},
			{"io.LimitedReader", 64 * kib, func() error {
				_, err := generated.ReadNPY(io.LimitReader(bytes.NewReader(file), 1<<40))
				return err
			}},
			{"stream", tc.stream, func() error {
				_, err := generated.ReadNPY(stream{bytes.NewReader(file)})
				return err
			}},
			{"UnmarshalBinary", 64 * kib, func() error {
				var a generated.Float64Array2D
				return a.UnmarshalBinary(file)
			}},
		}
		for _, r := range readers {
			var err error
			got := allocated(func() { err = r.read() })
			if !errors.Is(err, tc.err) {
				t.Errorf("%s %s: %v, want %v", tc.shape, r.name, err, tc.err)
			}
			if got > r.bound {
				t.Errorf("%s %s allocated %d bytes, bound %d", tc.shape, r.name, got, r.bound)
			}
			t.Logf("%s %s: %d bytes", tc.shape, r.name, got)
		}
		allocs := testing.AllocsPerRun(20, func() {
			var a generated.Float64Array2D
			_ = a.UnmarshalBinary(file)
		})
		if allocs > 32 { // about 8; more under -race
			t.Errorf("%s: refusing it takes %v allocations, want a handful", tc.shape, allocs)
		}
	}
}

// trickle delivers n bytes of zeros after prefix, then ends, without
// saying how many: storage must grow with what arrives.
type trickle struct {
	prefix []byte
	n      int
}

func (r *trickle) Read(p []byte) (int, error) {
	if len(r.prefix) > 0 {
		k := copy(p, r.prefix)
		r.prefix = r.prefix[k:]
		return k, nil
	}
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n, 64*kib)
	clear(p[:k])
	r.n -= k
	return k, nil
}

// TestStorageGrowsWithData: a stream that delivers 3 MiB of an 8 EB array
// before ending costs storage in proportion to the 3 MiB, not to the claim.
func TestStorageGrowsWithData(t *testing.T) {
	shape := "(1000000000, 1000000000)"
	if !is64 {
		shape = "(10000, 10000)"
	}
	hdr := lying(shape)[:128]
	const arrived = 3 * mib
	var err error
	got := allocated(func() {
		_, err = generated.ReadNPY(&trickle{prefix: hdr, n: arrived})
	})
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err %v", err)
	}
	if got > 3*arrived+mib {
		t.Fatalf("3 MiB of data cost %d bytes of allocation", got)
	}
	t.Logf("3 MiB arrived, %d bytes allocated", got)
}

// TestRaisedHeaderLimitAllocatesLittle: a caller who raises MaxHeaderLen
// to 1 GiB still does not pay for a header a short stream only claims.
func TestRaisedHeaderLimitAllocatesLittle(t *testing.T) {
	file := append([]byte(typed.Magic), 2, 0)
	file = binary.LittleEndian.AppendUint32(file, 1<<30)
	file = append(file, "{'descr': '<f8', "...)
	lim := typed.Limits{MaxHeaderLen: 1 << 30}
	for _, r := range []struct {
		name string
		r    func() io.Reader
	}{
		{"bytes.Reader", func() io.Reader { return bytes.NewReader(file) }},
		{"stream", func() io.Reader { return stream{bytes.NewReader(file)} }},
	} {
		var err error
		got := allocated(func() { _, err = generated.ReadNPYWithLimits(r.r(), lim) })
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("%s: %v", r.name, err)
		}
		if got > 64*kib {
			t.Errorf("%s: a 1 GiB header claim cost %d bytes", r.name, got)
		}
	}
	var err error
	got := allocated(func() { _, err = typed.ParseHeader(file, lim) })
	if !errors.Is(err, io.ErrUnexpectedEOF) || got > 64*kib {
		t.Errorf("ParseHeader: %v after %d bytes", err, got)
	}
}

// TestOtherDecodersAllocateLittle: FromBytes and the JSON envelope check
// the claimed shape against the bytes they hold before allocating.
func TestOtherDecodersAllocateLittle(t *testing.T) {
	var err error
	got := allocated(func() { _, err = generated.FromBytes(seq(16), "float64", 1e9, 1e9) })
	if !errors.Is(err, typed.ErrShape) && !(errors.Is(err, typed.ErrLimit) && !is64) || got > 64*kib {
		t.Errorf("FromBytes: %v after %d bytes", err, got)
	}
	got = allocated(func() { _, err = generated.FromBytes(seq(16), "float64", math.MaxInt, math.MaxInt) })
	if !errors.Is(err, typed.ErrLimit) || got > 64*kib {
		t.Errorf("FromBytes: %v after %d bytes", err, got)
	}
	for _, shape := range []string{"[1000000000,1000000000]", "[1000000000000,1000000000000]", "[-1,-1]", "[1,2,3]"} {
		js := fmt.Appendf(nil, `{"dtype":"float64","shape":%s,"data":"AAAAAAAAAAAAAAAAAAAAAA=="}`, shape)
		var a generated.Float64Array2D
		got = allocated(func() { err = a.UnmarshalJSON(js) })
		if err == nil || got > 64*kib {
			t.Errorf("UnmarshalJSON %s: %v after %d bytes", shape, err, got)
		}
	}
}
