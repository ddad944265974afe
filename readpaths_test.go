package npy2d_test

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
	"unsafe"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/typed"
)

// ReadFrom takes one of three paths: np.save's header from a
// *bytes.Reader into storage large enough (typed.Impl.ReadSaved), new storage
// (typed.Impl.ReadRaw: filled as it is allocated when the data is large and in
// memory), or the general path into storage it has. readAll reads file
// every way there is, and they must agree with each other.

// readWays reads file as dtype dt: ReadFrom into an array with no
// storage, with storage of exactly the data's size and of more, each from
// a *bytes.Reader and from a stream; and ReadNPY from both when the file
// holds dt (or its header is refused).
func readWays(t *testing.T, file []byte, dt typed.DType, dataLen int) (got []typed.Array, errs []error, left []int) {
	t.Helper()
	readers := map[string]func() io.Reader{
		"bytes":  func() io.Reader { return bytes.NewReader(file) },
		"stream": func() io.Reader { return stream{iotest.HalfReader(bytes.NewReader(file))} },
	}
	for _, kind := range []string{"bytes", "stream"} {
		for _, room := range []int{0, dataLen, dataLen + 64} {
			a := newArray(t, dt)
			if room > 0 {
				// Storage of room bytes, the shape of none: ReadFrom reuses it.
				a.(interface{ UnmarshalBinary([]byte) error }).UnmarshalBinary(roomFile(t, dt, room))
			}
			r := readers[kind]()
			_, err := a.(io.ReaderFrom).ReadFrom(r)
			got, errs = append(got, a), append(errs, err)
			if br, ok := r.(*bytes.Reader); ok {
				left = append(left, br.Len())
			}
		}
		// ReadNPY reads any dtype; it is one more way only for dt's files.
		if h, err := typed.ParseHeader(file, typed.Limits{}); err != nil || h.DType.Name == dt.Name {
			a, err := generated.ReadNPY(readers[kind]())
			got, errs = append(got, a), append(errs, err)
		}
	}
	return got, errs, left
}

// roomFile is a .npy file of a vector of dt of n bytes (rounded down to
// whole items), to give an array storage.
func roomFile(t *testing.T, dt typed.DType, n int) []byte {
	a, err := generated.NewArray(dt, n/dt.Size)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := a.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkWays fails t unless every way reads file the same: the same array,
// or errors of the same class, and the *bytes.Reader left at the same
// place by ReadFrom whatever the storage.
func checkWays(t *testing.T, file []byte, dt typed.DType) {
	t.Helper()
	h, herr := typed.ParseHeader(file, typed.Limits{})
	n := 0
	if herr == nil && h.DataLen < 1<<24 {
		n = h.DataLen
	}
	got, errs, left := readWays(t, file, dt, n)
	for i := range got {
		if (errs[i] == nil) != (errs[0] == nil) {
			t.Fatalf("%q: way %d: %v; way 0: %v", file[:min(len(file), 128)], i, errs[i], errs[0])
		}
		if errs[i] != nil {
			checkRefusal(t, errs[i])
			sameClass(t, errs[i], errs[0])
			continue
		}
		arraytest.Same(t, got[i], got[0])
	}
	for _, l := range left {
		if l != left[0] && errs[0] == nil { // after an error, where r is left is not said
			t.Fatalf("%q: ReadFrom leaves %v bytes", file[:min(len(file), 128)], left)
		}
	}
}

// TestReadPathsAgree: for every dtype, rank, layout and byte order, small
// and large (past the size from which new storage is filled as it is
// allocated), each way of reading agrees, for np.save's files, others numpy
// reads, and truncated ones.
func TestReadPathsAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, dt := range typed.DTypes() {
		if dt.Flexible() {
			dt = dt.WithWidth(3)
		}
		for _, shape := range [][]int{{}, {5}, {3, 3}, {1, 7}, {7, 1}, {0, 4}, {300, 257}} {
			a, err := generated.NewArray(dt, shape...)
			if err != nil {
				t.Fatal(err)
			}
			fill(rng, a)
			var b bytes.Buffer
			if _, err := a.WriteTo(&b); err != nil {
				t.Fatal(err)
			}
			file := b.Bytes()
			checkWays(t, file, dt)
			checkWays(t, file[:len(file)-1], dt)
			checkWays(t, file[:len(file)/2], dt)
			if len(shape) == 2 && !dt.Flexible() {
				body := file[128:]
				for _, v := range variants(dt, shape[0], shape[1], body) {
					checkWays(t, v, dt)
				}
			}
		}
	}
}

