package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/scenarios"
)

// execute runs the command line args in-process.
func execute(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte("extends = \"baseline\"\n[groups.flm]\nfighters = \"many\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	invalid := filepath.Join(dir, "invalid.toml")
	if err := os.WriteFile(invalid, []byte("extends = \"baseline\"\n[zones.x]\nregions = [\"Atlantis\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(dir, "existing")
	if err := os.Mkdir(existing, 0o755); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good")

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // substring of stderr
	}{
		{"bad scenario file", []string{"run", bad, "--out", filepath.Join(dir, "o1"), "-q"}, 2, "bad.toml"},
		{"invalid scenario", []string{"run", invalid, "--out", filepath.Join(dir, "o2"), "-q"}, 2, "invalid.toml"},
		{"missing scenario file", []string{"run", filepath.Join(dir, "none.toml"), "-q"}, 2, "none.toml"},
		{"unknown built-in", []string{"show", "baselin"}, 2, `did you mean "baseline"`},
		{"unknown flag", []string{"run", "--frobnicate"}, 2, "unknown flag"},
		{"bad flag value", []string{"run", "--reps", "many"}, 2, "--reps"},
		{"zero replicates", []string{"run", "--reps", "0", "--out", filepath.Join(dir, "o3")}, 2, "--reps"},
		{"too many arguments", []string{"run", "a", "b"}, 2, "accepts at most 1 arg"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"existing out dir", []string{"run", "--reps", "2", "--out", existing, "-q"}, 2, "--force"},
		{"good run", []string{"run", "--reps", "2", "--out", good, "-q"}, 0, ""},
		{"help", []string{"--help"}, 0, ""},
		{"version", []string{"version"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := execute(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderr)
			}
		})
	}
	for _, f := range []string{"summary.csv", "timeseries.csv", "events.csv", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(good, f)); err != nil {
			t.Error(err)
		}
	}
	for _, o := range []string{"o1", "o2", "o3"} {
		if _, err := os.Stat(filepath.Join(dir, o)); err == nil {
			t.Errorf("a failed run left %s behind", o)
		}
	}
}

func TestRunOutput(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := execute(t, "run", "--reps", "2", "--seed", "42")
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	want := filepath.Join("runs", "baseline-seed42")
	if _, err := os.Stat(filepath.Join(want, "summary.csv")); err != nil {
		t.Errorf("default output directory: %v", err)
	}
	for _, s := range []string{"jnim_share_events", "90% interval", want} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	if stderr != "" {
		t.Errorf("stderr is not a terminal, yet got %q", stderr)
	}
	// The same again fails without --force and succeeds with it.
	if code, _, _ := execute(t, "run", "--reps", "2", "--seed", "42"); code != 2 {
		t.Errorf("rerun without --force: exit code %d, want 2", code)
	}
	if code, _, stderr := execute(t, "run", "--reps", "2", "--seed", "42", "--force"); code != 0 {
		t.Errorf("rerun with --force: exit code %d; stderr:\n%s", code, stderr)
	}
}

func TestRunCancelled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"run", "--reps", "4", "--out", dir}, &out, &errOut); code != cli.ExitInterrupted {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, cli.ExitInterrupted, errOut.String())
	}
	if !strings.Contains(errOut.String(), "interrupted") {
		t.Errorf("stderr %q does not say the run was interrupted", errOut.String())
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("an interrupted run left its directory behind")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 0 {
		t.Errorf("an interrupted run left %d entries behind", len(entries))
	}
}

func TestShow(t *testing.T) {
	code, stdout, stderr := execute(t, "show", "baseline")
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	sc, err := scenarios.Parse([]byte(stdout), "")
	if err != nil {
		t.Fatalf("show output does not parse: %v", err)
	}
	want, err := scenarios.Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "baseline" || len(sc.Zones) != len(want.Zones) || sc.Seed != want.Seed {
		t.Errorf("show baseline gave %q with %d zones, seed %d", sc.Name, len(sc.Zones), sc.Seed)
	}
}

func TestScenarios(t *testing.T) {
	code, stdout, _ := execute(t, "scenarios")
	if code != 0 {
		t.Fatalf("exit code %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "NAME") || !strings.HasPrefix(lines[1], "baseline ") {
		t.Errorf("scenarios output:\n%s", stdout)
	}
	for _, s := range scenarios.List() {
		if !strings.Contains(stdout, s.Name) {
			t.Errorf("scenarios lacks %s", s.Name)
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := execute(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "sahelsim ") || !strings.Contains(stdout, "commit ") || !strings.Contains(stdout, "go1.") {
		t.Errorf("version: exit %d, output %q", code, stdout)
	}
}
