package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// machine is what the report says about where it ran.
type machine struct {
	CPUModel  string // /proc/cpuinfo's model name
	CPUs      int
	GoCPU     string // go test's "cpu:" line, often more specific in VMs
	Memory    string
	Kernel    string
	Go        string
	NumPy     string
	Python    string
	Commit    string
	Date      string
	LoadStart string // /proc/loadavg before and after: a busy machine is noisy
	LoadEnd   string
}

func (m *machine) collect() {
	m.Date = time.Now().UTC().Format("2006-01-02 15:04 UTC")
	m.CPUs = runtime.NumCPU()
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if line, _, _ := strings.Cut(string(b), "\n"); strings.HasPrefix(line, "MemTotal:") {
			if f := strings.Fields(line); len(f) == 3 && f[2] == "kB" {
				if kb, err := strconv.ParseFloat(f[1], 64); err == nil {
					m.Memory = fmt.Sprintf("%.1f GiB", kb/(1<<20))
				}
			}
		}
	}
	m.Kernel = runtime.GOOS + "/" + runtime.GOARCH
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel += ", Linux " + strings.TrimSpace(string(b))
	}
	m.Go = cmdOut("go", "env", "GOVERSION")
	m.Commit = cmdOut("git", "rev-parse", "--short", "HEAD")
	if m.Commit != "" && cmdOut("git", "status", "--porcelain", "--", "..") != "" {
		m.Commit += " with uncommitted changes"
	}
}

// loadavg is the 1-, 5- and 15-minute load averages.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func cmdOut(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
