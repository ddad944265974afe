// Package npy2d moves NumPy arrays between Python and Go byte for byte:
// .npy files (np.save), .npz archives, raw tobytes() buffers and a JSON
// envelope, for every plain numpy dtype and numpy's fixed-width strings, as
// matrices, vectors and scalars. Load what numpy saved, and save it back:
//
//	var w generated.Float32Array2D // Python: np.save("w.npy", w)
//	if err := npy2d.LoadNPYInto("w.npy", &w); err != nil {
//		log.Fatal(err) // a float64 file here is a *typed.DTypeError
//	}
//	fmt.Println(w.Rows, w.Cols, w.At(2, 3), w.Row(1))
//	if err := npy2d.SaveNPY("w2.npy", &w); err != nil { // byte-identical to np.save
//		log.Fatal(err)
//	}
//
// This package reads and writes files; the rest lives in:
//   - generated: the arrays, one type per dtype (Float64Array2D,
//     StringArray2D, ...), their dtype values (Float64DType, ...) and the
//     functions that choose a type at run time (ReadNPY, FromBytes,
//     NewArray, AsType, DecodeJSON);
//   - typed: dtypes, headers, limits and the errors every decoder returns;
//   - npz, stream, mmap, ranged, httprange: archives, arrays a block of rows
//     at a time, memory maps, row ranges of any io.ReaderAt, and HTTP range
//     reads.
package npy2d