// variants are files numpy reads with the same values as a C-order,
// little-endian body of a rows x cols array of dt: big-endian, Fortran
// order, both, and np.save's header in version 2.0.
func variants(dt typed.DType, rows, cols int, body []byte) [][]byte {
	descr := dt.Descr()
	be := bytes.Clone(body)
	if dt.SwapUnit() > 1 {
		typed.Impl.Swap(be, dt.SwapUnit())
		descr = ">" + descr[1:]
	}
	f := make([]byte, len(body))
	for i := range rows {
		for j := range cols {
			copy(f[(j*rows+i)*dt.Size:][:dt.Size], body[(i*cols+j)*dt.Size:])
		}
	}
	fbe := bytes.Clone(f)
	typed.Impl.Swap(fbe, dt.SwapUnit())
	dict := func(d string, fortran string) string {
		return fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': (%d, %d), }", d, fortran, rows, cols)
	}
	return [][]byte{
		npyFile(1, dict(descr, "False"), be),
		npyFile(1, dict(dt.Descr(), "True"), f),
		npyFile(1, dict(descr, "True"), fbe),
		npyFile(2, dict(dt.Descr(), "False"), body),
	}
}

// npyFile is a .npy file of the given version with dict padded to 64.
func npyFile(major byte, dict string, data []byte) []byte {
	pre := 10
	if major > 1 {
		pre = 12
	}
	dict += string(bytes.Repeat([]byte(" "), 63-(pre+len(dict))%64)) + "\n"
	b := append([]byte(typed.Magic), major, 0, byte(len(dict)), byte(len(dict)>>8))
	if major > 1 {
		b = append(b, 0, 0)
	}
	return append(append(b, dict...), data...)
}

// fill gives a random values numpy can hold: bool bytes of 0 and 1,
// strings of the array's width.
func fill(rng *rand.Rand, a typed.Array) {
	if s, ok := a.(*generated.StringArray2D); ok {
		for i := range s.Data {
			s.Data[i] = string(rune('a' + rng.IntN(26)))
		}
		return
	}
	if s, ok := a.(*generated.BytesArray2D); ok {
		for i := range s.Data {
			s.Data[i] = string(rune('a' + rng.IntN(26)))
		}
		return
	}
	b := a.Bytes()
	for i := range b {
		b[i] = byte(rng.Uint32())
		if a.DType().Kind == 'b' {
			b[i] &= 1
		}
	}
}

// TestFreshStorageIsAView: a large array read into new storage holds the
// bytes ReadRaw allocated, aligned for its element type, not a copy of them
// (and equal to what was written).
func TestFreshStorageIsAView(t *testing.T) {
	for _, dt := range typed.DTypes() {
		if dt.Flexible() {
			continue
		}
		a, _ := generated.NewArray(dt, 1<<20/dt.Size)
		fill(rand.New(rand.NewPCG(1, 2)), a)
		var b bytes.Buffer
		a.WriteTo(&b)
		got, err := generated.ReadNPY(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		arraytest.Same(t, got, a)
		p := uintptr(unsafe.Pointer(unsafe.SliceData(got.Bytes())))
		if p%8 != 0 {
			t.Fatalf("%s: storage at %#x", dt.Name, p)
		}
	}
}

// FuzzReadFrom reads arbitrary bytes with every way ReadFrom has, as the
// dtype the first byte picks: they must agree.
func FuzzReadFrom(f *testing.F) {
	for _, b := range seedFiles(f, "*.npy") {
		h, err := typed.ParseHeader(b, typed.Limits{})
		if err != nil {
			f.Add(byte(0), b)
			continue
		}
		f.Add(dtypeIndex(h.DType), b)
	}
	f.Fuzz(func(t *testing.T, sel byte, file []byte) {
		dt := pickDType(sel)
		h, err := typed.ParseHeader(file, typed.Limits{})
		if err == nil && h.DType.Flexible() && h.DType.Name == dt.Name {
			dt = h.DType
		}
		checkWays(t, file, dt)
	})
}
