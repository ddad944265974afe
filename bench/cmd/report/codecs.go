package main

import (
	"slices"
	"strings"
)

// codec describes one row of the Encode and Decode tables.
type codec struct {
	name   string
	module string // the Go module measured, whose version the legend gives
	doc    string
}

// codecs are the rows of every table, in order: the limits, npy2d's ways,
// numpy, the peers. A codec registered in bench/ but not here is still
// reported, after these and "not described": adding a peer is its file in
// bench/ and one line here.
var codecs = []codec{
	{"copy", "", "`copy()` of the raw bytes into a buffer allocated beforehand: the memory-bandwidth limit."},
	{"copy-fresh", "", "`make()` then `copy()`: the limit for a reader that returns new memory (read only)."},
	{"npy2d", "", "`WriteTo` into the reused buffer; `ReadFrom` into an existing array of the right size, reusing its memory."},
	{"npy2d-fresh", "", "`generated.ReadNPY`: a new array per call, as every peer returns (read only; it writes with `WriteTo`)."},
	{"npy2d-view", "", "`Bytes()` as the writer and `...FromBytes` as the reader: zero-copy views, as `arr.tobytes()` / `np.frombuffer`; no byte moves."},
	{"npy2d-json", "", "`MarshalJSON` / `UnmarshalJSON`: the `{dtype, shape, base64 data}` envelope."},
	{"generics", "", "The same .npy codec written once with Go generics (`bench/generic`): what generating per-type code buys."},
	{"numpy", "", "`np.save` / `np.load` to and from `io.BytesIO`, by `numpy_bench.py` in the same run."},
	{"gomlx", "github.com/gomlx/gomlx", "GoMLX's `pkg/core/tensors/numpy`: `ToNpyWriter` of a prebuilt tensor, `FromNpyReader`."},
	{"npyio-github", "github.com/sbinet/npyio", "`Write(w, slice)` / `Read(r, &slice)`; writes shape (N,)."},
	{"npyio-codeberg", "codeberg.org/sbinet/npyio", "the same calls; writes shape (N,)."},
	{"npyio-codeberg-dense", "codeberg.org/sbinet/npyio", "Codeberg npyio's 2-D path, a gonum `*mat.Dense` (float64 only)."},
	{"gonpy", "github.com/kshedden/gonpy", "`NpyWriter` / `NpyReader` (no bool)."},
	{"binary", "", "`encoding/binary` `Write` / `Read` of the slice: no header; the reader must know the length."},
	{"gob", "", "`encoding/gob` of the slice, a new `Encoder` / `Decoder` per call."},
	{"json", "", "`encoding/json` of `{Shape, Data}` (complex128 as [re, im] pairs)."},
}

// columns are npy2d's rows that others are compared with, each with its
// limit: WriteTo, ReadFrom into an existing array, and ReadNPY, which
// returns new memory as the peers' readers do.
var columns = []struct{ op, codec, call, limit string }{
	{"Encode", "npy2d", "WriteTo", "copy"}, {"Decode", "npy2d", "ReadFrom", "copy"}, {"Decode", "npy2d-fresh", "ReadNPY", "copy-fresh"},
}

// scaleRefs are the rows each scale benchmark is compared with.
var scaleRefs = map[string]key{"ScaleRowRanges": {Op: "ScaleCopy"}, "ScaleCreate": {"ScaleCreate", "1MiB", ""}, "ScaleAppend": {"ScaleAppend", "WriteTo", ""}}

func ours(c string) bool    { return strings.HasPrefix(c, "npy2d") }
func isLimit(c string) bool { return strings.HasPrefix(c, "copy") }
func isView(c string) bool  { return c == "npy2d-view" } // no bytes move: no throughput, not charted

// codecInfo is c's place in codecs and its line; unlisted codecs come after.
func codecInfo(c string) (int, codec) {
	if i := slices.IndexFunc(codecs, func(x codec) bool { return x.name == c }); i >= 0 {
		return i, codecs[i]
	}
	return len(codecs), codec{c, "", "(not described in cmd/report's codecs.go; see its file in bench/)"}
}

// codecsOf lists the codecs that ran op (every op when empty) on input
// (every input when empty), in table order.
func (rs *results) codecsOf(op, input string) []string {
	var out []string
	for _, k := range rs.order {
		if k.table() && (op == "" || k.Op == op) && (input == "" || k.Input == input) && !slices.Contains(out, k.Codec) {
			out = append(out, k.Codec)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int {
		i, _ := codecInfo(a)
		j, _ := codecInfo(b)
		return i - j
	})
	return out
}
