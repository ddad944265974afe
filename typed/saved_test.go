package typed

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// savedCorpus is np.save's files of every fixed-size dtype, rank and a
// range of shapes, and files np.save does not write but numpy reads: other
// byte orders, Fortran order, extra spaces, other key orders, versions 2.0
// and 3.0, Python 2's long integers, and 1-byte longer or shorter headers.
func savedCorpus(rng *rand.Rand) [][]byte {
	var files [][]byte
	dims := []int{0, 1, 2, 3, 9, 10, 99, 1000, 123456789}
	for _, dt := range table {
		if dt.Flexible() {
			continue
		}
		for _, rows := range dims {
			for _, cols := range dims {
				n := rows * cols * dt.Size
				if n > 1<<12 {
					n = 3 * dt.Size // a truncated body: refused, on both paths
				}
				data := randBytes(rng, n)
				if dt.Kind == 'b' {
					for i := range data {
						data[i] &= 1
					}
				}
				files = append(files, append(Impl.AppendHeader(nil, dt, 2, rows, cols), data...))
				if rows == 1 {
					files = append(files, append(Impl.AppendHeader(nil, dt, 1, 1, cols), data...))
				}
				if rows == 1 && cols == 1 {
					files = append(files, append(Impl.AppendHeader(nil, dt, 0, 1, 1), data...))
				}
			}
		}
		body := strings.TrimLeft(dt.Descr(), "<|")
		data := randBytes(rng, 6*dt.Size)
		if dt.Kind == 'b' {
			clear(data)
		}
		for _, dict := range []string{
			fmt.Sprintf("{'descr': '>%s', 'fortran_order': False, 'shape': (2, 3), }", body),
			fmt.Sprintf("{'descr': '=%s', 'fortran_order': False, 'shape': (2, 3), }", body),
			fmt.Sprintf("{'descr': '%s', 'fortran_order': True, 'shape': (2, 3), }", dt.Descr()),
			fmt.Sprintf("{'descr': '%s', 'fortran_order': True, 'shape': (1, 6), }", dt.Descr()),
			fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (2, 3) }", dt.Descr()),
			fmt.Sprintf("{'descr': '%s',  'fortran_order': False, 'shape': (2, 3), }", dt.Descr()),
			fmt.Sprintf("{'shape': (2, 3), 'descr': '%s', 'fortran_order': False}", dt.Descr()),
			fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (2L, 3L), }", dt.Descr()),
			fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (02, 3), }", dt.Descr()),
			fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (2,3), }", dt.Descr()),
		} {
			for major := byte(1); major <= 3; major++ {
				files = append(files, padNPYv(major, dict, data))
			}
			// Padded to 64 bytes but with one space more or less: a
			// header of 127 or 129 bytes.
			f := padNPYv(1, dict, data)
			h := bytes.IndexByte(f, '\n')
			longer := append(append(bytes.Clone(f[:h]), ' '), f[h:]...)
			longer[8]++
			shorter := append(bytes.Clone(f[:h-1]), f[h:]...)
			shorter[8]--
			files = append(files, longer, shorter)
		}
	}
	return files
}

// readPlain is the general path of a typed ReadFrom into storage of have
// bytes, through a reader that hides its type: the shape, the data, the
// bytes consumed, and whether it succeeded.
func readPlain(file []byte, want DType, lim Limits, have int) (h Header, data []byte, n int64, ok bool) {
	r := plainReader{bytes.NewReader(file)}
	h, err := ReadHeader(r, lim)
	if err != nil || h.DType.Name != want.Name {
		return h, nil, 0, false
	}
	buf := make([]byte, 0, have)
	m, err := Impl.ReadData(r, h, have, func(n int) []byte {
		buf = growBytes(buf, n)
		return buf
	})
	return h, buf, int64(h.DataOffset) + m, err == nil
}

