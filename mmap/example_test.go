package mmap_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"

	"github.com/npy2d/npy2d"
	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/mmap"
	"github.com/npy2d/npy2d/npz"
)

// Map a .npy file, as np.load(path, mmap_mode="r") does: the array's Data
// is the file's memory, whatever its size. Data that needs converting is
// refused with ErrNotMappable, and read instead: the member of an archive
// that np.savez wrote (model.npz, from numpy, holds "a", float64 data at
// byte 183, not aligned to 8 bytes) and, on a big-endian host, any of
// numpy's usual little-endian files.
func ExampleOpen() {
	numpys, err := os.ReadFile(filepath.Join("..", "npz", "testdata", "small.npz"))
	if err != nil {
		log.Fatal(err)
	}
	defer inTempDir()()
	if err := os.WriteFile("model.npz", numpys, 0o644); err != nil {
		log.Fatal(err)
	}
	features := &generated.Float64Array2D{Rows: 2, Cols: 3, Data: []float64{1, 2, 3, 4, 5, 6}}
	if err := npy2d.SaveNPY("features.npy", features); err != nil { // np.save's bytes
		log.Fatal(err)
	}

	var x *generated.Float64Array2D
	m, err := mmap.Open("features.npy", mmap.ReadOnly) // or mmap.CopyOnWrite
	switch {
	case err == nil:
		defer m.Close()                           // the array must not be used after Close
		x = m.Array().(*generated.Float64Array2D) // x.Data is the file
	case errors.Is(err, mmap.ErrNotMappable): // the data needs converting: read it instead
		a, err := npy2d.LoadNPY("features.npy")
		if err != nil {
			log.Fatal(err)
		}
		x = a.(*generated.Float64Array2D)
	default:
		log.Fatal(err)
	}
	fmt.Println(x.Rows, x.Cols, x.Row(1)) // 2 3 [4 5 6]

	// A stored .npz member maps when its data is aligned, as in archives
	// that package npz writes. np.savez's members rarely are: read those.
	var y *generated.Float64Array2D
	mz, err := mmap.OpenNPZ("model.npz", "a", mmap.ReadOnly)
	switch {
	case err == nil:
		defer mz.Close()
		y = mz.Array().(*generated.Float64Array2D)
	case errors.Is(err, mmap.ErrNotMappable):
		r, err := npz.Open("model.npz")
		if err != nil {
			log.Fatal(err)
		}
		defer r.Close()
		a, err := r.Array("a")
		if err != nil {
			log.Fatal(err)
		}
		y = a.(*generated.Float64Array2D)
	default:
		log.Fatal(err)
	}
	fmt.Println(y.Row(1)) // [3 4 5]
	// Output:
	// 2 3 [4 5 6]
	// [3 4 5]
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
	if errors.Is(err, mmap.ErrNotMappable) && binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		fmt.Println("embedding float32 (1000, 64)") // a big-endian host: read it instead
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close()
	h := m.Header()
	fmt.Println("embedding", h.DType, fmt.Sprintf("(%d, %d)", h.Rows, h.Cols))
	// Output: embedding float32 (1000, 64)
}

// Create makes a sparse .npy file to fill in place, as numpy's
// open_memmap(mode="w+") does; goroutines may fill disjoint rows.
func ExampleCreate() {
	defer inTempDir()()

	m, err := mmap.Create("emb.npy", generated.Float32DType, 100_000, 256) // 100 MB, a sparse file
	if err != nil {
		log.Fatal(err)
	}
	x := m.Array().(*generated.Float32Array2D)
	var wg sync.WaitGroup
	for g := range 4 { // goroutines may fill disjoint rows at once
		wg.Add(1)
		go func() {
			defer wg.Done()
			copy(x.Row(g*25_000), []float32{1.5, 2.5}) // only these pages reach the disk
		}()
	}
	wg.Wait()
	if err := m.Flush(); err != nil { // msync, then fsync: durable
		log.Fatal(err)
	}
	fmt.Println(x.At(75_000, 1))      // 2.5
	if err := m.Close(); err != nil { // np.load("emb.npy", mmap_mode="r") reads it
		log.Fatal(err)
	}
	// Output: 2.5
}

// inTempDir makes a new temporary folder the working directory, as if the
// Python side had just saved its files there. The func it returns restores
// the working directory and removes the folder.
func inTempDir() func() {
	dir, err := os.MkdirTemp("", "mmap-example")
	if err != nil {
		log.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		log.Fatal(err)
	}
	return func() {
		if err := os.Chdir(wd); err != nil {
			log.Fatal(err)
		}
		os.RemoveAll(dir)
	}
}
