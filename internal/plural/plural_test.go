package plural

import "testing"

func TestN(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 bytes"}, {1, "1 byte"}, {2, "2 bytes"}, {-1, "-1 byte"}, {-2, "-2 bytes"}} {
		if got := N(c.n, "byte"); got != c.want {
			t.Errorf("N(%d, byte) = %q, want %q", c.n, got, c.want)
		}
	}
}
