package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// waitFor polls until ok holds, failing after a while.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// glob reports whether pattern matches a path.
func glob(pattern string) bool {
	m, _ := filepath.Glob(pattern)
	return len(m) > 0
}

// stopAt starts bin with args, waits until ready holds, sends sig and
// checks that the process exits with code within a few seconds.
func stopAt(t *testing.T, bin string, args []string, what string, ready func() bool, sig syscall.Signal, code int) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	waitFor(t, what, func() bool {
		select {
		case err := <-exited:
			t.Fatalf("%s: exited (%v) before %s:\n%s", strings.Join(args, " "), err, what, stderr.String())
		default:
		}
		return ready()
	})
	sent := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-exited:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("%s: still running 20 s after %v %s", strings.Join(args, " "), sig, what)
	}
	// Within a second on a quiet machine; the bound leaves room for a
	// loaded one.
	if d := time.Since(sent); d > 5*time.Second {
		t.Errorf("took %s to stop after %v", d, sig)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != code {
		t.Errorf("after %v %s: %v, want exit code %d; stderr:\n%s", sig, what, err, code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say the command was interrupted:\n%s", stderr.String())
	}
	return stderr.String()
}

// TestSignals stops real processes with SIGINT and SIGTERM while they
// simulate, write their files and draw their figures: each stops at once
// with 130 or 143 and leaves nothing, no partial output and no
// temporary file; a plot stopped mid-drawing leaves the directory as it
// was.
func TestSignals(t *testing.T) {
	bin := buildSahelsim(t)
	root := t.TempDir()
	writeFile(t, root, "precious.txt", "unrelated")
	run := func(out string) []string {
		return []string{"run", "--reps", "20", "--workers", "2", "--out", out, "-q"}
	}
	tmpBeside := func(base string) string { return filepath.Join(root, ".sahelsim-tmp-"+base+"-*") }

	phases := []struct {
		name  string
		sig   syscall.Signal
		code  int
		ready func(out string) bool
	}{
		// The lock placeholder is there, nothing written yet: simulating.
		{"simulating", syscall.SIGINT, 130, func(out string) bool { return glob(filepath.Join(out, ".sahelsim.lock")) }},
		// The temporary directory has files: writing.
		{"writing", syscall.SIGTERM, 143, func(out string) bool {
			return glob(filepath.Join(tmpBeside(filepath.Base(out)), "summary.csv"))
		}},
		// The staging directory of the figures: drawing.
		{"drawing", syscall.SIGINT, 130, func(out string) bool {
			return glob(filepath.Join(tmpBeside(filepath.Base(out)), ".sahelsim-tmp-draw-*", "figures", "*"))
		}},
	}
	before := tree(t, root)
	for _, ph := range phases {
		t.Run(ph.name, func(t *testing.T) {
			out := filepath.Join(root, "out-"+ph.name)
			stopAt(t, bin, run(out), ph.name, func() bool { return ph.ready(out) }, ph.sig, ph.code)
			sameTree(t, root, before)
		})
	}

	// plot, stopped while drawing, leaves the run as it was.
	done := filepath.Join(root, "done")
	if out, err := exec.Command(bin, "run", "--reps", "4", "--out", done, "-q").CombinedOutput(); err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	before = tree(t, root)
	t.Run("plot", func(t *testing.T) {
		stopAt(t, bin, []string{"plot", done}, "drawing", func() bool {
			return glob(filepath.Join(done, ".sahelsim-tmp-draw-*", "figures", "*"))
		}, syscall.SIGTERM, 143)
		sameTree(t, root, before)
	})
}

// TestConcurrentRuns starts a run, then a second one into the same
// directory, with and without --force, and a plot of it: they fail at
// once, exit 2, saying another process is writing it; the first run
// completes untouched.
func TestConcurrentRuns(t *testing.T) {
	bin := buildSahelsim(t)
	root := t.TempDir()
	out := filepath.Join(root, "out")
	first := exec.Command(bin, "run", "--reps", "40", "--workers", "1", "--out", out, "-q", "--no-plots")
	var stderr bytes.Buffer
	first.Stderr = &stderr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	waitFor(t, "the first run's lock", func() bool { return glob(filepath.Join(out, ".sahelsim.lock")) })
	for _, args := range [][]string{
		{"run", "--reps", "1", "--out", out, "-q"},
		{"run", "--reps", "1", "--out", out, "-q", "--force"},
		{"validate", "--reps", "1", "--out", out, "-q", "--force"},
	} {
		start := time.Now()
		cmd := exec.Command(bin, args...)
		msg, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(msg), "another sahelsim process is writing") {
			t.Errorf("%s while another runs: %v\n%s", strings.Join(args, " "), err, msg)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s took %s to fail: not at once", strings.Join(args, " "), d)
		}
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("the first run: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil || !strings.Contains(string(b), `"replicates": 40`) {
		t.Errorf("the first run's manifest: %v\n%.300s", err, b)
	}
	if glob(filepath.Join(out, ".sahelsim.lock")) || glob(filepath.Join(root, ".sahelsim-tmp-*")) {
		t.Error("the lock or a temporary directory was left")
	}
}
