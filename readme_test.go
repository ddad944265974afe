package npy2d_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestREADMESnippets keeps README.md's Go from drifting from the API: every
// ```go block must appear verbatim (one tab of indentation removed) as a
// run of lines in the body of an Example function with an // Output:
// comment, somewhere in the repository's _test.go files. go test compiles
// and runs those examples and compares their output, so each snippet
// compiles and runs as written. A block that starts with an import
// declaration must match after it, in a file that imports those paths.
//
// Exempt, explicitly: blocks of //go:generate lines, which are not Go
// programs; gen's TestREADMEGenerateLines checks them against the
// generator's flags.
func TestREADMESnippets(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	snippets := goBlocks(string(readme))
	if len(snippets) < 10 {
		t.Fatalf("found %d ```go blocks in README.md, want at least 10: is the parser broken?", len(snippets))
	}
	examples := findExamples(t)
	if len(examples) < 10 {
		t.Fatalf("found %d Example functions, want at least 10", len(examples))
	}
	for _, s := range snippets {
		if s.generateOnly() {
			t.Logf("README.md:%d: //go:generate lines, checked by gen's TestREADMEGenerateLines", s.line)
			continue
		}
		imports, body, err := s.split()
		if err != nil {
			t.Errorf("README.md:%d: %v", s.line, err)
			continue
		}
		if msg := match(body, imports, examples); msg != "" {
			t.Errorf("README.md:%d: the ```go block that starts %q is not the body of a tested Example:\n%s",
				s.line, firstLine(s.lines), msg)
		}
	}
}

// snippet is one ```go block of README.md.
type snippet struct {
	line  int      // line number of its first line of code
	lines []string // its lines, without the fence's indentation
}

// goBlocks returns the ```go blocks of a Markdown text, each without the
// indentation of its fence (blocks in list items are indented).
func goBlocks(md string) []snippet {
	var out []snippet
	var cur *snippet
	indent := ""
	for i, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```go"):
			indent = line[:len(line)-len(trimmed)]
			cur = &snippet{line: i + 2}
		case cur != nil && strings.HasPrefix(trimmed, "```"):
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, strings.TrimPrefix(line, indent))
		}
	}
	return out
}

func (s snippet) generateOnly() bool {
	n := 0
	for _, l := range s.lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if !strings.HasPrefix(l, "//go:generate ") {
			return false
		}
		n++
	}
	return n > 0
}

// split separates a leading import declaration from the statements.
func (s snippet) split() (imports []string, body []string, err error) {
	lines := s.lines
	if len(lines) > 0 && strings.HasPrefix(lines[0], "import") {
		end := 0
		if strings.HasPrefix(lines[0], "import (") {
			for end < len(lines) && lines[end] != ")" {
				end++
			}
			if end == len(lines) {
				return nil, nil, fmt.Errorf("import ( without )")
			}
		}
		f, perr := parser.ParseFile(token.NewFileSet(), "", "package p\n"+strings.Join(lines[:end+1], "\n"), parser.ImportsOnly)
		if perr != nil {
			return nil, nil, perr
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			imports = append(imports, p)
		}
		lines = lines[end+1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return nil, nil, fmt.Errorf("no statements")
	}
	return imports, lines, nil
}

// example is the body of one Example function with an // Output: comment.
type example struct {
	name    string
	pos     string   // file:line
	imports []string // the file's import paths
	lines   []string // the body, one tab of indentation removed
}

// findExamples parses every _test.go file of the repository, all modules.
func findExamples(t *testing.T) []example {
	var out []example
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		var imports []string
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			imports = append(imports, p)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || fn.Body == nil || !strings.HasPrefix(fn.Name.Name, "Example") {
				continue
			}
			open, end := fset.Position(fn.Body.Lbrace).Offset, fset.Position(fn.Body.Rbrace).Offset
			body := string(src[open+1 : end])
			if !strings.Contains(body, "// Output:") && !strings.Contains(body, "// Unordered output:") {
				continue // compiled, but not run
			}
			var lines []string
			for _, l := range strings.Split(strings.TrimPrefix(body, "\n"), "\n") {
				lines = append(lines, strings.TrimPrefix(l, "\t"))
			}
			out = append(out, example{
				name:    fn.Name.Name,
				pos:     fmt.Sprintf("%s:%d", filepath.ToSlash(path), fset.Position(fn.Pos()).Line),
				imports: imports,
				lines:   lines,
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// match returns "" if body is a run of lines of an example whose file
// imports every path of imports, or else a description of the closest
// candidate and where it differs.
func match(body, imports []string, examples []example) string {
	best, bestAt, bestN := -1, 0, -1
	for k, ex := range examples {
		for i := 0; i+len(body) <= len(ex.lines) || (i == 0 && len(ex.lines) < len(body)); i++ {
			n := 0
			for j := range body {
				if i+j < len(ex.lines) && ex.lines[i+j] == body[j] {
					n++
				}
			}
			if n == len(body) {
				if missing := missingImports(imports, ex.imports); len(missing) > 0 {
					return fmt.Sprintf("\t%s (%s) has it, but its file does not import %q", ex.name, ex.pos, missing)
				}
				return ""
			}
			if n > bestN {
				best, bestAt, bestN = k, i, n
			}
		}
	}
	if best < 0 {
		return "\tno Example function is long enough to hold it"
	}
	ex := examples[best]
	var b bytes.Buffer
	fmt.Fprintf(&b, "\tclosest: %s (%s), %d of %d lines equal; the first that differs:\n", ex.name, ex.pos, bestN, len(body))
	for j := range body {
		have := "(past the end of the body)"
		if bestAt+j < len(ex.lines) {
			have = strconv.Quote(ex.lines[bestAt+j])
		}
		if bestAt+j >= len(ex.lines) || ex.lines[bestAt+j] != body[j] {
			fmt.Fprintf(&b, "\t\tREADME:  %q\n\t\texample: %s", body[j], have)
			break
		}
	}
	return b.String()
}

func missingImports(want, have []string) []string {
	var missing []string
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			missing = append(missing, w)
		}
	}
	return missing
}

func firstLine(lines []string) string {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}
