package npz

import "encoding/binary"

// zip64ExtraID tags the zip64 extended information extra field (APPNOTE
// 4.5.3).
const zip64ExtraID = 0x0001

// zip64LocalExtra is the zip64 field of a local file header for a stored
// member of size bytes, whose 4-byte sizes there read 0xFFFFFFFF: the
// field MUST hold both sizes (APPNOTE 4.5.3), as Python's zipfile writes
// it for np.savez. archive/zip writes this field in the central directory
// but not in the local header of a member written with CreateRaw, so the
// Writer adds it there itself.
func zip64LocalExtra(size int64) []byte {
	b := make([]byte, 20)
	binary.LittleEndian.PutUint16(b[0:], zip64ExtraID)
	binary.LittleEndian.PutUint16(b[2:], 16)
	binary.LittleEndian.PutUint64(b[4:], uint64(size))  // uncompressed
	binary.LittleEndian.PutUint64(b[12:], uint64(size)) // compressed: stored
	return b
}
