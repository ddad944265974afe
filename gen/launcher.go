package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// launcher tells how gen was started: "tool" under go tool, "run" under go
// run (go generate's lines included), "" when gen runs on its own or the
// parent cannot be read.
//
// The program itself cannot tell: go run and go tool build the same binary
// into the same place in the build cache, with the same build information
// and environment. The go command that started it can: it is gen's parent
// process, and its arguments name the subcommand.
func launcher() string {
	return goSubcommand(parentArgs())
}

// parentArgs returns the parent process's arguments: from /proc on Linux,
// from ps elsewhere (macOS, the BSDs), nil where neither answers.
func parentArgs() []string {
	ppid := os.Getppid()
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", ppid)); err == nil {
		return strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
	}
	out, err := exec.Command("ps", "-o", "args=", "-p", strconv.Itoa(ppid)).Output()
	if err != nil {
		return nil
	}
	return strings.Fields(string(bytes.TrimSpace(out)))
}

// goSubcommand returns "run" or "tool" when args are those of a go command
// running that subcommand, and "" otherwise. Only -C may come before a
// subcommand.
func goSubcommand(args []string) string {
	if len(args) < 2 {
		return ""
	}
	name := args[0][strings.LastIndexAny(args[0], `/\`)+1:] // any OS's separator
	if strings.TrimSuffix(name, ".exe") != "go" {
		return ""
	}
	for i := 1; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-C" || a == "--C":
			i++
		case strings.HasPrefix(a, "-C=") || strings.HasPrefix(a, "--C="):
		case a == "run" || a == "tool":
			return a
		default:
			return ""
		}
	}
	return ""
}

// generateLines are the //go:generate lines usage suggests: the one for the
// way gen was started, or both when it cannot tell.
func generateLines(launcher string) []string {
	const args = " " + genPath + " -dtypes float32,int64"
	switch launcher {
	case "tool":
		return []string{"//go:generate go tool" + args}
	case "run":
		return []string{"//go:generate go run" + args}
	}
	return []string{"//go:generate go tool" + args, "//go:generate go run" + args}
}

// genPath is the generator's import path.
const genPath = "github.com/npy2d/npy2d/gen"
