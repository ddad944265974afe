package npy2d_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// TestSeedsAreNumpys reruns testdata/make_seeds.py and compares its output
// with the committed seeds byte for byte: the fuzzers start from files
// numpy really writes, and the corpus cannot drift from the script.
func TestSeedsAreNumpys(t *testing.T) {
	py := numpytest.Python(t)
	dir := t.TempDir()
	args := []string{filepath.Join("testdata", "make_seeds.py"), dir}
	for _, dt := range typed.DTypes() {
		if !dt.Flexible() { // the script writes its string seeds itself
			args = append(args, dt.Name)
		}
	}
	t.Logf("regenerate with: %s %s", py, strings.Join(append(args[:1:1], append([]string{"testdata/seeds"}, args[2:]...)...), " "))
	if out, err := exec.Command(py, args...).CombinedOutput(); err != nil {
		t.Fatalf("make_seeds.py: %v\n%s", err, out)
	}
	fresh, _ := filepath.Glob(filepath.Join(dir, "*"))
	kept, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*"))
	if len(fresh) != len(kept) {
		t.Fatalf("make_seeds.py writes %d files, testdata/seeds holds %d: rerun it", len(fresh), len(kept))
	}
	for _, p := range fresh {
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join("testdata", "seeds", filepath.Base(p)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("testdata/seeds/%s differs from what make_seeds.py writes (%v): rerun it", filepath.Base(p), err)
		}
	}
}

// TestSeedVerdicts: every ok_ seed decodes and re-encodes; every bad_ seed
// is refused with ErrShape (rank 3) or ErrDType naming the dtype.
func TestSeedVerdicts(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.npy"))
	if len(names) == 0 {
		t.Fatal("no seeds")
	}
	for _, n := range names {
		file, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(n)
		a, err := generated.ReadNPY(bytes.NewReader(file))
		switch {
		case strings.HasPrefix(base, "ok_"):
			if err != nil {
				t.Errorf("%s: %v", base, err)
				continue
			}
			if !strings.HasPrefix(base, "ok_"+a.DType().Name+"_") {
				t.Errorf("%s read as %s", base, a.DType())
			}
			checkReencodes(t, a)
		case strings.HasPrefix(base, "bad_rank"):
			if !errors.Is(err, typed.ErrShape) {
				t.Errorf("%s: %v, want ErrShape", base, err)
			}
		default:
			if !errors.Is(err, typed.ErrDType) || !strings.Contains(err.Error(), "dtype") {
				t.Errorf("%s: %v, want ErrDType naming it", base, err)
			}
			t.Logf("%s: %v", base, err)
		}
	}
}
