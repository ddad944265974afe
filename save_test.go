package npy2d

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/npy2d/npy2d/generated"
	"github.com/npy2d/npy2d/internal/arraytest"
	"github.com/npy2d/npy2d/internal/numpytest"
	"github.com/npy2d/npy2d/typed"
)

// filled is a rows x cols array of dt holding arraytest's pattern.
func filled(t testing.TB, dt typed.DType, rows, cols int) typed.Array {
	t.Helper()
	a, err := generated.NewArray(dt, rows, cols)
	if err != nil {
		t.Fatal(err)
	}
	arraytest.Fill(a.Bytes(), dt)
	return a
}

// dirNames lists dir's entries.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestSaveLoad saves every dtype, loads it back, and has numpy read the
// files: SaveNPY writes what np.save would.
func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		a := filled(t, dt, 5, 3)
		p := filepath.Join(dir, dt.Name+".npy")
		if err := SaveNPY(p, a); err != nil {
			t.Fatal(err)
		}
		back, err := LoadNPY(p)
		if err != nil {
			t.Fatal(err)
		}
		arraytest.Same(t, back, a)
		var want bytes.Buffer
		if _, err := a.WriteTo(&want); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%s: the file differs from WriteTo", dt)
		}
		paths = append(paths, p)
	}
	if names := dirNames(t, dir); len(names) != len(paths) {
		t.Fatalf("left behind: %v", names)
	}
	out := numpytest.Run(t, dir, `
for p in sys.argv[1:]:
    a = np.load(p)
    print(a.dtype.name, a.shape[0], a.shape[1], a.astype(a.dtype.newbyteorder("<")).tobytes().hex())
`, paths...)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, dt := range typed.DTypes() {
		if dt.Flexible() { // strings: tested on their own
			continue
		}
		a := filled(t, dt, 5, 3)
		le := typed.Impl.HostOrderCopy(a.Bytes(), dt, '<')
		if want := fmt.Sprintf("%s 5 3 %x", dt.Name, le); lines[i] != want {
			t.Errorf("numpy reads %s\nwant %s", lines[i], want)
		}
	}
}

// TestSaveMode: a replaced file keeps its permission bits; a new one gets
// 0644 whatever the umask.
func TestSaveMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits are not Unix ones")
	}
	dir := t.TempDir()
	a := filled(t, typed.Impl.MustDType("int32"), 2, 2)
	fresh := filepath.Join(dir, "fresh.npy")
	if err := SaveNPY(fresh, a); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.npy")
	if err := os.WriteFile(old, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(old, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := SaveNPY(old, a); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]fs.FileMode{fresh: 0o644, old: 0o640} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", filepath.Base(p), fi.Mode().Perm(), want)
		}
	}
}

// failingWriter fails once n bytes have gone through.
type failingWriter struct {
	w io.Writer
	n int
}

var errDiskFull = errors.New("disk full")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, errDiskFull
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// TestSaveFailureCleansUp: a write that fails part-way returns the error,
// removes the temporary file and leaves the old file as it was; an
// inconsistent array creates no file at all.
func TestSaveFailureCleansUp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.npy")
	old := filled(t, typed.Impl.MustDType("float64"), 3, 3)
	if err := SaveNPY(p, old); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(p)

	saveWriter = func(f *os.File) io.Writer { return &failingWriter{w: f, n: 200} }
	defer func() { saveWriter = func(f *os.File) io.Writer { return f } }()
	err := SaveNPY(p, filled(t, typed.Impl.MustDType("float64"), 30, 30))
	if !errors.Is(err, errDiskFull) || !strings.HasPrefix(err.Error(), "npy2d: save ") {
		t.Fatalf("err %v, want the writer's error", err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, want) {
		t.Fatalf("a failed save changed the old file")
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Fatalf("left behind: %v", names)
	}

	bad := &generated.Float64Array2D{Rows: 2, Cols: 2, Data: make([]float64, 3)}
	if err := SaveNPY(filepath.Join(dir, "bad.npy"), bad); !errors.Is(err, typed.ErrShape) {
		t.Fatalf("inconsistent array: %v", err)
	}
	if err := SaveNPY(filepath.Join(dir, "missing", "a.npy"), old); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing folder: %v", err)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Fatalf("left behind: %v", names)
	}
}

