package npy2d_test

import (
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

// Error messages follow the standard library's convention: each package
// prefixes the errors it makes with its own name ("npz: ", "typed: ", and
// "npy2d: " for the root package), and a message that wraps another error
// says where it came from. TestErrorPrefixes walks the non-test Go files of
// every package of this module and checks each string literal given to
// errors.New, fmt.Errorf, and fmt.Sprintf in an Error method.
//
// One exception, explicit: a message may start with a %w (or %v, %s) verb
// whose argument is a sentinel error (an identifier named Err..., such as
// typed.ErrFormat or the package's own ErrNotMappable), because the sentinel
// is itself an error of this module and carries its package's prefix (the
// test checks the sentinel's errors.New too): "typed: malformed input: ...".
// The few messages that put a detail after another prefixed error are
// listed in the test by package, each with the reason.
func TestErrorPrefixes(t *testing.T) {
	// Commands report through log.SetPrefix, not through error prefixes.
	exempt := map[string]string{
		"gen":           "a command: main logs with the prefix gen: ",
		"examples/iris": "a command: main logs its errors",
	}
	// Messages that add a detail after an error that is already prefixed,
	// by package and format string.
	wraps := map[string]map[string]string{
		"typed": {"%w (header byte %d, shape %s)": "parseDType's error, which wraps ErrDType"},
		"npz":   {"%w (%s)": "NewReader's error (npz: ... or a typed sentinel), with the path"},
	}
	pkgs := map[string][]string{} // folder → non-test .go files
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == "." {
				return nil
			}
			base := d.Name()
			if base == "testdata" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module (bench, objstore, examples/consumer)
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			dir := filepath.ToSlash(filepath.Dir(path))
			pkgs[dir] = append(pkgs[dir], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, must := range []string{".", "typed", "npz", "mmap", "stream", "ranged", "httprange", "generated"} {
		if len(pkgs[must]) == 0 {
			t.Errorf("found no Go files in %s: the walk is broken", must)
		}
	}
	checked := 0
	for dir, files := range pkgs {
		if why, ok := exempt[dir]; ok {
			t.Logf("%s: exempt (%s)", dir, why)
			continue
		}
		fset := token.NewFileSet()
		for _, path := range files {
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			prefix := f.Name.Name + ": "
			for _, m := range errorMessages(f) {
				checked++
				if _, ok := wraps[dir][m.text]; ok {
					continue
				}
				if msg := m.problem(prefix); msg != "" {
					t.Errorf("%s: %s: %s", fset.Position(m.pos), msg, m.text)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("checked only %d messages: the walk is broken", checked)
	}
}

// message is the format string of one error, and the argument of its
// first verb.
type message struct {
	pos   token.Pos
	text  string   // the format string (its leading literal, if concatenated)
	first ast.Expr // the argument after the format string, or nil
	known bool     // text is a literal
}

func (m message) problem(prefix string) string {
	switch {
	case !m.known:
		return "the message is not a string literal; the test cannot check its prefix"
	case strings.HasPrefix(m.text, prefix+"%w") && isLocalSentinel(m.first):
		return "the sentinel already starts with " + strconv.Quote(prefix) + ": start the message with %w"
	case strings.HasPrefix(m.text, prefix):
		return ""
	case strings.HasPrefix(m.text, "%w") || strings.HasPrefix(m.text, "%v") || strings.HasPrefix(m.text, "%s"):
		if isSentinel(m.first) {
			return ""
		}
		return "starts with a verb whose argument is not a sentinel error (Err...); start it with " + strconv.Quote(prefix)
	}
	return "does not start with " + strconv.Quote(prefix)
}

// isLocalSentinel reports whether e names a sentinel of the package itself.
func isLocalSentinel(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && strings.HasPrefix(id.Name, "Err")
}

func isSentinel(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return strings.HasPrefix(e.Name, "Err")
	case *ast.SelectorExpr:
		return strings.HasPrefix(e.Sel.Name, "Err")
	}
	return false
}

// errorMessages returns the messages of errors.New and fmt.Errorf calls in
// f, and of fmt.Sprintf calls in methods named Error.
func errorMessages(f *ast.File) []message {
	var out []message
	add := func(call *ast.CallExpr) {
		if len(call.Args) == 0 {
			return
		}
		m := message{pos: call.Pos()}
		m.text, m.known = leadingLiteral(call.Args[0])
		if len(call.Args) > 1 {
			m.first = call.Args[1]
		}
		out = append(out, m)
	}
	inError := func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && isCall(call, "fmt", "Sprintf") {
			add(call)
		}
		return true
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Recv != nil && n.Name.Name == "Error" && n.Body != nil {
				ast.Inspect(n.Body, inError)
			}
		case *ast.CallExpr:
			if isCall(n, "errors", "New") || isCall(n, "fmt", "Errorf") {
				add(n)
			}
		}
		return true
	})
	return out
}

func isCall(call *ast.CallExpr, pkg, name string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg
}

// leadingLiteral returns the string literal that starts e, a literal or a
// concatenation that starts with one.
func leadingLiteral(e ast.Expr) (string, bool) {
	for {
		switch x := e.(type) {
		case *ast.BasicLit:
			if x.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(x.Value)
			return s, err == nil
		case *ast.BinaryExpr:
			if x.Op != token.ADD {
				return "", false
			}
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return "", false
		}
	}
}
