package typed_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/typed"
)

// A file's dtype and shape, without reading its data: a 3-D file too.
func ExampleReadInfo() {
	file, err := generated.NewFloat64Array2D(3, 4).MarshalBinary() // np.save's bytes
	if err != nil {
		log.Fatal(err)
	}
	f := bytes.NewReader(file)

	info, err := typed.ReadInfo(f, typed.Limits{}) // f: any io.Reader
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info) // <f8 (3, 4)
	// Output: <f8 (3, 4)
}
