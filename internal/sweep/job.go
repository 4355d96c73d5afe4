package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	simrunner "github.com/sahelsim/sahelsim/internal/runner"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

// This file holds the steps the sweep, merge and calibrate commands take
// around Run and Assemble: loading a sweep, opening its directory,
// comparing its points once it is complete, and saying which runs
// failed.

// Load loads the sweep file or built-in sweep name, and the manifest of
// its directory for the time series series, built by b. Its errors are
// the sweep's: a file that does not load or describes no sweep that can
// run.
func Load(name string, series Series, b outputs.Build) (*scenarios.Sweep, *Manifest, error) {
	return LoadReps(name, series, 0, b)
}

// LoadReps is Load with reps replicates of each point in place of the
// file's, unless reps is 0 (the --reps of the sweep and slurm commands).
// The replicates are part of what the manifest's hash identifies: a
// directory of the same sweep with other replicates is another sweep.
func LoadReps(name string, series Series, reps int, b outputs.Build) (*scenarios.Sweep, *Manifest, error) {
	sw, err := scenarios.LoadSweep(name)
	if err != nil {
		return nil, nil, err
	}
	if reps != 0 {
		if err := sw.SetReplicates(reps); err != nil {
			return nil, nil, fmt.Errorf("--reps: %w", err)
		}
	}
	m, err := NewManifest(sw, series, b)
	if err != nil {
		return nil, nil, err
	}
	return sw, m, nil
}

// ShardOf returns the shard this process runs: that of flag ("i/n",
// ParseShard) if it is not "", else the task's of a Slurm job array
// (SlurmShard; getenv is os.Getenv or a stand-in), else the whole sweep.
// fromFlag says whether an error is flag's.
func ShardOf(flag string, getenv func(string) string) (s Shard, fromFlag bool, err error) {
	if flag != "" {
		s, err = ParseShard(flag)
		return s, true, err
	}
	s, _, err = SlurmShard(getenv)
	return s, false, err
}

// Workers returns the number of runs to run at once: n, or
// DefaultWorkers(getenv) if n is 0, checked against the memory a run of
// each scenario of sw needs (runner.CheckMemory, naming --workers).
func Workers(sw *scenarios.Sweep, n int, getenv func(string) string) (int, error) {
	if n == 0 {
		n = DefaultWorkers(getenv)
	}
	for _, sc := range sw.Scenarios { // each worker holds one run
		if err := simrunner.CheckMemory(sc, n, n, "--workers"); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// DefaultDir returns the directory of the sweep sw when none is given:
// outputs.RunsDir/<its name>.
func DefaultDir(sw *scenarios.Sweep) (string, error) {
	name := sw.Name
	if name == "" {
		name = "sweep"
	}
	return outputs.DefaultDir(name)
}

// Open locks the sweep directory dir (outputs.LockDir, creating it; a
// lock shared with the other shards if shared) and makes it the
// directory of the sweep of m (Prepare). It returns the manifest dir
// holds and the lock, which the caller releases. Its errors wrap
// outputs.ErrLocked or fs.ErrNotExist if dir cannot be locked, and
// ErrOtherSweep or ErrNotSweep if it holds something else.
func Open(dir string, m *Manifest, shared bool) (*Manifest, *outputs.Lock, error) {
	lock, err := outputs.LockDir(dir, outputs.LockOptions{Create: true, Shared: shared})
	if err != nil {
		return nil, nil, err
	}
	m, err = Prepare(dir, m)
	if err != nil {
		lock.Unlock()
		return nil, nil, err
	}
	return m, lock, nil
}

// WriteCompare writes compare.csv of the complete sweep in dir: every
// point against its default reference (Table.References), if the sweep
// has more than one point; nothing otherwise. It stops with ctx's error
// once ctx is done.
func WriteCompare(ctx context.Context, dir string) error {
	t, err := ReadTable(dir)
	if err != nil {
		return err
	}
	refs, err := t.References("")
	if err != nil {
		return nil // one point: nothing to compare
	}
	cs := t.Compare(refs)
	if len(cs) == 0 {
		return nil
	}
	return outputs.WriteFileAtomic(ctx, filepath.Join(dir, CompareCSV), func(w io.Writer) error {
		return outputs.WriteComparisons(w, cs)
	})
}

// FailureError returns the error of a sweep in which the runs fs of runs
// failed: their number, where they are listed (file, if not ""), the
// first five, and what to do.
func FailureError(fs []Failure, runs int, file string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d runs failed", len(fs), runs)
	if file != "" {
		fmt.Fprintf(&b, " (see %s)", file)
	}
	b.WriteString(":")
	for i, f := range fs {
		if i == 5 {
			fmt.Fprintf(&b, "\n  … and %d more", len(fs)-i)
			break
		}
		b.WriteString("\n  " + FormatFailure(f))
	}
	b.WriteString("\nrerun the same command to run the failed runs again")
	return errors.New(b.String())
}

// Environment variables that set the test hooks of Options in a real
// process (SetTestHooks): they make runs fail, and record the runs
// started.
const (
	EnvTestFail  = "SAHELSIM_TEST_FAIL"  // run ids that fail, comma-separated
	EnvTestTrace = "SAHELSIM_TEST_TRACE" // file that gets "run ID" when each run starts
)

// SetTestHooks sets o.Fail and o.Trace from the environment (EnvTestFail,
// EnvTestTrace; getenv is os.Getenv or a stand-in), so that the tests of
// the command can make runs of a real process fail and see which ran. It
// returns a function that releases them.
func (o *Options) SetTestHooks(getenv func(string) string) (release func(), err error) {
	if s := getenv(EnvTestFail); s != "" {
		var fail []int
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				return nil, fmt.Errorf("%s=%q: want run ids", EnvTestFail, s)
			}
			fail = append(fail, n)
		}
		o.Fail = func(run int) error {
			if slices.Contains(fail, run) {
				return fmt.Errorf("failure injected by %s", EnvTestFail)
			}
			return nil
		}
	}
	if path := getenv(EnvTestTrace); path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		o.Trace = f
		return func() { f.Close() }, nil
	}
	return func() {}, nil
}
