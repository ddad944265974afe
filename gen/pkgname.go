package main

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"

	"github.com/npy2d/npy2d/typed"
	"golang.org/x/tools/go/packages"
)

func allDTypes() []typed.DType { return typed.DTypes() }

// packageName finds the package the output joins: $GOPACKAGE when go
// generate runs us for that directory, else what go/packages loads there,
// else the directory's name for a package that does not exist yet.
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
	name := filepath.Base(abs)
	if !token.IsIdentifier(name) {
		return "", fmt.Errorf("cannot tell the package of %s: pass -pkg", abs)
	}
	return name, nil
}
