package bench

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// BenchmarkPath/<impl>/<case> times each path of issue 10 beside its
// reference, in the same process, so cmd/report can state every target as
// a ratio measured in one run. numpy_bench.py prints the numpy rows of the
// same cases (Path/numpy/<case>). The implementations:
//
//   - npy2d: the library's path;
//   - npy2d-libdeflate: the same, built with -tags libdeflate (npz-read);
//   - copy: copy() of the same bytes into an existing buffer, the limit;
//   - base64: encoding/base64 alone on the same data (JSON's limit);
//   - bound: a fixed 128-byte header plus the data, written or read with
//     two calls and nothing else (a small array's limit);
//   - binary: encoding/binary.Read into an existing slice.
//
// The cases:
//
//   - json-decode, json-encode: float64 1000×1000 as the JSON envelope;
//   - npz-write, npz-read: int8 2000×2000 of small values, compressed; the
//     writes report the archive's size as B/archive; npz-member reads the
//     member again from an archive opened once (what it allocates);
//   - fortran_<dtype>, bigendian_<dtype>: a 1000×1000 .npy file of every
//     dtype in Fortran order or big-endian, read with ReadFrom into an
//     existing array;
//   - f16-f32, f16-f64, f32-f16, f64-f16: float16 array conversions of 2^20
//     values;
//   - fresh-bytes_<size>, fresh-file_<size>: ReadNPY (a new array) of a
//     float64 file of 8, 80 and 800 MB, from a *bytes.Reader or from a file
//     in the page cache;
//   - small-write, small-read: a 3×3 int64 with WriteTo and ReadFrom.
func BenchmarkPath(b *testing.B) {
	pathJSON(b)
	pathNPZ(b)
	pathLayout(b)
	pathFloat16(b)
	pathFresh(b)
	pathSmall(b)
}

// smallValues is the npz input, in [0, 8), computed the same way by
// numpy_bench.py (splitmix64's finaliser of the index, top 3 bits), so
// both sides compress the same bytes.
func smallValues(n int) []int8 {
	out := make([]int8, n)
	for i := range out {
		z := uint64(i) * 0x9e3779b97f4a7c15
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		z ^= z >> 31
		out[i] = int8(z >> 61)
	}
	return out
}

func pathRun(b *testing.B, impl, name string, nbytes int, f func()) {
	pathCase(b, impl, name, nbytes, func(*testing.B) func() { return f })
}

// pathCase is pathRun with the case's inputs made by setup, inside the
// sub-benchmark: a run of one case (-bench, or cmd/report's profiles)
// builds only that case's inputs, and no case's garbage times another.
func pathCase(b *testing.B, impl, name string, nbytes int, setup func(b *testing.B) func()) {
	b.Run(impl+"/"+name, func(b *testing.B) {
		f := setup(b)
		f() // warm: storage sized, pools filled
		b.SetBytes(int64(nbytes))
		b.ReportAllocs()
		f0 := minorFaults()
		b.ResetTimer()
		for b.Loop() {
			f()
		}
		b.StopTimer()
		b.ReportMetric(float64(minorFaults()-f0)/float64(b.N), "faults/op")
	})
}

