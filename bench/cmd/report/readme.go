package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
)

// README.md's lines between these markers are the report's speed summary.
const speedBegin, speedEnd = "<!-- speed:begin -->\n", "<!-- speed:end -->"

// speed is README's summary of the run, so that README and BENCHMARKS.md
// agree: how many times as fast npy2d's main rows are as their limits,
// numpy and each peer, and the targets met.
func (r *report) speed() []byte {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("<!-- Written by `%s` with BENCHMARKS.md: edits here are overwritten. -->\n\n", command)
	p("From [BENCHMARKS.md](BENCHMARKS.md), %s: %s, %s, %s, numpy %s, medians of %d runs.\n",
		r.date, r.rs.meta["cpu"], host(), runtime.Version(), r.numpy(), r.o.count)
	p("How many times as fast npy2d is, from its worst input to its best:\n\n| as fast as |")
	for _, c := range columns {
		p(" `%s` |", c.call)
	}
	p("\n|---|%s\n| the limit, on inputs of %g MB or more: `copy()`; `make()` + `copy()` for `ReadNPY` |", strings.Repeat("--:|", len(columns)), minBytes/1e6)
	for _, o := range r.limits {
		p(" %s |", span(o))
	}
	for _, c := range r.rs.codecsOf("", "") {
		if _, info := codecInfo(c); !ours(c) && !isLimit(c) {
			p("\n| `%s`%s |", c, strings.TrimSuffix(" ("+info.module+")", " ()"))
			for _, col := range columns {
				p(" %s |", span(r.rs.judge(target{rows: col.op + "/" + col.codec + "/*", ref: c}, 0)))
			}
		}
	}
	n := map[string][]string{}
	for _, t := range r.outcomes {
		n[t.status] = append(n[t.status], t.name)
	}
	p("\n\n[Targets](BENCHMARKS.md#targets): %d of %d met", len(n[met]), len(r.outcomes))
	if len(n[missed]) > 0 {
		p("; missed: %s", strings.Join(n[missed], "; "))
	}
	if len(n[unmeasured]) > 0 {
		p("; %d not measured in this run", len(n[unmeasured]))
	}
	p(".\n\n")
	return []byte(b.String())
}

// span prints the range of o's ratios.
func span(o outcome) string {
	if len(o.ratios) == 0 {
		return "—"
	}
	lo, hi := fmtRatio(o.ratios[0].x), fmtRatio(o.ratios[len(o.ratios)-1].x)
	if lo == hi {
		return lo
	}
	return lo + " to " + hi
}

// spliceFile replaces the lines between file's speed markers with block.
func spliceFile(file string, block []byte) error {
	doc, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	i, j := bytes.Index(doc, []byte(speedBegin)), bytes.Index(doc, []byte(speedEnd))
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %q and %q lines to write the speed summary between", file, speedBegin, speedEnd)
	}
	return os.WriteFile(file, slices.Concat(doc[:i+len(speedBegin)], block, doc[j:]), 0o644)
}
