package bench

import "bytes"

// codec is one library's way to write and read one kind of input.
//
// encode writes in's data to w (already Reset by the harness). decode reads
// one encoding of in from r and stores the result with the slot's set (or
// directly in in.out), so the result stays live and can be checked.
//
// Codecs may keep lazily built per-input state (a preallocated buffer, a
// prebuilt tensor): the harness makes untimed warm-up calls of each before
// timing, so that state is never built inside the timer.
type codec struct {
	name   string
	kind   kind
	encode func(w *bytes.Buffer, in *input) error
	decode func(r *bytes.Reader, in *input) error

	// decodeBytes, when set, replaces decode: the decoder takes the whole
	// encoding as a []byte (UnmarshalJSON and the like), which is how its
	// users call it. The harness passes the same bytes the reader would.
	decodeBytes func(enc []byte, in *input) error

	// decodeOnly: encode only prepares Decode's input; timing it would
	// repeat another codec's Encode row (npy2d-fresh writes with WriteTo).
	decodeOnly bool

	// noCheck: decode yields no typed slice to compare (copy moves bytes).
	noCheck bool
}

// decodeFrom runs the codec's decoder on enc, through r (reset to enc) or
// directly, whichever the codec takes.
func (c *codec) decodeFrom(r *bytes.Reader, enc []byte, in *input) error {
	if c.decodeBytes != nil {
		return c.decodeBytes(enc, in)
	}
	r.Reset(enc)
	return c.decode(r, in)
}

var (
	codecNames []string                      // first-registration order, for stable output
	codecTable = map[string]map[kind]codec{} // name -> kind -> codec
)

// register adds codecs, typically from an init func in the peer's file.
// A peer that does not support a kind simply does not register it, so the
// combination is absent from the output rather than reported as skipped.
func register(cs ...codec) {
	for _, c := range cs {
		byKind, ok := codecTable[c.name]
		if !ok {
			byKind = map[kind]codec{}
			codecTable[c.name] = byKind
			codecNames = append(codecNames, c.name)
		}
		if _, dup := byKind[c.kind]; dup {
			panic("bench: codec " + c.name + " registered twice for one kind")
		}
		byKind[c.kind] = c
	}
}

// eachCase calls f for every registered (codec, input) pair, codec-major,
// matching the Benchmark<Op>/<codec>/<input> naming.
func eachCase(f func(c codec, in *input)) {
	for _, name := range codecNames {
		for _, in := range allInputs() {
			if c, ok := codecTable[name][in.kind]; ok {
				f(c, in)
			}
		}
	}
}
