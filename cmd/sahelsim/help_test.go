package main

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestHelp checks that every command has its help, that a command's help
// file (help/NAME.txt) is its long help, that every help file is some
// command's, and that --help prints it.
func TestHelp(t *testing.T) {
	files, err := fs.Glob(helpFiles, "help/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var used []string
	var walk func(c *cobra.Command, prefix string)
	walk = func(c *cobra.Command, prefix string) {
		name := prefix + c.Name()
		if c.Short == "" {
			t.Errorf("%s: no help", name)
		}
		if b, err := helpFiles.ReadFile("help/" + name + ".txt"); err == nil {
			used = append(used, "help/"+name+".txt")
			if strings.TrimSuffix(string(b), "\n") != c.Long {
				t.Errorf("%s: its help is not help/%s.txt", name, name)
			}
		}
		for _, sub := range c.Commands() {
			if sub.Name() != "help" {
				p := name + "-"
				if c.Parent() == nil {
					p = ""
				}
				walk(sub, p)
			}
		}
	}
	var out bytes.Buffer
	root := newRoot(&out, &out, nil)
	walk(root, "")
	for _, f := range files {
		if !slices.Contains(used, f) {
			t.Errorf("%s is no command's help", f)
		}
	}
	code, stdout, _ := execute(t, "slurm", "--help")
	if code != 0 || !strings.Contains(stdout, "Slurm prepares the sweep directory DIR") {
		t.Errorf("slurm --help: exit %d, %q", code, stdout)
	}
}

// TestSweepHelpDesigns checks that 'sweep --help' names every design the
// sweep files take.
func TestSweepHelpDesigns(t *testing.T) {
	code, stdout, _ := execute(t, "sweep", "--help")
	if code != 0 {
		t.Fatalf("sweep --help: exit %d", code)
	}
	for _, d := range []string{"grid", "lhs", "sobol", "morris", "saltelli"} {
		if !strings.Contains(stdout, "\n  "+d+" ") {
			t.Errorf("sweep --help does not list the design %s:\n%s", d, stdout)
		}
	}
}

// TestSeedFlag checks that a seed out of range is refused with what is
// allowed, exit code 2.
func TestSeedFlag(t *testing.T) {
	for _, s := range []string{"-1", "9007199254740992", "x"} {
		code, _, stderr := execute(t, "run", "--seed", s, "--reps", "1", "--out", t.TempDir()+"/r")
		if code != 2 || !strings.Contains(stderr, "want an integer from 0 to 9007199254740991") || strings.Contains(stderr, "strconv") {
			t.Errorf("--seed %s: exit %d, %s", s, code, stderr)
		}
	}
}
