package generic

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
)

func roundTrip[T Num](t *testing.T, data []T, rows, cols int) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, data, rows, cols); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	hlen := int(binary.LittleEndian.Uint16(b[8:10]))
	if (10+hlen)%64 != 0 || b[10+hlen-1] != '\n' {
		t.Fatalf("header not 64-aligned or not newline-terminated: %q", b[:10+hlen])
	}
	got, r, c, err := Read[T](bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r != rows || c != cols || !reflect.DeepEqual(got, data) {
		t.Fatalf("got (%d, %d) %v, want (%d, %d) %v", r, c, got, rows, cols, data)
	}
}

func TestRoundTrip(t *testing.T) {
	roundTrip(t, []float64{1.5, -2, 3, 4, 5, 6}, 2, 3)
	roundTrip(t, []int32{-1, 2, 3, 1 << 30}, 4, 1)
	roundTrip(t, []bool{true, false, true}, 1, 3)
	roundTrip(t, []complex128{1 + 2i, -3i}, 2, 1)
	roundTrip(t, []int64{-1 << 62, 7}, 1, 2)
	roundTrip(t, []uint8{}, 0, 5)
}

func TestHeaderText(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, make([]float64, 6), 2, 3); err != nil {
		t.Fatal(err)
	}
	want := "\x93NUMPY\x01\x00\x76\x00{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
	if got := buf.String(); !strings.HasPrefix(got, want) || len(got) != 128+48 {
		t.Fatalf("got %q", got)
	}
}

func TestReadRejects(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, []int32{1, 2}, 1, 2); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := Read[float64](bytes.NewReader(buf.Bytes())); err == nil {
		t.Error("reading <i4 as float64: want error")
	}
	if err := Write(&buf, []int32{1, 2}, 2, 2); err == nil {
		t.Error("shape/len mismatch: want error")
	}
	if _, _, _, err := Read[int32](strings.NewReader("not npy at all")); err == nil {
		t.Error("bad magic: want error")
	}
}