// checkSaved runs ReadSaved on file into storage of have bytes and checks
// it against the general path: what it accepts, the general path accepts
// with the same shape, data and length; what it declines it leaves
// unread.
func checkSaved(t *testing.T, file []byte, dt DType, lim Limits, have int) bool {
	t.Helper()
	r := bytes.NewReader(file)
	dst := make([]byte, have)
	ndim, rows, cols, n, ok := Impl.ReadSaved(r, &dt, lim, dst)
	if !ok {
		if r.Len() != len(file) {
			t.Fatalf("%s %q: declined after reading %d bytes", dt.Name, file, len(file)-r.Len())
		}
		return false
	}
	h, data, pn, pok := readPlain(file, dt, lim, have)
	if !pok {
		t.Fatalf("%s %q: the fast path accepts what the general path refuses", dt.Name, file)
	}
	if ndim != h.NDim || rows != h.Rows || cols != h.Cols || n != pn || int64(len(file)-r.Len()) != n ||
		!bytes.Equal(dst[:h.DataLen], data) {
		t.Fatalf("%s %q:\nfast path: ndim %d (%d, %d), %d bytes\ngeneral: %+v, %d bytes", dt.Name, file, ndim, rows, cols, n, h, pn)
	}
	return true
}

// TestReadSavedMatchesGeneral: on every file of the corpus, truncated at
// every byte of its header and with every header byte changed, read as
// every dtype into storage too small, exact and large, ReadSaved agrees
// with the general path or declines without reading. It must take every
// np.save file whose data fits.
func TestReadSavedMatchesGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var fixed []DType
	for _, dt := range table {
		if !dt.Flexible() {
			fixed = append(fixed, dt)
		}
	}
	taken := 0
	for _, file := range savedCorpus(rng) {
		h, err := ParseHeader(file, Limits{})
		for _, dt := range fixed {
			for _, have := range []int{0, h.DataLen - 1, h.DataLen, h.DataLen + 8} {
				if have < 0 || have > 1<<16 {
					continue // storage for what a header merely claims
				}
				got := checkSaved(t, file, dt, Limits{}, have)
				saved := err == nil && h.DType == dt && len(file) >= savedLen &&
					bytes.Equal(file[:savedLen], Impl.AppendHeader(nil, dt, h.NDim, h.Rows, h.Cols)) &&
					len(file)-savedLen >= h.DataLen
				if saved && have >= h.DataLen && (Impl.LittleEndianHost() || dt.Size == 1) && !got {
					t.Fatalf("%s %q: declined np.save's header with room for the data", dt.Name, file[:savedLen])
				}
				if got {
					taken++
				}
			}
		}
		if len(file) > 200 {
			continue // the mutations below look at the header
		}
		dt := h.DType
		if err != nil {
			dt = fixed[rng.IntN(len(fixed))]
		}
		for i := 0; i < min(len(file), savedLen+1); i++ {
			checkSaved(t, file[:i], dt, Limits{}, 1<<12)
			c := bytes.Clone(file)
			c[i] ^= byte(1 << rng.IntN(8))
			checkSaved(t, c, dt, Limits{}, 1<<12)
			c[i] = byte(rng.Uint32())
			checkSaved(t, c, dt, Limits{}, 1<<12)
		}
	}
	if taken == 0 {
		t.Fatal("the fast path took no file")
	}
}

// TestReadSavedLimits: a limit the file exceeds, header or data, makes the
// fast path decline (the general path then words the error).
func TestReadSavedLimits(t *testing.T) {
	dt := Impl.MustDType("uint8") // taken on hosts of either byte order
	file := append(Impl.AppendHeader(nil, dt, 2, 4, 5), make([]byte, 20)...)
	for _, c := range []struct {
		lim  Limits
		take bool
	}{
		{Limits{}, true},
		{Limits{MaxHeaderLen: 118}, true},
		{Limits{MaxHeaderLen: 117}, false},
		{Limits{MaxDataBytes: 20}, true},
		{Limits{MaxDataBytes: 19}, false},
	} {
		if got := checkSaved(t, file, dt, c.lim, 20); got != c.take {
			t.Errorf("%+v: took %v, want %v", c.lim, got, c.take)
		}
	}
}

// TestReadSavedBools: bool bytes other than 0 and 1 make it decline
// without reading; the general path refuses them.
func TestReadSavedBools(t *testing.T) {
	dt := Impl.MustDType("bool")
	for i := range 9 {
		data := []byte{1, 0, 1, 1, 0, 0, 1, 0, 1}
		data[i] = 2
		file := append(Impl.AppendHeader(nil, dt, 2, 3, 3), data...)
		if checkSaved(t, file, dt, Limits{}, 9) {
			t.Fatalf("took bool byte 2 at %d", i)
		}
		if _, _, _, ok := readPlain(file, dt, Limits{}, 9); ok {
			t.Fatalf("general path took bool byte 2 at %d", i)
		}
	}
}

