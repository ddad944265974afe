package typed

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// checkSmall runs ReadSmall on file into storage of have bytes and checks
// it against ReadSaved, whose decisions it must repeat exactly (the same
// shape, length, data and position, or the same refusal with the reader
// untouched), and through checkSaved against the general path.
func checkSmall(t *testing.T, file []byte, dt DType, have int) bool {
	t.Helper()
	r := bytes.NewReader(file)
	dst := make([]byte, have)
	ndim, rows, cols, n, ok := Impl.ReadSmall(r, Impl.Saved(&dt), dst)
	sr := bytes.NewReader(file)
	sdst := make([]byte, have)
	sndim, srows, scols, sn, sok := Impl.ReadSaved(sr, &dt, Limits{}, sdst)
	if ok != sok || r.Len() != sr.Len() || (ok && (ndim != sndim || rows != srows || cols != scols || n != sn ||
		!bytes.Equal(dst[:n-savedLen], sdst[:n-savedLen]))) {
		t.Fatalf("%s %q:\nReadSmall %v ndim %d (%d, %d) %d bytes, left %d\nReadSaved %v ndim %d (%d, %d) %d bytes, left %d",
			dt.Name, file, ok, ndim, rows, cols, n, r.Len(), sok, sndim, srows, scols, sn, sr.Len())
	}
	if !ok && r.Len() != len(file) {
		t.Fatalf("%s %q: declined after reading %d bytes", dt.Name, file, len(file)-r.Len())
	}
	if got := checkSaved(t, file, dt, Limits{}, have); got != ok {
		t.Fatalf("%s %q: checkSaved %v, ReadSmall %v", dt.Name, file, got, ok)
	}
	return ok
}

// fixedDTypes is the table's fixed-size dtypes.
func fixedDTypes() []DType {
	var fixed []DType
	for _, dt := range table {
		if !dt.Flexible() {
			fixed = append(fixed, dt)
		}
	}
	return fixed
}

// TestReadSmallMatchesGeneral: on every file of savedCorpus (np.save's
// files of every dtype, rank and many shapes, and the forms numpy reads
// but np.save does not write: other byte orders, Fortran order, extra
// spaces, other key orders, versions 2.0 and 3.0, Python 2's longs,
// leading zeros, headers a byte longer or shorter), truncated at every
// header byte and with header bytes changed, read as every dtype into
// storage too small, exact and large, ReadSmall decides as ReadSaved and
// the general path do.
func TestReadSmallMatchesGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	fixed := fixedDTypes()
	taken := 0
	for _, file := range savedCorpus(rng) {
		h, err := ParseHeader(file, Limits{})
		for _, dt := range fixed {
			for _, have := range []int{0, h.DataLen - 1, h.DataLen, h.DataLen + 8} {
				if have < 0 || have > 1<<16 {
					continue
				}
				if checkSmall(t, file, dt, have) {
					taken++
				}
			}
		}
		if len(file) > 200 {
			continue
		}
		dt := h.DType
		if err != nil {
			dt = fixed[rng.IntN(len(fixed))]
		}
		for i := 0; i < min(len(file), savedLen+1); i++ {
			checkSmall(t, file[:i], dt, 1<<12)
			c := bytes.Clone(file)
			c[i] = byte(rng.Uint32())
			checkSmall(t, c, dt, 1<<12)
		}
	}
	if taken == 0 {
		t.Fatal("the fast path took no file")
	}
}

// TestReadSmallEveryByte: every single-byte change of np.save's header of
// small arrays (every dtype at (3, 3); for two dtypes also (12, 34),
// (7,), (), (0, 5) and (1, 1)), read as the file's dtype: ReadSmall and
// ReadSaved decide alike and what they take the general path takes with
// the same result; and every change that leaves np.save's header of
// another shape is taken.
func TestReadSmallEveryByte(t *testing.T) {
	type shape struct{ ndim, rows, cols int }
	small := []shape{{2, 3, 3}}
	more := []shape{{2, 12, 34}, {1, 1, 7}, {0, 1, 1}, {2, 0, 5}, {2, 1, 1}}
	rng := rand.New(rand.NewPCG(9, 10))
	for _, dt := range fixedDTypes() {
		shapes := small
		if dt.Name == "int8" || dt.Name == "float64" {
			shapes = append(shapes, more...)
		}
		for _, s := range shapes {
			n := s.rows * s.cols * dt.Size
			data := randBytes(rng, n)
			if dt.Kind == 'b' {
				for i := range data {
					data[i] &= 1
				}
			}
			file := append(Impl.AppendHeader(nil, dt, s.ndim, s.rows, s.cols), data...)
			if !checkSmall(t, file, dt, n) && (Impl.LittleEndianHost() || dt.Size == 1) {
				t.Fatalf("%s %v: np.save's file declined", dt.Name, s)
			}
			c := bytes.Clone(file)
			taken := 0
			for i := range savedLen {
				for v := range 256 {
					c[i] = byte(v)
					if checkSmall(t, c, dt, n+8) {
						taken++
					}
				}
				c[i] = file[i]
			}
			if taken < savedLen && (Impl.LittleEndianHost() || dt.Size == 1) {
				t.Fatalf("%s %v: took %d changed headers, want at least the unchanged one at each byte", dt.Name, s, taken)
			}
		}
	}
}

