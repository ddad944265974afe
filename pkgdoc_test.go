package npy2d_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// userPackages are the packages a program imports; their go doc must open
// with an example a user can copy.
var userPackages = []string{".", "generated", "typed", "npz", "stream", "mmap", "ranged", "httprange"}

// TestPackageDocsStartWithExamples checks that the documentation of every
// user-facing package shows code within its first lines, and that the code
// is, line for line, the body of a tested Example (as README's snippets
// are), so go doc cannot show code that does not compile or run.
func TestPackageDocsStartWithExamples(t *testing.T) {
	examples := findExamples(t)
	for _, dir := range userPackages {
		doc := packageDoc(t, dir)
		if doc == "" {
			t.Errorf("%s: no package documentation", dir)
			continue
		}
		lines := strings.Split(doc, "\n")
		start := -1
		for i, l := range lines {
			if strings.HasPrefix(l, "\t") {
				start = i
				break
			}
		}
		const within = 8
		if start < 0 || start > within {
			t.Errorf("%s: the package documentation shows no code in its first %d lines", dir, within)
			continue
		}
		var code []string
		for _, l := range lines[start:] {
			if l != "" && !strings.HasPrefix(l, "\t") {
				break
			}
			code = append(code, strings.TrimPrefix(l, "\t"))
		}
		for len(code) > 0 && code[len(code)-1] == "" {
			code = code[:len(code)-1]
		}
		if msg := match(code, nil, examples); msg != "" {
			t.Errorf("%s: the package documentation's code, which starts %q, is not the body of a tested Example:\n%s", dir, code[0], msg)
		}
	}
}

// packageDoc returns the package comment of the non-test files in dir.
func packageDoc(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc != nil {
			return f.Doc.Text()
		}
	}
	return ""
}
