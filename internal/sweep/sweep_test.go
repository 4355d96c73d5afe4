package sweep_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// outputFiles are the files of a sweep directory that must not depend on
// workers, shards or interruptions.
var outputFiles = []string{sweep.ManifestFile, sweep.RunsCSV, sweep.SeriesCSV, sweep.RunsParquet, sweep.SeriesParquet}

// build is a fixed build, so that manifests compare equal.
var build = outputs.Build{Version: "test", Commit: "test", GoVersion: "go"}

// load loads the sweep testdata/name.
func load(t testing.TB, name string) *scenarios.Sweep {
	t.Helper()
	sw, err := scenarios.LoadSweep(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

// prepare makes dir a directory for sw.
func prepare(t testing.TB, dir string, sw *scenarios.Sweep, series sweep.Series) *sweep.Manifest {
	t.Helper()
	m, err := sweep.NewManifest(sw, series, build)
	if err != nil {
		t.Fatal(err)
	}
	if m, err = sweep.Prepare(dir, m); err != nil {
		t.Fatal(err)
	}
	return m
}

// runAll runs the whole sweep sw in dir, recording the time series
// series, with the options o, and assembles it.
func runAll(t testing.TB, dir string, sw *scenarios.Sweep, series sweep.Series, o sweep.Options) *sweep.Summary {
	t.Helper()
	m := prepare(t, dir, sw, series)
	res, err := sweep.Run(context.Background(), dir, sw, m, o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Runs != sw.NumRuns() || res.Done+len(res.Failures) != res.Runs {
		t.Fatalf("run: %+v for %d runs", res, sw.NumRuns())
	}
	sum, err := sweep.Assemble(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// testRoot is a temporary directory for the whole test binary, made and
// removed by TestMain.
var testRoot string

// reference runs the sweep testdata/tiny.toml once on one worker, for the
// tests to compare with.
var reference = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(testRoot, "reference")
	sw, err := scenarios.LoadSweep(filepath.Join("testdata", "tiny.toml"))
	if err != nil {
		return "", err
	}
	m, err := sweep.NewManifest(sw, sweep.SeriesTotals, build)
	if err != nil {
		return "", err
	}
	if m, err = sweep.Prepare(dir, m); err != nil {
		return "", err
	}
	if _, err := sweep.Run(context.Background(), dir, sw, m, sweep.Options{Workers: 1}); err != nil {
		return "", err
	}
	_, err = sweep.Assemble(dir, m)
	return dir, err
})

func referenceDir(t *testing.T) string {
	t.Helper()
	dir, err := reference()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestMain(m *testing.M) {
	var err error
	if testRoot, err = os.MkdirTemp("", "sweep-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(testRoot)
	os.Exit(code)
}

// sameFiles checks that the output files of dir are byte-identical to
// those of want.
func sameFiles(t *testing.T, dir, want string) {
	t.Helper()
	for _, f := range outputFiles {
		a, err := os.ReadFile(filepath.Join(want, f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the reference (%d bytes, want %d)", filepath.Join(dir, f), len(b), len(a))
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	ref := referenceDir(t)
	sw := load(t, "tiny.toml")
	for _, w := range []int{1, 2, 4} {
		// Assembled after the runs, and as they run.
		for _, follow := range []bool{false, true} {
			t.Run(fmt.Sprintf("workers=%d,assemble=%t", w, follow), func(t *testing.T) {
				dir := t.TempDir()
				if !follow {
					runAll(t, dir, sw, sweep.SeriesTotals, sweep.Options{Workers: w})
				} else {
					m := prepare(t, dir, sw, sweep.SeriesTotals)
					res, err := sweep.Run(context.Background(), dir, sw, m, sweep.Options{Workers: w, Assemble: true})
					if err != nil {
						t.Fatal(err)
					}
					if res.Summary == nil || res.Summary.Written != sw.NumRuns() {
						t.Fatalf("summary %+v", res.Summary)
					}
				}
				sameFiles(t, dir, ref)
				if tmp, _ := filepath.Glob(filepath.Join(dir, ".*")); len(tmp) != 0 {
					t.Errorf("temporary files left: %v", tmp)
				}
			})
		}
	}
}

func TestDeterministicAcrossShards(t *testing.T) {
	ref := referenceDir(t)
	sw := load(t, "tiny.toml")
	for _, n := range []int{1, 3, 7} {
		t.Run(fmt.Sprintf("shards=%d", n), func(t *testing.T) {
			dir := t.TempDir()
			m := prepare(t, dir, sw, sweep.SeriesTotals)
			seen := map[int]int{}
			var mu sync.Mutex
			for i := range n {
				o := sweep.Options{Workers: 2, Shard: sweep.Shard{Index: i, Count: n}, Trace: traceFunc(func(run int) {
					mu.Lock()
					seen[run]++
					mu.Unlock()
				})}
				res, err := sweep.Run(context.Background(), dir, sw, m, o)
				if err != nil {
					t.Fatal(err)
				}
				if want := (sw.NumRuns() - i + n - 1) / n; res.Runs != want || res.Done != want {
					t.Errorf("shard %d/%d: %+v, want %d runs", i, n, res, want)
				}
				if i == 0 && n > 1 {
					// The merge names the runs that are still missing.
					_, err := sweep.Merge(dir)
					if !errors.Is(err, sweep.ErrMissing) || !strings.Contains(err.Error(), "1-") {
						t.Errorf("merge of one shard of %d: %v", n, err)
					}
				}
			}
			// Disjoint and complete.
			for run := range sw.NumRuns() {
				if seen[run] != 1 {
					t.Errorf("run %d ran %d times", run, seen[run])
				}
			}
			sum, err := sweep.Merge(dir)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Written != sw.NumRuns() || len(sum.Failures) != 0 {
				t.Errorf("merge: %+v", sum)
			}
			sameFiles(t, dir, ref)
		})
	}
}

// A traceFunc is an io.Writer for Options.Trace that calls itself with
// the run of each line.
type traceFunc func(run int)

func (f traceFunc) Write(b []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		id, ok := strings.CutPrefix(line, "run ")
		n, err := strconv.Atoi(id)
		if !ok || err != nil {
			return 0, fmt.Errorf("trace line %q", line)
		}
		f(n)
	}
	return len(b), nil
}

func TestResume(t *testing.T) {
	ref := referenceDir(t)
	sw := load(t, "tiny.toml")
	dir := t.TempDir()
	m := prepare(t, dir, sw, sweep.SeriesTotals)

	// Stop after 7 runs.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := sweep.Run(ctx, dir, sw, m, sweep.Options{Workers: 2, Assemble: true, Progress: func(done, _ int) {
		if done >= 7 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || !res.Stopped || res.Done < 7 || res.Done >= sw.NumRuns() {
		t.Fatalf("stopped run: %+v, %v", res, err)
	}
	// Replicate-major: the runs done are the first ones, but for the runs
	// in progress when it stopped.
	done := parts(t, dir)
	if done[len(done)-1] >= res.Done+2 {
		t.Errorf("runs done after a stop: %v", done)
	}
	if _, err := sweep.Assemble(dir, m); !errors.Is(err, sweep.ErrMissing) {
		t.Errorf("assemble of an unfinished sweep: %v", err)
	}
	// A stopped sweep leaves no tables, and no temporary files.
	if left, _ := filepath.Glob(filepath.Join(dir, "*.*")); len(left) != 1 || filepath.Base(left[0]) != sweep.ManifestFile {
		t.Errorf("a stopped sweep left %v", left)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*")); len(tmp) != 0 {
		t.Errorf("a stopped sweep left temporary files: %v", tmp)
	}

	// The same again runs only the others.
	var ran []int
	var mu sync.Mutex
	res, err = sweep.Run(context.Background(), dir, sw, m, sweep.Options{Workers: 2, Assemble: true, Trace: traceFunc(func(run int) {
		mu.Lock()
		ran = append(ran, run)
		mu.Unlock()
	})})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, dir, ref) // assembled as it ran
	slices.Sort(ran)
	var want []int
	for run := range sw.NumRuns() {
		if !slices.Contains(done, run) {
			want = append(want, run)
		}
	}
	if !slices.Equal(ran, want) {
		t.Errorf("resumed sweep ran %v, want %v", ran, want)
	}
	if res.Before != len(done) || res.Ran != len(want) {
		t.Errorf("resumed: %+v, want %d before and %d ran", res, len(done), len(want))
	}
	if _, err := sweep.Assemble(dir, m); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, dir, ref)
}

// parts returns the runs that have a part in dir, in order.
func parts(t *testing.T, dir string) []int {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "parts", "*", "*.part"))
	if err != nil {
		t.Fatal(err)
	}
	var runs []int
	for _, p := range paths {
		n, err := strconv.Atoi(strings.TrimSuffix(filepath.Base(p), ".part"))
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, n)
	}
	slices.Sort(runs)
	return runs
}

func TestFailures(t *testing.T) {
	ref := referenceDir(t)
	sw := load(t, "tiny.toml")
	dir := t.TempDir()
	m := prepare(t, dir, sw, sweep.SeriesTotals)
	fail := func(run int) error {
		switch run {
		case 3:
			return errors.New("injected failure")
		case 17:
			panic("injected panic")
		}
		return nil
	}
	res, err := sweep.Run(context.Background(), dir, sw, m, sweep.Options{Workers: 2, Fail: fail})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) != 2 || res.Failures[0].Run != 3 || res.Failures[1].Run != 17 || res.Done != sw.NumRuns()-2 {
		t.Fatalf("result: %+v", res)
	}
	sum, err := sweep.Assemble(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != sw.NumRuns()-2 || len(sum.Failures) != 2 {
		t.Errorf("summary: %+v", sum)
	}
	rows := readCSV(t, filepath.Join(dir, sweep.FailuresCSV))
	r3, r17 := sw.Run(3), sw.Run(17)
	want := [][]string{
		{"run", "scenario", "point", "replicate", "seed", "error"},
		{"3", sw.Scenarios[sw.Point(r3.Point).Scenario].Name, strconv.Itoa(r3.Point), strconv.Itoa(r3.Replicate), strconv.FormatUint(r3.Seed, 10), "injected failure"},
		{"17", sw.Scenarios[sw.Point(r17.Point).Scenario].Name, strconv.Itoa(r17.Point), strconv.Itoa(r17.Replicate), strconv.FormatUint(r17.Seed, 10), "panic: injected panic"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("failures.csv:\n%v\nwant\n%v", rows, want)
	}
	runs := readCSV(t, filepath.Join(dir, sweep.RunsCSV))
	if len(runs) != 1+sw.NumRuns()-2 || slices.ContainsFunc(runs, func(r []string) bool { return r[0] == "3" || r[0] == "17" }) {
		t.Errorf("runs.csv has %d rows, or a failed run", len(runs))
	}

	// Run again: the failed runs, and only they, run again, and the
	// outputs are those of a sweep without failures.
	var ran []int
	res, err = sweep.Run(context.Background(), dir, sw, m, sweep.Options{Workers: 1, Trace: traceFunc(func(run int) { ran = append(ran, run) })})
	if err != nil || len(res.Failures) != 0 {
		t.Fatalf("rerun: %+v, %v", res, err)
	}
	if !slices.Equal(ran, []int{3, 17}) {
		t.Errorf("rerun ran %v, want [3 17]", ran)
	}
	if _, err := sweep.Assemble(dir, m); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, dir, ref)
	if _, err := os.Stat(filepath.Join(dir, sweep.FailuresCSV)); !os.IsNotExist(err) {
		t.Errorf("failures.csv left after the failed runs succeeded: %v", err)
	}
	if f, _ := filepath.Glob(filepath.Join(dir, "parts", "*", "*.fail")); len(f) != 0 {
		t.Errorf("failure records left: %v", f)
	}
}

func TestRunsTable(t *testing.T) {
	dir := referenceDir(t)
	sw := load(t, "tiny.toml")
	m, err := sweep.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, filepath.Join(dir, sweep.RunsCSV))
	header := append([]string{"run", "scenario", "point", "replicate", "seed", "groups.flm.fighters", "end"}, m.Indicators...)
	if !slices.Equal(rows[0], header) {
		t.Fatalf("runs.csv header:\n%v\nwant\n%v", rows[0], header)
	}
	if len(rows) != 1+sw.NumRuns() {
		t.Fatalf("runs.csv has %d rows, want %d", len(rows)-1, sw.NumRuns())
	}
	// The columns cover both years of the points ending in 2018.
	if !slices.Contains(m.Indicators, "events_2018") || !slices.Contains(m.Indicators, "events_2017") {
		t.Errorf("indicators lack a year: %v", m.Indicators)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	for i, r := range rows[1:] {
		run := sw.Run(i)
		pt := sw.Point(run.Point)
		want := []string{strconv.Itoa(i), sw.Scenarios[pt.Scenario].Name, strconv.Itoa(run.Point), strconv.Itoa(run.Replicate),
			strconv.FormatUint(run.Seed, 10), scenarios.FormatValue(pt.Values[0]), scenarios.FormatValue(pt.Values[1])}
		if !slices.Equal(r[:7], want) {
			t.Errorf("row %d: %v, want %v", i, r[:7], want)
		}
		// Common random numbers: every point's replicate r has the same seed.
		if run.Seed != m.Seeds[run.Replicate] {
			t.Errorf("run %d: seed %d, replicate %d's is %d", i, run.Seed, run.Replicate, m.Seeds[run.Replicate])
		}
		// A point ending in 2017 has no 2018 events; one ending in 2018 has.
		if got, ends2018 := r[col("events_2018")], strings.HasPrefix(r[col("end")], "2018"); (got == "") == ends2018 {
			t.Errorf("run %d ending %s: events_2018 = %q", i, r[col("end")], got)
		}
	}

	// The time series: the totals of every run, in run order.
	series := readCSV(t, filepath.Join(dir, sweep.SeriesCSV))
	if !slices.Equal(series[0], []string{"run", "step", "date", "zone", "group", "metric", "value"}) {
		t.Errorf("timeseries.csv header %v", series[0])
	}
	last := -1
	for _, r := range series[1:] {
		run, _ := strconv.Atoi(r[0])
		if run < last {
			t.Fatalf("timeseries.csv: run %d after run %d", run, last)
		}
		last = run
		if r[5] == "events" && r[3] != outputs.All && r[4] != outputs.All {
			t.Fatalf("timeseries.csv has a zone × group row by default: %v", r)
		}
	}
	if last != sw.NumRuns()-1 {
		t.Errorf("timeseries.csv ends with run %d", last)
	}
}

// TestRunReproducible checks that a run of a sweep is 'sahelsim run' of
// its point's scenario with the run's seed, replicate 0.
func TestRunReproducible(t *testing.T) {
	dir := referenceDir(t)
	sw := load(t, "tiny.toml")
	rows := readCSV(t, filepath.Join(dir, sweep.RunsCSV))
	for _, id := range []int{0, 13, sw.NumRuns() - 1} {
		run := sw.Run(id)
		sc, err := sw.PointScenario(run.Point)
		if err != nil {
			t.Fatal(err)
		}
		reps, err := runner.Run(context.Background(), sc, run.Seed, 1, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		for j, name := range rows[0] {
			want := reps[0].Value(name)
			if j < 7 || (math.IsNaN(want) && !slices.Contains(reps[0].Columns, name)) {
				continue
			}
			if got := rows[1+id][j]; got != outputs.FormatFloat(want) {
				t.Errorf("run %d: %s = %s, sahelsim run gives %s", id, name, got, outputs.FormatFloat(want))
			}
		}
	}
}

// TestRunMatchesSweep checks that a point of a sweep holds the replicates
// of 'sahelsim run' of the point's scenario with the sweep's seed: run
// (point, replicate r) is replicate r of that run, and the run's
// summary.csv names the same seed for it as runs.csv.
func TestRunMatchesSweep(t *testing.T) {
	dir := referenceDir(t)
	sw := load(t, "tiny.toml")
	rows := readCSV(t, filepath.Join(dir, sweep.RunsCSV))
	for _, p := range []int{0, sw.NumPoints() - 1} {
		sc, err := sw.PointScenario(p)
		if err != nil {
			t.Fatal(err)
		}
		reps, err := runner.Run(context.Background(), sc, sw.Seed, sw.Replicates, 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		for r, rep := range reps {
			id := r*sw.NumPoints() + p
			row := rows[1+id]
			if got, want := row[4], strconv.FormatUint(rep.Seed, 10); got != want {
				t.Errorf("point %d, replicate %d: runs.csv's seed %s, the run's %s", p, r, got, want)
			}
			// Read as a double, as R's readr does, the seed is exact.
			if f, err := strconv.ParseFloat(row[4], 64); err != nil || uint64(f) != rep.Seed {
				t.Errorf("point %d, replicate %d: seed %s reads as the double %v", p, r, row[4], f)
			}
			for j, name := range rows[0] {
				want := rep.Value(name)
				if j < 7 || (math.IsNaN(want) && !slices.Contains(rep.Columns, name)) {
					continue
				}
				if got := row[j]; got != outputs.FormatFloat(want) {
					t.Errorf("point %d, replicate %d: %s = %s in the sweep, %s in 'sahelsim run --seed %d'", p, r, name, got, outputs.FormatFloat(want), sw.Seed)
				}
			}
		}
	}
}

func TestPrepare(t *testing.T) {
	sw := load(t, "tiny.toml")
	dir := t.TempDir()
	m := prepare(t, dir, sw, sweep.SeriesTotals)

	// The same sweep again, or with another build: the same directory.
	m2, err := sweep.NewManifest(sw, sweep.SeriesTotals, outputs.Build{Version: "other"})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := sweep.Prepare(dir, m2); err != nil || got.Hash != m.Hash || got.Build != build {
		t.Errorf("prepare the same sweep again: %v", err)
	}

	other := func(f func(*scenarios.Sweep) sweep.Series) *sweep.Manifest {
		sw := load(t, "tiny.toml")
		series := f(sw)
		m, err := sweep.NewManifest(sw, series, build)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	for name, m := range map[string]*sweep.Manifest{
		"seed":       other(func(sw *scenarios.Sweep) sweep.Series { sw.Seed++; return sweep.SeriesTotals }),
		"replicates": other(func(sw *scenarios.Sweep) sweep.Series { sw.Replicates++; return sweep.SeriesTotals }),
		"series":     other(func(sw *scenarios.Sweep) sweep.Series { return sweep.SeriesFull }),
		"values": other(func(sw *scenarios.Sweep) sweep.Series {
			sw.Parameters[0].Values[1] = int64(1700)
			return sweep.SeriesTotals
		}),
	} {
		if _, err := sweep.Prepare(dir, m); !errors.Is(err, sweep.ErrOtherSweep) {
			t.Errorf("another %s: %v, want ErrOtherSweep", name, err)
		}
	}

	// A directory with other files is not a sweep's.
	notSweep := t.TempDir()
	if err := os.WriteFile(filepath.Join(notSweep, "notes.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sweep.Prepare(notSweep, m); !errors.Is(err, sweep.ErrNotSweep) {
		t.Errorf("prepare a directory with other files: %v", err)
	}
}

func TestCorruptPart(t *testing.T) {
	sw := load(t, "tiny.toml")
	dir := t.TempDir()
	runAll(t, dir, sw, sweep.SeriesNone, sweep.Options{Workers: 2})
	path := filepath.Join(dir, "parts", "0000", "5.part")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = sweep.Merge(dir)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("merge with a corrupt part: %v", err)
	}
}

func TestSeriesModes(t *testing.T) {
	sw := load(t, "tiny.toml")
	sw.Replicates = 1
	rowsOf := func(series sweep.Series) int {
		dir := t.TempDir()
		runAll(t, dir, sw, series, sweep.Options{Workers: 2})
		return len(readCSV(t, filepath.Join(dir, sweep.SeriesCSV))) - 1
	}
	none, totals, full := rowsOf(sweep.SeriesNone), rowsOf(sweep.SeriesTotals), rowsOf(sweep.SeriesFull)
	if none != 0 || totals == 0 || full <= 2*totals {
		t.Errorf("time-series rows: none %d, totals %d, full %d", none, totals, full)
	}
}

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want sweep.Shard
		ok   bool
	}{
		{"0/1", sweep.Shard{Index: 0, Count: 1}, true},
		{"2/7", sweep.Shard{Index: 2, Count: 7}, true},
		{"7/7", sweep.Shard{}, false},
		{"-1/3", sweep.Shard{}, false},
		{"1/0", sweep.Shard{}, false},
		{"1", sweep.Shard{}, false},
		{"a/b", sweep.Shard{}, false},
	}
	for _, tt := range tests {
		got, err := sweep.ParseShard(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestSlurmShard(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want sweep.Shard
		ok   bool
		err  bool
	}{
		{"not an array", map[string]string{"SLURM_JOB_ID": "12"}, sweep.Shard{}, false, false},
		{"first task", map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "4"},
			sweep.Shard{Index: 0, Count: 4}, true, false},
		{"from 1", map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_COUNT": "4"},
			sweep.Shard{Index: 3, Count: 4}, true, false},
		{"gaps", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_COUNT": "3"},
			sweep.Shard{}, true, true},
		{"no count", map[string]string{"SLURM_ARRAY_TASK_ID": "2"}, sweep.Shard{}, true, true},
	}
	for _, tt := range tests {
		got, ok, err := sweep.SlurmShard(func(k string) string { return tt.env[k] })
		if got != tt.want || ok != tt.ok || (err != nil) != tt.err {
			t.Errorf("%s: %v, %t, %v", tt.name, got, ok, err)
		}
	}
}

func TestDefaultWorkers(t *testing.T) {
	all := sweep.DefaultWorkers(func(string) string { return "" })
	if all < 1 {
		t.Fatalf("DefaultWorkers = %d", all)
	}
	if got := sweep.DefaultWorkers(func(string) string { return "1" }); got != 1 {
		t.Errorf("with SLURM_CPUS_PER_TASK=1: %d workers", got)
	}
	if got := sweep.DefaultWorkers(func(string) string { return "1000" }); got != all {
		t.Errorf("with SLURM_CPUS_PER_TASK=1000: %d workers, want %d (never more than this process may use)", got, all)
	}
}