// TestReaderView: unread sees what a *bytes.Reader has left, wherever its
// methods moved it, and viewOK holds on this build (if a Go release
// changes bytes.Reader, ReadSmall copies as ReadSaved does, and this test
// says so).
func TestReaderView(t *testing.T) {
	if !viewOK {
		t.Fatal("readerView does not match bytes.Reader: ReadSmall falls back to copying")
	}
	b := []byte("0123456789")
	r := bytes.NewReader(b)
	check := func(what string) {
		t.Helper()
		got := unread(r)
		if len(got) != r.Len() || (len(got) > 0 && &got[0] != &b[int(r.Size())-r.Len()]) {
			t.Fatalf("%s: unread %q, the reader has %d bytes left", what, got, r.Len())
		}
	}
	check("new")
	r.ReadByte()
	check("ReadByte")
	r.Read(make([]byte, 4))
	check("Read")
	r.Seek(9, 0)
	check("Seek to the last byte")
	r.Seek(10, 0)
	check("Seek to the end")
	r.Seek(1<<40, 0)
	check("Seek past the end")
	r.Reset(b[:3])
	check("Reset")
}

// TestWriteSmallMatchesWriteNPY: WriteSmall writes WriteNPY's bytes and
// returns its count and error, into a bytes.Buffer and a plain writer,
// for every fixed-size dtype, rank and many shapes, data of the right
// length and not, and shapes a rank does not hold.
func TestWriteSmallMatchesWriteNPY(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	dims := []int{-1, 0, 1, 2, 3, 9, 10, 99, 100, 1000, 1 << 20, 1<<20 + 1, 123456789}
	for _, dt := range fixedDTypes() {
		s := Impl.Saved(&dt)
		for _, rows := range dims {
			for _, cols := range dims {
				for ndim := -1; ndim <= 3; ndim++ {
					n := rows * cols * dt.Size
					if rows < 0 || cols < 0 || n > 1<<13 {
						n = 9 * dt.Size
					}
					for _, data := range [][]byte{randBytes(rng, n), randBytes(rng, n+dt.Size)} {
						var want, got, plain bytes.Buffer
						wn, werr := Impl.WriteNPY(&want, dt, ndim, rows, cols, data)
						gn, gerr := Impl.WriteSmall(&got, s, ndim, rows, cols, data)
						pn, perr := Impl.WriteSmall(plainWriter{&plain}, s, ndim, rows, cols, data)
						for _, c := range []struct {
							n   int64
							err error
							b   []byte
						}{{gn, gerr, got.Bytes()}, {pn, perr, plain.Bytes()}} {
							if c.n != wn || (c.err == nil) != (werr == nil) || (werr != nil && c.err.Error() != werr.Error()) ||
								!bytes.Equal(c.b, want.Bytes()) {
								t.Fatalf("%s ndim %d (%d, %d), %d bytes: wrote %d %v %q, WriteNPY %d %v %q",
									dt.Name, ndim, rows, cols, len(data), c.n, c.err, head(c.b), wn, werr, head(want.Bytes()))
							}
						}
					}
				}
			}
		}
	}
}

// head is the first bytes of b, for messages.
func head(b []byte) []byte { return b[:min(len(b), 160)] }

// TestSmallAllocs: WriteSmall into a bytes.Buffer with room and ReadSmall
// back into storage with room allocate nothing.
func TestSmallAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	dt := Impl.MustDType("int64")
	if !Impl.LittleEndianHost() {
		dt = Impl.MustDType("int8") // the fast paths take only data in host order
	}
	s := Impl.Saved(&dt)
	data := make([]byte, 9*dt.Size)
	var b bytes.Buffer
	b.Grow(1024)
	r := bytes.NewReader(nil)
	dst := make([]byte, len(data))
	if n := testing.AllocsPerRun(100, func() {
		b.Reset()
		Impl.WriteSmall(&b, s, 2, 3, 3, data)
		r.Reset(b.Bytes())
		if _, _, _, _, ok := Impl.ReadSmall(r, s, dst); !ok {
			t.Fatal("declined its own file")
		}
	}); n != 0 {
		t.Fatalf("%v allocations", n)
	}
}
