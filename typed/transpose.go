package typed

import (
	"encoding/binary"
	"unsafe"
)

// The transpose of Fortran-order data, in tiles: a strip of source columns
// (tileBytes of each source row) walked down the source rows, tileRows at a
// time. The strip's destination rows are then written front to back, as
// sequential runs, and the source lines a strip reads stay in L1 from one
// band of the kernel's columns to the next. Within a tile an assembly
// kernel (where there is one) moves square blocks through vector
// registers; the portable kernel below moves items one at a time, four
// rows at once, with no call per item.

// tposeKernel transposes a block of items whose shape is a multiple of
// rows x cols: dst row j gets src column j. The strides are in bytes. mask,
// when not nil, is the byte order of one 16-byte lane (swap_amd64.go's
// laneMask) to apply to every item on the way. nt asks for non-temporal
// stores, when the kernel has them, mask is nil and dst and its stride are
// multiples of 32 bytes. bad reports a byte other than 0 or 1 among 1-byte
// items, for bool data.
type tposeKernel struct {
	rows, cols int
	nt         bool // f can store around the cache
	f          func(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte, nt bool) (bad bool)
}

// tposeNTMin is the size of array from which the transpose stores around
// the cache: a variable for the tests. The reasons are swapCopyLarge's, and
// a transpose gains from a smaller size on, as its runs of a few hundred
// bytes in many destination rows would each have their lines read first.
// 1000x1000, interleaved: 8 MB of float64 0.66-0.71x copy() against 0.48x,
// 4 MB of int32 unchanged, 2 MB a little slower.
var tposeNTMin = 4 << 20

const (
	// tileBytes is the width of a strip, in bytes of a source row: a few
	// cache lines, so that the kernel's bands reuse each line it loads.
	tileBytes = 256
	// tileRows is how many source rows a tile takes: as many lines of the
	// source as L1 keeps comfortably (256 x 64 bytes, 16 KiB), and runs of
	// a few hundred bytes in each destination row. (Shapes from 64 to 1024
	// rows by 64 to 1024 bytes measured within the noise of one another.)
	tileRows = 256
	// portableTileBytes is the strip of the portable kernel, which writes
	// 4 items to a row at a time and gains from more rows at once: against
	// the stack-tile transpose it replaced, 1000x1000 of 1 to 16-byte items
	// ran 1.25x-2.1x with 4096 bytes, 0.65x-2x with 256.
	portableTileBytes = 4096
)

