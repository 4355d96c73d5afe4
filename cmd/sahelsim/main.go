// Command sahelsim runs the Sahel model, an agent-based simulation of the
// component groups of the JNIM coalition and of ISGS, for policy research:
// the replicates of a scenario (run, validate, and scenarios and show to
// find one), sweeps of scenarios (sweep, slurm and merge to run them,
// compare, sensitivity and calibrate to analyse them), the figures, LaTeX
// tables and report of a run or sweep (plot), ACLED's export layout both
// ways (acled), and the engine's speed (bench). 'sahelsim help COMMAND'
// describes each command; README.md shows them at work.
//
// This package parses flags and prints; the other packages do the work.
// How a command ends is package internal/cli's: exit code 0 on success, 1
// for a failure of its work, 2 for bad input (a file, a flag, an output
// directory in the way), 130 or 143 when SIGINT or SIGTERM stopped it
// (after removing what it had half written).
package main

import (
	"context"
	"os"

	"github.com/sahelsim/sahelsim/internal/cli"
)

// Set at link time with -ldflags "-X main.version=v1.2.3 -X main.commit=abc123"
// for builds that record no VCS information (-buildvcs=false).
var version, commit string

func main() {
	// The first SIGINT or SIGTERM cancels ctx: the command stops within
	// a second, removes what it had half written, and exits 130 or 143.
	// A second one, while it cleans up, kills it at once (the default),
	// and the next run of the same directory removes what it left.
	ctx, exit, stop := cli.NotifyContext(context.Background())
	code := exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}
