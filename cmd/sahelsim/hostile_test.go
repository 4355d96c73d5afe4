package main

// The corpus of issue #9: hostile or merely unusual input, one test per
// class, each checking the exit code, the message, that nothing is left
// behind and that unrelated files are intact.

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tree returns every path under dir, relative, with the size and time
// of each file.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out = append(out, rel+"/")
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, fmt.Sprintf("%s %d %s", rel, fi.Size(), fi.ModTime()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// sameTree fails unless dir holds what before says it held.
func sameTree(t *testing.T, dir string, before []string) {
	t.Helper()
	if after := tree(t, dir); !slices.Equal(before, after) {
		t.Errorf("%s changed:\nbefore %q\nafter  %q", dir, before, after)
	}
}

// expect runs args in-process and checks the exit code and that stderr
// holds each of msgs.
func expect(t *testing.T, code int, msgs []string, args ...string) string {
	t.Helper()
	done := make(chan struct{})
	var got int
	var stdout, stderr string
	go func() {
		defer close(done)
		got, stdout, stderr = execute(t, args...)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatalf("sahelsim %s: still running after 2 minutes", strings.Join(args, " "))
	}
	if got != code {
		t.Errorf("sahelsim %s: exit code %d, want %d; stderr:\n%s", strings.Join(args, " "), got, code, stderr)
	}
	for _, m := range msgs {
		if !strings.Contains(stderr, m) {
			t.Errorf("sahelsim %s: stderr lacks %q:\n%s", strings.Join(args, " "), m, stderr)
		}
	}
	return stdout
}

// TestEdgeScenarios runs valid scenarios at the edges: one step, two
// weeks, no fighters. Each runs to completion and draws every figure
// (the figures of a two-week run once hung, growing memory).
func TestEdgeScenarios(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"oneday":     "extends = \"baseline\"\nend = 2017-01-01\n",
		"twoweeks":   "extends = \"baseline\"\nend = 2017-01-14\n",
		"nofighters": "extends = \"baseline\"\nend = 2017-12-31\n" + noFighters,
	} {
		t.Run(name, func(t *testing.T) {
			file := writeFile(t, dir, name+".toml", text)
			out := filepath.Join(dir, "out-"+name)
			expect(t, 0, nil, "run", file, "--reps", "2", "--out", out, "-q")
			for _, f := range []string{"summary.csv", "events.csv", "figures/events_by_zone.svg", "figures/map_events.png", "tables/headline.tex", "report.html"} {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// noFighters sets every group's fighters to 0.
const noFighters = `[groups.flm]
fighters = 0
[groups.ansar_dine]
fighters = 0
[groups.katiba_serma]
fighters = 0
[groups.ansaroul_islam]
fighters = 0
[groups.aqim_sahara]
fighters = 0
[groups.al_mourabitoun]
fighters = 0
[groups.isgs]
fighters = 0
`

// TestHostileNames checks that names are data: a name that is a path
// or holds a line break is refused before anything is written, and a
// file name with spaces gives a safe default name.
func TestHostileNames(t *testing.T) {
	root := t.TempDir()
	work := filepath.Join(root, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	writeFile(t, root, "precious.txt", "a thesis")
	pathName := writeFile(t, work, "path.toml", "extends = \"baseline\"\nname = \"../../x\"\nend = 2017-02-01\n")
	sweepNL := writeFile(t, work, "nl.toml", "name = \"a\\necho pwned > pwned.txt\"\nscenario = \"baseline\"\nreplicates = 1\n")
	sweepPath := writeFile(t, work, "sp.toml", "name = \"../x\"\nscenario = \"baseline\"\nreplicates = 1\n")
	spaces := writeFile(t, work, "my run; rm.toml", "extends = \"baseline\"\nend = 2017-02-01\n")
	okSweep := writeFile(t, work, "ok.toml", "scenario = \"baseline\"\nreplicates = 1\n[parameters]\nend = [2017-02-01]\n")
	before := tree(t, root)

	expect(t, 2, []string{"path.toml:2: name", `first character is '.'`, "letters"}, "run", pathName, "-q")
	expect(t, 2, []string{"nl.toml:1: name", `character 2 is '\n'`}, "sweep", sweepNL, "-q")
	expect(t, 2, []string{"nl.toml:1: name"}, "slurm", sweepNL)
	expect(t, 2, []string{"sp.toml:1: name"}, "sweep", sweepPath, "-q")
	expect(t, 2, []string{"path.toml:2: name"}, "validate", pathName, "-q")
	sameTree(t, root, before)

	// Options that would end an #SBATCH line are refused before the
	// directory is touched.
	expect(t, 2, []string{"--time", "line break"}, "slurm", okSweep, "--out", "slurmdir", "--time", "1:00:00\nrm -rf ~")
	expect(t, 2, []string{"--sbatch", "line break"}, "slurm", okSweep, "--out", "slurmdir", "--sbatch", "--qos=a\necho x")
	sameTree(t, root, before)

	// A file name with spaces and a semicolon names the run safely.
	expect(t, 0, nil, "run", spaces, "--reps", "1", "-q", "--no-plots")
	if _, err := os.Stat(filepath.Join(work, "runs", "my_run__rm-seed1", "summary.csv")); err != nil {
		t.Error(err)
	}
	// The Slurm scripts quote every value: a directory with a quote and
	// a space in its name.
	odd := filepath.Join(work, "it's a dir")
	expect(t, 0, nil, "slurm", okSweep, "--out", odd, "--time", "01:00:00")
	b, err := os.ReadFile(filepath.Join(odd, "slurm", "sweep.sbatch"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `--out '`+strings.ReplaceAll(odd, "'", `'\''`)+`'`) {
		t.Errorf("sweep.sbatch does not quote the directory:\n%s", b)
	}
}

// TestHostileFiles gives devices, FIFOs and directories where files are
// expected: each is refused at once with exit code 2.
func TestHostileFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	longLine := writeFile(t, dir, "longline.csv", strings.Repeat("x", 2<<20))
	run := filepath.Join(dir, "run")
	expect(t, 0, nil, "run", writeFile(t, dir, "s.toml", "extends = \"baseline\"\nend = 2017-03-01\n"), "--reps", "1", "--out", run, "-q", "--no-plots")
	before := tree(t, dir)
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"run", "/dev/zero", "-q", "--out", filepath.Join(dir, "o")}, "a device"},
		{[]string{"run", fifo, "-q", "--out", filepath.Join(dir, "o")}, "named pipe"},
		{[]string{"show", dir + "/"}, "a directory"},
		{[]string{"sweep", "/dev/zero", "--out", filepath.Join(dir, "o")}, "a device"},
		{[]string{"sweep", fifo, "--out", filepath.Join(dir, "o")}, "named pipe"},
		{[]string{"validate", "--targets", "/dev/zero", "-q", "--out", filepath.Join(dir, "o")}, "a device"},
		{[]string{"validate", "--targets", fifo, "-q", "--out", filepath.Join(dir, "o")}, "named pipe"},
		{[]string{"acled", "compare", "/dev/zero", run}, "a device"},
		{[]string{"acled", "compare", fifo, run}, "named pipe"},
		// A file of another kind: one line, no end (read as a stream,
		// each record is bounded).
		{[]string{"acled", "compare", longLine, run}, "longline.csv:1: record too long"},
		{[]string{"validate", "--targets", longLine, "-q", "--out", filepath.Join(dir, "o")}, "record too long"},
	} {
		expect(t, 2, []string{tt.msg}, tt.args...)
	}
	sameTree(t, dir, before)
}

// TestForceReplacesOnlyOurs points run --force at directories sahelsim
// did not write, a thesis folder and one with a manifest of another
// program, and at a run a user added notes to: each is refused, exit 2,
// and left as it was; a run sahelsim wrote is replaced.
func TestForceReplacesOnlyOurs(t *testing.T) {
	root := t.TempDir()
	thesis := filepath.Join(root, "thesis")
	other := filepath.Join(root, "other")
	for _, d := range []string{thesis, other} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, thesis, "thesis.tex", `\chapter{Years of work}`)
	writeFile(t, other, "manifest.json", `{"name": "another program's manifest"}`)
	writeFile(t, other, "data.csv", "a,b\n")
	short := writeFile(t, root, "short.toml", "extends = \"baseline\"\nend = 2017-03-01\n")
	before := tree(t, root)
	for _, dir := range []string{thesis, other} {
		expect(t, 2, []string{"not a directory sahelsim wrote", "untouched"}, "run", short, "--reps", "1", "--out", dir, "--force", "-q")
		expect(t, 2, []string{"not a directory sahelsim wrote"}, "validate", short, "--reps", "1", "--out", dir, "--force", "-q")
		expect(t, 2, []string{"holds neither a run"}, "plot", dir)
		expect(t, 2, []string{"not a directory sahelsim wrote"}, "acled", "export", dir)
		expect(t, 2, []string{"not a directory sahelsim wrote"}, "merge", dir)
		expect(t, 2, []string{"not a directory sahelsim wrote"}, "sensitivity", dir)
	}
	sameTree(t, root, before)

	run := filepath.Join(root, "run")
	expect(t, 0, nil, "run", short, "--reps", "1", "--out", run, "-q")
	expect(t, 0, nil, "run", short, "--reps", "2", "--out", run, "-q", "--force")
	writeFile(t, run, "notes.md", "my notes")
	before = tree(t, root)
	expect(t, 2, []string{"notes.md", "sahelsim did not write"}, "run", short, "--reps", "1", "--out", run, "-q", "--force")
	sameTree(t, root, before)
}

// TestPlotReplacesOnlyWhatItDrew checks that plot replaces the files it
// drew before, keeps the figures it drew in the formats it does not draw
// now, and leaves a user's own files in figures/ and tables/ alone.
func TestPlotReplacesOnlyWhatItDrew(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	expect(t, 0, nil, "run", writeFile(t, dir, "s.toml", "extends = \"baseline\"\nend = 2017-06-30\n"), "--reps", "1", "--out", run, "-q")
	mine := []string{writeFile(t, filepath.Join(run, "figures"), "my_figure.png", "mine"), writeFile(t, filepath.Join(run, "tables"), "my_table.tex", "mine")}
	expect(t, 0, nil, "plot", run, "--format", "svg")
	for _, f := range mine {
		if b, err := os.ReadFile(f); err != nil || string(b) != "mine" {
			t.Errorf("plot touched %s: %q, %v", f, b, err)
		}
	}
	for _, f := range []string{"events_by_zone.svg", "map_events.svg"} {
		if _, err := os.Stat(filepath.Join(run, "figures", f)); err != nil {
			t.Error(err)
		}
	}
	for _, f := range []string{"events_by_zone.pdf", "map_events.png"} {
		if _, err := os.Stat(filepath.Join(run, "figures", f)); err != nil {
			t.Errorf("figures/%s of the previous drawing, in another format, is gone: %v", f, err)
		}
	}
	b, err := os.ReadFile(filepath.Join(run, ".sahelsim-drawn"))
	if err != nil || !strings.Contains(string(b), "figures/events_by_zone.svg\n") || !strings.Contains(string(b), "figures/events_by_zone.pdf\n") || strings.Contains(string(b), "my_figure") {
		t.Errorf(".sahelsim-drawn:\n%s (%v)", b, err)
	}
	// --force over the run refuses the user's files.
	expect(t, 2, []string{"figures/my_figure.png"}, "run", "--reps", "1", "--out", run, "-q", "--force")
}

// TestLeftoversRemoved leaves what a killed process leaves (temporary
// directories beside the output directory, temporary files in it, a
// stale lock) and checks that the next run of the same directory removes
// them, and nothing else.
func TestLeftoversRemoved(t *testing.T) {
	dir := t.TempDir()
	short := writeFile(t, dir, "s.toml", "extends = \"baseline\"\nend = 2017-03-01\n")
	out := filepath.Join(dir, "out")
	// A killed run: its placeholder with a stale lock, its temporary
	// directory beside it; a neighbour's temporary directory stays.
	for _, d := range []string{out, filepath.Join(dir, ".sahelsim-tmp-out-123"), filepath.Join(dir, ".sahelsim-tmp-out2-45")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, out, ".sahelsim.lock", "12345\n")
	writeFile(t, filepath.Join(dir, ".sahelsim-tmp-out-123"), "summary.csv", "half")
	// Without --force: what a killed sahelsim left is no output.
	expect(t, 0, nil, "run", short, "--reps", "1", "--out", out, "-q", "--no-plots")
	for _, gone := range []string{".sahelsim-tmp-out-123", "out/.sahelsim.lock"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("%s left", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".sahelsim-tmp-out2-45")); err != nil {
		t.Errorf("another directory's temporary directory was removed: %v", err)
	}
	// A killed plot: its staging directory and a half-written file.
	if err := os.MkdirAll(filepath.Join(out, "figures", ".sahelsim-tmp-x.png-9"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, out, ".sahelsim-tmp-draw-77", "half")
	expect(t, 0, nil, "plot", out, "--format", "svg")
	for _, gone := range []string{"out/.sahelsim-tmp-draw-77", "out/figures/.sahelsim-tmp-x.png-9"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("%s left", gone)
		}
	}
}

// TestSweepIdentity checks that a sweep directory adopts no part of
// another sweep: one whose manifest was removed is refused, and a part
// of a sweep of another scenario makes merge fail, naming both sweeps.
func TestSweepIdentity(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.toml", "scenario = \"baseline\"\nreplicates = 2\n[parameters]\nend = [2017-02-01, 2017-03-01]\n")
	b := writeFile(t, dir, "b.toml", "scenario = \"reintegration\"\nreplicates = 2\n[parameters]\nend = [2018-02-01, 2018-03-01]\n")
	da, db := filepath.Join(dir, "da"), filepath.Join(dir, "db")
	expect(t, 0, nil, "sweep", a, "--out", da, "-q", "--no-plots")
	expect(t, 0, nil, "sweep", b, "--out", db, "-q", "--no-plots", "--shard", "0/1")

	// The manifest removed: the directory's parts cannot be checked.
	if err := os.Rename(filepath.Join(da, "manifest.json"), filepath.Join(dir, "a-manifest.json")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dir)
	expect(t, 2, []string{"has no manifest.json", "parts", "restore its manifest"}, "sweep", b, "--out", da, "-q")
	expect(t, 2, []string{"no manifest.json"}, "merge", da)
	sameTree(t, dir, before)
	if err := os.Rename(filepath.Join(dir, "a-manifest.json"), filepath.Join(da, "manifest.json")); err != nil {
		t.Fatal(err)
	}

	// A part of sweep b in sweep a's directory.
	pa, pb := filepath.Join(da, "parts", "0000", "1.part"), filepath.Join(db, "parts", "0000", "1.part")
	data, err := os.ReadFile(pb)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pa, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before = tree(t, dir)
	expect(t, 2, []string{"1.part", "another sweep", `scenario "reintegration"`, `not of sweep "a"`}, "merge", da)
	sameTree(t, dir, before)
}

// TestLimits asks for more replicates, workers, cells and memory than a
// machine has: each is refused at once, exit 2, with a message saying
// the limit or how much is needed and which flag to change, and nothing
// is written.
func TestLimits(t *testing.T) {
	dir := t.TempDir()
	long := writeFile(t, dir, "long.toml", "extends = \"baseline\"\nend = 9999-12-31\nstep_days = 1\n")
	grid := writeFile(t, dir, "grid.toml", "extends = \"epstein\"\n[epstein]\nwidth = 32768\nheight = 32768\n")
	reps := writeFile(t, dir, "reps.toml", "scenario = \"baseline\"\nreplicates = 100000000\n")
	design := writeFile(t, dir, "design.toml", "scenario = \"baseline\"\n[design]\nkind = \"lhs\"\npoints = 1000000\n[parameters]\n\"groups.flm.fighters\" = {min = 100, max = 200}\n\"groups.isgs.fighters\" = {min = 100, max = 200}\n\"groups.ansar_dine.fighters\" = {min = 100, max = 200}\n\"groups.katiba_serma.fighters\" = {min = 100, max = 200}\n")
	out := filepath.Join(dir, "out")
	before := tree(t, dir)
	for _, tt := range []struct {
		args []string
		msgs []string
	}{
		{[]string{"run", "--reps", "100000000", "--out", out}, []string{"--reps 100000000", "want 1 to 100000"}},
		{[]string{"validate", "--reps", "100000000", "--out", out}, []string{"--reps 100000000"}},
		{[]string{"run", "--workers", "10000", "--out", out}, []string{"--workers 10000", "want 1 to 1024"}},
		{[]string{"sweep", "levers", "--workers", "10000", "--out", out}, []string{"--workers 10000"}},
		{[]string{"bench", "--workers", "10000"}, []string{"--workers 10000"}},
		{[]string{"bench", "--size", "32768"}, []string{"--size 32768", "4194304"}},
		{[]string{"run", grid, "--out", out}, []string{"grid.toml:3: epstein.width", "32768 × 32768", "at most 4194304"}},
		{[]string{"run", long, "--out", out}, []string{"not enough memory", "GiB", "lower --reps", "step_days"}},
		{[]string{"sweep", reps, "--out", out}, []string{"reps.toml:2: replicates", "want a value from 1 to 100000"}},
		{[]string{"sweep", design, "--out", out}, []string{"design.toml:4: design.points", "at most 10000000 values"}},
	} {
		expect(t, 2, tt.msgs, tt.args...)
	}
	sameTree(t, dir, before)
}

// TestLongRun runs a scenario of three centuries, longer than a
// time.Duration spans (292 years): it runs to its end, as its manifest
// says, not cut short.
func TestLongRun(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "long.toml", "extends = \"baseline\"\nend = 2317-01-01\nstep_days = 91\n")
	out := filepath.Join(dir, "out")
	expect(t, 0, nil, "run", file, "--reps", "1", "--out", out, "-q", "--no-plots")
	b, err := os.ReadFile(filepath.Join(out, "timeseries.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	last := strings.Split(lines[len(lines)-1], ",")
	// 109,572 days of 91-day steps: 1205 steps, the last from 2316-12-24
	// (a time.Duration saturates at 106,751 days: 1174 steps).
	if last[1] != "1204" || last[2] != "2316-12-24" {
		t.Errorf("the last step is %s, of %s: want 1204, of 2316-12-24", last[1], last[2])
	}
}

// TestSaltelliTooSmall checks that Sobol indices are never numbers
// outside [0, 1] presented as results: a design too small is refused
// before it runs, and estimates that are still unstable are marked in
// sobol.csv and warned of.
func TestSaltelliTooSmall(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "short.toml", "extends = \"baseline\"\nend = 2017-04-30\n")
	design := func(n int) string {
		return fmt.Sprintf("scenario = \"short.toml\"\nreplicates = 1\nseed = 2\n[design]\nkind = \"saltelli\"\npoints = %d\n[parameters]\n\"groups.flm.fighters\" = { min = 800, max = 2000 }\n\"groups.isgs.fighters\" = { min = 300, max = 900 }\n", n)
	}
	small := writeFile(t, dir, "small.toml", design(4))
	before := tree(t, dir)
	expect(t, 2, []string{"small.toml:6: design.points", "too small for stable Sobol indices", "at least 64"}, "sweep", small, "--out", filepath.Join(dir, "out"), "-q")
	sameTree(t, dir, before)

	out := filepath.Join(dir, "s64")
	expect(t, 0, nil, "sweep", writeFile(t, dir, "s64.toml", design(64)), "--out", out, "-q", "--series", "none", "--no-plots")
	stdout := expect(t, 0, nil, "sensitivity", out, "--indicators", "jnim_share_events,fighters_total,events_total")
	rows := readLines(t, filepath.Join(out, "sensitivity", "sobol.csv"))
	if rows[0] != "indicator,factor,s1,s1_low,s1_high,st,st_low,st_high,warning" {
		t.Fatalf("sobol.csv header %q", rows[0])
	}
	marked := 0
	for _, row := range rows[1:] {
		f := strings.Split(row, ",")
		s1, _ := strconv.ParseFloat(f[2], 64)
		st, _ := strconv.ParseFloat(f[5], 64)
		unstable := len(f) > 8 && strings.Contains(row, "unstable")
		if (s1 < -0.05 || s1 > 1.05 || st < -0.05 || st > 1.05) && !unstable {
			t.Errorf("an estimate outside [0, 1] is not marked: %s", row)
		}
		if unstable {
			marked++
		}
	}
	if marked > 0 && !strings.Contains(stdout, fmt.Sprintf("warning: %d of %d Sobol estimates are unstable", marked, len(rows)-1)) {
		t.Errorf("stdout does not warn of the %d unstable estimates:\n%s", marked, stdout)
	}
}

// TestHTMLEscapes puts markup in every text of a scenario the report
// shows (description, zone and group labels): report.html, figures
// inline, holds it as text, never as markup.
func TestHTMLEscapes(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "xss.toml", `extends = "baseline"
description = "<script>alert('d')</script> & <b>bold</b>"
end = 2017-04-30
[zones.central_mali]
label = "<script>alert('z')</script>"
[groups.flm]
label = "<img src=x onerror=alert(1)>"
`)
	out := filepath.Join(dir, "out")
	expect(t, 0, nil, "run", file, "--reps", "1", "--out", out, "-q")
	b, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, raw := range []string{"<script>alert", "<img src=x", "<b>bold"} {
		if strings.Contains(page, raw) {
			t.Errorf("report.html holds %q unescaped", raw)
		}
	}
	for _, esc := range []string{"&lt;script&gt;alert(&#39;d&#39;)", "&lt;script&gt;alert(&#39;z&#39;)"} {
		if !strings.Contains(page, esc) {
			t.Errorf("report.html lacks the escaped text %q", esc)
		}
	}
}

// TestOutNotAFile gives compare a device as its output file: refused,
// never replaced (as root, renaming over /dev/null would replace the
// device with a file).
func TestOutNotAFile(t *testing.T) {
	dir := t.TempDir()
	sw := writeFile(t, dir, "s.toml", "scenario = \"baseline\"\nreplicates = 2\n[parameters]\nend = [2017-02-01, 2017-03-01]\n")
	out := filepath.Join(dir, "out")
	expect(t, 0, nil, "sweep", sw, "--out", out, "-q", "--no-plots")
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	expect(t, 2, []string{"not a regular file"}, "compare", out, "--out", fifo)
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v, %v", fi.Mode(), err)
	}
}