// tposeBlocked writes the transpose of the n x m matrix of size-byte items
// in src, whose rows start sstride items apart, into dst, whose rows start
// dstride items apart: item (j, i) of dst is item (i, j) of src. With swap
// above 1 every swap-byte word is reversed on the way. With bools set (1-byte
// items), it reports false when a source byte is neither 0 nor 1; the
// transpose is done all the same.
func tposeBlocked(dst []byte, dstride int, src []byte, sstride int, n, m, size, swap int, bools bool) bool {
	if n == 0 || m == 0 {
		return true
	}
	// Bounds, once, for every item the tiles touch.
	_ = src[((n-1)*sstride+m)*size-1]
	_ = dst[((m-1)*dstride+n)*size-1]
	k, mask := tposeKernelFor(size, swap, bools)
	if k.f == nil || n < k.rows || m < k.cols {
		// No kernel, or a matrix smaller than its block: in Go, in tiles
		// of wider strips, each tile's destination rows swapped while in
		// cache.
		ok := !bools || boolsIn(src, sstride, 0, n, 0, m)
		tj := max(portableTileBytes/size, 1)
		stack := conflicting(sstride*size) || conflicting(dstride*size)
		for j0 := 0; j0 < m; j0 += tj {
			j1 := min(j0+tj, m)
			for i0 := 0; i0 < n; i0 += tileRows {
				i1 := min(i0+tileRows, n)
				if stack {
					tposeStacked(dst, dstride, src, sstride, size, i0, i1, j0, j1)
				} else {
					tposeRange(dst, dstride, src, sstride, size, i0, i1, j0, j1)
				}
				for j := j0; swap > 1 && j < j1; j++ {
					Impl.Swap(dst[(j*dstride+i0)*size:(j*dstride+i1)*size], swap)
				}
			}
		}
		return ok
	}
	ti, tj := max(tileRows-tileRows%k.rows, k.rows), max(tileBytes/size, k.cols)
	tj -= tj % k.cols
	// Stores around the cache for the blocks at 32-byte boundaries of a
	// large array (the moved-back blocks at the edges are not).
	nt := k.nt && mask == nil && n*m*size >= tposeNTMin &&
		uintptr(unsafe.Pointer(unsafe.SliceData(dst)))%32 == 0 && dstride*size%32 == 0
	bad := false
	// run has the kernel transpose rows [i, i+ni) by columns [j, j+nj).
	run := func(i, j, ni, nj int, nt bool) {
		if ni > 0 && nj > 0 {
			d := unsafe.SliceData(dst[(j*dstride+i)*size:])
			s := unsafe.SliceData(src[(i*sstride+j)*size:])
			bad = k.f(d, dstride*size, s, sstride*size, ni, nj, mask, nt) || bad
		}
	}
	for j0 := 0; j0 < m; j0 += tj {
		nj := min(tj, m-j0)
		bj := nj - nj%k.cols
		// The columns past the last whole block: one block more, moved
		// back to end at the strip's edge. It overlaps blocks done
		// already (or, in a narrow last strip, the strip before) and
		// writes the same bytes there again.
		je := j0 + nj - k.cols
		for i0 := 0; i0 < n; i0 += ti {
			ni := min(ti, n-i0)
			bi := ni - ni%k.rows
			ie := i0 + ni - k.rows // likewise for rows
			run(i0, j0, bi, bj, nt)
			if bj < nj {
				run(i0, je, bi, k.cols, nt)
			}
			if bi < ni {
				run(ie, j0, k.rows, bj, false)
				if bj < nj {
					run(ie, je, k.rows, k.cols, false)
				}
			}
		}
	}
	return !bad
}

// conflicting reports whether rows stride bytes apart fall into so few sets
// of a typical L1 (64-byte lines, 64 sets: addresses 4 KiB apart share a
// set) that a tile's rows evict each other: 16 sets or fewer.
func conflicting(stride int) bool {
	g := 4096
	for r := stride % 4096; r != 0; {
		g, r = r, g%r
	}
	return g >= 256
}

// boolsIn reports whether the source items of rows [i0, i1) and columns
// [j0, j1) are all 0 or 1.
func boolsIn(src []byte, sstride, i0, i1, j0, j1 int) bool {
	var or uint64
	for i := i0; i < i1; i++ {
		b := src[i*sstride+j0 : i*sstride+j1]
		for len(b) >= 8 {
			or |= binary.LittleEndian.Uint64(b)
			b = b[8:]
		}
		for _, v := range b {
			or |= uint64(v)
		}
	}
	return or&0xfefefefefefefefe == 0
}

// tposeRange transposes the items of src rows [i0, i1) and columns
// [j0, j1), strides in items.
func tposeRange(dst []byte, dstride int, src []byte, sstride int, size, i0, i1, j0, j1 int) {
	if i0 >= i1 || j0 >= j1 {
		return
	}
	switch size {
	case 1:
		tposeGo(itemsOf[[1]byte](dst), dstride, itemsOf[[1]byte](src), sstride, i0, i1, j0, j1)
	case 2:
		tposeGo(itemsOf[[2]byte](dst), dstride, itemsOf[[2]byte](src), sstride, i0, i1, j0, j1)
	case 4:
		tposeGo(itemsOf[[4]byte](dst), dstride, itemsOf[[4]byte](src), sstride, i0, i1, j0, j1)
	case 8:
		tposeGo(itemsOf[[8]byte](dst), dstride, itemsOf[[8]byte](src), sstride, i0, i1, j0, j1)
	case 16:
		tposeGo(itemsOf[[16]byte](dst), dstride, itemsOf[[16]byte](src), sstride, i0, i1, j0, j1)
	default:
		// Items of any other width (strings, 4 bytes a character): one
		// copy() each.
		for i := i0; i < i1; i++ {
			for j := j0; j < j1; j++ {
				d, s := (j*dstride+i)*size, (i*sstride+j)*size
				copy(dst[d:d+size], src[s:s+size])
			}
		}
	}
}

