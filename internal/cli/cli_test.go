package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/sahelsim/sahelsim/internal/sweep"
	"github.com/sahelsim/sahelsim/outputs"
	"github.com/sahelsim/sahelsim/scenarios"
)

func TestExitCode(t *testing.T) {
	boom := errors.New("disk full")
	tests := []struct {
		name  string
		err   error
		code  int
		usage bool
	}{
		{"success", nil, ExitOK, false},
		{"interrupted", Interrupted("nothing written"), ExitInterrupted, false},
		{"interrupted, wrapped", Work(fmt.Errorf("x: %w", Interrupted("x"))), ExitInterrupted, false},
		{"a failure", Work(boom), ExitFailure, false},
		{"bad input", BadInput(boom), ExitUsage, false},
		{"a bad flag", Usage(boom), ExitUsage, true},
		{"cobra's own error", errors.New("unknown flag: --x"), ExitUsage, true},
		{"a scenario's error, from the work", Work(&scenarios.Error{Err: scenarios.ErrType}), ExitUsage, false},
		{"a directory in the way", Work(fmt.Errorf("x: %w", outputs.ErrExists)), ExitUsage, false},
		{"another sweep's directory", Work(fmt.Errorf("x: %w", sweep.ErrOtherSweep)), ExitUsage, false},
		{"a missing file, marked", Classify(fs.ErrNotExist, fs.ErrNotExist), ExitUsage, false},
		{"a missing file, unmarked", Classify(fs.ErrNotExist), ExitFailure, false},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.code {
			t.Errorf("%s: ExitCode = %d, want %d", tt.name, got, tt.code)
		}
		if tt.err != nil {
			if got := ShowUsage(tt.err); got != tt.usage {
				t.Errorf("%s: ShowUsage = %v, want %v", tt.name, got, tt.usage)
			}
		}
	}
	if Work(nil) != nil || Classify(nil, fs.ErrNotExist) != nil {
		t.Error("Work(nil) or Classify(nil) is not nil")
	}
}

func TestCheckReps(t *testing.T) {
	for _, tt := range []struct {
		reps, workers int
		ok            bool
	}{{1, 1, true}, {0, 1, false}, {100001, 1, false}, {5, 0, false}, {5, 1025, false}, {5, 1024, true}} {
		err := CheckReps(tt.reps, tt.workers)
		if (err == nil) != tt.ok || err != nil && !ShowUsage(err) {
			t.Errorf("CheckReps(%d, %d) = %v, want ok %v (a usage error otherwise)", tt.reps, tt.workers, err, tt.ok)
		}
	}
}

func TestClaimExisting(t *testing.T) {
	dir := t.TempDir()
	if _, err := ClaimExisting(dir + "/none"); ExitCode(err) != ExitUsage {
		t.Errorf("a missing directory: %v, want bad input", err)
	}
	if _, err := ClaimExisting(dir); !errors.Is(err, outputs.ErrNotOurs) || ExitCode(err) != ExitUsage {
		t.Errorf("a directory sahelsim did not write: %v, want bad input wrapping ErrNotOurs", err)
	}
	ctx, _, stop := NotifyContext(context.Background())
	defer stop()
	if ctx.Err() != nil {
		t.Error("NotifyContext's context is done before any signal")
	}
}
