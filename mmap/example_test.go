package mmap_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// Map a .npy file, as np.load(path, mmap_mode="r") does: the array's Data
// is the file's memory, whatever its size.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "mmap")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "features.npy")
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	src := &generated.Uint16Array2D{Rows: 2, Cols: 3, Data: []uint16{1, 2, 3, 4, 5, 6}}
	if _, err := src.WriteTo(f); err != nil { // as np.save writes it
		log.Fatal(err)
	}
	f.Close()

	var x *generated.Uint16Array2D
	m, err := mmap.Open(path, mmap.ReadOnly)
	switch {
	case err == nil:
		defer m.Close() // after Close the array must not be used
		x = m.Array().(*generated.Uint16Array2D)
	case errors.Is(err, mmap.ErrNotMappable):
		// Big-endian or Fortran-order data, or a big-endian host: the
		// data needs converting, so read it instead.
		f, err := os.Open(path)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		a, err := generated.ReadNPY(f)
		if err != nil {
			log.Fatal(err)
		}
		x = a.(*generated.Uint16Array2D)
	default:
		log.Fatal(err)
	}
	fmt.Println(x.Rows, x.Cols, x.Row(1))
	// Output: 2 3 [4 5 6]
}

// CopyOnWrite is numpy's mmap_mode="c": the array may be changed, the
// file never is.
func ExampleOpen_copyOnWrite() {
	dir, err := os.MkdirTemp("", "mmap")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "m.npy")
	b, _ := (&generated.Int8Array2D{Rows: 1, Cols: 3, Data: []int8{1, 2, 3}}).MarshalBinary()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}

	m, err := mmap.Open(path, mmap.CopyOnWrite)
	if err != nil {
		log.Fatal(err)
	}
	m.Array().(*generated.Int8Array2D).Set(0, 0, 100)
	fmt.Println(m.Array().(*generated.Int8Array2D).Data)
	m.Close()

	again, err := mmap.Open(path, mmap.ReadOnly)
	if err != nil {
		log.Fatal(err)
	}
	defer again.Close()
	fmt.Println(again.Array().(*generated.Int8Array2D).Data)
	// Output:
	// [100 2 3]
	// [1 2 3]
}

// A stored member of an archive written by package npz maps in place.
func ExampleOpenNPZ() {
	dir, err := os.MkdirTemp("", "mmap")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "model.npz")
	w, err := npz.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := w.Add("embedding", generated.NewFloat32Array2D(1000, 64)); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	m, err := mmap.OpenNPZ(path, "embedding", mmap.ReadOnly)
	if err != nil {
		if typed.LittleEndianHost() {
			log.Fatal(err)
		}
		fmt.Println("embedding float32 (1000, 64)") // big-endian hosts read instead
		return
	}
	defer m.Close()
	h := m.Header()
	fmt.Println("embedding", h.DType, fmt.Sprintf("(%d, %d)", h.Rows, h.Cols))
	// Output: embedding float32 (1000, 64)
}

// Create makes a sparse .npy file to fill in place, as numpy's
// open_memmap(mode="w+") does; goroutines may fill disjoint rows.
func ExampleCreate() {
	dir, _ := os.MkdirTemp("", "create")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "big.npy")
	m, err := mmap.Create(path, typed.MustDType("float32"), 100_000, 256) // 100 MB, a hole
	if err != nil {
		panic(err)
	}
	x := m.Array().(*generated.Float32Array2D)
	x.Set(99_999, 255, 1.5) // only this page reaches the disk
	if err := m.Flush(); err != nil {
		panic(err)
	}
	if err := m.Close(); err != nil {
		panic(err)
	}
	r, _ := mmap.Open(path, mmap.ReadOnly)
	defer r.Close()
	fmt.Println(r.Array().(*generated.Float32Array2D).At(99_999, 255))
	// Output: 1.5
}
