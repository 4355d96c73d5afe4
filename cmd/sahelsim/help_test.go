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
