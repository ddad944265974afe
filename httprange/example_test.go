package httprange_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/npy2d/npy2d"
	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/httprange"
	"github.com/npy2d/npy2d/ranged"
)

// Rows of a .npy file on an HTTP server that honours Range (a presigned S3
// or GCS URL, or here a static file server): the first response brings the
// header, each ReadInto is one GET of the rows asked for.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "httprange-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	features := generated.NewFloat32Array2D(6, 2)
	for i := range features.Data {
		features.Data[i] = float32(i)
	}
	if err := npy2d.SaveNPY(filepath.Join(dir, "features.npy"), features); err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	ctx, url := context.Background(), srv.URL+"/features.npy"

	ra, err := httprange.Open(ctx, http.DefaultClient, url) // a presigned URL, or any server that honours Range
	if err != nil {
		log.Fatal(err)
	}
	r, err := ranged.Open(ra, ra.Size()) // the header came with the first response: no second request
	if err != nil {
		log.Fatal(err)
	}
	part := generated.NewFloat32Array2D(0, 0)
	if err := r.ReadInto(part, 2, 4); err != nil { // one GET of rows [2, 4)
		log.Fatal(err)
	}
	fmt.Println(part.Data)
	// Output: [4 5 6 7]
}
