package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generatorOnly are the modules that only the generator needs: a program
// that imports npy2d's run-time packages must not find them in its go.mod.
var generatorOnly = []string{
	"github.com/dave/jennifer",
	"golang.org/x/tools",
	"golang.org/x/mod",
	"golang.org/x/sync",
}

// runtimePackages lists the packages a user can import: every package of
// the module but commands, internal packages and those without Go files
// outside tests.
func runtimePackages(t *testing.T, root string) []string {
	t.Helper()
	out := goCmd(t, root, "go", "list", "-f", "{{.ImportPath}} {{.Name}} {{len .GoFiles}}", "./...")
	var pkgs []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[1] == "main" || f[2] == "0" || strings.Contains(f[0]+"/", "/internal/") {
			continue
		}
		pkgs = append(pkgs, f[0])
	}
	if len(pkgs) < 2 {
		t.Fatalf("go list found only %v", pkgs)
	}
	return pkgs
}

// TestRuntimeNeedsNoGenerator is the proof that using npy2d costs a user
// none of the generator's dependencies: a throwaway module imports every
// run-time package, go mod tidy writes its go.mod, and that go.mod must not
// require jennifer or x/tools (nor x/tools' own x/mod and x/sync), directly
// or as indirect requirements. go mod tidy reads files of every build tag,
// so a tools.go in an imported package would show here.
func TestRuntimeNeedsNoGenerator(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/user\n\ngo 1.24\n")
	goCmd(t, dir, "go", "mod", "edit", "-require", "github.com/npy2d/npy2d@v0.0.0", "-replace", "github.com/npy2d/npy2d="+root)
	write("go.sum", string(sum))
	var imports strings.Builder
	for _, p := range runtimePackages(t, root) {
		imports.WriteString("\t_ \"" + p + "\"\n")
	}
	write("main.go", "package main\n\nimport (\n"+imports.String()+")\n\nfunc main() {}\n")
	goCmd(t, dir, "go", "mod", "tidy")
	goCmd(t, dir, "go", "build", "./...")
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, m := range generatorOnly {
		if strings.Contains(string(mod), m+" ") {
			found = append(found, m)
		}
	}
	if found != nil {
		t.Errorf("a program importing only npy2d's run-time packages requires %s:\n%s", strings.Join(found, ", "), mod)
	}
}