// TestLoadRefuses: LoadNPY refuses bytes after the data, truncation and a
// missing file, each with an error callers can test.
func TestLoadRefuses(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	if _, err := filled(t, typed.Impl.MustDType("uint16"), 4, 4).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	file := buf.Bytes()
	for _, tc := range []struct {
		name string
		b    []byte
		err  error
	}{
		{"trailing", append(bytes.Clone(file), 0), typed.ErrFormat},
		{"truncated", file[:len(file)-1], io.ErrUnexpectedEOF},
		{"empty", nil, io.EOF},
	} {
		p := filepath.Join(dir, tc.name+".npy")
		if err := os.WriteFile(p, tc.b, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadNPY(p); !errors.Is(err, tc.err) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v, want %v naming the file", tc.name, err, tc.err)
		}
	}
	if _, err := LoadNPY(filepath.Join(dir, "none.npy")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestLoadChecksSize: a file whose header claims 8 EB fails having
// allocated little, because LoadNPY lets the decoder ask the file its size.
func TestLoadChecksSize(t *testing.T) {
	hdr := []byte(typed.Magic + "\x01\x00\x76\x00{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000000000), }")
	hdr = append(hdr, bytes.Repeat([]byte{' '}, 128-1-len(hdr))...)
	hdr = append(hdr, '\n')
	p := filepath.Join(t.TempDir(), "liar.npy")
	if err := os.WriteFile(p, append(hdr, make([]byte, 64)...), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := LoadNPY(p)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, io.ErrUnexpectedEOF) && !(math.MaxInt < 1<<32 && errors.Is(err, typed.ErrLimit)) {
		t.Fatalf("err %v", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<10 {
		t.Fatalf("a lying header cost %d bytes", got)
	}
}

// crashEnv names the file the child process of TestSaveSurvivesKill saves
// over; the child pauses mid-write and waits to be killed.
const crashEnv = "NPY2D_SAVE_CRASH_CHILD"

// TestSaveCrashChild is the child's side of TestSaveSurvivesKill; it does
// nothing in a normal run.
func TestSaveCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("runs only as the child of TestSaveSurvivesKill")
	}
	a := filled(t, typed.Impl.MustDType("float64"), 1024, 512) // 4 MiB
	saveWriter = func(f *os.File) io.Writer { return &pausingWriter{w: f, after: 2 << 20} }
	err := SaveNPY(path, a)
	t.Fatalf("SaveNPY returned (%v) instead of pausing", err)
}

// pausingWriter writes in 64 KiB pieces and, once after bytes are out,
// tells the parent on stdout and blocks until it is killed.
type pausingWriter struct {
	w       io.Writer
	after   int
	written int
}

func (p *pausingWriter) Write(b []byte) (int, error) {
	total := 0
	for len(b) > 0 {
		k := min(len(b), 64<<10)
		n, err := p.w.Write(b[:k])
		total += n
		p.written += n
		if err != nil {
			return total, err
		}
		if p.written >= p.after {
			fmt.Printf("paused after %d bytes\n", p.written)
			select {}
		}
		b = b[k:]
	}
	return total, nil
}

// TestSaveSurvivesKill kills a process in the middle of SaveNPY over an
// existing file: the old file must stand intact byte for byte, and nothing
// half-written may stand at its path. The killed save's temporary file
// stays behind (".a.npy.<random>.tmp"), as documented.
func TestSaveSurvivesKill(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.npy")
	old := filled(t, typed.Impl.MustDType("int16"), 7, 5)
	if err := SaveNPY(p, old); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(p)

	cmd := exec.Command(os.Args[0], "-test.run=^TestSaveCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+p)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, syscall.ENOEXEC) {
			// Under qemu-user without binfmt_misc (the s390x CI run) the test
			// binary cannot start itself; the test does not depend on byte order.
			t.Skipf("cannot re-exec the test binary here: %v", err)
		}
		t.Fatal(err)
	}
	paused := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(stdout)
		for s.Scan() {
			if strings.HasPrefix(s.Text(), "paused") {
				paused <- s.Text()
				return
			}
		}
		close(paused)
	}()
	select {
	case msg, ok := <-paused:
		if !ok {
			cmd.Wait()
			t.Fatal("the child ended without pausing")
		}
		t.Logf("child %s", msg)
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("the child did not pause within 2 minutes")
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred cleanup runs
		t.Fatal(err)
	}
	cmd.Wait()

	if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("after the kill the old file is %d bytes (err %v), want the %d it was", len(got), err, len(want))
	}
	back, err := LoadNPY(p)
	if err != nil {
		t.Fatal(err)
	}
	arraytest.Same(t, back, old)
	var stale []string
	for _, n := range dirNames(t, dir) {
		switch {
		case n == "a.npy":
		case strings.HasPrefix(n, ".a.npy.") && strings.HasSuffix(n, ".tmp"):
			stale = append(stale, n)
		default:
			t.Errorf("unexpected file %s after the kill", n)
		}
	}
	if len(stale) != 1 {
		t.Fatalf("want the killed save's temporary file, found %v", stale)
	}
	if fi, err := os.Stat(filepath.Join(dir, stale[0])); err != nil || fi.Size() < 2<<20 || fi.Size() >= 4<<20 {
		t.Fatalf("the temporary file should hold a partial write: %v, %v", fi.Size(), err)
	}

	// A later save is not disturbed by the stale file.
	next := filled(t, typed.Impl.MustDType("float32"), 2, 9)
	if err := SaveNPY(p, next); err != nil {
		t.Fatal(err)
	}
	back, err = LoadNPY(p)
	if err != nil {
		t.Fatal(err)
	}
	arraytest.Same(t, back, next)
}
