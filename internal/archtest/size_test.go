package archtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxCommandLines is the budget of cmd/sahelsim's code: the command
// parses flags and prints, and the packages do the work, so that what a
// command does is tested, documented and reused where it is done. Its
// help texts are data (cmd/sahelsim/help/*.txt) and do not count.
const maxCommandLines = 1500

// TestCommandSize checks cmd/sahelsim's Go lines, tests aside, against
// maxCommandLines.
func TestCommandSize(t *testing.T) {
	files, err := filepath.Glob("../../cmd/sahelsim/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("cmd/sahelsim's files: %v", err)
	}
	lines := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines += bytes.Count(b, []byte("\n"))
	}
	if lines > maxCommandLines {
		t.Errorf("cmd/sahelsim has %d lines of Go (tests aside), over its budget of %d: move what it does beyond parsing flags and printing into a package", lines, maxCommandLines)
	}
}
