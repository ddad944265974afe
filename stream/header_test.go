package stream_test

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// TestHeaderLengthIndependentOfRows checks what Writer relies on to rewrite
// the header in place: AppendHeader's length does not depend on the number
// of digits in the row count, for every dtype and column counts of any
// width, up to the largest int.
func TestHeaderLengthIndependentOfRows(t *testing.T) {
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		for _, cols := range []int{0, 1, 9, 10, 12345, math.MaxInt / 7, math.MaxInt} {
			want := len(typed.Impl.AppendHeader(nil, dt, 2, 0, cols))
			for rows := 1; ; rows *= 10 {
				for _, r := range []int{rows - 1, rows} {
					if got := len(typed.Impl.AppendHeader(nil, dt, 2, r, cols)); got != want {
						t.Fatalf("%s: header for (%d, %d) is %d bytes, for (0, %d) %d", dt.Name, r, cols, got, cols, want)
					}
				}
				if rows > math.MaxInt/10 {
					break
				}
			}
			if got := len(typed.Impl.AppendHeader(nil, dt, 2, math.MaxInt, cols)); got != want {
				t.Fatalf("%s: header for (MaxInt, %d) is %d bytes, want %d", dt.Name, cols, got, want)
			}
		}
	}
}

// TestHeaderMatchesNumpyForAnyRows asks numpy for the header it writes for
// row counts of 1 to 19 digits (its header writer, as np.save and
// open_memmap call it) and compares with AppendHeader byte for byte: the
// header Writer fixes at Close is numpy's for every row count.
func TestHeaderMatchesNumpyForAnyRows(t *testing.T) {
	var dts []string // the table's numeric rows
	for _, dt := range typed.DTypes() {
		if !dt.Flexible() {
			dts = append(dts, dt.Name)
		}
	}
	rowsList := []int{0, 7, 10, 123456789, math.MaxInt / 9, math.MaxInt}
	var script strings.Builder
	script.WriteString("import io\nfor descr, rows, cols in [")
	var want [][]byte
	for _, name := range dts {
		dt := typed.Impl.MustDType(name)
		for _, rows := range rowsList {
			for _, cols := range []int{0, 3, math.MaxInt / 7} {
				fmt.Fprintf(&script, "(%q, %d, %d), ", dt.Descr(), rows, cols)
				want = append(want, typed.Impl.AppendHeader(nil, dt, 2, rows, cols))
			}
		}
	}
	script.WriteString(`]:
    f = io.BytesIO()
    np.lib.format._write_array_header(f, {"descr": descr, "fortran_order": False, "shape": (rows, cols)})
    print(f.getvalue().hex())
`)
	out := numpytest.Run(t, t.TempDir(), script.String())
	lines := bytes.Fields(out)
	if len(lines) != len(want) {
		t.Fatalf("numpy printed %d headers, want %d", len(lines), len(want))
	}
	for i, l := range lines {
		got, err := hex.DecodeString(string(l))
		if err != nil {
			t.Fatal(err)
		}
		sameBytes(t, fmt.Sprintf("numpy header %d", i), want[i], got)
	}
}
