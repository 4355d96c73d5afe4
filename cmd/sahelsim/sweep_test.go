package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sahelsim/sahelsim/internal/cli"
	"github.com/sahelsim/sahelsim/internal/sweep"
)

// tinySweep is a sweep of 24 short runs (8 points × 3 replicates).
var tinySweep = filepath.Join("..", "..", "internal", "sweep", "testdata", "tiny.toml")

// sweepOutputs are the files of a sweep directory that must be identical
// however the sweep ran.
var sweepOutputs = []string{"manifest.json", "runs.csv", "timeseries.csv", "runs.parquet", "timeseries.parquet"}

// sameOutputs checks that the outputs of dir are byte-identical to those
// of want.
func sameOutputs(t *testing.T, dir, want string) {
	t.Helper()
	for _, f := range sweepOutputs {
		a, err := os.ReadFile(filepath.Join(want, f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Error(err)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from %s", filepath.Join(dir, f), filepath.Join(want, f))
		}
	}
}

// writeFile writes text to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSweepBadInput(t *testing.T) {
	dir := t.TempDir()
	unknown := writeFile(t, dir, "unknown.toml", "scenario = \"reintegration\"\n[parameters]\n\"policy.reintegration.intensty\" = [0.5]\n")
	rng := writeFile(t, dir, "range.toml", "scenario = \"reintegration\"\n\n[parameters]\n\"policy.reintegration.intensity\" = [0.5, 2]\n")
	other := filepath.Join(dir, "other")
	if code, _, stderr := execute(t, "sweep", tinySweep, "--out", other, "-q", "--series", "none"); code != 0 {
		t.Fatalf("sweep: exit %d\n%s", code, stderr)
	}
	notSweep := filepath.Join(dir, "notsweep")
	os.Mkdir(notSweep, 0o755)
	writeFile(t, notSweep, "notes.txt", "mine")

	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown path", []string{"sweep", unknown, "--out", filepath.Join(dir, "o1")},
			unknown + `:3: policy.reintegration.intensty: unknown key (did you mean "policy.reintegration.intensity"?)`},
		{"out of range", []string{"sweep", rng, "--out", filepath.Join(dir, "o2")},
			rng + ":4: policy.reintegration.intensity: value 2 (2): want a value from 0 to 1, got 2"},
		{"missing file", []string{"sweep", filepath.Join(dir, "none.toml")}, "none.toml"},
		{"unknown built-in", []string{"sweep", "levrs"}, `did you mean "levers"?`},
		{"bad series", []string{"sweep", tinySweep, "--series", "some"}, "--series"},
		{"bad shard", []string{"sweep", tinySweep, "--shard", "3/3"}, "--shard"},
		{"negative workers", []string{"sweep", tinySweep, "--workers", "-1"}, "--workers"},
		{"another sweep", []string{"sweep", tinySweep, "--out", other}, "holds sweep \"tiny\""},
		{"not a sweep directory", []string{"sweep", tinySweep, "--out", notSweep}, "notes.txt"},
		{"slurm of a bad file", []string{"slurm", unknown, "--out", filepath.Join(dir, "o3")}, "unknown key"},
		{"merge of a non-sweep", []string{"merge", notSweep}, "no manifest.json"},
		{"compare of a non-sweep", []string{"compare", notSweep}, "no manifest.json"},
		{"compare reference", []string{"compare", other, "--reference", "nobody"}, `reference "nobody"`},
		{"no file", []string{"sweep"}, "accepts 1 arg"},
		{"bad reps", []string{"sweep", tinySweep, "--reps", "-2", "--out", filepath.Join(dir, "o4")}, "--reps: -2 replicates: want 1 to 100000"},
		{"another sweep's reps", []string{"sweep", tinySweep, "--reps", "1", "--out", other}, "holds sweep \"tiny\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := execute(t, tt.args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2; stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderr)
			}
		})
	}
	for _, o := range []string{"o1", "o2", "o3", "o4"} {
		if _, err := os.Stat(filepath.Join(dir, o)); err == nil {
			t.Errorf("a bad sweep left %s behind", o)
		}
	}
}

func TestSweepCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := execute(t, "sweep", tinySweep, "--out", dir, "--workers", "2")
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	for _, f := range sweepOutputs {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stdout, "sweep tiny: 24 runs") || !strings.Contains(stdout, "sahelsim compare "+dir) {
		t.Errorf("stdout:\n%s", stdout)
	}
	// Not a terminal: plain progress lines, the last at 100 %.
	if !strings.Contains(stderr, "on 2 workers") || !strings.Contains(stderr, "24/24 runs (100%)") || !strings.Contains(stderr, "runs/s") {
		t.Errorf("stderr:\n%s", stderr)
	}
	// The same command again finds everything done and writes the same.
	before, _ := os.ReadFile(filepath.Join(dir, "runs.csv"))
	code, stdout, stderr = execute(t, "sweep", tinySweep, "--out", dir, "-q")
	after, _ := os.ReadFile(filepath.Join(dir, "runs.csv"))
	if code != 0 || stderr != "" || !strings.Contains(stdout, "24 done before") || !bytes.Equal(before, after) {
		t.Errorf("rerun: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// compare: the table and compare.csv.
	code, stdout, stderr = execute(t, "compare", dir)
	if code != 0 {
		t.Fatalf("compare: exit %d\n%s", code, stderr)
	}
	for _, s := range []string{"point 4 (short_reintegration groups.flm.fighters=800 end=2017-06-30) against point 0 (short", "fighters_total", "95% CI"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("compare output lacks %q:\n%s", s, stdout)
		}
	}
	if strings.Contains(stdout, "events_central_mali") {
		t.Error("compare prints every indicator without --all")
	}
	rows := readLines(t, filepath.Join(dir, "compare.csv"))
	if rows[0] != "reference,scenario,point,indicator,reference_mean,mean,difference,ci_low,ci_high,n" {
		t.Errorf("compare.csv header %q", rows[0])
	}
	// 4 points against their reference, every indicator.
	m, err := sweep.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != 4*len(m.Indicators) || !strings.HasPrefix(rows[1], "0,short_reintegration,4,events_total,") {
		t.Errorf("compare.csv: %d rows, first %q", len(rows)-1, rows[1])
	}
	out := filepath.Join(t.TempDir(), "c.csv")
	if code, stdout, _ := execute(t, "compare", dir, "--reference", "3", "--all", "--out", out); code != 0 || !strings.Contains(stdout, "events_central_mali") {
		t.Errorf("compare --all: exit %d", code)
	}
	if rows := readLines(t, out); len(rows)-1 != 7*len(m.Indicators) || !strings.HasPrefix(rows[1], "3,short,0,") {
		t.Errorf("compare --reference 3: %d rows, first %q", len(rows)-1, rows[1])
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func TestSweepFailedRuns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	t.Setenv(sweep.EnvTestFail, "1,4")
	code, _, stderr := execute(t, "sweep", tinySweep, "--out", dir, "-q", "--series", "none")
	if code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, stderr)
	}
	for _, s := range []string{"2 of 24 runs failed", "failures.csv", "run 1 (short, point 1, replicate 0, seed ", "failure injected", "rerun the same command"} {
		if !strings.Contains(stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, stderr)
		}
	}
	rows := readLines(t, filepath.Join(dir, "failures.csv"))
	if len(rows) != 3 || rows[0] != "run,scenario,point,replicate,seed,error" || !strings.HasPrefix(rows[2], "4,short_reintegration,4,0,") {
		t.Errorf("failures.csv:\n%s", strings.Join(rows, "\n"))
	}
	if n := len(readLines(t, filepath.Join(dir, "runs.csv"))); n != 1+22 {
		t.Errorf("runs.csv has %d rows, want 22", n-1)
	}
	// Without the failures, the same command completes the sweep.
	t.Setenv(sweep.EnvTestFail, "")
	if code, _, stderr := execute(t, "sweep", tinySweep, "--out", dir, "-q", "--series", "none"); code != 0 {
		t.Fatalf("rerun: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "failures.csv")); err == nil {
		t.Error("failures.csv is left after a complete rerun")
	}
}

// TestSweepSlurmArray runs a sweep as the tasks of a Slurm job array
// would (the shard from the SLURM_ARRAY_* variables), then merges it.
func TestSweepSlurmArray(t *testing.T) {
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	if code, _, stderr := execute(t, "sweep", tinySweep, "--out", whole, "-q"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	dir := filepath.Join(tmp, "sharded")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "1")
	t.Setenv("SLURM_ARRAY_TASK_MAX", "3")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "3")
	for task := 1; task <= 3; task++ {
		t.Setenv("SLURM_ARRAY_TASK_ID", strconv.Itoa(task))
		code, stdout, stderr := execute(t, "sweep", tinySweep, "--out", dir)
		if code != 0 {
			t.Fatalf("task %d: exit %d\n%s", task, code, stderr)
		}
		if !strings.Contains(stderr, "shard "+strconv.Itoa(task-1)+"/3 of 24 runs") || !strings.Contains(stdout, "8 of 8 runs done") || !strings.Contains(stdout, "sahelsim merge "+dir) {
			t.Errorf("task %d: stdout %q, stderr %q", task, stdout, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "runs.csv")); err == nil {
			t.Fatalf("task %d wrote runs.csv: a shard must leave that to merge", task)
		}
		if task == 2 {
			// Before the last shard, merge names what is missing.
			code, _, stderr := execute(t, "merge", dir)
			if code != 1 || !strings.Contains(stderr, "8 of 24 runs have no result: 2, 5, 8, 11") {
				t.Errorf("merge of 2 of 3 shards: exit %d\n%s", code, stderr)
			}
		}
	}
	code, stdout, stderr := execute(t, "merge", dir)
	if code != 0 || !strings.Contains(stdout, "merged 24 runs") {
		t.Fatalf("merge: exit %d\n%s%s", code, stdout, stderr)
	}
	sameOutputs(t, dir, whole)
}