// TestReadSavedOtherReaders: only a *bytes.Reader takes the fast path, and
// strings never do.
func TestReadSavedOtherReaders(t *testing.T) {
	dt := Impl.MustDType("float64")
	file := append(Impl.AppendHeader(nil, dt, 2, 2, 2), make([]byte, 32)...)
	r := plainReader{bytes.NewReader(file)}
	if _, _, _, _, ok := Impl.ReadSaved(r, &dt, Limits{}, make([]byte, 32)); ok {
		t.Fatal("took a plain reader")
	}
	s := Impl.MustDType("str").WithWidth(2)
	file = append(Impl.AppendHeader(nil, s, 2, 2, 2), make([]byte, 32)...)
	br := bytes.NewReader(file)
	if _, _, _, _, ok := Impl.ReadSaved(br, &s, Limits{}, make([]byte, 32)); ok || br.Len() != len(file) {
		t.Fatal("took a string dtype")
	}
}

// TestReadHeaderSavedMatchesGeneral: ReadHeader's 128-byte path (from a
// *bytes.Reader) gives the Header, error and position of the general path
// on the corpus, truncated and mutated.
func TestReadHeaderSavedMatchesGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	check := func(file []byte) {
		br := bytes.NewReader(file)
		h1, e1 := ReadHeader(br, Limits{})
		pr := bytes.NewReader(file)
		h2, e2 := ReadHeader(plainReader{pr}, Limits{})
		if h1 != h2 || (e1 == nil) != (e2 == nil) || (e1 != nil && e1.Error() != e2.Error()) || br.Len() != pr.Len() {
			t.Fatalf("%q:\nbytes.Reader %+v %v (left %d)\nplain %+v %v (left %d)", file, h1, e1, br.Len(), h2, e2, pr.Len())
		}
	}
	for _, file := range savedCorpus(rng) {
		check(file)
		if len(file) > 200 {
			continue
		}
		for i := 0; i < min(len(file), savedLen+1); i++ {
			check(file[:i])
			c := bytes.Clone(file)
			c[i] = byte(rng.Uint32())
			check(c)
		}
	}
}

// TestSavedHeadsMatchAppendHeader: each template, with a shape put in, is
// AppendHeader's header, for every fixed-size dtype, rank and dimension.
func TestSavedHeadsMatchAppendHeader(t *testing.T) {
	for _, dt := range table {
		tm := savedHeadOf(&dt)
		if dt.Flexible() {
			if tm != nil {
				t.Fatalf("%s has a template", dt.Name)
			}
			continue
		}
		for _, rows := range headerDims {
			for _, cols := range headerDims {
				if rows < 0 || cols < 0 {
					continue
				}
				for ndim := 0; ndim <= 2; ndim++ {
					h := tm.b
					putShape(&h, tm.p, ndim, rows, cols)
					if want := Impl.AppendHeader(nil, dt, ndim, rows, cols); !bytes.Equal(h[:], want) {
						t.Fatalf("%s ndim %d (%d, %d):\n got %q\nwant %q", dt.Name, ndim, rows, cols, h[:], want)
					}
				}
			}
		}
	}
}

// TestWriteNPYBufferAllocs: writing a small array into a bytes.Buffer with
// room, and reading it back with ReadSaved, allocate nothing.
func TestWriteNPYBufferAllocs(t *testing.T) {
	dt := Impl.MustDType("int64")
	if !Impl.LittleEndianHost() {
		dt = Impl.MustDType("int8") // ReadSaved takes only data in host order
	}
	data := make([]byte, 9*dt.Size)
	var b bytes.Buffer
	b.Grow(1024)
	if n := testing.AllocsPerRun(100, func() {
		b.Reset()
		Impl.WriteNPY(&b, dt, 2, 3, 3, data)
	}); n != 0 {
		t.Fatalf("%v allocations", n)
	}
	file := bytes.Clone(b.Bytes())
	r := bytes.NewReader(file)
	dst := make([]byte, len(data))
	if n := testing.AllocsPerRun(100, func() {
		r.Reset(file)
		if _, _, _, _, ok := Impl.ReadSaved(r, &dt, Limits{}, dst); !ok {
			t.Fatal("declined")
		}
	}); n != 0 {
		t.Fatalf("ReadSaved: %v allocations", n)
	}
}
