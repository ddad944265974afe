// Package bench benchmarks npy2d against the other ways to move 2-D arrays
// in Go, and against numpy. It is its own module (replace-directive to the
// repository root) so that the library's go.mod stays free of the peers.
//
// Layout, all in _test.go files except cmd/report and generic:
//
//   - inputs_test.go: the five inputs every codec sees;
//   - codec_test.go: the codec type and register;
//   - bench_test.go: BenchmarkEncode and BenchmarkDecode, named
//     <Op>/<codec>/<input>, over every registered codec and input;
//   - one file per codec (npy2d_test.go, gob_test.go, ...), each
//     registering its codecs in an init func;
//   - views_test.go: BenchmarkView, the zero-copy views at 1 KB and 100 MB;
//   - pagefault_linux_test.go: BenchmarkPageFault, the cost of one page
//     fault, which explains the spread of the reads that allocate;
//   - mmap_test.go: BenchmarkOpenMapped, mapped files against reading;
//   - paths_test.go: BenchmarkPath, each path of the performance targets
//     beside its reference;
//   - roundtrip_test.go: every codec decodes what it encodes;
//   - cases_test.go: TestNumpyCases, which with -cases writes the inputs
//     and the dtype table's cases for numpy_bench.py, so there is one list;
//   - scale_test.go: BenchmarkScale*, which move GiB files, so cmd/report
//     runs them once, apart from its passes;
//   - numpy_bench.py: numpy's np.save / np.load and its side of
//     BenchmarkPath, printed as benchmark lines;
//   - cmd/report: runs all of it and writes ../BENCHMARKS.md, its chart,
//     and README's speed summary.
//
// To add a codec, register it from a new file; it then appears in every
// table and the chart, and one line in cmd/report/codecs.go describes it.
// Any other benchmark function (BenchmarkOpenMapped, say, named
// OpenMapped/<how>/<size>) is listed by cmd/report under "Other
// benchmarks" without any change to it.
package bench
