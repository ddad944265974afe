// Command gen generates typed Array2D types from npy2d's dtype table.
//
// In the npy2d repository, generate.go runs it as
//
//	go run ./gen -family generated
//
// to rewrite the whole family, tests included. In a consumer's package, a
// line such as
//
//	//go:generate go run github.com/npy2d/npy2d/gen -dtypes float32,int64
//
// writes one file with the chosen types and a dispatch for them into the
// package that holds the line, using only github.com/npy2d/npy2d/typed at
// run time.
//
// Every name gen declares in a consumer's package is chosen by its flags:
// -type names the types and what belongs to each (Float32Matrix,
// NewFloat32Matrix, Float32MatrixFromBytes, AsFloat32Matrix, and the
// unexported float32MatrixDType, float32MatrixView, float32MatrixLike);
// -dispatch names the functions that choose a type at run time (ReadNPY,
// ReadNPYWithLimits, ReadArrayData, NewArray, FromBytes, DecodeJSON,
// AsType), or omits them. So a package can hold several runs, each with its
// own -o file, as long as their types differ and at most one keeps the plain
// dispatch names:
//
//	//go:generate go tool github.com/npy2d/npy2d/gen -dtypes float32,int64 -type %sMatrix
//	//go:generate go tool github.com/npy2d/npy2d/gen -dtypes float64 -type %sVector -dispatch Vector -o vectors.go
//
// gives ReadNPY for the matrices and VectorReadNPY for the vectors.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func usage() {
	fmt.Fprintf(os.Stderr, `Usage of gen:
	gen [-dtypes float32,int64] [-type %%sMatrix] [-dispatch prefix] [-pkg name] [-o file]
	gen -family dir
Flags:
`)
	flag.PrintDefaults()
	lines := generateLines(launcher())
	if len(lines) == 1 {
		fmt.Fprintf(os.Stderr, "\nPaste this line into a file of the package that should hold the types:\n\n\t%s\n", lines[0])
		return
	}
	fmt.Fprintf(os.Stderr, "\nPaste one of these lines into a file of the package that should hold the types,\n"+
		"go tool when go.mod names %s in a tool directive (go get -tool), go run otherwise:\n\n", genPath)
	for _, l := range lines {
		fmt.Fprintf(os.Stderr, "\t%s\n", l)
	}
}

// flags are gen's command-line flags.
type flags struct {
	dtypes, output, pkg, pattern, dispatch, family *string
}

// defineFlags defines gen's flags in fs (README's go:generate lines are
// checked against them by a test).
func defineFlags(fs *flag.FlagSet) flags {
	return flags{
		dtypes:   fs.String("dtypes", "", "comma-separated numpy dtype names to generate (default all: "+dtypeNames(allDTypes())+")"),
		output:   fs.String("o", "", "output file (default npy2d_arrays.go in the current directory)"),
		pkg:      fs.String("pkg", "", "package name of the output (default: the package in the output's directory, or $GOPACKAGE)"),
		pattern:  fs.String("type", DefaultTypePattern, "pattern for type names; %s receives the table's name, such as Float64"),
		dispatch: fs.String("dispatch", DefaultDispatch, "names of the functions that choose a type at run time (ReadNPY, FromBytes, AsType, ...): a pattern with one %s, which receives the name, or a prefix (Mat gives MatReadNPY); \"\" writes none of them"),
		family:   fs.String("family", "", "write the whole family with tests into this directory (the npy2d repository's own use)"),
	}
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	f := defineFlags(flag.CommandLine)
	flag.Usage = usage
	flag.Parse()
	if flag.NArg() > 0 {
		log.Printf("unexpected arguments: %s", strings.Join(flag.Args(), " "))
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*f.family, *f.dtypes, *f.output, *f.pkg, *f.pattern, *f.dispatch); err != nil {
		log.Print(err)
		if _, misuse := err.(usageError); misuse {
			flag.Usage()
		}
		os.Exit(2)
	}
}

// usageError is an error in the flags rather than in generation.
type usageError struct{ error }

func run(family, dtypes, output, pkg, pattern, dispatch string) error {
	if err := checkPattern(pattern); err != nil {
		return usageError{err}
	}
	dispatchFlag := dispatch
	dispatch, err := dispatchPattern(dispatch)
	if err != nil {
		return usageError{err}
	}
	selected, err := selectDTypes(dtypes)
	if err != nil {
		return usageError{err}
	}
	if family != "" {
		if dtypes != "" || output != "" || pkg != "" || pattern != DefaultTypePattern || dispatchFlag != DefaultDispatch {
			return usageError{fmt.Errorf("-family takes no other flag")}
		}
		return writeFamily(family, familyConfig(family))
	}
	if output == "" {
		output = "npy2d_arrays.go"
	}
	if pkg == "" {
		if pkg, err = packageName(filepath.Dir(output)); err != nil {
			return err
		}
	}
	src, err := RenderFile(Config{Package: pkg, DTypes: selected, TypePattern: pattern, Dispatch: dispatch, Command: command()})
	if err != nil {
		return err
	}
	if err := checkClashes(output, src); err != nil {
		return err
	}
	return os.WriteFile(output, src, 0o644)
}

// command is the command line recorded in the header, as stringer records
// its own: the program's base name and its arguments, an empty or spaced
// argument quoted as a go:generate line quotes it.
func command() string {
	args := []string{"gen"}
	for _, a := range os.Args[1:] {
		if a == "" || strings.ContainsAny(a, " \t\"") {
			a = strconv.Quote(a)
		}
		args = append(args, a)
	}
	return strings.Join(args, " ")
}

// writeFamily rewrites dir with the family, removing generated files the
// table no longer has.
func writeFamily(dir string, c Config) error {
	files, err := RenderFamily(c)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, path := range old {
		if _, keep := files[filepath.Base(path)]; !keep {
			if err := os.Remove(path); err != nil {
				return err
			}
		}
	}
	for _, name := range sortedKeys(files) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
