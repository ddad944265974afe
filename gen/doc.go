package main

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// docWidth is where generated doc comments wrap, so that they read like
// hand-written ones.
const docWidth = 96

// docf adds a doc comment to f, wrapped at docWidth columns.
func docf(f *jen.File, format string, args ...any) {
	for _, line := range wrap(fmt.Sprintf(format, args...), docWidth) {
		f.Comment(line)
	}
}

func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}