func TestSlurmScripts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out dir")
	code, stdout, stderr := execute(t, "slurm", tinySweep, "--out", dir, "--tasks", "5", "--time", "0:10:00",
		"--partition", "debug", "--account", "proj1", "--cpus-per-task", "2", "--mem", "2G", "--sbatch=--qos=long", "--bin", "/opt/bin/sahelsim")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	sweepScript := filepath.Join(dir, "slurm", "sweep.sbatch")
	mergeScript := filepath.Join(dir, "slurm", "merge.sbatch")
	abs, _ := filepath.Abs(tinySweep)
	for _, s := range []string{"jid=$(sbatch --parsable '" + sweepScript + "')", "sbatch --dependency=afterok:${jid%%;*} '" + mergeScript + "'"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	for path, want := range map[string][]string{
		sweepScript: {"#!/bin/bash", "#SBATCH --array=0-4\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --time=0:10:00\n",
			"#SBATCH --partition=debug\n", "#SBATCH --account=proj1\n", "#SBATCH --mem=2G\n", "#SBATCH --qos=long\n",
			"#SBATCH --output=\"" + filepath.Join(dir, "slurm", "logs") + "/sweep-%A_%a.log\"\n",
			"exec /opt/bin/sahelsim sweep " + abs + " --out '" + dir + "' --series totals\n"},
		mergeScript: {"#!/bin/bash", "#SBATCH --kill-on-invalid-dep=yes\n", "#SBATCH --time=0:10:00\n",
			"exec /opt/bin/sahelsim merge '" + dir + "'\n"},
	} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range want {
			if !strings.Contains(string(b), s) {
				t.Errorf("%s lacks %q:\n%s", path, s, b)
			}
		}
		if out, err := exec.Command("bash", "-n", path).CombinedOutput(); err != nil {
			t.Errorf("%s is not valid bash: %v\n%s", path, err, out)
		}
		if strings.Contains(string(b), "--array") != (path == sweepScript) {
			t.Errorf("%s: --array in the wrong script", path)
		}
	}
	// The sweep directory is prepared, and the log directory made.
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		t.Error(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "slurm", "logs")); err != nil || !fi.IsDir() {
		t.Errorf("logs directory: %v", err)
	}
}

// buildSahelsim builds the command into a temporary directory.
func buildSahelsim(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "sahelsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// killSweep is long enough (160 short runs on one worker) to be stopped
// midway.
const killSweep = `scenario = "baseline"
replicates = 40
seed = 3
[parameters]
end = [2017-03-31, 2017-06-30]
"groups.flm.fighters" = [800, 1600]
`

// partFiles returns the part files of the sweep directory dir, with their
// inode and modification time.
func partFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "parts", "*", "*.part"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(p), ".part")] = strconv.FormatUint(fi.Sys().(*syscall.Stat_t).Ino, 10) + " " + fi.ModTime().String()
	}
	return out
}

// startSweep starts the binary on a sweep and waits until it has written
// at least n parts. Its stderr goes to the buffer returned.
func startSweep(t *testing.T, bin, file, dir, trace string, n int) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(bin, "sweep", file, "--out", dir, "--workers", "1")
	cmd.Env = append(os.Environ(), sweep.EnvTestTrace+"="+trace)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for len(partFiles(t, dir)) < n {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no %d parts after 60 s; stderr:\n%s", n, stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	return cmd, &stderr
}

// traced returns the runs of a trace file.
func traced(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	for _, l := range strings.Fields(strings.ReplaceAll(string(b), "run ", "")) {
		runs = append(runs, l)
	}
	return runs
}

// TestSweepInterrupted stops sweeps midway, with SIGKILL and SIGTERM,
// and resumes them.
func TestSweepInterrupted(t *testing.T) {
	bin := buildSahelsim(t)
	t.Run("SIGKILL", func(t *testing.T) { testKilled(t, bin) })
	t.Run("SIGTERM", func(t *testing.T) { testTerminated(t, bin) })
}

