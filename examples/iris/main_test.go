package main

import (
	"bytes"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/npz"
	"github.com/npy2d/npy2d/typed"
)

// TestIris runs train.py with real scikit-learn, then the Go program on the
// same flowers: its probabilities must be within 1e-12 of predict_proba and
// its labels exactly predict's. numpy then reads the archive Go wrote.
func TestIris(t *testing.T) {
	py := numpytest.Sklearn(t)
	dir := t.TempDir()
	cmd := exec.Command(py, "train.py", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("train.py: %v\n%s", err, stderr.String())
	}
	path := func(name string) string { return filepath.Join(dir, name) }

	var stdout bytes.Buffer
	if err := run([]string{"-model", path("model.npz"), "-out", path("go.npz"), path("flowers.npy")}, &stdout); err != nil {
		t.Fatal(err)
	}
	got, err := npz.Open(path("go.npz"))
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	want, err := npz.Open(path("sklearn.npz"))
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()

	proba, wantProba := float64Pair(t, got, want, "predict_proba")
	worst := 0.0
	for i, p := range proba.Data {
		worst = max(worst, math.Abs(p-wantProba.Data[i]))
	}
	if worst > 1e-12 {
		t.Errorf("predict_proba: max abs error %g, want <= 1e-12", worst)
	}

	labels, wantLabels := stringPair(t, got, want, "predict")
	wrong := 0
	for i, l := range labels.Data {
		if l != wantLabels.Data[i] {
			wrong++
			if wrong <= 5 {
				t.Errorf("flower %d: Go says %s, scikit-learn %s", i, l, wantLabels.Data[i])
			}
		}
	}
	if lines := strings.Count(stdout.String(), "\n"); lines != len(wantLabels.Data) {
		t.Errorf("printed %d lines for %d flowers", lines, len(wantLabels.Data))
	}
	t.Logf("%d flowers: max abs error of predict_proba %g, %d labels differ", len(labels.Data), worst, wrong)

	// numpy reads what Go wrote back, with sklearn's dtypes and shapes.
	numpytest.Run(t, dir, `
got, want = np.load("go.npz"), np.load("sklearn.npz")
for k in ("predict_proba", "predict"):
    g, w = got[k], want[k]
    assert g.dtype == w.dtype and g.shape == w.shape, (k, g.dtype, g.shape, w.dtype, w.shape)
assert np.array_equal(got["predict"], want["predict"])
assert np.abs(got["predict_proba"] - want["predict_proba"]).max() <= 1e-12
`)
}

func float64Pair(t *testing.T, got, want *npz.Reader, key string) (g, w *generated.Float64Array2D) {
	t.Helper()
	a, b := pair(t, got, want, key)
	g, ok1 := a.(*generated.Float64Array2D)
	w, ok2 := b.(*generated.Float64Array2D)
	if !ok1 || !ok2 {
		t.Fatalf("%s: Go wrote %s, scikit-learn %s", key, a.DType(), b.DType())
	}
	return g, w
}

func stringPair(t *testing.T, got, want *npz.Reader, key string) (g, w *generated.StringArray2D) {
	t.Helper()
	a, b := pair(t, got, want, key)
	g, ok1 := a.(*generated.StringArray2D)
	w, ok2 := b.(*generated.StringArray2D)
	if !ok1 || !ok2 {
		t.Fatalf("%s: Go wrote %s, scikit-learn %s", key, a.DType(), b.DType())
	}
	return g, w
}

// pair loads key from both archives, which must agree on numpy's shape.
func pair(t *testing.T, got, want *npz.Reader, key string) (g, w typed.Array) {
	t.Helper()
	g, err := got.Array(key)
	if err != nil {
		t.Fatalf("Go's %s: %v", key, err)
	}
	w, err = want.Array(key)
	if err != nil {
		t.Fatalf("scikit-learn's %s: %v", key, err)
	}
	if !slices.Equal(g.NumpyShape(), w.NumpyShape()) {
		t.Fatalf("%s: Go wrote shape %v, scikit-learn %v", key, g.NumpyShape(), w.NumpyShape())
	}
	return g, w
}