func must(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

// float64 1000×1000 of sin(i), its envelope and its raw bytes.
func jsonInput(b *testing.B) (*generated.Float64Array2D, []byte) {
	a := generated.NewFloat64Array2D(1000, 1000)
	for i := range a.Data {
		a.Data[i] = math.Sin(float64(i))
	}
	js, err := json.Marshal(a)
	must(b, err)
	return a, js
}

func pathJSON(b *testing.B) {
	const nbytes = 8 * 1000 * 1000
	pathCase(b, "npy2d", "json-decode", nbytes, func(b *testing.B) func() {
		_, js := jsonInput(b)
		var into generated.Float64Array2D
		return func() { must(b, into.UnmarshalJSON(js)) }
	})
	pathCase(b, "base64", "json-decode", nbytes, func(b *testing.B) func() {
		_, js := jsonInput(b)
		text := js[bytes.LastIndexByte(js[:len(js)-2], '"')+1 : len(js)-2]
		dst := make([]byte, nbytes)
		return func() {
			_, err := base64.StdEncoding.Decode(dst, text)
			must(b, err)
		}
	})
	pathCase(b, "npy2d", "json-encode", nbytes, func(b *testing.B) func() {
		a, _ := jsonInput(b)
		return func() {
			_, err := a.MarshalJSON()
			must(b, err)
		}
	})
	pathCase(b, "base64", "json-encode", nbytes, func(b *testing.B) func() {
		a, _ := jsonInput(b)
		raw := a.Bytes()
		return func() { base64.StdEncoding.AppendEncode(nil, raw) }
	})
	pathJSONSIMD(b)
}

func pathNPZ(b *testing.B) {
	a := &generated.Int8Array2D{Rows: 2000, Cols: 2000}
	write := func(b *testing.B, buf *bytes.Buffer) {
		buf.Reset()
		w := npz.NewWriter(buf)
		w.Compressed = true
		must(b, w.Add("a", a))
		must(b, w.Close())
	}
	b.Run("npy2d/npz-write", func(b *testing.B) {
		a.Data = smallValues(2000 * 2000)
		var buf bytes.Buffer
		write(b, &buf)
		b.SetBytes(int64(len(a.Data)))
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			write(b, &buf)
		}
		b.ReportMetric(float64(buf.Len()), "B/archive")
	})
	archive := func(b *testing.B) []byte {
		a.Data = smallValues(2000 * 2000)
		var buf bytes.Buffer
		write(b, &buf)
		return buf.Bytes()
	}
	// npz-read opens the archive and reads its member, as np.load(...)["a"]
	// does; npz-member reads the member of an archive opened once.
	read := func(b *testing.B) func() {
		archive := archive(b)
		return func() {
			r, err := npz.NewReader(bytes.NewReader(archive), int64(len(archive)))
			must(b, err)
			_, err = r.Array("a")
			must(b, err)
		}
	}
	member := func(b *testing.B) func() {
		archive := archive(b)
		r, err := npz.NewReader(bytes.NewReader(archive), int64(len(archive)))
		must(b, err)
		return func() {
			_, err := r.Array("a")
			must(b, err)
		}
	}
	impls := []string{"npy2d"}
	if libdeflateBuilt {
		impls = append(impls, "npy2d-libdeflate")
	}
	for _, impl := range impls {
		pathCase(b, impl, "npz-read", 2000*2000, read)
		pathCase(b, impl, "npz-member", 2000*2000, member)
	}
}

// npyFile is a 1000×1000 .npy file of dt with the given byte order and
// memory order, as numpy writes it, of arbitrary (valid) contents.
func npyFile(dt typed.DType, order byte, fortran bool, rows, cols int) []byte {
	// 4 KiB of a pattern, repeated.
	var pat [4096]byte
	for i := range pat {
		pat[i] = byte(i*131 + i>>9)
		if dt.Kind == 'b' {
			pat[i] &= 1
		}
	}
	data := make([]byte, rows*cols*dt.Size)
	for i := 0; i < len(data); i += len(pat) {
		copy(data[i:], pat[:])
	}
	descr := dt.Descr()
	if dt.Size > 1 {
		descr = string(order) + descr[1:]
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': (%d, %d), }", descr,
		map[bool]string{false: "False", true: "True"}[fortran], rows, cols)
	n := 10 + len(dict) + 1
	dict += string(bytes.Repeat([]byte{' '}, (64-n%64)%64)) + "\n"
	out := append([]byte(typed.Magic), 1, 0, byte(len(dict)), byte(len(dict)>>8))
	return append(append(out, dict...), data...)
}

func pathLayout(b *testing.B) {
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings have no layout to convert
			continue
		}
		for _, kind := range []string{"fortran", "bigendian"} {
			if kind == "bigendian" && dt.Size == 1 {
				continue
			}
			order, fortran := map[bool]byte{true: '<', false: '>'}[kind == "fortran"], kind == "fortran"
			name := kind + "_" + dt.Name
			nbytes := 1000 * 1000 * dt.Size
			pathCase(b, "npy2d", name, nbytes, func(b *testing.B) func() {
				file := npyFile(dt, order, fortran, 1000, 1000)
				r := bytes.NewReader(file)
				a, err := generated.ReadNPY(r)
				must(b, err)
				rf := a.(io.ReaderFrom)
				return func() {
					r.Reset(file)
					_, err := rf.ReadFrom(r)
					must(b, err)
				}
			})
			pathCase(b, "copy", name, nbytes, func(b *testing.B) func() {
				// The very data bytes the npy2d row reads, into a reused
				// destination: a fresh make() that is never written maps
				// every page to the kernel's one zero page, which stays in
				// the cache and makes copy() 15-20% faster than on real data.
				file := npyFile(dt, order, fortran, 1000, 1000)
				src, dst := file[len(file)-nbytes:], make([]byte, nbytes)
				return func() { copy(dst, src) }
			})
		}
	}
}