// testKilled kills a sweep with SIGKILL midway, runs the same command
// again, and checks that the outputs are those of an uninterrupted sweep
// and that no finished run ran twice.
func testKilled(t *testing.T, bin string) {
	tmp := t.TempDir()
	file := writeFile(t, tmp, "kill.toml", killSweep)

	whole := filepath.Join(tmp, "whole")
	if out, err := exec.Command(bin, "sweep", file, "--out", whole, "-q", "--workers", "2").CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted sweep: %v\n%s", err, out)
	}

	dir := filepath.Join(tmp, "killed")
	cmd, _ := startSweep(t, bin, file, dir, filepath.Join(tmp, "trace1"), 20)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	done := partFiles(t, dir)
	if len(done) >= 160 {
		t.Fatalf("the sweep finished before it was killed: make it longer")
	}
	if _, err := os.Stat(filepath.Join(dir, "runs.csv")); err == nil {
		t.Fatal("a killed sweep wrote runs.csv")
	}
	t.Logf("killed after %d of 160 runs", len(done))

	trace := filepath.Join(tmp, "trace2")
	cmd = exec.Command(bin, "sweep", file, "--out", dir, "-q", "--workers", "2")
	cmd.Env = append(os.Environ(), sweep.EnvTestTrace+"="+trace)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	sameOutputs(t, dir, whole)

	// The rerun ran exactly the runs without a part, …
	ran := traced(t, trace)
	var want []string
	for run := range 160 {
		if _, ok := done[strconv.Itoa(run)]; !ok {
			want = append(want, strconv.Itoa(run))
		}
	}
	slices.Sort(ran)
	slices.Sort(want)
	if !slices.Equal(ran, want) {
		t.Errorf("the rerun ran %d runs, want the %d without a part", len(ran), len(want))
	}
	// … and left the parts of the finished runs untouched.
	after := partFiles(t, dir)
	for run, id := range done {
		if after[run] != id {
			t.Errorf("part of run %s was rewritten", run)
		}
	}
	// The first process started each run once, in order.
	first := traced(t, filepath.Join(tmp, "trace1"))
	for i, r := range first {
		if r != strconv.Itoa(i) {
			t.Fatalf("the killed sweep started run %s %d-th: not in run order", r, i)
		}
	}
}

// testTerminated stops a sweep with SIGTERM, as Slurm does at a time
// limit: it exits 143 and says how to resume.
func testTerminated(t *testing.T, bin string) {
	tmp := t.TempDir()
	file := writeFile(t, tmp, "term.toml", killSweep)
	dir := filepath.Join(tmp, "out")
	cmd, stderr := startSweep(t, bin, file, dir, filepath.Join(tmp, "trace"), 5)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != cli.ExitTerminated {
		t.Fatalf("after SIGTERM: %v, want exit code %d", err, cli.ExitTerminated)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s to stop", d)
	}
	if msg := stderr.String(); !strings.Contains(msg, "interrupted: ") || !strings.Contains(msg, " of 160 runs done; rerun the same command to resume") {
		t.Errorf("stderr after SIGTERM:\n%s", msg)
	}
	out, err := exec.Command(bin, "sweep", file, "--out", dir, "-q").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "done before") {
		t.Fatalf("resume: %v\n%s", err, out)
	}
}

// TestSweepReps runs a sweep with --reps in place of its file's
// replicates, and prints a shipped sweep with show.
func TestSweepReps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	code, stdout, stderr := execute(t, "sweep", tinySweep, "--reps", "1", "--out", dir, "-q", "--no-plots", "--series", "none")
	if code != 0 || !strings.Contains(stdout, "8 runs (8 points × 1 replicates)") {
		t.Fatalf("sweep --reps 1: exit %d\n%s%s", code, stdout, stderr)
	}
	if rows := strings.Count(string(readAll(t, filepath.Join(dir, "runs.csv"))), "\n"); rows != 9 {
		t.Errorf("runs.csv has %d lines, want a header and 8 runs", rows)
	}
	code, stdout, _ = execute(t, "show", "levers")
	if code != 0 || !strings.Contains(stdout, "# Sweep scenarios/sweeps/levers.toml: 8 points") || !strings.Contains(stdout, "\nscenarios = [") {
		t.Errorf("show levers: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = execute(t, "show", tinySweep)
	if code != 0 || !strings.Contains(stdout, "24 runs") || !strings.Contains(stdout, `"groups.flm.fighters" = [800, 1600]`) {
		t.Errorf("show of a sweep file: exit %d\n%s", code, stdout)
	}
}

// readAll reads path whole.
func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
