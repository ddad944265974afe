package typed

import (
	"encoding/binary"
	"testing"
)

// npyHeader wraps a header dict in a version 1.0 preamble, padded with
// spaces and a newline to a multiple of 64 bytes as np.save pads it.
func npyHeader(dict string) []byte {
	b := append([]byte(Magic), 1, 0, 0, 0)
	b = append(b, dict...)
	for (len(b)+1)%headerAlign != 0 {
		b = append(b, ' ')
	}
	b = append(b, '\n')
	binary.LittleEndian.PutUint16(b[8:], uint16(len(b)-10))
	return b
}

// BenchmarkParseHeader reads small headers: the np.save form (the fast
// path), and forms that take the general parser: another key order, a
// numpy char code and a dtype name as descr.
func BenchmarkParseHeader(b *testing.B) {
	for _, c := range []struct{ name, dict string }{
		{"npsave", "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 3), }"},
		{"keyorder", "{'shape': (3, 3), 'fortran_order': False, 'descr': '<f8'}"},
		{"charcode", "{'descr': 'd', 'fortran_order': False, 'shape': (3, 3), }"},
		{"name", "{'descr': 'float64', 'fortran_order': False, 'shape': (3, 3), }"},
	} {
		hdr := npyHeader(c.dict)
		if _, err := ParseHeader(hdr, Limits{}); err != nil {
			b.Logf("%s: %v", c.name, err)
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseHeader(hdr, Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseDType parses one spelling of each form.
func BenchmarkParseDType(b *testing.B) {
	for _, s := range []string{"<f8", "|b1", "float64", "double", "d", "<U10", "str320"} {
		if _, _, err := parseDType([]byte(s)); err != nil {
			b.Logf("%s: %v", s, err)
			continue
		}
		in := []byte(s)
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := parseDType(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
