package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/npy2d/npy2d/typed"
	"golang.org/x/tools/go/packages"
)

func allDTypes() []typed.DType { return typed.DTypes() }

// packageName finds the package the output joins: $GOPACKAGE when go
// generate runs us for that directory, else what go/packages loads there
// (build constraints and all), else the package clause of a Go file there
// (a directory outside any module), else the directory's name for a package
// that does not exist yet.
func packageName(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if name := os.Getenv("GOPACKAGE"); name != "" {
		if wd, err := os.Getwd(); err == nil && wd == abs {
			return name, nil
		}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName, Dir: abs}, ".")
	if err == nil && len(pkgs) == 1 && pkgs[0].Name != "" {
		return pkgs[0].Name, nil
	}
	if files, _ := filepath.Glob(filepath.Join(abs, "*.go")); len(files) > 0 {
		for _, file := range files {
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.PackageClauseOnly)
			if err == nil && !strings.HasSuffix(f.Name.Name, "_test") {
				return f.Name.Name, nil
			}
		}
	}
	name := filepath.Base(abs)
	if !token.IsIdentifier(name) {
		return "", fmt.Errorf("cannot tell the package of %s: pass -pkg", abs)
	}
	return name, nil
}
