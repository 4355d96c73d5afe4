package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDir copies the regular files of src into a new directory dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func TestPlot(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	if code, _, stderr := execute(t, "run", "--reps", "2", "--out", run, "-q", "--no-plots"); code != 0 {
		t.Fatalf("run: exit code %d; stderr:\n%s", code, stderr)
	}
	if exists(filepath.Join(run, "figures")) || exists(filepath.Join(run, "report.html")) {
		t.Fatal("run --no-plots drew figures")
	}
	sweep := filepath.Join(dir, "sweep")
	copyDir(t, filepath.Join("..", "..", "outputs", "figures", "testdata", "sweep"), sweep)
	// A sweep's manifest, as sahelsim writes one: plot draws only into
	// directories sahelsim wrote.
	writeFile(t, sweep, "manifest.json", `{"format": 1, "sweep": "testdata", "sweep_hash": "0", "build": {"version": "test", "commit": "test", "go_version": "go1.26"}}`)
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		args    []string
		code    int
		out     string   // substring of stdout, or of stderr on failure
		files   []string // must exist after
		missing []string // must not exist after
	}{
		{"run", []string{"plot", run}, 0, "16 figures", // map_presence needs --series totals
			[]string{"figures/events_by_zone.svg", "figures/map_events.pdf", "figures/map_events_by_group.png", "figures/attribution.svg", "tables/headline.tex", "report.html"},
			[]string{"tables/compare.tex"}},
		// Another format keeps the figures drawn before in the others.
		{"svg for slides", []string{"plot", run, "--format", "svg", "--style", "slides", "--linear-maps"}, 0, "report.html",
			[]string{"figures/flows.svg", "figures/flows.png", "figures/flows.pdf"}, nil},
		{"png only", []string{"plot", run, "--format", "png"}, 0, "report.html",
			[]string{"figures/flows.svg", "figures/flows.png", "figures/flows.pdf", "figures/map_events.pdf"}, nil},
		{"compare", []string{"plot", run, "--compare", run, "--format", "svg"}, 0, "16 figures", []string{"figures/attribution.svg"}, nil},
		{"sweep", []string{"plot", sweep}, 0, "5 figures",
			[]string{"figures/compare_forest.pdf", "figures/sweep_policy_disaggregation_intensity.svg", "tables/compare.tex", "tables/headline.tex", "report.html"}, nil},
		{"missing directory", []string{"plot", filepath.Join(dir, "none")}, 2, "none", nil, nil},
		{"not a run", []string{"plot", empty}, 2, "neither a run", nil, []string{"report.html"}},
		{"bad format", []string{"plot", run, "--format", "eps"}, 2, `format "eps"`, nil, nil},
		{"bad style", []string{"plot", run, "--style", "poster"}, 2, `style "poster"`, nil, nil},
		{"compare with a sweep", []string{"plot", run, "--compare", sweep}, 2, "want a run directory", nil, nil},
		{"no directory", []string{"plot"}, 2, "accepts 1 arg", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := execute(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if out := stdout + stderr; !strings.Contains(out, tt.out) {
				t.Errorf("output %q lacks %q", out, tt.out)
			}
			base := tt.args[1%len(tt.args)]
			for _, f := range tt.files {
				if !exists(filepath.Join(base, f)) {
					t.Errorf("%s is missing", f)
				}
			}
			for _, f := range tt.missing {
				if exists(filepath.Join(base, f)) {
					t.Errorf("%s is there", f)
				}
			}
		})
	}
}

// TestRunDraws checks that run draws the figures, tables and report by
// default.
func TestRunDraws(t *testing.T) {
	out := filepath.Join(t.TempDir(), "run")
	code, stdout, stderr := execute(t, "run", "--reps", "2", "--out", out, "-q")
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	for _, f := range []string{"summary.csv", "figures/events_by_zone.pdf", "figures/map_events.svg", "figures/flows.png", "tables/headline.tex", "report.html"} {
		if !exists(filepath.Join(out, f)) {
			t.Errorf("%s is missing", f)
		}
	}
	if !strings.Contains(stdout, filepath.Join(out, "report.html")) {
		t.Errorf("stdout does not name the report:\n%s", stdout)
	}
}