// tposeStacked is tposeRange through a small square tile on the stack,
// for strides whose rows share a few cache sets: the tile is filled from
// source rows and emptied into destination rows, each side read or written
// in runs of at least a cache line, so that no line is needed twice. (It
// was the whole transpose before the kernels.)
func tposeStacked(dst []byte, dstride int, src []byte, sstride int, size, i0, i1, j0, j1 int) {
	switch size {
	case 1:
		tposeTile(itemsOf[[1]byte](dst), dstride, itemsOf[[1]byte](src), sstride, i0, i1, j0, j1)
	case 2:
		tposeTile(itemsOf[[2]byte](dst), dstride, itemsOf[[2]byte](src), sstride, i0, i1, j0, j1)
	case 4:
		tposeTile(itemsOf[[4]byte](dst), dstride, itemsOf[[4]byte](src), sstride, i0, i1, j0, j1)
	case 8:
		tposeTile(itemsOf[[8]byte](dst), dstride, itemsOf[[8]byte](src), sstride, i0, i1, j0, j1)
	case 16:
		tposeTile(itemsOf[[16]byte](dst), dstride, itemsOf[[16]byte](src), sstride, i0, i1, j0, j1)
	default:
		tposeRange(dst, dstride, src, sstride, size, i0, i1, j0, j1)
	}
}

// stackTileBytes is the size of tposeTile's buffer: 8x8 items of 16 bytes,
// 64x64 of 1 byte.
const stackTileBytes = 4096

func tposeTile[E item](dst []E, dstride int, src []E, sstride int, i0, i1, j0, j1 int) {
	var local [stackTileBytes]byte
	var zero E
	t := max(64/len(zero), 8) // items a side: a cache line or more
	tb := itemsOf[E](local[:])[:t*t]
	for ib := i0; ib < i1; ib += t {
		ni := min(t, i1-ib)
		for jb := j0; jb < j1; jb += t {
			nj := min(t, j1-jb)
			// Source rows ib.. into the buffer, transposed.
			for i := range ni {
				row := src[(ib+i)*sstride+jb:][:nj]
				for j, v := range row {
					tb[j*t+i] = v
				}
			}
			// The buffer's rows out as destination rows jb...
			for j := range nj {
				copy(dst[(jb+j)*dstride+ib:][:ni], tb[j*t:][:ni])
			}
		}
	}
}

// item is a numpy item of a width the kernels know, moved as one value.
type item interface {
	[1]byte | [2]byte | [4]byte | [8]byte | [16]byte
}

// itemsOf views b as items of N bytes. [N]byte has alignment 1, so any b
// qualifies, and it holds no pointers.
func itemsOf[E item](b []byte) []E {
	var zero E
	if len(b) < len(zero) {
		return nil
	}
	return unsafe.Slice((*E)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/len(zero))
}

// tposeGo is the portable kernel: four source rows at a time, so that
// each step writes four adjacent destination items, then the rows left.
func tposeGo[E item](dst []E, dstride int, src []E, sstride int, i0, i1, j0, j1 int) {
	i := i0
	for ; i+4 <= i1; i += 4 {
		s0 := src[i*sstride : i*sstride+j1]
		s1 := src[(i+1)*sstride:][:len(s0)]
		s2 := src[(i+2)*sstride:][:len(s0)]
		s3 := src[(i+3)*sstride:][:len(s0)]
		for j := j0; j < len(s0); j++ {
			// One by one: a parallel assignment would go through
			// temporaries on the stack, as if d could alias the rows.
			d := dst[j*dstride+i:][:4]
			d[0] = s0[j]
			d[1] = s1[j]
			d[2] = s2[j]
			d[3] = s3[j]
		}
	}
	for ; i < i1; i++ {
		for j, v := range src[i*sstride+j0 : i*sstride+j1] {
			dst[(j0+j)*dstride+i] = v
		}
	}
}
