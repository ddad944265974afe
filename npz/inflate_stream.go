package npz

// inflateInto, when a build provides one (-tags libdeflate), inflates all
// of in into out and returns the bytes written; an error when the data is
// malformed or more would follow.
var inflateInto func(out, in []byte) (int, error)
