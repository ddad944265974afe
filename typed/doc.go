// Package typed holds what every npy2d package shares: the dtype table
// (DType), the .npy header (Header, Info), size limits (Limits), float16
// (Float16) and the errors every decoder returns.
//
// Arrays themselves are generated types, one per dtype, in package generated
// (or a package of your own, with cmd gen); this package describes them.
// Read a file's dtype and shape without its data:
//
//	info, err := typed.ReadInfo(f, typed.Limits{}) // f: any io.Reader
//	if err != nil {
//		log.Fatal(err)
//	}
//	fmt.Println(info) // <f8 (3, 4)
//
// Every error from npy2d's decoders wraps exactly one of ErrFormat, ErrDType,
// ErrShape and ErrLimit, for errors.Is; a dtype mismatch is a *DTypeError
// and also matches ErrMismatch.
//
// The value Impl is the run time of generated code, not for use by hand.
package typed
