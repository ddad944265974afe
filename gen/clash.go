package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
)

// checkClashes refuses to write src to output when a package-level name it
// declares is already declared by another Go file of the package in
// output's directory: a function of the user's, or another generator run.
// Without the check, go generate would succeed and the build would fail
// with "redeclared in this block"; with it, the message names the flag
// that picks other names.
func checkClashes(output string, src []byte) error {
	fset := token.NewFileSet()
	gen, err := parser.ParseFile(fset, output, src, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	ours := map[string]bool{}
	for _, name := range topLevel(gen) {
		ours[name.Name] = true
	}
	abs, err := filepath.Abs(output)
	if err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(abs), "*.go"))
	var clashes []string
	for _, path := range files {
		if path == abs {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil || f.Name.Name != gen.Name.Name {
			continue // not this package's, or broken: the compiler will say
		}
		for _, name := range topLevel(f) {
			if ours[name.Name] {
				pos := fset.Position(name.Pos())
				clashes = append(clashes, fmt.Sprintf("%s (%s:%d)", name.Name, filepath.Base(pos.Filename), pos.Line))
			}
		}
	}
	if clashes == nil {
		return nil
	}
	return fmt.Errorf("%s would redeclare %s: choose other dispatch names with -dispatch PREFIX "+
		"(or none with -dispatch \"\") and other type names with -type PATTERN", filepath.Base(output), strings.Join(clashes, ", "))
}

// topLevel lists the package-level names f declares: functions, types,
// variables and constants, but not methods, init or the blank identifier.
func topLevel(f *ast.File) []*ast.Ident {
	var out []*ast.Ident
	add := func(id *ast.Ident) {
		if id.Name != "_" && id.Name != "init" {
			out = append(out, id)
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				add(d.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					add(s.Name)
				case *ast.ValueSpec:
					for _, id := range s.Names {
						add(id)
					}
				}
			}
		}
	}
	return out
}
