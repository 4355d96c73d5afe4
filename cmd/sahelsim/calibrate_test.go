package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/outputs"
)

// calScenario is the baseline over the first half of 2017, and
// calScreening a calibration of it that screens three parameters first.
const (
	calScenario  = "extends = \"baseline\"\nname = \"half2017\"\nend = 2017-06-30\n"
	calScreening = `name = "screened"
scenario = "half2017.toml"
replicates = 1
seed = 9
[design]
kind = "morris"
points = 4
[parameters]
"violence.tempo" = { min = 0.02, max = 0.08 }
"groups.flm.fighters" = { min = 200, max = 1200 }
"recruitment.rate" = { min = 12.0, max = 36.0 }
`
)

// calFlags are the flags of a small calibration of calScreening.
var calFlags = []string{"--particles", "16", "--budget", "48", "--check", "4", "--max-parameters", "2", "--screen-replicates", "1", "-q"}

// calibrationOutputs are the files of a calibration that must not depend
// on workers or interruptions.
var calibrationOutputs = []string{"calibration/posterior.csv", "calibration/parameters.csv", "calibration/targets.csv",
	"calibration/generations.csv", "calibration/screening.csv", "calibrated.toml", "calibration.json"}

func sameCalibration(t *testing.T, dir, want string) {
	t.Helper()
	for _, f := range calibrationOutputs {
		a, err1 := os.ReadFile(filepath.Join(want, f))
		b, err2 := os.ReadFile(filepath.Join(dir, f))
		if err1 != nil || err2 != nil {
			t.Errorf("%s: %v, %v", f, err1, err2)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the uninterrupted calibration's", f)
		}
	}
}

func TestCalibrate(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "half2017.toml", calScenario)
	file := writeFile(t, dir, "cal.toml", calScreening)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := execute(t, append([]string{"calibrate", file, "--out", out}, calFlags...)...)
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	for _, s := range []string{"screening: 2 of 3 parameters kept", "posterior: 16 particles (", "Targets met",
		"training-window patterns", "simulations (screening 16) (check 4)", "calibrated scenario:"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	for _, f := range append(calibrationOutputs, "calibration/figures/patterns_label_mix.svg", "calibration/figures/parameters.png",
		"calibration/figures/screening.pdf", "screening.toml", "generations/000.toml", "generations/001.csv", "check.toml") {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	post, _ := os.ReadFile(filepath.Join(out, "calibration", "posterior.csv"))
	// The two parameters kept, by decreasing μ*: which two depends on the
	// runs, but they are two of the file's three.
	header, _, _ := strings.Cut(string(post), "\n")
	cols := strings.Split(header, ",")
	if len(cols) != 7 || strings.Join(cols[:5], ",") != "draw,weight,distance,generation,particle" || cols[5] == cols[6] ||
		!strings.Contains(calScreening, `"`+cols[5]+`"`) || !strings.Contains(calScreening, `"`+cols[6]+`"`) {
		t.Errorf("posterior.csv starts %q, want its five columns and two of the parameters", header)
	}
	// Again: everything is done, the same outputs; --next has nothing to run.
	again := filepath.Join(dir, "again")
	os.CopyFS(again, os.DirFS(out))
	if code, _, stderr := execute(t, append([]string{"calibrate", file, "--out", again}, calFlags...)...); code != 0 {
		t.Fatalf("again: exit code %d; stderr:\n%s", code, stderr)
	}
	sameCalibration(t, again, out)
	if code, stdout, _ := execute(t, append([]string{"calibrate", file, "--out", again, "--next"}, calFlags...)...); code != 0 || stdout != "" {
		t.Errorf("--next after the end: exit code %d, stdout %q; want 0 and nothing", code, stdout)
	}
	// --next on a new directory prepares the screening.
	if code, stdout, _ := execute(t, append([]string{"calibrate", file, "--out", filepath.Join(dir, "next"), "--next"}, calFlags...)...); code != 0 ||
		strings.TrimSpace(stdout) != filepath.Join(dir, "next", "screening.toml") {
		t.Errorf("--next: exit code %d, stdout %q; want the screening's sweep file", code, stdout)
	}

	list := writeFile(t, dir, "list.toml", "scenario = \"baseline\"\n[design]\nkind = \"sobol\"\npoints = 8\n[parameters]\n\"violence.tempo\" = [0.03, 0.05]\n")
	grid := writeFile(t, dir, "grid.toml", "scenario = \"baseline\"\n[parameters]\n\"violence.tempo\" = { min = 0.03, max = 0.05 }\n")
	thesis := filepath.Join(dir, "thesis")
	os.Mkdir(thesis, 0o755)
	writeFile(t, thesis, "chapter1.tex", "mine")
	locked := filepath.Join(dir, "locked")
	lock, err := outputs.LockDir(locked, outputs.LockOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	for _, tt := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"a folder of the user's", append([]string{"calibrate", file, "--out", thesis}, calFlags...), "holds chapter1.tex and no calibration.json"},
		{"another process", append([]string{"calibrate", file, "--out", locked}, calFlags...), "another sahelsim process"},
		{"another calibration in the directory", append([]string{"calibrate", file, "--out", out, "--keep", "0.25"}, calFlags...), "holds calibration"},
		{"bad keep", []string{"calibrate", file, "--out", filepath.Join(dir, "o1"), "--keep", "1.5"}, "keep 1.5"},
		{"list parameter", []string{"calibrate", list, "--out", filepath.Join(dir, "o2")}, "needs a numeric range"},
		{"grid design", []string{"calibrate", grid, "--out", filepath.Join(dir, "o3")}, `design "grid"`},
		{"over budget", []string{"calibrate", file, "--out", filepath.Join(dir, "o4"), "--particles", "100", "--budget", "50"}, "over the budget"},
		{"shard and next", []string{"calibrate", file, "--out", filepath.Join(dir, "o5"), "--shard", "0/2", "--next"}, "give one"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := execute(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit code %d, stderr %q; want 2 and %q", code, stderr, tt.stderr)
			}
		})
	}
}

// TestCalibrateKilled kills a calibration with SIGKILL in the middle of
// its sequential phase, runs the same command again, and checks that the
// outputs are those of an uninterrupted calibration.
func TestCalibrateKilled(t *testing.T) {
	bin := buildSahelsim(t)
	dir := t.TempDir()
	writeFile(t, dir, "half2017.toml", calScenario)
	file := writeFile(t, dir, "cal.toml", calScreening)
	whole := filepath.Join(dir, "whole")
	if out, err := exec.Command(bin, append([]string{"calibrate", file, "--out", whole, "--workers", "2"}, calFlags...)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted calibration: %v\n%s", err, out)
	}
	killed := filepath.Join(dir, "killed")
	cmd := exec.Command(bin, append([]string{"calibrate", file, "--out", killed, "--workers", "1"}, calFlags...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(120 * time.Second)
	for {
		parts, _ := filepath.Glob(filepath.Join(killed, "generations", "002", "parts", "*", "*.part"))
		if len(parts) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no part of generation 2 after 120 s; stderr:\n%s", stderr.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(killed, "calibration", "parameters.csv")); err == nil {
		t.Fatal("the calibration finished before it was killed")
	}
	if out, err := exec.Command(bin, append([]string{"calibrate", file, "--out", killed, "--workers", "2"}, calFlags...)...).CombinedOutput(); err != nil {
		t.Fatalf("resume: %v\n%s", err, out)
	}
	sameCalibration(t, killed, whole)
}
