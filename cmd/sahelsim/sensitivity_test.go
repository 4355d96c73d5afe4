package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSensitivity runs a small Morris sweep and checks that sensitivity
// writes the screening table and its figures, and refuses a grid sweep.
func TestSensitivity(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "morris.toml", `scenario = "baseline"
replicates = 1
seed = 4
[design]
kind = "morris"
points = 2
[parameters]
"recruitment.rate" = { min = 15.0, max = 30.0 }
"violence.tempo" = { min = 0.03, max = 0.06 }
`)
	out := filepath.Join(dir, "out")
	if code, _, stderr := execute(t, "sweep", file, "--out", out, "-q", "--series", "none", "--no-plots"); code != 0 {
		t.Fatalf("sweep: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := execute(t, "sensitivity", out, "--indicators", "jnim_share_events,fighters_total")
	if code != 0 {
		t.Fatalf("sensitivity: exit %d\n%s", code, stderr)
	}
	rows := readLines(t, filepath.Join(out, "sensitivity", "morris.csv"))
	if len(rows) != 1+2*2 || rows[0] != "indicator,factor,mu,mu_star,sigma,n" || !strings.HasPrefix(rows[1], "jnim_share_events,recruitment.rate,") {
		t.Errorf("morris.csv:\n%s", strings.Join(rows, "\n"))
	}
	if !strings.Contains(stdout, "morris indices of 2 indicators over 2 parameters") {
		t.Errorf("stdout: %s", stdout)
	}
	for _, f := range []string{"morris_jnim_share_events.svg", "morris_fighters_total.pdf"} {
		if len(readLines(t, filepath.Join(out, "sensitivity", f))) == 0 {
			t.Errorf("%s is empty", f)
		}
	}
	grid := filepath.Join(dir, "grid")
	gfile := writeFile(t, dir, "grid.toml", "scenario = \"baseline\"\nreplicates = 1\n[parameters]\n\"recruitment.rate\" = [20.0]\n")
	if code, _, stderr := execute(t, "sweep", gfile, "--out", grid, "-q", "--series", "none", "--no-plots"); code != 0 {
		t.Fatalf("sweep: exit %d\n%s", code, stderr)
	}
	if code, _, _ := execute(t, "sensitivity", grid); code != 2 {
		t.Errorf("sensitivity of a grid sweep: exit %d, want 2", code)
	}
}
