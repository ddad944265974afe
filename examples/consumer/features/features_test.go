package features

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// python runs a numpy script from Debian's /usr/bin/python3; without numpy
// the test is skipped, except under CI=true where it fails.
func python(t *testing.T, dir, script string) {
	t.Helper()
	if out, err := exec.Command("/usr/bin/python3", "-c", "import numpy").CombinedOutput(); err != nil {
		msg := "numpy missing (apt-get install -y python3-numpy): " + string(out)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	cmd := exec.Command("/usr/bin/python3", "-c", "import numpy as np\n"+script)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
}

// TestWithNumpy reads numpy's files into the generated types, checks the
// package's own functions against numpy's answers, and has numpy read what
// Go writes.
func TestWithNumpy(t *testing.T) {
	dir := t.TempDir()
	python(t, dir, `
rng = np.random.default_rng(7)
x = rng.standard_normal((50, 8)).astype(np.float32)
np.save("x.npy", x)
np.save("means.npy", x.astype(np.float64).mean(axis=1))
np.save("labels.npy", rng.integers(0, 3, size=(50, 2)))
`)
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	var x Float32Matrix
	if _, err := x.ReadFrom(open("x.npy")); err != nil {
		t.Fatal(err)
	}
	m, err := VectorReadNPY(open("means.npy")) // the second run's dispatch
	if err != nil {
		t.Fatal(err)
	}
	want := m.(*Float64Vector)
	if want.NDim() != 1 || want.Cols != 50 {
		t.Fatalf("means.npy read as %v, want numpy's (50,)", want.NumpyShape())
	}
	for i, got := range RowMeans(&x) {
		if w := want.Data[i]; math.Abs(got-w) > 1e-12 {
			t.Fatalf("row %d mean %v, numpy says %v", i, got, w)
		}
	}
	labels, err := ReadNPY(open("labels.npy"))
	if err != nil {
		t.Fatal(err)
	}
	counts := Labels(labels.(*Int64Matrix), 0)
	if counts[0]+counts[1]+counts[2] != 50 {
		t.Fatalf("labels %v do not add up to 50 rows", counts)
	}

	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "back.npy"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	python(t, dir, `
a, b = np.load("x.npy"), np.load("back.npy")
assert a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
assert open("x.npy", "rb").read() == open("back.npy", "rb").read(), "not byte-identical to np.save"
`)
}
