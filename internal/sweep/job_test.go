package sweep_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
)

func TestShardOf(t *testing.T) {
	array := map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "2", "SLURM_ARRAY_TASK_COUNT": "3"}
	tests := []struct {
		name     string
		flag     string
		env      map[string]string
		want     sweep.Shard
		fromFlag bool
		err      bool
	}{
		{"whole", "", nil, sweep.Shard{}, false, false},
		{"the flag", "1/4", array, sweep.Shard{Index: 1, Count: 4}, true, false},
		{"a bad flag", "4/4", nil, sweep.Shard{}, true, true},
		{"a job array", "", array, sweep.Shard{Index: 1, Count: 3}, false, false},
		{"a bad job array", "", map[string]string{"SLURM_ARRAY_TASK_ID": "x"}, sweep.Shard{}, false, true},
	}
	for _, tt := range tests {
		got, fromFlag, err := sweep.ShardOf(tt.flag, func(k string) string { return tt.env[k] })
		if got != tt.want || fromFlag != tt.fromFlag || (err != nil) != tt.err {
			t.Errorf("%s: ShardOf = %v, %v, %v; want %v, %v, error %v", tt.name, got, fromFlag, err, tt.want, tt.fromFlag, tt.err)
		}
	}
}

func TestFailureError(t *testing.T) {
	var fs []sweep.Failure
	for run := range 7 {
		fs = append(fs, sweep.Failure{Run: run, Seed: 1, Error: "boom"})
	}
	msg := sweep.FailureError(fs, 20, "failures.csv").Error()
	if !strings.HasPrefix(msg, "7 of 20 runs failed (see failures.csv):\n") || strings.Count(msg, "boom") != 5 ||
		!strings.Contains(msg, "… and 2 more") || !strings.HasSuffix(msg, "rerun the same command to run the failed runs again") {
		t.Errorf("FailureError:\n%s", msg)
	}
}

func TestSetTestHooks(t *testing.T) {
	trace := filepath.Join(t.TempDir(), "trace")
	env := map[string]string{sweep.EnvTestFail: "2, 5", sweep.EnvTestTrace: trace}
	var o sweep.Options
	release, err := o.SetTestHooks(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if o.Fail(2) == nil || o.Fail(3) != nil || o.Trace == nil {
		t.Error("the hooks do not fail runs 2 and 5 only, or do not trace")
	}
	env[sweep.EnvTestFail] = "two"
	if _, err := new(sweep.Options).SetTestHooks(func(k string) string { return env[k] }); err == nil {
		t.Errorf("%s=two: no error", sweep.EnvTestFail)
	}
}

// TestWriteCompare checks that a complete sweep of several points gets
// its compare.csv, each point against the first.
func TestWriteCompare(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{sweep.ManifestFile, sweep.RunsCSV} {
		b, err := os.ReadFile(filepath.Join(referenceDir(t), f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := sweep.WriteCompare(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	res, err := outputs.ReadSweep(dir, outputs.ReadOptions{Summary: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Comparisons) == 0 || res.Comparisons[0].Reference != 0 {
		t.Errorf("compare.csv: %d comparisons, the first %+v", len(res.Comparisons), res.Comparisons)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sweep.WriteCompare(ctx, dir); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteCompare after cancel: %v, want context.Canceled", err)
	}
}
