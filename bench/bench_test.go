package bench

import (
	"bytes"
	"flag"
	"reflect"
	"strings"
	"testing"
	"time"
)

// exclude lists cases to skip, as Op/codec/input names separated by commas:
// a run without the slowest peers (hundreds of ms per call).
var exclude = flag.String("exclude", "", "comma-separated `Op/codec/input` cases to skip, e.g. Encode/json/f64_1000x1000")

// onePass reports whether the benchmarks run with -benchtime=1x, where
// only whether they work matters, not their speed.
func onePass() bool {
	f := flag.Lookup("test.benchtime")
	return f != nil && f.Value.String() == "1x"
}

// run is b.Run for one case, skipped when -exclude names it.
func run(b *testing.B, op string, c codec, in *input, f func(b *testing.B)) {
	name := c.name + "/" + in.name
	b.Run(name, func(b *testing.B) {
		for _, x := range strings.Split(*exclude, ",") {
			if x == op+"/"+name {
				b.Skip("excluded by -exclude")
			}
		}
		f(b)
	})
}

// BenchmarkEncode/<codec>/<input>: encode into one reused bytes.Buffer.
// Reusing the buffer takes the output buffer's growth out of the picture,
// so what is measured is the codec's own work and allocations.
func BenchmarkEncode(b *testing.B) {
	eachCase(func(c codec, in *input) {
		if c.decodeOnly {
			return
		}
		run(b, "Encode", c, in, func(b *testing.B) {
			var w bytes.Buffer
			timeOp(b, in, func() error {
				w.Reset()
				return c.encode(&w, in)
			})
		})
	})
}

// BenchmarkDecode/<codec>/<input>: decode the codec's own encoding of the
// input, made once outside the timer, from a bytes.Reader reset each time.
func BenchmarkDecode(b *testing.B) {
	eachCase(func(c codec, in *input) {
		run(b, "Decode", c, in, func(b *testing.B) {
			var w bytes.Buffer
			if err := c.encode(&w, in); err != nil {
				b.Fatal(err)
			}
			enc := w.Bytes()
			r := bytes.NewReader(enc)
			// Drop the last result afterwards so decoded data does not pile
			// up in the live heap and change GC pacing for later cases.
			b.Cleanup(func() { in.out = decoded{} })
			timeOp(b, in, func() error { return c.decodeFrom(r, enc, in) })
			// Once per case, in the first round: a codec that decodes
			// garbage must not be timed, even in CI's -benchtime=1x pass,
			// which skips TestRoundTrip.
			if b.N == 1 && !c.noCheck && !reflect.DeepEqual(typedOut(in), typedIn(in)) {
				b.Fatal("decoded data differs from the input")
			}
		})
	})
}

// Warm-up bounds, and the page size used to judge "few faults".
const (
	warmCalls = 64
	warmTime  = 500 * time.Millisecond
	pageSize  = 4096
)

// timeOp runs op b.N times under the timer, after an untimed warm-up, and
// reports MB/s of raw data, allocations and minor page faults per op.
//
// The classic b.N loop (not b.Loop) is used so that the framework's
// calibration rounds also act as warm-up and only the last round is
// reported. The first round (b.N == 1) warms up in earnest: it builds lazy
// codec state and, for codecs that allocate their results, lets the Go heap
// reach its steady state. Until the calls have allocated a whole heap
// goal's worth, the heap grows into memory new to the process, and each
// first touch of a page is a page fault (see minorFaults), which on some
// VMs costs more than the codec's work. So it calls op until a call faults
// in under 1% of the data's pages and either allocates little or the calls
// so far have gone round the heap once; or for at most warmCalls calls or
// warmTime. Later rounds find the heap grown and make one call. With
// -benchtime=1x (CI: does every benchmark still run?) one call is enough.
func timeOp(b *testing.B, in *input, op func() error) {
	start := time.Now()
	quiet := int64(len(in.raw)) / pageSize / 100
	a0, goal := heapStats()
	for calls := 1; ; calls++ {
		f, a := minorFaults(), heapAllocated()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		if b.N > 1 || onePass() {
			break
		}
		perCall, total := heapAllocated()-a, heapAllocated()-a0
		if minorFaults()-f <= quiet && (perCall < goal/64 || total >= goal) ||
			calls >= warmCalls || time.Since(start) > warmTime {
			break
		}
	}
	b.SetBytes(int64(len(in.raw)))
	b.ReportAllocs()
	b.ResetTimer()
	f0 := minorFaults()
	for range b.N {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(minorFaults()-f0)/float64(b.N), "faults/op")
}
