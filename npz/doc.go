// Package npz reads and writes NumPy .npz archives: the zip files of .npy
// members that np.savez (stored) and np.savez_compressed (deflated) write.
//
//	r, err := npz.Open(path)
//	if err != nil {
//		log.Fatal(err)
//	}
//	defer r.Close()
//	for _, e := range r.Entries() {
//		fmt.Printf("%s: %s (%d, %d), data at byte %d\n", e.Name, e.DType, e.Rows, e.Cols, e.FileOffset)
//	}
//	var got generated.Float64Array2D
//	if err := r.ReadInto("weights", &got); err != nil { // r.Array("weights") for any dtype
//		log.Fatal(err)
//	}
//
// A Reader lists an archive's arrays with their dtype and shape by reading
// only each member's .npy header, and decodes one array at a time, so a
// large archive costs only the arrays that are asked for. Sizes are held to
// what the zip directory and the .npy header declare: a member that
// decompresses to more or fewer bytes (a zip bomb, a lying header) is an
// error as soon as it shows, and storage grows only as bytes arrive.
//
// A Writer writes archives np.load reads, with the caller's names or
// numpy's arr_0, arr_1, ... In stored archives it places each array's data
// at a multiple of 64 bytes in the file, so that package mmap can map it in
// place.
//
// Errors wrap the sentinels of package typed (typed.ErrFormat for a
// malformed archive or member, and so on), so errors.Is works as for .npy
// files.
package npz
