package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareRuns runs 'sahelsim compare' on two run directories, and on
// one run alone.
func TestCompareRuns(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, c := range [][]string{
		{"run", "--reps", "3", "--seed", "5", "--out", a, "-q", "--no-plots"},
		{"run", "disaggregation", "--reps", "3", "--seed", "5", "--out", b, "-q", "--no-plots"},
	} {
		if code, _, stderr := execute(t, c...); code != 0 {
			t.Fatalf("%v: exit code %d; stderr:\n%s", c, code, stderr)
		}
	}
	out := filepath.Join(dir, "cmp.csv")
	code, stdout, stderr := execute(t, "compare", a, b, "--out", out)
	if code != 0 {
		t.Fatalf("compare: exit code %d; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"disaggregation (" + b + ") against baseline (" + a + ")", "fatalities_total", "common random numbers", "95% CI"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("compare's output lacks %q:\n%s", want, stdout)
		}
	}
	if csv, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(csv), "reference,scenario,point,indicator,") || !strings.Contains(string(csv), "\n0,disaggregation,1,events_total,") {
		t.Errorf("--out: %v\n%s", err, csv)
	}
	if code, _, stderr := execute(t, "compare", a); code != 2 || !strings.Contains(stderr, "is a run: compare it with another run") {
		t.Errorf("compare of one run: exit code %d, stderr:\n%s", code, stderr)
	}
	if code, _, stderr := execute(t, "compare", a, b, "--reference", "0"); code != 2 || !strings.Contains(stderr, "--reference is for a sweep") {
		t.Errorf("compare of two runs with --reference: exit code %d, stderr:\n%s", code, stderr)
	}
}
