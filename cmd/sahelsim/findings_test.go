package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes name → text into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPosteriorBadInput checks that bad [posterior] input exits 2 naming
// the file, the line and the key.
func TestPosteriorBadInput(t *testing.T) {
	dir := t.TempDir()
	head := "scenarios = [\"baseline\", \"reintegration\"]\n[posterior]\n"
	writeFiles(t, dir, map[string]string{
		"draws.toml":   head + "file = \"baseline\"\ndraws = 0\n",
		"missing.toml": head + "file = \"gone.csv\"\n",
		"column.toml":  head + "file = \"post.csv\"\n",
		"post.csv":     "draw,weight,groups.flm.fighterz\n0,1,500\n",
	})
	for _, tt := range []struct{ file, want string }{
		{"draws.toml", "draws.toml:4: posterior.draws"},
		{"missing.toml", "missing.toml:3: posterior.file"},
		{"column.toml", `post.csv:1: groups.flm.fighterz: unknown key (did you mean "groups.flm.fighters"?)`},
	} {
		code, _, stderr := execute(t, "sweep", filepath.Join(dir, tt.file), "--out", filepath.Join(dir, "out-"+tt.file), "-q")
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, %q; want 2 and %q", tt.file, code, stderr, tt.want)
		}
	}
	code, _, stderr := execute(t, "findings", filepath.Join(dir, "nothing"))
	if code != 2 || !strings.Contains(stderr, "nothing") {
		t.Errorf("findings of no sweep: exit %d, %q", code, stderr)
	}
}

// TestFindingsCommand runs a small posterior sweep, compares it and states
// its findings.
func TestFindingsCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a small sweep")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"short.toml":  "extends = \"baseline\"\nname = \"short\"\nend = 2017-06-30\n",
		"lever.toml":  "extends = \"counterinsurgency\"\nname = \"lever\"\nend = 2017-06-30\n[policy.counterinsurgency]\nstart = 2017-02-01\n",
		"robust.toml": "scenarios = [\"short.toml\", \"lever.toml\"]\nreplicates = 2\n[posterior]\nfile = \"baseline\"\ndraws = 3\n",
	})
	out := filepath.Join(dir, "out")
	code, stdout, stderr := execute(t, "sweep", filepath.Join(dir, "robust.toml"), "--out", out, "-q", "--no-plots")
	if code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, stderr)
	}
	code, stdout, stderr = execute(t, "compare", out)
	if code != 0 || !strings.Contains(stdout, "Effects over the posterior: 3 draws × 2 replicates, against short") || !strings.Contains(stdout, "fatalities_total     fewer") {
		t.Errorf("compare: exit %d, %s%s", code, stdout, stderr)
	}
	for _, f := range []string{"effects.csv", "drivers.csv", "effects_posterior.tex", "compare.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	code, stdout, stderr = execute(t, "findings", out, "--format", "svg")
	if code != 0 || !strings.Contains(stdout, "Findings:\n- lever ") {
		t.Errorf("findings: exit %d, %s%s", code, stdout, stderr)
	}
	code, _, stderr = execute(t, "findings", out, "--out", out)
	if code != 2 || !strings.Contains(stderr, "a directory of their own") {
		t.Errorf("findings into the sweep's directory: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "runs.csv")); err != nil {
		t.Error(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "findings", "findings.html"))
	if err != nil || !strings.Contains(string(page), "Which levers reduce violence robustly") || !strings.Contains(string(page), "<svg") {
		t.Errorf("findings.html: %v", err)
	}
}
