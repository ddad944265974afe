package typed_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/npy2d/npy2d/generated"
)

// TestReaderErrorsPassThrough: when the reader itself fails (a network
// error, not the end of the data), the error wraps the reader's, says what
// was being read at which byte, and is not mistaken for truncation.
func TestReaderErrorsPassThrough(t *testing.T) {
	errNet := errors.New("connection reset")
	file := v1(i2, d12)
	for _, tc := range []struct {
		n    int
		frag string
	}{
		{0, "reading preamble at byte 0"},
		{5, "reading preamble at byte 5"},
		{20, "reading header at byte 20"},
		{3, "reading preamble at byte 3"},
		{len(file) - 3, fmt.Sprintf("reading data at byte %d", len(file)-3)},
		{7, "reading preamble at byte 7"},
		{11, "reading header at byte 11"},
	} {
		r := io.MultiReader(bytes.NewReader(file[:tc.n]), iotest.ErrReader(errNet))
		_, err := generated.ReadNPY(r)
		if !errors.Is(err, errNet) || errors.Is(err, io.ErrUnexpectedEOF) || !strings.Contains(err.Error(), tc.frag) {
			t.Errorf("reader failing after %d bytes: %v, want %q wrapping the reader's error", tc.n, err, tc.frag)
		}
	}
}
