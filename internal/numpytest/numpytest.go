// Package numpytest runs real NumPy for tests: the judge of compatibility.
//
// numpy comes from Debian's python3-numpy, which installs it for
// /usr/bin/python3; the python3 first on PATH may be another interpreter
// without it. Without numpy a test is skipped with a message, except under
// CI=true, where a missing numpy fails the test.
package numpytest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/npy2d/npy2d/typed"
)

// Interpreter is the Python that has numpy.
const Interpreter = "/usr/bin/python3"

var (
	probeOnce sync.Once
	probeErr  string
)

// Python returns the interpreter to run, after checking numpy imports; it
// skips t (fails it under CI=true) when numpy is missing.
func Python(t testing.TB) string {
	t.Helper()
	probeOnce.Do(func() {
		out, err := exec.Command(Interpreter, "-c", "import numpy").CombinedOutput()
		if err != nil {
			probeErr = err.Error() + ": " + string(out)
		}
	})
	if probeErr != "" {
		msg := "numpy is not available at " + Interpreter + " (apt-get install -y python3-numpy): " + probeErr
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return Interpreter
}

// prelude starts every script: numpy as np, DTYPES (the dtype table's
// numeric numpy names, so that scripts do not list them again) and
// random_array(rng, dt, shape), random bytes of dtype dt (0 or 1 for bool).
var prelude = `import sys
import numpy as np
DTYPES = ['` + strings.Join(dtypeNames(), "', '") + `']

def random_array(rng, dt, shape):
    dt = np.dtype(dt)
    if dt.kind == 'b':
        return rng.integers(0, 2, size=shape).astype(bool)
    n = int(np.prod(shape)) * dt.itemsize
    return np.frombuffer(rng.integers(0, 256, size=n, dtype=np.uint8).tobytes(), dtype=dt).reshape(shape).copy()

`

func dtypeNames() []string {
	var names []string
	for _, dt := range typed.DTypes() {
		if !dt.Flexible() { // string arrays have tests of their own
			names = append(names, dt.Name)
		}
	}
	return names
}

// Run runs a Python script after the prelude (numpy as np, DTYPES,
// random_array), in dir, with args as sys.argv[1:], and returns its
// standard output. A failing script fails t with its standard error.
func Run(t testing.TB, dir, script string, args ...string) []byte {
	t.Helper()
	py := Python(t)
	cmd := exec.Command(py, append([]string{"-c", prelude + script}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("python failed: %v\n%s", err, stderr.String())
	}
	return stdout.Bytes()
}

// ReadFile returns dir/name, the way fixtures numpy wrote are read back;
// an error fails t.
func ReadFile(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// WriteFile writes b to dir/name for numpy to read; an error fails t.
func WriteFile(t testing.TB, dir, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
