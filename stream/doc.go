// Package stream writes and reads .npy files row by row, for arrays that are
// produced a few rows at a time or are larger than memory.
//
//	r, err := stream.NewReader(f)
//	if err != nil {
//		log.Fatal(err)
//	}
//	for {
//		blk, err := r.Next(2) // up to 2 rows (thousands, in real use); storage reused
//		if err == io.EOF {
//			break // every row was read
//		}
//		if err != nil {
//			log.Fatal(err) // a truncated file is an error wrapping io.ErrUnexpectedEOF
//		}
//		x := blk.(*generated.Float64Array2D)
//		fmt.Println(x.Rows, x.Data)
//	}
//
// A Writer appends rows to a file and fixes the row count in the header at
// Close, in place: np.save pads its header with room for the first dimension
// to grow to 21 digits (numpy's GROWTH_AXIS_MAX_DIGITS), so the header's
// length does not depend on the row count. The closed file is byte for byte
// what np.save writes for the same rows. When the destination cannot seek (a
// pipe, a socket), NewWriterN writes the header for a row count declared up
// front and Close checks that exactly that many rows followed.
//
// A Reader reads a .npy header and then yields the data in blocks of rows,
// converted to host byte order, in memory bounded by the block size whatever
// the header claims.
package stream
