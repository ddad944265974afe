package main

import (
	"bufio"
	"regexp"
	"strconv"
	"strings"
)

// procSuffix is the -GOMAXPROCS suffix go test appends to benchmark names.
var procSuffix = regexp.MustCompile(`-\d+$`)

// parseBench adds every benchmark line of out (go test -bench output, or
// numpy_bench.py's lines in the same format) to rs, and records the
// "cpu:" line and numpy_bench.py's "# numpy"/"# python" lines in meta.
//
// A benchmark line is: name, iterations, then value-unit pairs. Lines that
// do not fit (SKIP notices, logs) are ignored.
func parseBench(out string, rs *results, meta map[string]string) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "cpu: "):
			meta["cpu"] = strings.TrimSpace(strings.TrimPrefix(line, "cpu: "))
			continue
		case strings.HasPrefix(line, "# numpy "), strings.HasPrefix(line, "# python "):
			f := strings.Fields(line)
			meta[f[1]] = f[2]
			continue
		case !strings.HasPrefix(line, "Benchmark"):
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		vals := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				vals = nil
				break
			}
			vals[f[i+1]] = v
		}
		if _, ok := vals["ns/op"]; !ok {
			continue
		}
		name := procSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		parts := append(strings.SplitN(name, "/", 3), "", "")
		rs.add(key{parts[0], parts[1], parts[2]}, vals)
	}
}
