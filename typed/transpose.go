package typed

import "unsafe"

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
// laneMask) to apply to every item on the way. bad reports a byte other
// than 0 or 1 among 1-byte items, for bool data.
type tposeKernel struct {
	rows, cols int
	f          func(dst *byte, dstride int, src *byte, sstride int, n, m int, mask *[32]byte) (bad bool)
}

var (
	// tileBytes is the width of a strip, in bytes of a source row: a few
	// cache lines, so that the kernel's bands reuse each line it loads.
	tileBytes = 256
	// tileRows is how many source rows a tile takes: as many lines of the
	// source as L1 keeps comfortably (256 x 64 bytes, 16 KiB), and runs of
	// a few hundred bytes in each destination row.
	tileRows = 256
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
	ti, tj := tileRows, max(tileBytes/size, 1)
	if k.f != nil {
		ti, tj = max(ti-ti%k.rows, k.rows), max(tj-tj%k.cols, k.cols)
	}
	ok := true
	for j0 := 0; j0 < m; j0 += tj {
		nj := min(tj, m-j0)
		for i0 := 0; i0 < n; i0 += ti {
			ni := min(ti, n-i0)
			bi, bj := 0, 0 // the block the kernel does
			if k.f != nil {
				bi, bj = ni-ni%k.rows, nj-nj%k.cols
			}
			if bi > 0 && bj > 0 {
				d := unsafe.SliceData(dst[(j0*dstride+i0)*size:])
				s := unsafe.SliceData(src[(i0*sstride+j0)*size:])
				if k.f(d, dstride*size, s, sstride*size, bi, bj, mask) {
					ok = false
				}
			} else {
				bi, bj = 0, 0
			}
			// The rest in Go: the kernel's rows beyond its columns, then
			// the rows below its block.
			if bj < nj {
				tposeRange(dst, dstride, src, sstride, size, i0, i0+bi, j0+bj, j0+nj)
			}
			if bi < ni {
				tposeRange(dst, dstride, src, sstride, size, i0+bi, i0+ni, j0, j0+nj)
			}
			if bools && (bj < nj || bi < ni) && !boolsIn(src, sstride, i0, i0+ni, j0, j0+nj, bi, bj) {
				ok = false
			}
			if swap > 1 {
				// What no kernel swapped, while it is in L1: the items
				// the Go code moved, or the whole tile.
				if mask == nil {
					bi, bj = 0, 0
				}
				swapItems(dst, dstride, size, swap, j0+bj, j0+nj, i0, i0+bi)
				swapItems(dst, dstride, size, swap, j0, j0+nj, i0+bi, i0+ni)
			}
		}
	}
	return ok
}

// swapItems reverses the swap-byte words of items [i0, i1) of dst rows
// [j0, j1).
func swapItems(dst []byte, dstride, size, swap, j0, j1, i0, i1 int) {
	if i0 >= i1 {
		return
	}
	for j := j0; j < j1; j++ {
		Swap(dst[(j*dstride+i0)*size:(j*dstride+i1)*size], swap)
	}
}

// boolsIn reports whether the source items of rows [i0, i1) and columns
// [j0, j1) that a kernel did not read (those outside its bi x bj block at
// the corner) are all 0 or 1.
func boolsIn(src []byte, sstride, i0, i1, j0, j1, bi, bj int) bool {
	var or byte
	for i := i0; i < i1; i++ {
		from := j0
		if i < i0+bi {
			from = j0 + bj
		}
		for _, v := range src[i*sstride+from : i*sstride+j1] {
			or |= v
		}
	}
	return or <= 1
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
			d := dst[j*dstride+i:][:4]
			d[0], d[1], d[2], d[3] = s0[j], s1[j], s2[j], s3[j]
		}
	}
	for ; i < i1; i++ {
		for j, v := range src[i*sstride+j0 : i*sstride+j1] {
			dst[(j0+j)*dstride+i] = v
		}
	}
}