func pathFloat16(b *testing.B) {
	const n = 1 << 20
	inputs := func() ([]typed.Float16, []float32, []float64) {
		hs := make([]typed.Float16, n)
		f32 := make([]float32, n)
		f64 := make([]float64, n)
		for i := range hs {
			// Normal values of either sign over the half range, as data holds.
			f64[i] = math.Sin(float64(i)) * math.Exp2(float64(i%24-12))
			f32[i] = float32(f64[i])
			hs[i] = typed.Float16FromFloat64(f64[i])
		}
		return hs, f32, f64
	}
	for _, c := range []struct {
		name string
		op   func(hs []typed.Float16, f32 []float32, f64 []float64)
	}{
		{"f16-f32", func(hs []typed.Float16, f32 []float32, _ []float64) { typed.Float16sToFloat32s(f32, hs) }},
		{"f16-f64", func(hs []typed.Float16, _ []float32, f64 []float64) { typed.Float16sToFloat64s(f64, hs) }},
		{"f32-f16", func(hs []typed.Float16, f32 []float32, _ []float64) { typed.Float32sToFloat16s(hs, f32) }},
		{"f64-f16", func(hs []typed.Float16, _ []float32, f64 []float64) { typed.Float64sToFloat16s(hs, f64) }},
	} {
		pathCase(b, "npy2d", c.name, 2*n, func(b *testing.B) func() {
			hs, f32, f64 := inputs()
			return func() { c.op(hs, f32, f64) }
		})
	}
}

// freshSizes are the fresh-array cases: float64 arrays of 8, 80 and 800 MB
// (1024 columns).
var freshSizes = []struct {
	name string
	rows int
}{{"8MB", 1 << 10}, {"80MB", 10 << 10}, {"800MB", 100 << 10}}

var pathSink typed.Array

func pathFresh(b *testing.B) {
	for _, s := range freshSizes {
		nbytes := s.rows * 1024 * 8
		pathCase(b, "npy2d", "fresh-bytes_"+s.name, nbytes, func(b *testing.B) func() {
			file := npyFile(generated.Float64DType, '<', false, s.rows, 1024)
			b.Cleanup(func() { pathSink = nil })
			return func() {
				// The last array is dropped first, as numpy_bench.py's
				// timeit drops each np.load result before the next call.
				pathSink = nil
				a, err := generated.ReadNPY(bytes.NewReader(file))
				must(b, err)
				pathSink = a
			}
		})
		pathCase(b, "npy2d", "fresh-file_"+s.name, nbytes, func(b *testing.B) func() {
			path := filepath.Join(b.TempDir(), s.name+".npy")
			must(b, os.WriteFile(path, npyFile(generated.Float64DType, '<', false, s.rows, 1024), 0o644))
			b.Cleanup(func() { pathSink = nil })
			return func() {
				pathSink = nil
				f, err := os.Open(path)
				must(b, err)
				a, err := generated.ReadNPY(f)
				f.Close()
				must(b, err)
				pathSink = a
			}
		})
	}
}

func pathSmall(b *testing.B) {
	a := &generated.Int64Array2D{Rows: 3, Cols: 3, Data: []int64{1, 2, 3, 4, 5, 6, 7, 8, 9}}
	var w bytes.Buffer
	_, err := a.WriteTo(&w)
	must(b, err)
	file := bytes.Clone(w.Bytes())
	hdr, data := file[:128], a.Bytes()
	pathRun(b, "npy2d", "small-write", len(data), func() {
		w.Reset()
		_, err := a.WriteTo(&w)
		must(b, err)
	})
	pathRun(b, "bound", "small-write", len(data), func() {
		w.Reset()
		w.Write(hdr)
		w.Write(data)
	})
	r := bytes.NewReader(file)
	var into generated.Int64Array2D
	pathRun(b, "npy2d", "small-read", len(data), func() {
		r.Reset(file)
		_, err := into.ReadFrom(r)
		must(b, err)
	})
	var h [128]byte
	out := make([]byte, len(data))
	pathRun(b, "bound", "small-read", len(data), func() {
		r.Reset(file)
		r.Read(h[:])
		r.Read(out)
	})
	vals := make([]int64, 9)
	pathRun(b, "binary", "small-read", len(data), func() {
		r.Reset(file[128:])
		must(b, binary.Read(r, binary.LittleEndian, vals))
	})
}
