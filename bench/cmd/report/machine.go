package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// machine is what the report says about where it ran; the CPU's name is
// go test's "cpu:" line.
type machine struct {
	cpus, memory, goVersion, commit, date string
	load                                  [2]string // /proc/loadavg before and after: a busy machine is noisy
}

func collectMachine() machine {
	m := machine{
		cpus:      fmt.Sprintf("%d (%s/%s)", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH),
		date:      time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		goVersion: cmdOut("go", "env", "GOVERSION"),
		commit:    cmdOut("git", "rev-parse", "--short", "HEAD"),
		load:      [2]string{loadavg()},
	}
	if m.commit != "" && cmdOut("git", "status", "--porcelain", "--", "..") != "" {
		m.commit += " with uncommitted changes"
	}
	mem, _ := os.ReadFile("/proc/meminfo")
	if s := regexp.MustCompile(`MemTotal:\s*(\d+) kB`).FindSubmatch(mem); s != nil {
		kb, _ := strconv.ParseFloat(string(s[1]), 64)
		m.memory = fmt.Sprintf("%.1f GiB", kb/(1<<20))
	}
	return m
}

// loadavg is the 1-, 5- and 15-minute load averages.
func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}

func cmdOut(name string, args ...string) string {
	out, _ := exec.Command(name, args...).Output()
	return strings.TrimSpace(string(out))
}
