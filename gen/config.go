package main

import (
	"fmt"
	. "github.com/dave/jennifer/jen"
	"go/token"
	"strings"

	"github.com/npy2d/npy2d/typed"
)

// typedPath is the import path of the run-time core every generated file
// uses.
const typedPath = "github.com/npy2d/npy2d/typed"

// impl names a method of typed.Impl, the run time generated code calls.
func impl(name string) *Statement { return Qual(typedPath, "Impl").Dot(name) }

// Config says what to generate.
type Config struct {
	// Package is the package clause of the generated files.
	Package string
	// DTypes are the table rows to generate, in table order.
	DTypes []typed.DType
	// TypePattern names a generated type: a fmt pattern with one %s, which
	// receives the table's TypeName ("%sArray2D" gives Float64Array2D).
	TypePattern string
	// Dispatch names the package-level functions that choose a type at run
	// time (ReadNPY, FromBytes, AsType, ...): a fmt pattern with one %s,
	// which receives the function's name ("%s" gives ReadNPY, "Mat%s" gives
	// MatReadNPY). Empty, the file has none of them.
	Dispatch string
	// Command is the command line recorded in the Code generated header.
	Command string
}

// DefaultTypePattern gives the family's names, Float64Array2D and so on.
const DefaultTypePattern = "%sArray2D"

// DefaultDispatch gives the family's dispatch names, ReadNPY and so on.
const DefaultDispatch = "%s"

// dispatchPattern turns the -dispatch flag into Config.Dispatch: a pattern
// as it is, a plain word as a prefix ("Mat" is "Mat%s"), and "" as "".
func dispatchPattern(flag string) (string, error) {
	if strings.ContainsAny(flag, `"'`) {
		// go generate passes -dispatch="" on with its quotes.
		return "", fmt.Errorf("dispatch pattern %q holds quotes; for no dispatch functions write -dispatch \"\" (two arguments) or -dispatch=", flag)
	}
	p := flag
	if p != "" && !strings.Contains(p, "%") {
		p += "%s"
	}
	if p == "" {
		return "", nil
	}
	if strings.Count(p, "%s") != 1 || strings.Count(p, "%") != 1 {
		return "", fmt.Errorf("dispatch pattern %q must hold exactly one %%s", flag)
	}
	if !token.IsIdentifier(fmt.Sprintf(p, "ReadNPY")) {
		return "", fmt.Errorf("dispatch pattern %q does not give a Go identifier", flag)
	}
	return p, nil
}

// dispatch returns the name of the dispatch function base ("ReadNPY")
// under c's pattern.
func (c Config) dispatch(base string) string { return fmt.Sprintf(c.Dispatch, base) }

// selectDTypes returns the table rows named in list (comma-separated numpy
// names), in table order; an empty list selects every row.
func selectDTypes(list string) ([]typed.DType, error) {
	all := typed.DTypes()
	if strings.TrimSpace(list) == "" {
		return all, nil
	}
	want := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if _, ok := typed.LookupDType(name); !ok {
			return nil, fmt.Errorf("unknown dtype %q (known: %s)", name, dtypeNames(all))
		}
		want[name] = true
	}
	var out []typed.DType
	for _, d := range all {
		if want[d.Name] {
			out = append(out, d)
		}
	}
	return out, nil
}

func dtypeNames(ds []typed.DType) string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.Name
	}
	return strings.Join(names, ",")
}

// checkPattern refuses a type pattern that would not give distinct,
// exported Go identifiers.
func checkPattern(p string) error {
	if strings.Count(p, "%s") != 1 || strings.Count(p, "%") != 1 {
		return fmt.Errorf("type pattern %q must hold exactly one %%s", p)
	}
	name := fmt.Sprintf(p, "X")
	for i, r := range name {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9'
		if !ok {
			return fmt.Errorf("type pattern %q does not give a Go identifier", p)
		}
	}
	if name[0] < 'A' || name[0] > 'Z' {
		if !strings.HasPrefix(p, "%s") {
			return fmt.Errorf("type pattern %q must give exported names", p)
		}
	}
	return nil
}

// names are the identifiers generated for one dtype.
type names struct {
	dt        typed.DType
	Type      string // Float64Array2D
	New       string // NewFloat64Array2D
	FromBytes string // Float64Array2DFromBytes
	dtypeVar  string // float64Array2DDType, unexported
	savedVar  string // float64Array2DSaved, unexported: the fast paths' template
}

func (c Config) names(dt typed.DType) names {
	t := fmt.Sprintf(c.TypePattern, dt.TypeName)
	lower := strings.ToLower(t[:1]) + t[1:]
	return names{
		dt:        dt,
		Type:      t,
		New:       "New" + t,
		FromBytes: t + "FromBytes",
		dtypeVar:  lower + "DType",
		savedVar:  lower + "Saved",
	}
}
