// Package plural writes counts in error messages: "1 byte", "2 bytes".
package plural

import "strconv"

// N returns n and noun, with an s unless n is 1 or -1: N(1, "row") is
// "1 row", N(0, "row") is "0 rows". The noun must take a plain s.
func N(n int, noun string) string {
	s := strconv.Itoa(n) + " " + noun
	if n != 1 && n != -1 {
		s += "s"
	}
	return s
}
